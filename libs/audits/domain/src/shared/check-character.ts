/**
 * ISO/IEC 7064 MOD 37-2 character values: `0`–`9` are 0–9, `A`–`Z` 10–35, and the check character
 * may also be `*` (36).
 *
 * Generic: the permits domain computes permit numbers' check characters with the same algorithm
 * (`mod37_2CheckCharacter` there); this is a copy, not an import (a context imports no other
 * context's code). Both belong in the shared kernel.
 */
export const MOD_37_2_CHARACTERS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*';

/**
 * The 32 characters of random code parts: digits and capital letters without the confusable I, O,
 * 0, 1 (the check character itself is any MOD 37-2 character).
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * The check character of `data` (digits and capital letters) by ISO/IEC 7064 MOD 37-2, the pure
 * system with modulus 37 and radix 2: `Σ vᵢ·2^(n−i+1) + c ≡ 1 (mod 37)`. 37 is prime and 2 a primitive
 * root modulo 37, so every single substitution (wᵢ·(a − b) ≢ 0) and every transposition of adjacent
 * characters ((2w − w)·(a − b) ≢ 0) changes the checksum; check-character.spec.ts proves both over
 * every weight and value, and by brute force on sample codes.
 */
export function mod37_2CheckCharacter(data: string): string {
  let p = 0;
  for (const character of data) {
    const value = MOD_37_2_CHARACTERS.indexOf(character);
    if (value < 0 || value > 35) throw new TypeError(`not an ISO 7064 data character: ${character}`);
    p = ((p + value) * 2) % 37;
  }
  return MOD_37_2_CHARACTERS[(38 - p) % 37];
}

/** Whether the last character of `text` is the MOD 37-2 check character of the others. */
export function isValidMod37_2(text: string): boolean {
  if (text.length < 2) return false;
  const data = text.slice(0, -1);
  if (![...data].every((c) => MOD_37_2_CHARACTERS.indexOf(c) >= 0 && c !== '*')) return false;
  return mod37_2CheckCharacter(data) === text.slice(-1);
}

/** A source of randomness the caller provides: an integer in [0, size) (e.g. `crypto.randomInt`). */
export type RandomSource = (size: number) => number;

/** `length` characters of {@link CODE_ALPHABET} drawn from `source`. */
export function drawCode(source: RandomSource, length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) {
    const index = source(CODE_ALPHABET.length);
    if (!Number.isInteger(index) || index < 0 || index >= CODE_ALPHABET.length) {
      throw new TypeError(`a RandomSource must return an integer in [0, ${CODE_ALPHABET.length})`);
    }
    code += CODE_ALPHABET[index];
  }
  return code;
}
