import { PERMIT_NUMBER_ALPHABET, type RandomSource } from '../permit/permit-number.value-object';
import { nextNumber } from './ids';

/**
 * A deterministic stand-in for `crypto.randomInt` (a linear congruential generator): the same seed
 * gives the same sequence, so tests are repeatable. Never for production use.
 */
export function seededRandom(seed: number): RandomSource {
  let state = (seed * 2_654_435_761) >>> 0 || 1;
  return (size: number) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return Math.floor((state / 2 ** 32) * size); // the high bits: an LCG's low bits cycle quickly
  };
}

/** Eight characters of the permit-number alphabet, different on every call within a test file. */
export function aRandomPart(seed: number = nextNumber('random-part')): string {
  const random = seededRandom(seed);
  let part = '';
  for (let i = 0; i < 8; i++) part += PERMIT_NUMBER_ALPHABET[random(PERMIT_NUMBER_ALPHABET.length)];
  return part;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A 22-character base64url token (the shape of 128 random bits), different on every call. */
export function aVerificationToken(seed: number = nextNumber('token'), length = 22): string {
  const random = seededRandom(seed + 7_919);
  let token = '';
  for (let i = 0; i < length; i++) token += BASE64URL[random(64)];
  return token;
}
