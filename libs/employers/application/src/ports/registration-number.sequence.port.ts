import type { MexicanState } from '@frontera/employers-domain';

/**
 * The counters behind registration numbers (TVTF-EMP-<STATE>-<YYYY>-<sequence>): one per state
 * and year. `next` is an atomic increment: every call returns a number no other call got. A
 * number taken by a verification that then fails is not reused (numbers are unique, not gapless).
 */
export interface RegistrationNumberSequence {
  next(state: MexicanState, year: number): Promise<number>;
}
