import type { MexicanState } from '@frontera/employers-domain';
import type { Clock } from '../ports/clock.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { RegistrationNumberSequence } from '../ports/registration-number.sequence.port';

/** A clock that stands still until the test moves it. */
export class FixedClock implements Clock {
  constructor(private current: Date) {}

  now(): Date {
    return new Date(this.current.getTime());
  }

  set(date: Date): void {
    this.current = date;
  }
}

/** ws_0001, ws_0002… */
export class SequentialIds implements IdGenerator {
  private n = 0;

  newId(prefix: string): string {
    this.n += 1;
    return `${prefix}_${String(this.n).padStart(4, '0')}`;
  }
}

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
