import { Test, type TestingModule } from '@nestjs/testing';
import { logLevel, type Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { EventEnvelope } from '@frontera/contracts';
import { InboxStore } from '../src/consumer/inbox.store';
import { OutboxPublisher } from '../src/outbox/outbox-publisher';
import { MessagingModule } from '../src/nest/messaging.module';
import { KAFKA_CLIENT } from '../src/nest/messaging.options';
import { MessagingRuntime } from '../src/nest/messaging.runtime';
import { EmployerRepository, employerModel } from './fixtures/employer-aggregate';
import { anEmployerEvent } from './support/event-builders';
import { connectTestDatabase, dropAndClose } from './support/messaging-test-kit';
import { endpointsFromEnv, uniqueName, waitFor } from '@frontera/platform-testing';

// testTimeout in a project config is ignored by Jest (a global option): set it here.
jest.setTimeout(60_000);

describe('MessagingModule', () => {
  let connection: Connection;
  let moduleRef: TestingModule | undefined;

  beforeAll(async () => {
    connection = await connectTestDatabase('nest');
  });

  afterAll(async () => {
    await moduleRef?.close();
    await dropAndClose(connection);
  });

  it('creates topics, starts consumers and the relay on bootstrap, and stops them on shutdown', async () => {
    const topic = uniqueName('nest');
    const model = employerModel(connection, 'nest_employers');
    const handled: EventEnvelope[] = [];
    moduleRef = await Test.createTestingModule({
      imports: [
        MessagingModule.forRootAsync({
          useFactory: () => ({
            clientId: uniqueName('nest-test'),
            brokers: endpointsFromEnv().kafkaBrokers,
            kafkaLogLevel: logLevel.NOTHING,
            ensureTopics: [
              { name: topic, description: 'test', partitions: 2, retentionMs: 3_600_000 },
              { name: `${topic}.dlq`, description: 'test', partitions: 1, retentionMs: 3_600_000 },
            ],
            consumers: [
              {
                name: 'nest-test-consumer',
                groupId: `${topic}-g`,
                topics: [topic],
                inbox: InboxStore.forConnection(connection),
                handlers: {
                  'frontera.employer.registered': async (event) => {
                    handled.push(event);
                  },
                },
              },
            ],
            outbox: { sources: [model], graceMs: 0, intervalMs: 100 },
          }),
        }),
      ],
    }).compile();
    await moduleRef.init();
    const runtime = moduleRef.get(MessagingRuntime);
    const kafka = moduleRef.get<Kafka>(KAFKA_CLIENT);
    const publisher = moduleRef.get(OutboxPublisher);
    expect(runtime.consumers.map((c) => c.running)).toEqual([true]);
    expect(runtime.outboxRelay.running).toBe(true);

    // One event published at once, one left for the relay.
    const repo = new EmployerRepository(model, () => topic);
    const [a, b] = [anEmployerEvent(), anEmployerEvent()];
    const [eventA, eventB] = [a.registered(), b.registered()];
    await publisher.publishWritten(model, await repo.register(a.id, [eventA]));
    await repo.register(b.id, [eventB]);

    await waitFor(() => handled.length === 2, 'both events handled', 20_000);
    expect(handled.map((e) => e.id).sort()).toEqual([eventA.id, eventB.id].sort());

    await moduleRef.close();
    moduleRef = undefined;
    expect(runtime.consumers.map((c) => c.running)).toEqual([false]);
    expect(runtime.outboxRelay.running).toBe(false);

    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] });
    await admin.disconnect();
  });
});
