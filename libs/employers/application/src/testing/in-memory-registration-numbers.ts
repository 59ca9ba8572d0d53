import type { MexicanState } from '@frontera/employers-domain';
import type { RegistrationNumberSequence } from '../ports/registration-number.sequence.port';

/** One counter per state and year, from 1. */
export class InMemoryRegistrationNumberSequence implements RegistrationNumberSequence {
  private readonly counters = new Map<string, number>();

  async next(state: MexicanState, year: number): Promise<number> {
    const key = `${state}:${year}`;
    const value = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, value);
    return value;
  }
}
