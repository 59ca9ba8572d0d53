import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Admin, Kafka, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { DeadLetterReplaysTopic } from '@frontera/contracts';
import { endpointsFromEnv, messageCount, testKafka, waitFor } from '@frontera/platform-testing';
import { EventConsumer } from '../src/consumer/event-consumer';
import { InboxStore } from '../src/consumer/inbox.store';
import { DeadLetters } from '../src/dead-letters/dead-letters';
import { createEventProducer } from '../src/kafka/kafka-client';
import { namespacedKafka } from '../src/kafka/topic-namespace';
import { OutboxPublisher } from '../src/outbox/outbox-publisher';
import { anEmployerEvent } from './support/event-builders';
import {
  CapturingLogger,
  connectTestDatabase,
  createTestTopic,
  deleteTestTopics,
  dropAndClose,
  type TestTopic,
} from './support/messaging-test-kit';

jest.setTimeout(180_000);

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../../..');

/**
 * The operators' command (tools/ops/dead-letters.ts) against real Kafka, with a real consumer of
 * the platform and its inbox on FerretDB, all inside a topic namespace (decision 0041).
 */
describe('dead letters for operators', () => {
  const namespace = `dlq${randomBytes(3).toString('hex')}`;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let connection: Connection;
  let consumer: EventConsumer | undefined;
  let topic: TestTopic;

  async function command(...args: string[]): Promise<{ code: number; stdout: string }> {
    try {
      const { stdout } = await run(
        process.execPath,
        [path.join(root, 'tools/scripts/run-ts.cjs'), path.join(root, 'tools/ops/dead-letters.ts'), ...args],
        {
          cwd: root,
          env: {
            ...process.env,
            KAFKA_BROKERS: endpointsFromEnv().kafkaBrokers.join(','),
            KAFKA_TOPIC_NAMESPACE: namespace,
          },
          timeout: 120_000,
        },
      );
      return { code: 0, stdout };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      if (typeof failed.code !== 'number') throw error;
      return { code: failed.code, stdout: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
    }
  }

  beforeAll(async () => {
    kafka = namespacedKafka(testKafka('dead-letters-int'), namespace);
    admin = kafka.admin();
    producer = createEventProducer(kafka);
    [connection] = await Promise.all([
      connectTestDatabase('dead-letters'),
      admin.connect(),
      producer.connect(),
    ]);
    topic = await createTestTopic(admin, 'dlq-ops');
  });

  afterAll(async () => {
    await consumer?.stop();
    await deleteTestTopics(admin);
    await admin
      ?.deleteTopics({ topics: [DeadLetterReplaysTopic.name, 'replays-elsewhere'] })
      .catch(() => undefined);
    await Promise.all([producer?.disconnect(), admin?.disconnect(), dropAndClose(connection)]);
  });

  it('lists a poison event with its error, replays it once the cause is fixed, and applies it exactly once however often it is replayed', async () => {
    const employer = anEmployerEvent();
    const events = [employer.withSequence(1).registered(), employer.withSequence(2).updated(['poison'])];
    const poison = events[1];
    await new OutboxPublisher({ producer }).publishEvents(events, employer.id, {
      topicFor: () => topic.name,
    });

    let fixed = false;
    const applied: string[] = [];
    const readModel = connection.collection<{ _id: string; applied: number }>('applied_events');
    consumer = new EventConsumer({
      kafka,
      name: 'dlq-ops-test',
      groupId: `${topic.name}-g`,
      topics: [topic.name],
      inbox: InboxStore.forConnection(connection),
      retry: { maxAttempts: 2, initialDelayMs: 20, maxDelayMs: 50 },
      logger: new CapturingLogger(),
      handlers: {
        'frontera.employer.registered': async (event) => {
          applied.push(event.id);
        },
        'frontera.employer.updated': async (event) => {
          if (!fixed) throw new Error(`read model of ${event.subject} is not ready`);
          await readModel.updateOne({ _id: event.id }, { $inc: { applied: 1 } }, { upsert: true });
          applied.push(event.id);
        },
      },
    });
    await consumer.start();
    await waitFor(
      () => consumer?.stats().dead_lettered === 1,
      'the poison event on the dead-letter topic',
      60_000,
    );
    expect(applied).toEqual([events[0].id]);

    // list: where it came from, which event, why and when
    const listed = await command('list', '--topic', topic.deadLetter);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${topic.deadLetter}: 1 dead letter(s)`);
    expect(listed.stdout).toMatch(
      new RegExp(`0:0 +from ${topic.name}\\[\\d\\]@1 +event ${poison.id} frontera\\.employer\\.updated`),
    );
    expect(listed.stdout).toContain(`error: Error: read model of ${employer.id} is not ready`);
    expect(listed.stdout).toMatch(/retries-exhausted after 2 attempt\(s\) at \d{4}-\d\d-\d\dT/);
    const asJson = JSON.parse((await command('list', '--topic', topic.deadLetter, '--json')).stdout) as {
      letters: { eventId: string; original: { topic: string; offset: string }; value?: unknown }[];
    }[];
    expect(asJson[0]?.letters.map((l) => [l.eventId, l.original.topic, l.original.offset])).toEqual([
      [poison.id, topic.name, '1'],
    ]);
    expect(asJson[0]?.letters[0]).not.toHaveProperty('value'); // the content is never printed

    // the cause is fixed; replay
    fixed = true;
    const first = await command('replay', topic.deadLetter, '0:0');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`${topic.deadLetter}: 1 replayed, 0 already replayed`);
    await waitFor(() => applied.includes(poison.id), 'the replayed event applied', 60_000);
    const highAfterFirst = await messageCount(admin, topic.name);
    expect(highAfterFirst).toBe(3); // the two events and the replayed copy

    // replay again: recorded, so not even published again
    const second = await command('replay', topic.deadLetter, '0:0');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`skipped 0:0 (event ${poison.id}): already replayed at`);
    expect(second.stdout).toContain('0 replayed, 1 already replayed');
    expect(await messageCount(admin, topic.name)).toBe(highAfterFirst);
    const relisted = await command('list', '--topic', topic.deadLetter);
    expect(relisted.stdout).toMatch(new RegExp(`replayed at \\S+ to ${topic.name}\\[\\d\\]@2`));

    // a replay the log does not know (another log: as after a crash between copy and record)
    // publishes again; the consumer's inbox skips it
    const duplicatesBefore = consumer.stats().duplicate;
    const elsewhere = await new DeadLetters({ kafka, replayLogTopic: 'replays-elsewhere' }).replay(
      topic.deadLetter,
      { all: true },
    );
    expect(elsewhere.replayed.map((r) => r.eventId)).toEqual([poison.id]);
    await waitFor(
      () => consumer?.stats().duplicate === duplicatesBefore + 1,
      'the second copy skipped',
      60_000,
    );
    expect(applied.filter((id) => id === poison.id)).toHaveLength(1);
    expect(await readModel.findOne({ _id: poison.id })).toEqual({ _id: poison.id, applied: 1 });

    // asking for what is not there says so
    const wrong = await command('replay', topic.deadLetter, '0:7');
    expect(wrong.code).toBe(3);
    expect(wrong.stdout).toContain(`not found: ${topic.deadLetter}:0:7`);
    const usage = await command('replay', topic.deadLetter, 'seven');
    expect(usage.code).toBe(2);
    expect(usage.stdout).toContain('"seven" is not <partition>:<offset>');
  });
});
