import mongoose, { type Connection } from 'mongoose';
import type { Redis } from 'ioredis';
import { INBOX_COLLECTION, inboxPurge } from '@frontera/platform-messaging';
import {
  closeConnection,
  createProducerConnection,
  createWorkerConnection,
  Housekeeping,
  hourBucket,
  JobQueue,
  JobWorker,
  planHousekeeping,
} from '@frontera/platform-jobs';
import { IDEMPOTENCY_COLLECTION, idempotencyKeysPurge } from '@frontera/platform-http';
import { databaseUri, endpointsFromEnv, uniqueName, waitFor } from '@frontera/platform-testing';
import { HOUSEKEEPING_SCHEDULER_ID, QUEUES } from '../../src/jobs/queues';

const HOUR_MS = 3_600_000;

/**
 * The housekeeping job against the real FerretDB and Redis: a database of its own, and queues
 * under a key prefix of their own (so the workers of other test apps never see these jobs).
 */
describe('employers housekeeping', () => {
  const endpoints = endpointsFromEnv();
  const prefix = uniqueName('employers-hk');
  let connection: Connection;
  let producer: Redis;
  let queue: JobQueue<object>;
  // The purges the service plans (app.module.ts), with its default retention.
  const purges = [inboxPurge(384), idempotencyKeysPurge()];

  beforeAll(async () => {
    connection = await mongoose
      .createConnection(databaseUri(endpoints.mongodbUri, uniqueName('employers-hk')))
      .asPromise();
    producer = createProducerConnection(endpoints.redisUrl);
    await waitFor(async () => producer.status === 'ready', 'the producer connection');
    queue = new JobQueue(QUEUES.housekeeping, { connection: producer, prefix, metrics: false });
  });

  afterAll(async () => {
    await queue?.queue.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    if (producer) await closeConnection(producer);
    await connection?.dropDatabase();
    await connection?.close();
  });

  /** Old and recent rows in the three collections; returns the ids that must survive. */
  async function seed(now: Date): Promise<{ kept: Record<string, string[]> }> {
    const ago = (hours: number) => new Date(now.getTime() - hours * HOUR_MS);
    const tag = uniqueName('row');
    const inbox = connection.collection<{ _id: string }>(INBOX_COLLECTION);
    const keys = connection.collection<{ _id: string }>(IDEMPOTENCY_COLLECTION);
    await inbox.insertMany(
      [400, 390, 385, 383, 1].map((hours, i) => ({
        _id: `${tag}:inbox:${hours}:${i}`,
        consumer: 'employers-audit-outcomes',
        eventId: `${tag}-${i}`,
        type: 'audit.completed',
        processedAt: ago(hours),
        processedHour: hourBucket(ago(hours)),
      })),
    );
    await keys.insertMany(
      [-2, -1, 1, 23].map((hoursLeft, i) => ({
        _id: `${tag}:key:${hoursLeft}:${i}`,
        requestHash: 'h',
        state: 'COMPLETED',
        response: 'x',
        createdAt: ago(24 - hoursLeft),
        expiresAt: ago(-hoursLeft),
        expiresHour: hourBucket(ago(-hoursLeft)),
      })),
    );
    return {
      kept: {
        [INBOX_COLLECTION]: [`${tag}:inbox:383:3`, `${tag}:inbox:1:4`],
        [IDEMPOTENCY_COLLECTION]: [`${tag}:key:1:2`, `${tag}:key:23:3`],
      },
    };
  }

  async function remainingIds(): Promise<Record<string, string[]>> {
    const ids = async (name: string) =>
      (
        await connection
          .collection<{ _id: string }>(name)
          .find({}, { projection: { _id: 1 } })
          .toArray()
      )
        .map((d) => d._id)
        .sort();
    return {
      [INBOX_COLLECTION]: await ids(INBOX_COLLECTION),
      [IDEMPOTENCY_COLLECTION]: await ids(IDEMPOTENCY_COLLECTION),
    };
  }

  async function clear(): Promise<void> {
    for (const name of [INBOX_COLLECTION, IDEMPOTENCY_COLLECTION]) {
      await connection.collection(name).deleteMany({});
    }
  }

  it('deletes only old inbox records and expired idempotency keys, bucket by bucket', async () => {
    await clear();
    const now = new Date();
    const { kept } = await seed(now);

    const result = await new Housekeeping(connection, purges).run({ now });

    expect(result).toEqual({ processedEvents: 3, idempotencyKeys: 2 });
    expect(await remainingIds()).toEqual({
      [INBOX_COLLECTION]: [...kept[INBOX_COLLECTION]!].sort(),
      [IDEMPOTENCY_COLLECTION]: [...kept[IDEMPOTENCY_COLLECTION]!].sort(),
    });
    // A second run finds nothing more to delete.
    expect(await new Housekeeping(connection, purges).run({ now })).toEqual({
      processedEvents: 0,
      idempotencyKeys: 0,
    });
  });

  it('runs as a job through a worker of the queue', async () => {
    await clear();
    const { kept } = await seed(new Date());
    const workerConnection = createWorkerConnection(endpoints.redisUrl);
    const housekeeping = new Housekeeping(connection, purges);
    const worker = new JobWorker(
      QUEUES.housekeeping,
      (payload, context) =>
        housekeeping.run({ olderThanHours: payload.olderThanHours, signal: context.signal }),
      { connection: workerConnection, prefix },
    );
    try {
      const job = await queue.add('housekeeping', {}, { jobId: uniqueName('hk-run') });
      await waitFor(async () => (await job.getState()) === 'completed', 'the housekeeping job', 8_000);
      const remaining = await remainingIds();
      for (const name of Object.keys(kept)) expect(remaining[name]).toEqual([...kept[name]!].sort());
    } finally {
      await worker.close();
      await closeConnection(workerConnection);
    }
  });

  it('upserting the schedule twice leaves one scheduler with the stable id', async () => {
    await planHousekeeping(queue, 3_600_000, HOUSEKEEPING_SCHEDULER_ID);
    await planHousekeeping(queue, 3_600_000, HOUSEKEEPING_SCHEDULER_ID);

    const schedules = await queue.schedules();
    expect(schedules).toHaveLength(1);
    expect(schedules[0]).toMatchObject({ key: HOUSEKEEPING_SCHEDULER_ID, every: 3_600_000 });
  });
});
