import { Deadline, elapsedMs, now, runConcurrent } from '../lib';
import type { Reply } from './http';

/** A finished closed-loop run of requests: wall time and per-request latencies. */
export interface LoadRun {
  count: number;
  ms: number;
  latencies: number[];
  statuses: Map<string, number>;
}

export function statusKey(reply: Reply): string {
  const code = reply.body?.['code'];
  return typeof code === 'string' ? `${reply.status} ${code}` : String(reply.status);
}

export function describeStatuses(statuses: Map<string, number>): string {
  return [...statuses.entries()].map(([k, n]) => `${k} ×${n}`).join(', ');
}

/**
 * `count` requests with `concurrency` in flight (a pool of clients, each sending its next request
 * when the previous one answered); every answer must have status `expected` (null: any status,
 * counted). Bounded by a 60 s deadline.
 */
export async function closedLoop(
  label: string,
  count: number,
  concurrency: number,
  call: (index: number) => Promise<Reply>,
  expected: number | null,
): Promise<LoadRun> {
  const latencies: number[] = [];
  const statuses = new Map<string, number>();
  const deadline = new Deadline(label, 60_000);
  const start = now();
  await runConcurrent(
    count,
    concurrency,
    async (i) => {
      const t0 = now();
      const reply = await call(i);
      latencies.push(elapsedMs(t0));
      const key = statusKey(reply);
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    },
    deadline,
  );
  const ms = elapsedMs(start);
  const unexpected = [...statuses.keys()].filter((k) => expected !== null && k !== String(expected));
  if (unexpected.length > 0) {
    throw new Error(`${label}: expected ${expected} only, got ${describeStatuses(statuses)}`);
  }
  return { count, ms, latencies, statuses };
}
