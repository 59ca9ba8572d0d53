/** The time, from one place, so handlers are testable with a fixed clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock `offsetMs` ahead of `base` (behind when negative): a development or test run's shifted time
 * (CLOCK_OFFSET, decision 0045). `base` itself when the offset is 0.
 */
export function offsetClock(offsetMs: number, base: Clock = systemClock): Clock {
  if (!Number.isFinite(offsetMs)) throw new TypeError('offsetMs must be a finite number of milliseconds');
  return offsetMs === 0 ? base : { now: () => new Date(base.now().getTime() + offsetMs) };
}
