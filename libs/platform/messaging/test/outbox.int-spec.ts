import type { Admin, Kafka, Producer } from 'kafkajs';
import type { Connection, Model } from 'mongoose';
import { register } from 'prom-client';
import { ContractViolationError, createEvent, type EventEnvelope } from '@frontera/contracts';
import { CorrelationContext, type CorrelationScope } from '@frontera/platform-observability';
import { EventConsumer } from '../src/consumer/event-consumer';
import { InboxStore } from '../src/consumer/inbox.store';
import { createEventProducer } from '../src/kafka/kafka-client';
import { MetricNames } from '../src/metrics/messaging-metrics';
import { OutboxPublisher } from '../src/outbox/outbox-publisher';
import { OutboxRelay } from '../src/outbox/outbox-relay';
import { OUTBOX_LEASES_COLLECTION, OUTBOX_SENT_COLLECTION, type SentMark } from '../src/outbox/outbox-store';
import { EmployerRepository, employerModel, type EmployerDocument } from './fixtures/employer-aggregate';
import { aContractBreakingEnvelope, anEmployerEvent } from './support/event-builders';
import { messageCount, testKafka, waitFor } from '@frontera/platform-testing';
import {
  CapturingLogger,
  connectTestDatabase,
  createTestTopic,
  deleteTestTopics,
  dropAndClose,
  type TestTopic,
} from './support/messaging-test-kit';

// testTimeout in a project config is ignored by Jest (a global option): set it here.
jest.setTimeout(60_000);

/**
 * The outbox as a service uses it: state and events in one write, published
 * right after, the relay for whatever is left, consumers on the other side.
 */
describe('outbox → Kafka → consumer', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let connection: Connection;
  const stoppables: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    kafka = testKafka('outbox-int');
    admin = kafka.admin();
    producer = createEventProducer(kafka);
    [connection] = await Promise.all([connectTestDatabase('outbox'), admin.connect(), producer.connect()]);
  });

  afterAll(async () => {
    await Promise.all(stoppables.map((s) => s.stop()));
    await deleteTestTopics(admin);
    await Promise.all([producer?.disconnect(), admin?.disconnect(), dropAndClose(connection)]);
  });

  async function setUp(
    prefix: string,
  ): Promise<{ topic: TestTopic; model: Model<EmployerDocument>; repo: EmployerRepository }> {
    const topic = await createTestTopic(admin, prefix);
    const model = employerModel(connection, `${prefix}_employers`);
    await model.init(); // creates the outbox.createdAt index
    return { topic, model, repo: new EmployerRepository(model, () => topic.name) };
  }

  async function pendingIds(model: Model<EmployerDocument>, id: string): Promise<string[]> {
    const doc = await model.findById(id).lean();
    return (doc?.outbox ?? []).map((e) => e.eventId);
  }

  it('delivers a state change and its event: typed envelope, correlation scope, marked sent', async () => {
    const { topic, model, repo } = await setUp('roundtrip');
    const received: { event: EventEnvelope; sector: string; scope: CorrelationScope | undefined }[] = [];
    const consumer = new EventConsumer({
      kafka,
      name: 'roundtrip-test',
      groupId: `${topic.name}-g`,
      topics: [topic.name],
      inbox: InboxStore.forConnection(connection),
      handlers: {
        'frontera.employer.registered': async (event) => {
          // event.data is typed EmployerRegisteredV1.
          received.push({ event, sector: event.data.sector, scope: CorrelationContext.current() });
        },
      },
    });
    stoppables.push(consumer);
    await consumer.start();
    const publisher = new OutboxPublisher({ producer });
    const employer = anEmployerEvent().withCorrelationId('corr-roundtrip-0001');
    const event = employer.registered();

    await repo.register(employer.id, [event]);
    const written = await model.findById(employer.id).lean();
    expect(written?.outbox.map((e) => e.eventId)).toEqual([event.id]);
    const outcome = await publisher.publishPending(model, employer.id);

    expect(outcome).toEqual({ published: 1 });
    // Marked sent in outbox_sent; the aggregate's document itself is not touched.
    expect(
      await connection.collection<SentMark>(OUTBOX_SENT_COLLECTION).countDocuments({ _id: event.id }),
    ).toBe(1);
    expect(await model.findById(employer.id).lean()).toEqual(written);
    expect(await publisher.publishPending(model, employer.id)).toEqual({ published: 0 });
    expect(await model.collection.indexExists('outbox.createdAt_1')).toBe(true); // FerretDB accepts it
    const [delivered] = await waitFor(
      () => received.length === 1 && received,
      'the event to be handled',
      20_000,
    );
    expect(delivered.event).toEqual(event);
    expect(delivered.sector).toBe('COFFEE');
    expect(delivered.scope).toEqual({ correlationId: 'corr-roundtrip-0001', causationId: event.id });
  });

  it('refuses an event that breaks its contract before anything is written or sent', async () => {
    const { topic, model, repo } = await setUp('refused');
    const publisher = new OutboxPublisher({ producer });
    const broken = aContractBreakingEnvelope('emp-refused');

    expect(() =>
      createEvent({
        type: 'frontera.employer.registered',
        subject: 'emp-refused',
        correlationId: 'c',
        // Outside the contract at run time (types cannot see it): the factory must refuse it.
        data: Object.assign({}, anEmployerEvent().registered().data, { state: 'XX' }),
      }),
    ).toThrow(ContractViolationError);
    await expect(repo.register('emp-refused', [broken])).rejects.toThrow(ContractViolationError);
    await expect(
      publisher.publishEvents([broken], 'emp-refused', { topicFor: () => topic.name }),
    ).rejects.toThrow(/breaks its contract/);

    expect(await model.countDocuments()).toBe(0);
    expect(await messageCount(admin, topic.name)).toBe(0);
  });

  it('a failed publish does not fail the write, is logged, shows in the backlog gauge, and the relay delivers it', async () => {
    const { topic, model, repo } = await setUp('relayed');
    const logger = new CapturingLogger();
    const disconnected = createEventProducer(kafka); // never connected: every send fails
    const failing = new OutboxPublisher({ producer: disconnected, logger });
    const employer = anEmployerEvent();
    const event = employer.registered();

    await repo.register(employer.id, [event]);
    const outcome = await failing.publishPending(model, employer.id);

    expect(outcome.published).toBe(0);
    expect(outcome.error).toBeDefined();
    expect(logger.messages('error')).toEqual([
      expect.stringContaining(`${model.collection.collectionName}/${employer.id}: 1 event(s) not published`),
    ]);
    expect(await pendingIds(model, employer.id)).toEqual([event.id]);

    // A relay that waits long before sweeping: the backlog is visible meanwhile.
    const patient = new OutboxRelay({
      publisher: new OutboxPublisher({ producer }),
      sources: [model],
      graceMs: 60_000,
    });
    patient.start();
    const gauge = register.getSingleMetric(MetricNames.outboxPending);
    const backlog = async (): Promise<number | undefined> =>
      (await gauge?.get())?.values.find((v) => v.labels['collection'] === model.collection.collectionName)
        ?.value;
    expect(await patient.pendingCount()).toBe(1);
    expect(await backlog()).toBe(1);
    await patient.stop();

    // A relay delivers it, but leaves it in the document while the document is not quiet.
    const relayPublisher = new OutboxPublisher({ producer });
    const relay = new OutboxRelay({
      publisher: relayPublisher,
      sources: [model],
      graceMs: 0,
      intervalMs: 100,
    });
    stoppables.push(relay);
    relay.start();
    await waitFor(async () => (await relay.pendingCount()) === 0, 'the relay to publish the event', 20_000);
    expect(await messageCount(admin, topic.name)).toBe(1);
    expect(await pendingIds(model, employer.id)).toEqual([event.id]);
    expect(await backlog()).toBe(0);
    await relay.stop();

    // Once quiet, the published entry is pruned from the document, without publishing it again.
    const pruner = new OutboxRelay({ publisher: relayPublisher, sources: [model], graceMs: 0, quietMs: 0 });
    expect(await pruner.sweep()).toMatchObject({ documents: 1, published: 0, pruned: 1, failed: 0 });
    expect(await pendingIds(model, employer.id)).toEqual([]);
    expect(
      await connection.collection<SentMark>(OUTBOX_SENT_COLLECTION).countDocuments({ _id: event.id }),
    ).toBe(0);
    expect(await messageCount(admin, topic.name)).toBe(1);
  });

  it('several relay instances publish each pending event once (leases)', async () => {
    const { topic, model, repo } = await setUp('leases');
    const employers = Array.from({ length: 20 }, () => anEmployerEvent());
    for (const employer of employers) await repo.register(employer.id, [employer.registered()]);
    const instance = (): OutboxRelay =>
      new OutboxRelay({
        publisher: new OutboxPublisher({ producer }),
        sources: [model],
        graceMs: 0,
        batchSize: 20,
      });

    const results = await Promise.all([instance().sweep(), instance().sweep(), instance().sweep()]);

    expect(results.reduce((sum, r) => sum + r.published, 0)).toBe(20);
    expect(await messageCount(admin, topic.name)).toBe(20);
    expect(await instance().pendingCount()).toBe(0);
    expect(await connection.collection(OUTBOX_LEASES_COLLECTION).countDocuments()).toBe(0);
  });

  it('keeps one aggregate’s 50 events in order through concurrent publishes and the relay', async () => {
    const { topic, model, repo } = await setUp('ordered');
    const sequences: number[] = [];
    const consumer = new EventConsumer({
      kafka,
      name: 'ordering-test',
      groupId: `${topic.name}-g`,
      topics: [topic.name],
      inbox: InboxStore.forConnection(connection),
      handlers: {
        'frontera.employer.registered': async (event) => {
          sequences.push(event.sequence ?? -1);
        },
        'frontera.employer.updated': async (event) => {
          sequences.push(event.sequence ?? -1);
        },
      },
    });
    stoppables.push(consumer);
    await consumer.start();
    const publisher = new OutboxPublisher({ producer });
    const relay = new OutboxRelay({ publisher, sources: [model], graceMs: 300, intervalMs: 100 });
    stoppables.push(relay);
    relay.start();

    const employer = anEmployerEvent();
    await repo.register(employer.id, [employer.withSequence(1).registered()]);
    const publishes = [publisher.publishPending(model, employer.id)];
    for (let sequence = 2; sequence <= 50; sequence++) {
      await repo.update(employer.id, sequence - 1, `m${sequence}`, [
        employer.withSequence(sequence).updated(),
      ]);
      // Publishes overlap (not awaited), and some writes are never followed by one
      // (as if the process died): the next publish or the relay carries those.
      if (sequence % 7 !== 0 && sequence !== 50) publishes.push(publisher.publishPending(model, employer.id));
    }
    await Promise.all(publishes);

    await waitFor(() => sequences.length >= 50, `50 events handled (have ${sequences.length})`, 30_000);
    expect(sequences).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    await waitFor(async () => (await relay.pendingCount()) === 0, 'nothing left unpublished', 10_000);
    const partitions = (await admin.fetchTopicOffsets(topic.name)).filter((p) => Number(p.high) > 0);
    expect(partitions).toHaveLength(1); // one key, one partition
  });

  it('prunes every document inside the source’s document lock, and retries a prune whose lock is refused', async () => {
    const { model, repo } = await setUp('locked_prune');
    const publisher = new OutboxPublisher({ producer });
    const employers = [anEmployerEvent(), anEmployerEvent(), anEmployerEvent()];
    for (const employer of employers) {
      await repo.register(employer.id, [employer.registered()]);
      await publisher.publishPending(model, employer.id);
    }
    const calls: { id: string; entriesBefore: number; entriesAfter: number }[] = [];
    let refuse = true;
    const logger = new CapturingLogger();
    const relay = new OutboxRelay({
      publisher,
      graceMs: 0,
      quietMs: 0,
      logger,
      sources: [
        {
          target: model,
          withDocumentLock: async <T>(id: string, fn: () => Promise<T>): Promise<T> => {
            if (refuse && id === employers[0].id) throw new Error('EMPLOYER.BUSY');
            const entriesBefore = (await pendingIds(model, id)).length;
            const result = await fn();
            calls.push({ id, entriesBefore, entriesAfter: (await pendingIds(model, id)).length });
            return result;
          },
        },
      ],
    });

    // The prune happens inside the lock: entries there when it is entered, gone when it is left.
    expect(await relay.sweep()).toMatchObject({ documents: 3, pruned: 2 });
    expect(calls.map((c) => c.id).sort()).toEqual([employers[1].id, employers[2].id].sort());
    expect(calls.every((c) => c.entriesBefore === 1 && c.entriesAfter === 0)).toBe(true);
    // Lock refused: nothing pruned there, a warning, and a later sweep prunes it.
    expect(await pendingIds(model, employers[0].id)).toHaveLength(1);
    expect(logger.messages('warn').some((m) => m.includes('not marked or pruned (EMPLOYER.BUSY)'))).toBe(
      true,
    );
    refuse = false;
    expect(await relay.sweep()).toMatchObject({ documents: 1, pruned: 1 });
    expect(calls.map((c) => c.id)).toContain(employers[0].id);
    expect(await pendingIds(model, employers[0].id)).toEqual([]);
    expect(logger.messages('error')).toEqual([]);
  });
});
