import { offsetClock, type Clock } from './clock.port';

describe('offsetClock', () => {
  const base: Clock = { now: () => new Date('2026-12-02T05:00:00.000Z') };

  it('is the base clock shifted by the offset, ahead or behind', () => {
    expect(
      offsetClock(3 * 86_400_000, base)
        .now()
        .toISOString(),
    ).toBe('2026-12-05T05:00:00.000Z');
    expect(offsetClock(-3_600_000, base).now().toISOString()).toBe('2026-12-02T04:00:00.000Z');
  });

  it('is the base clock itself for 0, and refuses what is not a number', () => {
    expect(offsetClock(0, base)).toBe(base);
    expect(() => offsetClock(Number.NaN, base)).toThrow(TypeError);
  });
});
