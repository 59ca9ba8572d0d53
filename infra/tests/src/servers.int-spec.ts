import { Queue, QueueEvents, Worker } from 'bullmq';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import mongoose, { Schema, type Connection } from 'mongoose';
import { databaseUri, endpointsFromEnv, uniqueName } from '@frontera/platform-testing';
import { ensureTopics } from '@frontera/platform-messaging';

/**
 * The servers started by infra/local/servers.sh answer the way the services
 * use them: kafkajs produces and consumes, mongoose writes and reads with a
 * unique index enforced, BullMQ runs a job.
 */
describe('local servers', () => {
  const endpoints = endpointsFromEnv();

  describe('Kafka', () => {
    const kafka = new Kafka({
      clientId: 'infra-test',
      brokers: endpoints.kafkaBrokers,
      logLevel: logLevel.ERROR,
    });
    let producer: Producer;
    let consumer: Consumer;

    afterEach(async () => {
      await consumer?.disconnect();
      await producer?.disconnect();
    });

    it('delivers a produced message to a consumer, key and headers intact', async () => {
      const topic = uniqueName('infra-kafka');
      const admin = kafka.admin();
      await admin.connect();
      await ensureTopics(admin, [
        { name: topic, description: 'test', partitions: 2, retentionMs: 3_600_000 },
      ]);
      await admin.disconnect();

      consumer = kafka.consumer({ groupId: uniqueName('infra-group') });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const received = new Promise<{ key: string; value: string; header: string }>((resolve) => {
        void consumer.run({
          eachMessage: async ({ message }) =>
            resolve({
              key: String(message.key),
              value: String(message.value),
              header: String(message.headers?.['ce_id']),
            }),
        });
      });

      producer = kafka.producer({ idempotent: true });
      await producer.connect();
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: 'employer-1', value: '{"hello":"kafka"}', headers: { ce_id: 'evt-1' } }],
      });

      await expect(received).resolves.toEqual({
        key: 'employer-1',
        value: '{"hello":"kafka"}',
        header: 'evt-1',
      });
    });
  });

  describe('FerretDB through mongoose', () => {
    let connection: Connection;

    beforeAll(async () => {
      connection = await mongoose
        .createConnection(databaseUri(endpoints.mongodbUri, uniqueName('infra_db')), { maxPoolSize: 5 })
        .asPromise();
    });

    afterAll(async () => {
      await connection.dropDatabase();
      await connection.close();
    });

    it('writes and reads a document, and a unique index rejects a duplicate', async () => {
      const Employer = connection.model(
        'Employer',
        new Schema({ rfc: { type: String, required: true, unique: true }, legalName: String }),
      );
      await Employer.init(); // builds the unique index

      await Employer.create({ rfc: 'ABC010203XY1', legalName: 'Finca La Esperanza' });
      const found = await Employer.findOne({ rfc: 'ABC010203XY1' }).lean();
      expect(found?.legalName).toBe('Finca La Esperanza');

      await expect(Employer.create({ rfc: 'ABC010203XY1', legalName: 'Otra' })).rejects.toMatchObject({
        code: 11000,
      });
      expect(await Employer.countDocuments()).toBe(1);
    });
  });

  describe('BullMQ on Redis', () => {
    it('runs a job added to a queue and returns its result', async () => {
      const queueName = uniqueName('infra-queue');
      // Connection options (not shared ioredis instances), so each BullMQ object owns
      // and closes its own connection.
      const url = new URL(endpoints.redisUrl);
      const connection = { host: url.hostname, port: Number(url.port), maxRetriesPerRequest: null };
      const queue = new Queue(queueName, { connection });
      const events = new QueueEvents(queueName, { connection });
      const worker = new Worker(queueName, async (job) => ({ doubled: (job.data as { n: number }).n * 2 }), {
        connection,
      });
      try {
        await events.waitUntilReady();
        const job = await queue.add('double', { n: 21 }, { removeOnComplete: 10 });
        await expect(job.waitUntilFinished(events, 20_000)).resolves.toEqual({ doubled: 42 });
      } finally {
        await worker.close();
        await events.close();
        await queue.obliterate({ force: true });
        await queue.close();
      }
    });
  });
});
