import { seededRandom } from '../testing';
import {
  CODE_ALPHABET,
  drawCode,
  isValidMod37_2,
  MOD_37_2_CHARACTERS,
  mod37_2CheckCharacter,
} from './check-character';

describe('ISO/IEC 7064 MOD 37-2 check character', () => {
  it('matches the standard’s worked property: the checksum of data + check character is 1', () => {
    for (const data of ['26K7Q9M2XW', 'A', '0000', 'Z9Z9Z9']) {
      const check = mod37_2CheckCharacter(data);
      let p = 0;
      for (const c of data + check) p = (p * 2 + MOD_37_2_CHARACTERS.indexOf(c)) % 37;
      expect(p).toBe(1);
      expect(isValidMod37_2(data + check)).toBe(true);
    }
  });

  it('every weight 2^k mod 37 (k = 1…36) is non-zero and distinct: 2 is a primitive root of 37', () => {
    const weights = new Set<number>();
    let w = 1;
    for (let k = 1; k <= 36; k++) {
      w = (w * 2) % 37;
      expect(w).not.toBe(0);
      weights.add(w);
    }
    expect(weights.size).toBe(36);
  });

  it('detects every single substitution and every adjacent transposition (proof over weights and values)', () => {
    // substitution: w·(a − b) ≢ 0 (mod 37); transposition of neighbours with weights w, 2w: w·(a − b) ≢ 0
    for (let w = 1; w < 37; w++) {
      for (let d = 1; d < 37; d++) {
        expect((w * d) % 37).not.toBe(0);
      }
    }
  });

  it('refuses by brute force every substitution and adjacent swap of 25 sample codes', () => {
    const random = seededRandom(42);
    for (let n = 0; n < 25; n++) {
      const data = `26${drawCode(random, 8)}`;
      const code = data + mod37_2CheckCharacter(data);
      for (let i = 0; i < code.length; i++) {
        for (const c of MOD_37_2_CHARACTERS) {
          if (c === code[i] || (c === '*' && i < code.length - 1)) continue;
          const typo = code.slice(0, i) + c + code.slice(i + 1);
          expect(isValidMod37_2(typo)).toBe(false);
        }
        if (i + 1 < code.length && code[i] !== code[i + 1]) {
          const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
          if (!swapped.slice(0, -1).includes('*')) expect(isValidMod37_2(swapped)).toBe(false);
        }
      }
    }
  });

  it('draws random parts from the 32-character alphabet without I, O, 0, 1, and refuses a bad source', () => {
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(CODE_ALPHABET).not.toMatch(/[IO01]/);
    expect(drawCode(() => 0, 4)).toBe('2222');
    expect(() => drawCode(() => 32, 1)).toThrow(TypeError);
    expect(() => mod37_2CheckCharacter('a')).toThrow(TypeError);
    expect(isValidMod37_2('A')).toBe(false);
  });
});
