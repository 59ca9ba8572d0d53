import type { Clock } from '@frontera/shared-application';

/**
 * The service's clock in tests that move time (override of the CLOCK token): the real time plus a
 * shift the test sets, so a permit issued now can be swept days later without sleeping.
 */
export class ShiftedClock implements Clock {
  private shiftMs = 0;

  now(): Date {
    return new Date(Date.now() + this.shiftMs);
  }

  /** From now on the clock reads `at`, and runs on from there. */
  set(at: Date): void {
    this.shiftMs = at.getTime() - Date.now();
  }

  reset(): void {
    this.shiftMs = 0;
  }
}

/** A Redis URL on another logical database of the same server (jobs, locks and list positions of one test app). */
export function redisDatabase(url: string, database: number): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
