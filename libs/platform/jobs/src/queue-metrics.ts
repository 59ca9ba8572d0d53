import type { Queue } from 'bullmq';
import { getOrCreateGauge } from '@frontera/platform-observability';
import type { Gauge } from 'prom-client';

export const QUEUE_JOBS_METRIC = 'frontera_queue_jobs';

/** States reported by frontera_queue_jobs{queue,state}. */
export const QUEUE_JOB_STATES = [
  'waiting',
  'prioritized',
  'active',
  'delayed',
  'failed',
  'completed',
] as const;
export type QueueJobState = (typeof QUEUE_JOB_STATES)[number];

const COUNT_TIMEOUT_MS = 1_000;
const tracked = new Map<string, Queue>();

async function countsWithin(queue: Queue, timeoutMs: number): Promise<Record<string, number>> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      queue.getJobCounts(...QUEUE_JOB_STATES),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function queueJobsGauge(): Gauge<'queue' | 'state'> {
  return getOrCreateGauge({
    name: QUEUE_JOBS_METRIC,
    help: 'Jobs per BullMQ queue and state, read from Redis at scrape time',
    labelNames: ['queue', 'state'],
    async collect() {
      this.reset();
      // A queue whose counts cannot be read (Redis down) drops out of the scrape
      // instead of failing it or reporting stale numbers.
      await Promise.all(
        [...tracked.values()].map(async (queue) => {
          try {
            const counts = await countsWithin(queue, COUNT_TIMEOUT_MS);
            for (const state of QUEUE_JOB_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
          } catch {
            // reported by the readiness check and the connection error log
          }
        }),
      );
    },
  });
}

/** Reports the queue's depth in frontera_queue_jobs until the returned function is called. */
export function trackQueueDepth(queue: Queue): () => void {
  queueJobsGauge();
  const key = `${queue.qualifiedName}`;
  tracked.set(key, queue);
  return () => {
    if (tracked.get(key) === queue) tracked.delete(key);
  };
}
