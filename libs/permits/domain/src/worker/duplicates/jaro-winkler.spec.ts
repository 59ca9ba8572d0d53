import { jaro, jaroWinkler } from './jaro-winkler';

const round = (n: number) => Math.round(n * 1000) / 1000;

describe('Jaro and Jaro–Winkler', () => {
  it.each([
    ['martha', 'marhta', 0.944, 0.961],
    ['dwayne', 'duane', 0.822, 0.84],
    ['dixon', 'dicksonx', 0.767, 0.813],
    ['jellyfish', 'smellyfish', 0.896, 0.896],
  ])('%s / %s: Jaro %p, Jaro–Winkler %p (Winkler 1990 reference values)', (a, b, j, jw) => {
    expect(round(jaro(a, b))).toBe(j);
    expect(round(jaroWinkler(a, b))).toBe(jw);
  });

  it('is 1 for equal strings, 0 with nothing in common or an empty string, and symmetric', () => {
    expect(jaroWinkler('xol', 'xol')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'abc')).toBe(0);
    expect(jaroWinkler('peres', 'perea')).toBeCloseTo(jaroWinkler('perea', 'peres'), 10);
  });
});
