import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import {
  benchName,
  chunks,
  elapsedMs,
  metricFromRuns,
  now,
  perSecond,
  runInterleaved,
  runsOf,
  Suite,
  SuiteContext,
  SuiteOutput,
  summarize,
  withTimeout,
} from '../../lib';

const SIZES = {
  full: { jobs: 5_000, addChunk: 1_000, warmupJobs: 500, latencyJobs: 200, warmupLatencyJobs: 20 },
  quick: { jobs: 2_000, addChunk: 1_000, warmupJobs: 200, latencyJobs: 100, warmupLatencyJobs: 10 },
};
const CONCURRENCY = 50;
const PREFIX = 'bench';
const KEEP = { count: 1_000 };

type Figures = Record<string, number>;

/**
 * Bare BullMQ on the local Redis: throughput of no-op jobs added with addBulk and processed by
 * one Worker (concurrency 50), and add→completed latency of single jobs (one at a time).
 * The queue is named after the run and obliterated at the end.
 */
export const bullmqSuite: Suite = {
  name: 'bullmq',
  budgetMs: { full: 90_000, quick: 30_000 },
  async run(ctx: SuiteContext): Promise<SuiteOutput> {
    const size = ctx.quick ? SIZES.quick : SIZES.full;
    const queueName = benchName('baseline', ctx.runId);
    const redisOptions = {
      maxRetriesPerRequest: null, // required by BullMQ workers (blocking commands)
      connectTimeout: 5_000,
      connectionName: queueName,
    };
    const queueConnection = new Redis(ctx.endpoints.redisUrl, redisOptions);
    const workerConnection = new Redis(ctx.endpoints.redisUrl, redisOptions);
    let queue: Queue | undefined;
    let worker: Worker | undefined;

    let completed = 0;
    let failed = 0;
    let target: { count: number; resolve: (doneAt: bigint) => void } | null = null;
    const waitingFor = new Map<string, (doneAt: bigint) => void>();

    try {
      await withTimeout(
        Promise.all([queueConnection.ping(), workerConnection.ping()]),
        10_000,
        `connect ${ctx.endpoints.redisUrl}`,
      );
      const q = new Queue(queueName, {
        connection: queueConnection,
        prefix: PREFIX,
        defaultJobOptions: { removeOnComplete: KEEP, removeOnFail: KEEP },
      });
      queue = q;
      const w = new Worker(queueName, async () => undefined, {
        connection: workerConnection,
        prefix: PREFIX,
        concurrency: CONCURRENCY,
        removeOnComplete: KEEP,
        removeOnFail: KEEP,
      });
      worker = w;
      w.on('completed', (job) => {
        completed++;
        const resolve = job.id === undefined ? undefined : waitingFor.get(job.id);
        if (resolve) {
          waitingFor.delete(job.id as string);
          resolve(now());
        }
        if (target && completed >= target.count) {
          target.resolve(now());
          target = null;
        }
      });
      w.on('failed', () => failed++);
      w.on('error', (err) => ctx.log(`bullmq: worker error: ${err.message}`));
      await withTimeout(Promise.all([q.waitUntilReady(), w.waitUntilReady()]), 10_000, 'bullmq ready');

      const throughput = async (n: number): Promise<Figures> => {
        const jobs = chunks(
          Array.from({ length: n }, (_, i) => ({ name: 'noop', data: { i } })),
          size.addChunk,
        );
        const failedBefore = failed;
        const done = new Promise<bigint>((resolve) => {
          target = { count: completed + n, resolve };
        });
        const start = now();
        for (const chunk of jobs) {
          ctx.deadline.check();
          await withTimeout(q.addBulk(chunk), 30_000, 'bullmq addBulk');
        }
        const addedMs = elapsedMs(start);
        const doneAt = await withTimeout(
          done,
          Math.max(5_000, ctx.deadline.remainingMs()),
          'bullmq jobs completed',
        );
        if (failed > failedBefore) throw new Error(`${failed - failedBefore} no-op jobs failed`);
        return { e2e: perSecond(n, elapsedMs(start, doneAt)), add: perSecond(n, addedMs) };
      };

      let seq = 0;
      const latency = async (n: number): Promise<Figures> => {
        const latencies: number[] = [];
        for (let i = 0; i < n; i++) {
          ctx.deadline.check();
          const jobId = `lat-${seq++}`; // known before add: the worker may finish before add() returns
          const done = new Promise<bigint>((resolve) => waitingFor.set(jobId, resolve));
          try {
            const start = now();
            await withTimeout(q.add('noop', { i }, { jobId }), 10_000, 'bullmq add');
            latencies.push(elapsedMs(start, await withTimeout(done, 10_000, `bullmq job ${jobId}`)));
          } finally {
            waitingFor.delete(jobId);
          }
        }
        const s = summarize(latencies);
        return { p50: s.p50, p99: s.p99 };
      };

      const results = await runInterleaved<Figures>(
        [
          { key: 'bulk', warmup: () => throughput(size.warmupJobs), run: () => throughput(size.jobs) },
          {
            key: 'single',
            warmup: () => latency(size.warmupLatencyJobs),
            run: () => latency(size.latencyJobs),
          },
        ],
        ctx.runs,
        (m) => ctx.log(`bullmq: ${m}`),
      );
      const bulk = runsOf(results, 'bulk');
      const single = runsOf(results, 'single');
      const bulkParams = {
        count: size.jobs,
        addBulkChunk: size.addChunk,
        concurrency: CONCURRENCY,
        job: 'no-op',
      };
      const singleParams = { count: size.latencyJobs, concurrency: CONCURRENCY, job: 'no-op', inFlight: 1 };
      const singleName = `add→completed ×${size.latencyJobs} single`;
      return {
        metrics: [
          metricFromRuns(
            {
              id: 'bullmq.jobs.e2e',
              group: 'bullmq',
              name: `addBulk→completed ×${size.jobs} c${CONCURRENCY}`,
              metric: 'throughput',
              unit: 'jobs/s',
              better: 'higher',
              params: bulkParams,
            },
            bulk.map((r) => r['e2e']),
          ),
          metricFromRuns(
            {
              id: 'bullmq.jobs.add',
              group: 'bullmq',
              name: `addBulk ×${size.jobs} /${size.addChunk}`,
              metric: 'throughput',
              unit: 'jobs/s',
              better: 'higher',
              params: bulkParams,
              note: 'enqueue side of the same runs (worker running meanwhile)',
            },
            bulk.map((r) => r['add']),
          ),
          metricFromRuns(
            {
              id: 'bullmq.single.p50',
              group: 'bullmq',
              name: singleName,
              metric: 'p50',
              unit: 'ms',
              better: 'lower',
              params: singleParams,
            },
            single.map((r) => r['p50']),
          ),
          metricFromRuns(
            {
              id: 'bullmq.single.p99',
              group: 'bullmq',
              name: singleName,
              metric: 'p99',
              unit: 'ms',
              better: 'lower',
              params: singleParams,
            },
            single.map((r) => r['p99']),
          ),
        ],
      };
    } finally {
      const step = (label: string, fn: () => Promise<unknown>): Promise<unknown> =>
        withTimeout(fn(), 15_000, label).catch((err: Error) => ctx.log(`bullmq: clean-up: ${err.message}`));
      if (worker) await step('bullmq worker close', () => (worker as Worker).close());
      if (queue) {
        await step('bullmq obliterate', () => (queue as Queue).obliterate({ force: true }));
        await step('bullmq queue close', () => (queue as Queue).close());
      }
      await step('redis quit', () => Promise.all([queueConnection.quit(), workerConnection.quit()]));
      queueConnection.disconnect(); // no-op after quit; stops reconnecting when Redis was unreachable
      workerConnection.disconnect();
    }
  },
};
