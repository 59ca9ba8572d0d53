import { Deadline } from './timing';

/**
 * Runs `task(0..total-1)` with at most `concurrency` tasks in flight, like a pool of clients.
 * Bounded in count (exactly `total` calls) and in time (the deadline is checked before each
 * call). The first failure stops the pool from starting new tasks and is rethrown.
 */
export async function runConcurrent(
  total: number,
  concurrency: number,
  task: (index: number) => Promise<unknown>,
  deadline: Deadline,
): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    while (!failed && next < total) {
      deadline.check();
      const index = next++;
      try {
        await task(index);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, total)) }, lane);
  const results = await Promise.allSettled(lanes);
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
}

/** Splits `items` into consecutive chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
