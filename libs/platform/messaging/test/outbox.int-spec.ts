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
import { documentWithOutbox, outboxEntriesFor, outboxRecordsFor } from '../src/outbox/outbox-entry';
import {
  MAX_BULK_STATEMENTS,
  OUTBOX_LEASES_COLLECTION,
  outboxSourceOf,
  prunePublished,
} from '../src/outbox/outbox-store';
import { EmployerRepository, employerModel, type EmployerDocument } from './fixtures/employer-aggregate';
import { aContractBreakingEnvelope, anEmployerEvent } from './support/event-builders';
import { messageCount, recordDatabaseCommands, testKafka, waitFor } from '@frontera/platform-testing';
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
    await model.init(); // creates the outboxPending index
    return { topic, model, repo: new EmployerRepository(model, () => topic.name) };
  }

  async function pendingIds(model: Model<EmployerDocument>, id: string): Promise<string[]> {
    const doc = await model.findById(id).lean();
    return (doc?.outbox ?? []).map((e) => e.eventId);
  }

  async function pendingFlag(model: Model<EmployerDocument>, id: string): Promise<boolean | undefined> {
    return (await model.findById(id).lean())?.outboxPending;
  }

  it('delivers a state change and its event: typed envelope, correlation scope; the document is pruned after', async () => {
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

    const written = await repo.register(employer.id, [event]);
    const stored = await model.findById(employer.id).lean();
    expect(stored?.outbox.map((e) => e.eventId)).toEqual([event.id]);
    expect(stored?.outboxPending).toBe(true);
    const outcome = await publisher.publishWritten(model, written);

    expect(outcome).toEqual({ published: 1 });
    // The prune comes a little later, batched, conditioned on the version that was published.
    await publisher.flushPrunes();
    expect(await pendingIds(model, employer.id)).toEqual([]);
    expect(await pendingFlag(model, employer.id)).toBeUndefined();
    expect(await model.collection.indexExists('outboxPending_1')).toBe(true);
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

    const written = await repo.register(employer.id, [event]);
    const outcome = await failing.publishWritten(model, written);

    expect(outcome.published).toBe(0);
    expect(outcome.error).toBeDefined();
    expect(logger.messages('error')).toEqual([
      expect.stringContaining(
        `${model.collection.collectionName}/${employer.id}: 1 event(s) and 0 record(s) left to the relay`,
      ),
    ]);
    await failing.flushPrunes();
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

    // A relay delivers it and prunes the document.
    const relay = new OutboxRelay({
      publisher: new OutboxPublisher({ producer }),
      sources: [model],
      graceMs: 0,
      intervalMs: 100,
    });
    stoppables.push(relay);
    relay.start();
    await waitFor(async () => (await relay.pendingCount()) === 0, 'the relay to publish the event', 20_000);
    expect(await messageCount(admin, topic.name)).toBe(1);
    await waitFor(async () => (await pendingFlag(model, employer.id)) === undefined, 'the prune', 5_000);
    expect(await pendingIds(model, employer.id)).toEqual([]);
    expect(await backlog()).toBe(0);
    await relay.stop();
    // Nothing is pending any more: a sweep finds nothing and sends nothing.
    expect(await relay.sweep()).toMatchObject({ documents: 0, published: 0, failed: 0 });
    expect(await messageCount(admin, topic.name)).toBe(1);
  });

  it('clears the flag of a document whose outbox holds only malformed items or nothing: counted, logged once, never picked again', async () => {
    const { topic, model } = await setUp('malformed');
    const logger = new CapturingLogger();
    const relay = new OutboxRelay({
      publisher: new OutboxPublisher({ producer }),
      sources: [model],
      graceMs: 0,
      logger,
    });
    const long = new Date(Date.now() - 60_000);
    const secret = 'PAYLOAD-THAT-MUST-NOT-BE-LOGGED';
    await model.collection.insertMany([
      {
        _id: 'emp-malformed',
        status: 'ACTIVE',
        municipality: 'Tapachula',
        version: 3,
        // An entry without its topic and key, something that is no record at all.
        outbox: [{ eventId: 'evt-broken', payload: secret, createdAt: long }, 'junk'],
        outboxRecords: [{ id: 'rec-broken', payload: secret }],
        outboxPending: true,
        outboxAt: long,
      },
      {
        _id: 'emp-empty',
        status: 'ACTIVE',
        municipality: 'Tapachula',
        version: 2,
        outbox: [],
        outboxRecords: [],
        outboxPending: true,
        outboxAt: long,
      },
    ] as never[]);
    const counter = register.getSingleMetric(MetricNames.outboxMalformed);
    const malformedCount = async (): Promise<number> =>
      (await counter?.get())?.values.find((v) => v.labels['collection'] === model.collection.collectionName)
        ?.value ?? 0;
    const before = await malformedCount();

    const first = await relay.sweep();
    expect(first).toMatchObject({ documents: 2, published: 0, records: 0, failed: 0, malformed: 3 });

    // Both pruned at the version they had: the flag and the items gone, the state and version kept.
    for (const [id, version] of [
      ['emp-malformed', 3],
      ['emp-empty', 2],
    ] as const) {
      expect(await model.findById(id).lean()).toMatchObject({
        version,
        status: 'ACTIVE',
        outbox: [],
        outboxRecords: [],
      });
      expect(await pendingFlag(model, id)).toBeUndefined();
    }
    expect(await malformedCount()).toBe(before + 3);
    // The next sweeps find nothing: no lease, no log, no publish.
    expect(await relay.sweep()).toMatchObject({ documents: 0, malformed: 0 });
    expect(await relay.sweep()).toMatchObject({ documents: 0, malformed: 0 });
    const errors = logger.messages('error');
    expect(errors).toEqual([
      expect.stringContaining(`${model.collection.collectionName}/emp-malformed held 3 malformed item(s)`),
    ]);
    expect(logger.lines.map((l) => l.message).join('\n')).not.toContain(secret);
    for (const id of ['emp-malformed', 'emp-empty']) {
      const lease = `${model.collection.collectionName}:${id}`;
      expect(
        await connection.collection(OUTBOX_LEASES_COLLECTION).findOne({ _id: lease } as never),
      ).toBeNull();
    }
    expect(await messageCount(admin, topic.name)).toBe(0);
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

  it('stop() cuts a long sweep short: what it published is pruned and its leases released, the rest left pending for the next sweep', async () => {
    const { topic, model, repo } = await setUp('stop-mid-sweep');
    const employers = Array.from({ length: 150 }, () => anEmployerEvent());
    for (const employer of employers) await repo.register(employer.id, [employer.registered()]);
    const relay = new OutboxRelay({
      publisher: new OutboxPublisher({ producer }),
      sources: [model],
      graceMs: 0,
      batchSize: 150,
    });
    relay.start();
    await waitFor(async () => (await messageCount(admin, topic.name)) > 0 || undefined, 'a first publish');
    await relay.stop();

    const published = await messageCount(admin, topic.name);
    const left = await relay.pendingCount();
    expect(published).toBeLessThan(150);
    expect(left).toBe(150 - published);
    expect(await connection.collection(OUTBOX_LEASES_COLLECTION).countDocuments()).toBe(0);
    // Another sweep publishes the rest, each event once.
    const again = new OutboxRelay({
      publisher: new OutboxPublisher({ producer }),
      sources: [model],
      graceMs: 0,
      batchSize: 150,
    });
    expect(await again.sweep()).toMatchObject({ published: left, failed: 0 });
    expect(await messageCount(admin, topic.name)).toBe(150);
    expect(await again.pendingCount()).toBe(0);
  });

  it('drain() with a prune budget sends no prune past it: those documents stay pending for the relay, which publishes and prunes them', async () => {
    const { topic, model, repo } = await setUp('drain-budget');
    const logger = new CapturingLogger();
    const publisher = new OutboxPublisher({ producer, logger, pruneDelayMs: 60_000 });
    const employers = Array.from({ length: 5 }, () => anEmployerEvent());
    for (const employer of employers) {
      const written = await repo.register(employer.id, [employer.registered()]);
      expect((await publisher.publishWritten(model, written)).published).toBe(1);
    }

    await publisher.drain({ pruneBudgetMs: 0 });

    expect(logger.messages('warn')).toEqual([expect.stringContaining('5 prune(s) not sent in time')]);
    for (const employer of employers) expect(await pendingFlag(model, employer.id)).toBe(true);
    const relay = new OutboxRelay({
      publisher: new OutboxPublisher({ producer }),
      sources: [model],
      graceMs: 0,
    });
    expect(await relay.sweep()).toMatchObject({ documents: 5, failed: 0 });
    for (const employer of employers) expect(await pendingFlag(model, employer.id)).toBeUndefined();
    expect(await messageCount(admin, topic.name)).toBe(10); // published twice: at least once
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
    const first = await repo.register(employer.id, [employer.withSequence(1).registered()]);
    const publishes = [publisher.publishWritten(model, first)];
    for (let sequence = 2; sequence <= 50; sequence++) {
      const written = await repo.update(employer.id, sequence - 1, `m${sequence}`, [
        employer.withSequence(sequence).updated(),
      ]);
      // Publishes overlap (not awaited), and some writes are never followed by one
      // (as if the process died): the next publish or the relay carries those.
      if (sequence % 7 !== 0 && sequence !== 50) publishes.push(publisher.publishWritten(model, written));
    }
    await Promise.all(publishes);

    await waitFor(() => sequences.length >= 50, `50 events handled (have ${sequences.length})`, 30_000);
    expect(sequences).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    await waitFor(async () => (await relay.pendingCount()) === 0, 'nothing left unpublished', 10_000);
    const partitions = (await admin.fetchTopicOffsets(topic.name)).filter((p) => Number(p.high) > 0);
    expect(partitions).toHaveLength(1); // one key, one partition
  });

  it('moves records to their collection once, even when the document is published twice', async () => {
    const { model, repo } = await setUp('records');
    const publisher = new OutboxPublisher({ producer });
    const employer = anEmployerEvent();
    const history = outboxRecordsFor(`${model.collection.collectionName}_history`, [
      { _id: `${employer.id}:1:0`, employerId: employer.id, field: 'status', to: 'PENDING_VERIFICATION' },
      { _id: `${employer.id}:1:1`, employerId: employer.id, field: 'rating', to: null },
    ]);
    const written = await repo.register(employer.id, [employer.registered()], history);

    await publisher.publishWritten(model, written);
    await new OutboxPublisher({ producer }).publishWritten(model, written); // another instance, again
    await publisher.flushPrunes();

    const moved = await connection
      .collection(`${model.collection.collectionName}_history`)
      .find({ employerId: employer.id })
      .sort({ _id: 1 })
      .toArray();
    expect(moved).toEqual([
      { _id: `${employer.id}:1:0`, employerId: employer.id, field: 'status', to: 'PENDING_VERIFICATION' },
      { _id: `${employer.id}:1:1`, employerId: employer.id, field: 'rating', to: null },
    ]);
    expect((await model.findById(employer.id).lean())?.outboxRecords).toEqual([]);
  });

  it('publishes the writes that come while their collection is being published as one batch: one insert of their records, one Kafka request, each outcome its own (decision 0057)', async () => {
    const monitored = await connectTestDatabase('outbox-lane', { monitorCommands: true });
    try {
      const topic = await createTestTopic(admin, 'lane');
      const model = employerModel(monitored, 'lane_employers');
      await model.init();
      const repo = new EmployerRepository(model, () => topic.name);
      const historyCollection = 'lane_employers_history';
      const employers = Array.from({ length: 8 }, () => anEmployerEvent());
      const writes = [];
      for (const employer of employers) {
        const history = outboxRecordsFor(historyCollection, [
          { _id: `${employer.id}:1:0`, employerId: employer.id, field: 'status', to: 'PENDING_VERIFICATION' },
        ]);
        writes.push(await repo.register(employer.id, [employer.registered()], history));
      }
      const requests: number[] = [];
      const observed: Producer = {
        ...producer,
        sendBatch: (batch) => {
          requests.push(batch.topicMessages?.reduce((n, t) => n + t.messages.length, 0) ?? 0);
          return producer.sendBatch(batch);
        },
      };
      const publisher = new OutboxPublisher({ producer: observed, pruneDelayMs: 60_000 });
      const commands = recordDatabaseCommands(monitored);

      // All at once, as concurrent requests do: the first goes alone, the other seven wait for it.
      const outcomes = await Promise.all(writes.map((written) => publisher.publishWritten(model, written)));

      expect(outcomes).toEqual(writes.map(() => ({ published: 1 })));
      expect(requests).toEqual([1, 7]);
      expect(commands.filter((c) => c.collection === historyCollection).map((c) => c.name)).toEqual([
        'insert',
        'insert',
      ]);
      expect(await monitored.collection(historyCollection).countDocuments()).toBe(8);
      expect(await messageCount(admin, topic.name)).toBe(8);
      // Every document's prune is queued, sent as one bulk write.
      commands.length = 0;
      await publisher.flushPrunes();
      expect(commands.map((c) => `${c.name} ${c.collection}`)).toEqual(['update lane_employers']);
      for (const employer of employers) expect(await pendingFlag(model, employer.id)).toBeUndefined();

      // Alone, a write is published at once.
      const late = anEmployerEvent();
      requests.length = 0;
      const outcome = await publisher.publishWritten(
        model,
        await repo.register(late.id, [late.registered()]),
      );
      expect(outcome).toEqual({ published: 1 });
      expect(requests).toEqual([1]);

      // Two writes of one document in one batch: the later still holds what the earlier left,
      // and each event is sent once.
      const first = anEmployerEvent();
      const twice = anEmployerEvent();
      const before = await messageCount(admin, topic.name);
      requests.length = 0;
      const registered = await repo.register(twice.id, [twice.registered()]);
      const updated = await repo.update(twice.id, 1, 'Huixtla', [twice.withSequence(2).updated()]);
      expect(updated.entries).toHaveLength(2);
      await Promise.all([
        publisher.publishWritten(model, await repo.register(first.id, [first.registered()])),
        publisher.publishWritten(model, registered),
        publisher.publishWritten(model, updated),
      ]);
      expect(requests).toEqual([1, 2]);
      expect(await messageCount(admin, topic.name)).toBe(before + 3);

      // A collection of the same name in another database has a lane (and prunes) of its own.
      const elsewhere = employerModel(connection, 'lane_employers');
      await elsewhere.init();
      const otherRepo = new EmployerRepository(elsewhere, () => topic.name);
      const [here, there] = [anEmployerEvent(), anEmployerEvent()];
      const recordOf = (id: string) =>
        outboxRecordsFor(historyCollection, [{ _id: `${id}:1:0`, employerId: id, field: 'status', to: 'x' }]);
      const writtenHere = await repo.register(here.id, [here.registered()], recordOf(here.id));
      const writtenThere = await otherRepo.register(there.id, [there.registered()], recordOf(there.id));
      await Promise.all([
        publisher.publishWritten(model, writtenHere),
        publisher.publishWritten(elsewhere, writtenThere),
      ]);
      await publisher.flushPrunes();
      expect(await monitored.collection(historyCollection).countDocuments({ employerId: there.id })).toBe(0);
      expect(await connection.collection(historyCollection).countDocuments({ employerId: there.id })).toBe(1);
      expect(await connection.collection(historyCollection).countDocuments({ employerId: here.id })).toBe(0);
      expect(await pendingFlag(elsewhere, there.id)).toBeUndefined();
      expect(await pendingFlag(model, here.id)).toBeUndefined();
    } finally {
      await dropAndClose(monitored);
    }
  });

  it('prunes a burst of 1,200 published documents in slices, and FerretDB keeps answering (one bulk of 1,200 statements would hold 1,200 of its 1,000 PostgreSQL connections)', async () => {
    const { model } = await setUp('burst');
    const documents = Array.from({ length: 1_200 }, (_, i) => {
      const employer = anEmployerEvent();
      return documentWithOutbox(
        { _id: `${employer.id}-${i}`, status: 'PENDING_VERIFICATION', municipality: 'Tapachula' },
        outboxEntriesFor([employer.withSequence(1).registered()], employer.id, { topicFor: () => 'unused' }),
        [],
      );
    });
    await model.collection.insertMany(documents as never[]);
    expect(MAX_BULK_STATEMENTS).toBeLessThanOrEqual(100);

    const pruned = await prunePublished(
      outboxSourceOf(model),
      documents.map((d) => ({ id: d._id, version: 1 })),
    );

    expect(pruned).toBe(1_200);
    expect(await model.countDocuments({ outboxPending: true })).toBe(0);
    await expect(connection.db!.admin().ping()).resolves.toMatchObject({ ok: 1 });
  });

  it('never prunes what a newer write added: the prune is conditioned on the version it published', async () => {
    const { topic, model, repo } = await setUp('newer');
    const publisher = new OutboxPublisher({ producer });
    const employer = anEmployerEvent();
    const first = await repo.register(employer.id, [employer.withSequence(1).registered()]);
    await publisher.publishWritten(model, first); // prune of version 1 queued, not sent yet
    const second = await repo.update(employer.id, 1, 'Tuxtla', [employer.withSequence(2).updated()]);

    await publisher.flushPrunes(); // version 1's prune matches nothing now
    expect((await pendingIds(model, employer.id)).length).toBe(2);
    const outcome = await publisher.publishWritten(model, second);
    await publisher.flushPrunes();

    // The first event is not sent again by the instance that published it; both reach Kafka once.
    expect(outcome).toEqual({ published: 2 });
    expect(await messageCount(admin, topic.name)).toBe(2);
    expect(await pendingIds(model, employer.id)).toEqual([]);
    expect((await model.findById(employer.id).lean())?.municipality).toBe('Tuxtla');
  });

  it('a prune racing a write never undoes the write, without any lock (version condition, FerretDB version guard)', async () => {
    const { model, repo } = await setUp('race');
    const publisher = new OutboxPublisher({ producer, pruneDelayMs: 0 });
    const employer = anEmployerEvent();
    let written = await repo.register(employer.id, [employer.withSequence(1).registered()]);
    for (let version = 1; version <= 40; version++) {
      // The publish of version v (and its prune) runs while the command of version v + 1 writes.
      const publishing = publisher.publishWritten(model, written);
      const writing = repo.update(employer.id, version, `m${version + 1}`, [
        employer.withSequence(version + 1).updated(),
      ]);
      [, written] = await Promise.all([publishing, writing]);
      await publisher.flushPrunes();
    }
    const stored = await model.findById(employer.id).lean();
    expect(stored?.version).toBe(41);
    expect(stored?.municipality).toBe('m41');
    // What the last write added is still pending (its publish has not run): nothing was lost.
    expect(stored?.outbox.map((e) => e.eventId)).toContain(written.entries.at(-1)?.eventId);
  });
});
