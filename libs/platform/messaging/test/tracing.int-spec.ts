import { Test, type TestingModule } from '@nestjs/testing';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { logLevel, type Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { EventEnvelope } from '@frontera/contracts';
import {
  CORRELATION_ID_ATTRIBUTE,
  flushTracing,
  setupTracing,
  shutdownTracing,
  SpanKind,
  traced,
} from '@frontera/platform-observability';
import { endpointsFromEnv, uniqueName, waitFor } from '@frontera/platform-testing';
import { InboxStore } from '../src/consumer/inbox.store';
import { MessagingModule } from '../src/nest/messaging.module';
import { KAFKA_CLIENT } from '../src/nest/messaging.options';
import { EmployerRepository, employerModel } from './fixtures/employer-aggregate';
import { anEmployerEvent } from './support/event-builders';
import { connectTestDatabase, dropAndClose } from './support/messaging-test-kit';

jest.setTimeout(90_000);

/**
 * The trace context stored with an outbox entry (decision 0043): an event written in a request but
 * never published by it (as after a crash) is sent later by the relay, and its producer span is still
 * a child of the request's span; the consumer's span continues the producer's from the record
 * headers. Real FerretDB and Kafka; spans kept in memory.
 */
describe('tracing through the outbox relay (real FerretDB, Kafka)', () => {
  const exporter = new InMemorySpanExporter();
  let connection: Connection;
  let moduleRef: TestingModule | undefined;
  const topic = uniqueName('trace');

  beforeAll(async () => {
    setupTracing({ serviceName: 'messaging-test', exporter });
    connection = await connectTestDatabase('trace');
  });

  afterAll(async () => {
    const kafka = moduleRef?.get<Kafka>(KAFKA_CLIENT);
    await moduleRef?.close();
    if (kafka) {
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] }).catch(() => undefined);
      await admin.disconnect();
    }
    await shutdownTracing();
    await dropAndClose(connection);
  });

  it("the relay's publish continues the trace of the write; the consumer continues the publish", async () => {
    const model = employerModel(connection, 'trace_employers');
    const handled: EventEnvelope[] = [];
    moduleRef = await Test.createTestingModule({
      imports: [
        MessagingModule.forRootAsync({
          useFactory: () => ({
            clientId: uniqueName('trace-test'),
            brokers: endpointsFromEnv().kafkaBrokers,
            kafkaLogLevel: logLevel.NOTHING,
            ensureTopics: [
              { name: topic, description: 'test', partitions: 1, retentionMs: 3_600_000 },
              { name: `${topic}.dlq`, description: 'test', partitions: 1, retentionMs: 3_600_000 },
            ],
            consumers: [
              {
                name: 'trace-test-consumer',
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

    // The write, inside a "request" span; nothing publishes it but the relay.
    const repo = new EmployerRepository(model, () => topic);
    const employer = anEmployerEvent();
    const event = employer.registered();
    const request = await traced('request', { kind: SpanKind.SERVER }, async (span) => {
      await repo.register(employer.id, [event]);
      return span.spanContext();
    });
    const stored = await model.findById(employer.id).lean();
    expect(stored?.outbox[0]?.traceparent).toBe(`00-${request.traceId}-${request.spanId}-01`);

    await waitFor(() => handled.length === 1, 'the event handled', 60_000);
    const spans = await waitFor(
      async () => {
        await flushTracing();
        const all = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === request.traceId);
        return all.some((s) => s.kind === SpanKind.CONSUMER) ? all : undefined;
      },
      'the consumer span',
      30_000,
    );
    const producer = spans.find((s) => s.kind === SpanKind.PRODUCER);
    const consumer = spans.find((s) => s.kind === SpanKind.CONSUMER);
    expect(producer?.name).toBe(`${topic} publish`);
    expect(producer?.parentSpanContext?.spanId).toBe(request.spanId);
    expect(producer?.attributes).toMatchObject({
      'frontera.outbox.path': 'relay',
      'messaging.message.id': event.id,
      [CORRELATION_ID_ATTRIBUTE]: event.correlationid,
    });
    expect(consumer?.name).toBe(`${topic} process`);
    expect(consumer?.parentSpanContext?.spanId).toBe(producer?.spanContext().spanId);
    expect(consumer?.attributes).toMatchObject({
      'messaging.message.id': event.id,
      'frontera.event.type': 'frontera.employer.registered',
      [CORRELATION_ID_ATTRIBUTE]: event.correlationid,
    });
  });
});
