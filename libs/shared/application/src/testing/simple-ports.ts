import type { Clock } from '../ports/clock.port';
import type { IdGenerator } from '../ports/id-generator.port';

/** A clock that stands still until the test moves it. */
export class FixedClock implements Clock {
  constructor(private current: Date) {}

  now(): Date {
    return new Date(this.current.getTime());
  }

  set(date: Date): void {
    this.current = date;
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
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
