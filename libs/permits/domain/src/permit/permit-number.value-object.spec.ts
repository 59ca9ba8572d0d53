import { aRandomPart, seededRandom } from '../testing';
import {
  isValidMod37_2,
  MOD_37_2_CHARACTERS,
  mod37_2CheckCharacter,
  PERMIT_NUMBER_ALPHABET,
  PermitNumber,
} from './permit-number.value-object';

/** Every character a position of the compact form `TVTF SSS YY RRRRRRRR C` may be typed as. */
const TYPEABLE = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*';

const SAMPLES: PermitNumber[] = [
  PermitNumber.issue({ state: 'CHP', year: 2026, random: 'K7Q9M2XW' }),
  PermitNumber.issue({ state: 'ROO', year: 2026, random: '22222222' }),
  PermitNumber.issue({ state: 'TAB', year: 2030, random: 'ZZZZZZZZ' }),
  PermitNumber.issue({ state: 'CAM', year: 2099, random: '23456789' }),
  PermitNumber.issue({ state: 'OAX', year: 2000, random: 'ABCDEFGH' }),
  ...Array.from({ length: 20 }, (_, i) =>
    PermitNumber.issue({
      state: (['CHP', 'CAM', 'TAB', 'ROO'] as const)[i % 4],
      year: 2026 + (i % 3),
      random: aRandomPart(1000 + i),
    }),
  ),
];

describe('ISO/IEC 7064 MOD 37-2: the proof, over every weight and value the number uses', () => {
  // Weights of the 13 data characters (2^13 … 2^1) and of the check character (2^0), mod 37.
  const weights = Array.from({ length: 14 }, (_, k) => 2 ** (13 - k) % 37);

  it('every weight is non-zero and different from its neighbours (2 is a primitive root mod 37)', () => {
    const powers = new Set(Array.from({ length: 36 }, (_, k) => 2 ** k % 37));
    expect(powers.size).toBe(36);
    for (const w of weights) expect(w).not.toBe(0);
    for (let i = 0; i + 1 < weights.length; i++) expect(weights[i]).not.toBe(weights[i + 1]);
  });

  it('so no single substitution and no adjacent transposition of different values leaves the sum unchanged', () => {
    const undetected: string[] = [];
    let checked = 0;
    for (let i = 0; i < weights.length; i++) {
      for (let a = 0; a < 37; a++) {
        for (let b = 0; b < 37; b++) {
          if (a === b) continue;
          if ((weights[i] * (a - b)) % 37 === 0) undetected.push(`substitution ${a}→${b} at ${i}`);
          if (i + 1 < weights.length && ((weights[i] - weights[i + 1]) * (a - b)) % 37 === 0) {
            undetected.push(`swap ${a}↔${b} at ${i}`);
          }
          checked++;
        }
      }
    }
    expect(undetected).toEqual([]);
    expect(checked).toBe(14 * 37 * 36);
  });

  it('matches the standard computation: the sum of values × weights plus the check is 1 mod 37', () => {
    for (const number of SAMPLES) {
      const data = `${number.state}${number.year}${number.random}`;
      const sum = [...data, number.checkCharacter].reduce(
        (acc, c, k) => acc + MOD_37_2_CHARACTERS.indexOf(c) * weights[k],
        0,
      );
      expect(sum % 37).toBe(1);
      expect(isValidMod37_2(`${data}${number.checkCharacter}`)).toBe(true);
    }
  });

  it('yields check characters over all 37 values for some input', () => {
    const seen = new Set<string>();
    const random = seededRandom(3);
    for (let i = 0; i < 5_000 && seen.size < 37; i++) {
      let part = '';
      for (let k = 0; k < 8; k++) part += PERMIT_NUMBER_ALPHABET[random(32)];
      seen.add(mod37_2CheckCharacter(`CHP26${part}`));
    }
    expect(seen.size).toBe(37);
  });
});

describe('PermitNumber: every single substitution and every adjacent swap is refused (brute force)', () => {
  it.each(SAMPLES.map((n) => [n.value, n]))('%s', (_value, number) => {
    const compact = number.compact;
    expect(PermitNumber.parse(compact).equals(number)).toBe(true);
    const accepted: string[] = [];
    let substitutions = 0;
    let swaps = 0;
    // Positions after the constant "TVTF" prefix: state, year, random part, check character.
    for (let i = 4; i < compact.length; i++) {
      for (const c of TYPEABLE) {
        if (c === compact[i]) continue;
        const typo = compact.slice(0, i) + c + compact.slice(i + 1);
        if (PermitNumber.tryParse(typo) !== null) accepted.push(typo);
        substitutions++;
      }
    }
    for (let i = 0; i + 1 < compact.length; i++) {
      if (compact[i] === compact[i + 1]) continue;
      const swapped = compact.slice(0, i) + compact[i + 1] + compact[i] + compact.slice(i + 2);
      if (PermitNumber.tryParse(swapped) !== null) accepted.push(swapped);
      swaps++;
    }
    expect(accepted).toEqual([]);
    expect(substitutions).toBe(14 * 36);
    expect(swaps).toBeGreaterThan(0);
  });

  it('also refuses a substitution or a swap typed with dashes and in lower case', () => {
    const number = SAMPLES[0];
    expect(PermitNumber.tryParse(number.value.toLowerCase())).not.toBeNull();
    const typed = number.value.replace('K7Q9', 'K7Q8');
    expect(PermitNumber.tryParse(typed)).toBeNull();
    expect(PermitNumber.tryParse(number.value.replace('K7Q9', '7KQ9'))).toBeNull();
  });
});

describe('PermitNumber.issue', () => {
  it('formats TVTF-<state>-<yy>-<4>-<4>-<check>', () => {
    const number = PermitNumber.issue({ state: 'CHP', year: 2026, random: 'K7Q9M2XW' });
    expect(number.value).toMatch(/^TVTF-CHP-26-K7Q9-M2XW-[0-9A-Z*]$/);
    expect(number.compact).toBe(number.value.replace(/-/g, ''));
    expect(number.checkCharacter).toBe(mod37_2CheckCharacter('CHP26K7Q9M2XW'));
    expect(JSON.stringify({ number })).toBe(`{"number":"${number.value}"}`);
  });

  it('draws the random part from the caller’s source of randomness, within the alphabet', () => {
    const number = PermitNumber.issue({ state: 'TAB', year: 2027, random: seededRandom(42) });
    expect(number.random).toMatch(/^[23456789A-HJ-NP-Z]{8}$/);
    expect(PermitNumber.issue({ state: 'TAB', year: 2027, random: seededRandom(42) }).equals(number)).toBe(
      true,
    );
  });

  it('uses an alphabet of 32 characters without the confusables I, O, 0, 1', () => {
    expect(PERMIT_NUMBER_ALPHABET).toHaveLength(32);
    expect(new Set(PERMIT_NUMBER_ALPHABET).size).toBe(32);
    for (const confusable of 'IO01') expect(PERMIT_NUMBER_ALPHABET).not.toContain(confusable);
  });

  it.each([
    [{ state: 'XXX', year: 2026, random: 'K7Q9M2XW' }, 'STATE'],
    [{ state: 'CHP', year: 1999, random: 'K7Q9M2XW' }, 'YEAR'],
    [{ state: 'CHP', year: 2026, random: 'K7Q9M2X' }, 'RANDOM_PART'],
    [{ state: 'CHP', year: 2026, random: 'K7Q9M2XO' }, 'RANDOM_PART'],
  ])('refuses %j (%s)', (command, problem) => {
    expect(() => PermitNumber.issue(command as never)).toThrow(
      expect.objectContaining({ code: 'PERMIT.NUMBER_INVALID', params: { problem } }),
    );
  });

  it('refuses a source of randomness that answers out of range (a programming error)', () => {
    expect(() => PermitNumber.issue({ state: 'CHP', year: 2026, random: () => 32 })).toThrow(TypeError);
  });
});

describe('PermitNumber.parse', () => {
  const number = SAMPLES[0];

  it.each([
    ['printed', number.value],
    ['lower case', number.value.toLowerCase()],
    ['without dashes', number.compact],
    ['with spaces', number.value.replace(/-/g, ' ')],
    ['with extra spaces around', `  ${number.value}  `],
  ])('reads it %s', (_case, text) => {
    expect(PermitNumber.parse(text).value).toBe(number.value);
  });

  it.each([
    ['another prefix', number.compact.replace('TVTF', 'TVTX'), 'FORMAT'],
    ['a letter O in the random part', `TVTFCHP26K7Q9M2XO${number.checkCharacter}`, 'FORMAT'],
    ['too short', number.compact.slice(0, -2), 'FORMAT'],
    ['an unknown state', number.compact.replace('CHP', 'QQQ'), 'STATE'],
    [
      'a wrong check character',
      `${number.compact.slice(0, -1)}${number.checkCharacter === 'A' ? 'B' : 'A'}`,
      'CHECK_CHARACTER',
    ],
    ['not a string', 42, 'FORMAT'],
    ['an injection-shaped value', '{"$ne":null}', 'FORMAT'],
  ])('refuses %s with PERMIT.NUMBER_INVALID (%s)', (_case, text, problem) => {
    expect(() => PermitNumber.parse(text)).toThrow(
      expect.objectContaining({ code: 'PERMIT.NUMBER_INVALID', status: 422, params: { problem } }),
    );
  });
});
