import type { RandomSource } from '../shared/check-character';

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

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A 43-character base64url string (the shape of a SHA-256 digest), different for every seed. */
export function aSecretHash(seed = 1): string {
  const random = seededRandom(seed + 104_729);
  let hash = '';
  for (let i = 0; i < 43; i++) hash += BASE64URL[random(64)];
  return hash;
}
