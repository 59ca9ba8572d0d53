import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import { Test, type TestingModule } from '@nestjs/testing';
import { logLevel } from 'kafkajs';
import type { Connection } from 'mongoose';
import { endpointsFromEnv, testKafka, uniqueName, waitFor } from '@frontera/platform-testing';
import { InboxStore } from '../src/consumer/inbox.store';
import { MessagingModule } from '../src/nest/messaging.module';
import { MessagingRuntime } from '../src/nest/messaging.runtime';
import { OutboxPublisher } from '../src/outbox/outbox-publisher';
import { EmployerRepository, employerModel } from './fixtures/employer-aggregate';
import { anEmployerEvent } from './support/event-builders';
import {
  CapturingLogger,
  connectTestDatabase,
  dropAndClose,
  testDatabaseUri,
} from './support/messaging-test-kit';

jest.setTimeout(60_000);

/** What happened during shutdown, in order. */
const order: string[] = [];

/** In the root module: its onApplicationShutdown runs first of all (Nest goes from the root down). */
@Injectable()
class ShutdownPhaseProbe implements OnApplicationShutdown {
  onApplicationShutdown(): void {
    order.push('onApplicationShutdown phase');
  }
}

@Module({ providers: [ShutdownPhaseProbe] })
class ProbeModule {}

/**
 * The application's shutdown with a real MongooseModule: everything that uses the database
 * (consumers, the relay's sweep, publishes started after writes) stops in the first phase,
 * before mongoose closes its connection in onApplicationShutdown; the producer disconnects
 * in the second.
 */
describe('MessagingModule shutdown with MongooseModule', () => {
  const topic = uniqueName('shutdown');
  const uri = testDatabaseUri('shutdown');
  let moduleRef: TestingModule | undefined;

  afterAll(async () => {
    await moduleRef?.close();
    const admin = testKafka('shutdown-cleanup').admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] }).catch(() => undefined);
    await admin.disconnect();
    await dropAndClose(await connectTestDatabase(uri));
  });

  it('drains consumers, the relay and publishes in flight before the connection closes; logs no failure', async () => {
    const logs = new CapturingLogger();
    let handlerStarted = false;
    let handlerWrote = false;
    moduleRef = await Test.createTestingModule({
      imports: [
        ProbeModule,
        MongooseModule.forRoot(uri, { maxPoolSize: 5 }),
        MessagingModule.forRootAsync({
          inject: [getConnectionToken()],
          useFactory: (connection: Connection) => ({
            clientId: uniqueName('shutdown-test'),
            brokers: endpointsFromEnv().kafkaBrokers,
            kafkaLogLevel: logLevel.NOTHING,
            ensureTopics: [
              { name: topic, description: 'test', partitions: 1, retentionMs: 3_600_000 },
              { name: `${topic}.dlq`, description: 'test', partitions: 1, retentionMs: 3_600_000 },
            ],
            consumers: [
              {
                name: 'shutdown-test-consumer',
                groupId: `${topic}-g`,
                topics: [topic],
                inbox: InboxStore.forConnection(connection),
                handlers: {
                  // Still busy when the application closes; writes to the database at the end.
                  'frontera.employer.registered': async (event) => {
                    handlerStarted = true;
                    await sleep(300);
                    await connection.collection('handled').insertOne({ eventId: event.id });
                    handlerWrote = true;
                  },
                },
              },
            ],
            outbox: {
              sources: [employerModel(connection, 'shutdown_employers')],
              graceMs: 0,
              intervalMs: 10,
            },
            consumerLag: false,
          }),
        }),
      ],
    })
      .setLogger(logs)
      .compile();
    const connection = moduleRef.get<Connection>(getConnectionToken());
    const runtime = moduleRef.get(MessagingRuntime);
    const publisher = moduleRef.get(OutboxPublisher);
    // Every sweep takes a while, so one is in progress when the application closes.
    const relay = runtime.outboxRelay;
    const sweep = relay.sweep.bind(relay);
    jest.spyOn(relay, 'sweep').mockImplementation(async () => {
      await sleep(200);
      return sweep();
    });
    await moduleRef.init();
    connection.on('close', () => order.push('mongoose closed'));
    const stopRelay = relay.stop.bind(relay);
    jest.spyOn(relay, 'stop').mockImplementation(async () => {
      await stopRelay();
      order.push('relay stopped');
    });
    const drain = publisher.drain.bind(publisher);
    jest.spyOn(publisher, 'drain').mockImplementation(async () => {
      await drain();
      order.push('publishes drained');
    });

    const model = employerModel(connection, 'shutdown_employers');
    const repo = new EmployerRepository(model, () => topic);
    const first = anEmployerEvent();
    await publisher.publishWritten(model, await repo.register(first.id, [first.registered()]));
    await waitFor(() => handlerStarted, 'the handler to start', 20_000, 5);
    const second = anEmployerEvent();
    const written = await repo.register(second.id, [second.registered()]);
    const inFlight = publisher.publishWritten(model, written); // not awaited, like a service does

    await moduleRef.close();
    moduleRef = undefined;

    expect(await inFlight).toEqual({ published: 1 });
    expect(handlerWrote).toBe(true);
    expect(order).toEqual([
      'relay stopped',
      'publishes drained',
      'onApplicationShutdown phase',
      'mongoose closed',
    ]);
    const failures = [...logs.messages('error'), ...logs.messages('warn')];
    expect(
      failures.filter((m) =>
        /sweep failed|prune\(s\) failed|left to the relay|could not|Client must be connected/.test(m),
      ),
    ).toEqual([]);
    expect(logs.messages('error')).toEqual([]);
    expect(logs.messages('log')).toContain('messaging stopped');
  });
});
