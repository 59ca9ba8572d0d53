import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Admin, Kafka, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { EventEnvelope } from '@frontera/contracts';
import { EventConsumer } from '../src/consumer/event-consumer';
import { InboxStore } from '../src/consumer/inbox.store';
import { createEventProducer } from '../src/kafka/kafka-client';
import { OutboxPublisher } from '../src/outbox/outbox-publisher';
import { OutboxRelay } from '../src/outbox/outbox-relay';
import { applyToReadModel, employerModel, type EmployerReadDocument } from './fixtures/employer-aggregate';
import {
  connectTestDatabase,
  createTestTopic,
  deleteTestTopics,
  dropAndClose,
  testDatabaseUri,
  type TestTopic,
} from './support/messaging-test-kit';
import { uniqueName, messageCount, testKafka, waitFor } from '@frontera/platform-testing';

const ROOT = join(__dirname, '../../../..');
const FIXTURE = join(__dirname, 'fixtures/crash-before-publish.ts');

interface ChildResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

// testTimeout in a project config is ignored by Jest (a global option): set it here.
jest.setTimeout(60_000);

/** The test's environment, minus the flag that tells run-ts.cjs TypeScript is already registered. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env['FRONTERA_TS_REGISTERED'];
  return env;
}

function runFixture(args: string[]): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'tools/scripts/run-ts.cjs'), FIXTURE, ...args], {
      cwd: ROOT,
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe('the process is killed between the state write and the publish', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let connection: Connection;
  let topic: TestTopic;
  const databaseUri = testDatabaseUri('crash');
  const stoppables: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    kafka = testKafka('crash-int');
    admin = kafka.admin();
    producer = createEventProducer(kafka);
    [connection] = await Promise.all([connectTestDatabase(databaseUri), admin.connect(), producer.connect()]);
    topic = await createTestTopic(admin, 'crash');
  });

  afterAll(async () => {
    await Promise.all(stoppables.map((s) => s.stop()));
    await deleteTestTopics(admin);
    await Promise.all([producer?.disconnect(), admin?.disconnect(), dropAndClose(connection)]);
  });

  it('after restart the relay delivers the event, and an idempotent consumer applies it exactly once', async () => {
    const collection = 'crash_employers';
    const employerId = `emp-${uniqueName('crash')}`;

    // 1. A service process writes state + event atomically, then dies by SIGKILL before publishing.
    const child = await runFixture([databaseUri, collection, topic.name, employerId, 'corr-crash-000001']);
    expect(child).toMatchObject({ signal: 'SIGKILL' });
    expect(child.stdout).toMatch(/^WRITTEN [0-9a-f-]{36}$/m);
    const eventId = /WRITTEN (\S+)/.exec(child.stdout)?.[1];

    const model = employerModel(connection, collection);
    const stored = await model.findById(employerId).lean();
    expect(stored?.status).toBe('PENDING_VERIFICATION');
    expect(stored?.outbox.map((e) => e.eventId)).toEqual([eventId]);
    expect(await messageCount(admin, topic.name)).toBe(0);

    // 2. "Restart": a consumer (inbox + guarded writes) and the relay.
    const readModel = 'crash_employer_view';
    const applied: string[] = [];
    const consumer = new EventConsumer({
      kafka,
      name: 'crash-test-view',
      groupId: `${topic.name}-view`,
      topics: [topic.name],
      inbox: InboxStore.forConnection(connection),
      handlers: {
        'frontera.employer.registered': async (event) => {
          if (await applyToReadModel(connection, readModel, event)) applied.push(event.id);
        },
      },
    });
    stoppables.push(consumer);
    await consumer.start();
    const publisher = new OutboxPublisher({ producer });
    const relay = new OutboxRelay({ publisher, sources: [model], graceMs: 500, intervalMs: 100 });
    stoppables.push(relay);
    expect(await relay.pendingCount()).toBe(1);
    relay.start();

    const view = connection.collection<EmployerReadDocument>(readModel);
    await waitFor(
      async () => (await view.findOne({ _id: employerId }))?.applications === 1,
      'the event applied',
      20_000,
    );
    expect(applied).toEqual([eventId]);
    expect(await relay.pendingCount()).toBe(0);
    expect(await messageCount(admin, topic.name)).toBe(1);

    // 3. The same event delivered again (a relay that published but died before marking it sent).
    const envelope = JSON.parse(stored?.outbox[0].payload ?? '{}') as EventEnvelope;
    await publisher.publishEvents([envelope], employerId, { topicFor: () => topic.name });
    await waitFor(() => consumer.stats().duplicate === 1, 'the duplicate to be seen', 20_000);
    expect(consumer.stats()).toMatchObject({ handled: 1, duplicate: 1 });
    expect((await view.findOne({ _id: employerId }))?.applications).toBe(1);

    // 4. Even without an inbox (say its mark was lost), the guarded write applies it once.
    const noInbox: string[] = [];
    const bare = new EventConsumer({
      kafka,
      name: 'crash-test-bare',
      groupId: `${topic.name}-bare`,
      topics: [topic.name],
      handlers: {
        'frontera.employer.registered': async (event) => {
          noInbox.push(event.id);
          await applyToReadModel(connection, `${readModel}_bare`, event);
        },
      },
    });
    stoppables.push(bare);
    await bare.start();
    await waitFor(() => noInbox.length === 2, 'both deliveries handled', 20_000);
    expect(noInbox).toEqual([eventId, eventId]);
    const bareView = connection.collection<EmployerReadDocument>(`${readModel}_bare`);
    expect(await bareView.findOne({ _id: employerId })).toEqual({
      _id: employerId,
      applications: 1,
      appliedEvents: [eventId],
    });
  });
});
