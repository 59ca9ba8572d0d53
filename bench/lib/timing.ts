/** Monotonic clock in nanoseconds (process.hrtime.bigint). */
export function now(): bigint {
  return process.hrtime.bigint();
}

/** Milliseconds (fractional) between two now() readings, or from `start` until now. */
export function elapsedMs(start: bigint, end: bigint = now()): number {
  return Number(end - start) / 1e6;
}

/** Events per second for `count` events in `ms` milliseconds. */
export function perSecond(count: number, ms: number): number {
  return ms > 0 ? (count * 1000) / ms : Number.NaN;
}

/** Runs `fn` and returns its result with the elapsed wall-clock time in ms. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = now();
  const result = await fn();
  return { result, ms: elapsedMs(start) };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class TimeoutError extends Error {
  constructor(label: string, ms: number) {
    super(`${label}: timed out after ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/** Rejects with a TimeoutError when `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(label, ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A point in time after which bounded loops must stop. */
export class Deadline {
  private readonly endsAt: number;

  constructor(
    readonly label: string,
    readonly ms: number,
  ) {
    this.endsAt = Date.now() + ms;
  }

  remainingMs(): number {
    return Math.max(0, this.endsAt - Date.now());
  }

  expired(): boolean {
    return Date.now() >= this.endsAt;
  }

  /** Throws a TimeoutError once the deadline has passed. */
  check(): void {
    if (this.expired()) throw new TimeoutError(this.label, this.ms);
  }
}

/**
 * Polls `condition` every `intervalMs` until it holds; throws a TimeoutError after `timeoutMs`.
 * Prefer events where a client offers them; this is for the few cases that have none.
 */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  label: string,
  intervalMs = 5,
): Promise<void> {
  const deadline = new Deadline(label, timeoutMs);
  while (!(await condition())) {
    deadline.check();
    await sleep(intervalMs);
  }
}
