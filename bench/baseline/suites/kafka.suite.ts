import { Admin, Consumer, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import {
  assertLoopback,
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
  full: {
    roundTrips: 300,
    warmupRoundTrips: 30,
    batchTotal: 20_000,
    batchSize: 500,
    warmupBatchTotal: 2_000,
  },
  quick: {
    roundTrips: 100,
    warmupRoundTrips: 10,
    batchTotal: 10_000,
    batchSize: 500,
    warmupBatchTotal: 1_000,
  },
};
const MAX_WAIT_MS = 10;
const PAYLOAD = JSON.stringify({ type: 'bench.event', employerId: 'emp-0001', data: 'x'.repeat(48) }); // ~100 bytes

type Figures = Record<string, number>;

/**
 * Bare kafkajs against the local broker: produce→consume round trip of single messages (acks -1,
 * the next message only after the previous one was consumed) and end-to-end throughput of
 * batches (idempotent producer, acks -1) into one running consumer. Topics (1 partition each) are
 * created before the consumer subscribes and deleted at the end, with the consumer group.
 */
export const kafkaSuite: Suite = {
  name: 'kafka',
  budgetMs: { full: 120_000, quick: 45_000 },
  async run(ctx: SuiteContext): Promise<SuiteOutput> {
    const size = ctx.quick ? SIZES.quick : SIZES.full;
    const rttTopic = benchName('baseline-rtt', ctx.runId);
    const batchTopic = benchName('baseline-batch', ctx.runId);
    const groupId = benchName('baseline-group', ctx.runId);
    const kafka = new Kafka({
      clientId: benchName('baseline', ctx.runId),
      brokers: ctx.endpoints.kafkaBrokers,
      logLevel: logLevel.ERROR,
      // kafkajs logs retried errors too (e.g. the coordinator still loading on a fresh broker):
      // one compact progress line each instead of JSON on stdout.
      logCreator: () => (entry) =>
        ctx.log(
          `kafka: kafkajs ${entry.log.message}${entry.log['error'] ? `: ${String(entry.log['error'])}` : ''}`,
        ),
      connectionTimeout: 5_000,
      requestTimeout: 30_000,
      retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 2_000 },
    });

    const admin: Admin = kafka.admin();
    let producer: Producer | undefined;
    let consumer: Consumer | undefined;
    let topicsCreated = false;
    let groupJoined = false;

    // Consumer-side state shared with the measuring code.
    const pendingRoundTrips = new Map<number, (consumedAt: bigint) => void>();
    let batchConsumed = 0;
    let batchWaiter: { target: number; resolve: (doneAt: bigint) => void } | null = null;

    try {
      await withTimeout(admin.connect(), 15_000, 'kafka admin connect');
      // kafkajs connects to the advertised listeners: make sure they are local too.
      const cluster = await admin.describeCluster();
      for (const broker of cluster.brokers) assertLoopback(broker.host, 'Kafka advertised listener');

      // Explicit topics before subscribing: kafkajs misbehaves with auto-created topics in KRaft mode.
      await withTimeout(
        admin.createTopics({
          waitForLeaders: true,
          topics: [rttTopic, batchTopic].map((topic) => ({ topic, numPartitions: 1, replicationFactor: -1 })),
        }),
        30_000,
        'kafka createTopics',
      );
      topicsCreated = true;

      producer = kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
        retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 2_000 },
      });
      consumer = kafka.consumer({
        groupId,
        maxWaitTimeInMs: MAX_WAIT_MS,
        minBytes: 1,
        allowAutoTopicCreation: false,
        retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 2_000 },
      });
      const c = consumer;
      const p = producer;

      const joined = new Promise<void>((resolve) => {
        const off = c.on(c.events.GROUP_JOIN, () => {
          off();
          resolve();
        });
      });
      await withTimeout(Promise.all([p.connect(), c.connect()]), 15_000, 'kafka producer/consumer connect');
      await c.subscribe({ topics: [rttTopic, batchTopic], fromBeginning: true });
      await c.run({
        eachMessage: async ({ topic, message }) => {
          if (topic === rttTopic) {
            const seq = Number(message.value?.toString());
            const resolve = pendingRoundTrips.get(seq);
            if (resolve) {
              pendingRoundTrips.delete(seq);
              resolve(now());
            }
          } else {
            batchConsumed++;
            if (batchWaiter && batchConsumed >= batchWaiter.target) {
              batchWaiter.resolve(now());
              batchWaiter = null;
            }
          }
        },
      });
      await withTimeout(joined, 30_000, 'kafka consumer group join');
      groupJoined = true;

      let seq = 0;
      const roundTrip = async (): Promise<number> => {
        const id = seq++;
        const consumed = new Promise<bigint>((resolve) => pendingRoundTrips.set(id, resolve));
        try {
          const start = now();
          await withTimeout(
            p.send({ topic: rttTopic, acks: -1, messages: [{ value: String(id) }] }),
            10_000,
            `kafka send #${id}`,
          );
          return elapsedMs(start, await withTimeout(consumed, 10_000, `kafka round trip #${id}`));
        } finally {
          pendingRoundTrips.delete(id);
        }
      };
      const roundTrips = async (n: number): Promise<Figures> => {
        const latencies: number[] = [];
        for (let i = 0; i < n; i++) {
          ctx.deadline.check();
          latencies.push(await roundTrip());
        }
        const s = summarize(latencies);
        return { p50: s.p50, p95: s.p95, p99: s.p99, max: s.max };
      };

      const batches = async (n: number): Promise<Figures> => {
        const messages = chunks(
          Array.from({ length: n }, () => ({ value: PAYLOAD })),
          size.batchSize,
        );
        const done = new Promise<bigint>((resolve) => {
          batchWaiter = { target: batchConsumed + n, resolve };
        });
        const start = now();
        for (const batch of messages) {
          ctx.deadline.check();
          await withTimeout(
            p.send({ topic: batchTopic, acks: -1, messages: batch }),
            30_000,
            'kafka send batch',
          );
        }
        const producedMs = elapsedMs(start);
        const doneAt = await withTimeout(
          done,
          Math.max(5_000, ctx.deadline.remainingMs()),
          'kafka batch consume',
        );
        return { e2e: perSecond(n, elapsedMs(start, doneAt)), produce: perSecond(n, producedMs) };
      };

      const results = await runInterleaved<Figures>(
        [
          {
            key: 'rtt',
            warmup: () => roundTrips(size.warmupRoundTrips),
            run: () => roundTrips(size.roundTrips),
          },
          { key: 'batch', warmup: () => batches(size.warmupBatchTotal), run: () => batches(size.batchTotal) },
        ],
        ctx.runs,
        (m) => ctx.log(`kafka: ${m}`),
      );

      const rtt = runsOf(results, 'rtt');
      const batch = runsOf(results, 'batch');
      const rttName = `round trip ×${size.roundTrips} single`;
      const rttParams = {
        count: size.roundTrips,
        acks: -1,
        idempotent: true,
        maxWaitTimeInMs: MAX_WAIT_MS,
        partitions: 1,
      };
      const latency = (q: 'p50' | 'p95' | 'p99' | 'max') =>
        metricFromRuns(
          {
            id: `kafka.roundTrip.${q}`,
            group: 'kafka',
            name: rttName,
            metric: q,
            unit: 'ms',
            better: 'lower',
            params: rttParams,
          },
          rtt.map((r) => r[q]),
        );
      const batchParams = {
        count: size.batchTotal,
        batchSize: size.batchSize,
        messageBytes: PAYLOAD.length,
        acks: -1,
        idempotent: true,
        consumer: 'eachMessage',
        partitions: 1,
      };
      return {
        metrics: [
          latency('p50'),
          latency('p95'),
          latency('p99'),
          latency('max'),
          metricFromRuns(
            {
              id: 'kafka.batch.e2e',
              group: 'kafka',
              name: `produce→consume ×${size.batchTotal} /${size.batchSize}`,
              metric: 'throughput',
              unit: 'msgs/s',
              better: 'higher',
              params: batchParams,
            },
            batch.map((r) => r['e2e']),
          ),
          metricFromRuns(
            {
              id: 'kafka.batch.produce',
              group: 'kafka',
              name: `produce (acked) ×${size.batchTotal} /${size.batchSize}`,
              metric: 'throughput',
              unit: 'msgs/s',
              better: 'higher',
              params: batchParams,
              note: 'producer side of the same runs: until the last batch is acknowledged',
            },
            batch.map((r) => r['produce']),
          ),
        ],
      };
    } finally {
      const step = (label: string, fn: () => Promise<unknown>): Promise<unknown> =>
        withTimeout(fn(), 15_000, label).catch((err: Error) => ctx.log(`kafka: clean-up: ${err.message}`));
      if (consumer) await step('kafka consumer disconnect', () => (consumer as Consumer).disconnect());
      if (producer) await step('kafka producer disconnect', () => (producer as Producer).disconnect());
      if (groupJoined) await step('kafka delete group', () => admin.deleteGroups([groupId]));
      if (topicsCreated)
        await step('kafka delete topics', () => admin.deleteTopics({ topics: [rttTopic, batchTopic] }));
      await step('kafka admin disconnect', () => admin.disconnect());
    }
  },
};
