import type { Admin, Kafka, Producer } from 'kafkajs';
import { Schema, type Connection, type Model } from 'mongoose';
import { messageCount, testKafka, waitFor } from '@frontera/platform-testing';
import { createEventProducer } from '../src/kafka/kafka-client';
import { outboxRecordsFor, type OutboxFields, type OutboxRecord } from '../src/outbox/outbox-entry';
import { OutboxAggregateStore } from '../src/outbox/outbox-aggregate.store';
import { OutboxPublisher } from '../src/outbox/outbox-publisher';
import { outboxPlugin } from '../src/outbox/outbox.schema';
import { anEmployerEvent } from './support/event-builders';
import {
  connectTestDatabase,
  createTestTopic,
  deleteTestTopics,
  dropAndClose,
  type TestTopic,
} from './support/messaging-test-kit';

jest.setTimeout(60_000);

/** A minimal aggregate: a counter owned by a tenant, with the versions a command runner keeps. */
class Counter {
  private recorded: { id: string; value: number }[] = [];
  constructor(
    readonly id: string,
    readonly tenant: string,
    public value: number,
    public version: number,
    readonly persistedVersion: number,
  ) {}

  static loaded(d: CounterDocument): Counter {
    return new Counter(d._id, d.tenant, d.value, d.version, d.version);
  }

  increment(): this {
    this.value += 1;
    this.version += 1;
    this.recorded.push({ id: `${this.id}:${this.version}`, value: this.value });
    return this;
  }

  history(): { _id: string; value: number }[] {
    return this.recorded.map((r) => ({ _id: r.id, value: r.value }));
  }
}

interface CounterDocument extends OutboxFields {
  _id: string;
  tenant: string;
  value: number;
  version: number;
  appliedEvents: string[];
  bucket?: string;
}

const CounterSchema = new Schema<CounterDocument>({
  _id: { type: String, required: true },
  tenant: { type: String, required: true },
  value: { type: Number, required: true },
  version: { type: Number, required: true },
  appliedEvents: { type: [String], default: [] },
  bucket: { type: String },
});
CounterSchema.plugin(outboxPlugin);

describe('OutboxAggregateStore (real FerretDB and Kafka)', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let connection: Connection;
  let topic: TestTopic;
  let model: Model<CounterDocument>;
  let publisher: OutboxPublisher;
  let store: OutboxAggregateStore<Counter, CounterDocument>;
  const HISTORY = 'counter_history';

  beforeAll(async () => {
    kafka = testKafka('aggregate-store');
    admin = kafka.admin();
    producer = createEventProducer(kafka);
    [connection] = await Promise.all([
      connectTestDatabase('aggregate_store'),
      admin.connect(),
      producer.connect(),
    ]);
    topic = await createTestTopic(admin, 'aggregate-store', 1);
    model = connection.model<CounterDocument>('Counter', CounterSchema, 'counters');
    await model.init();
    publisher = new OutboxPublisher({ producer, pruneDelayMs: 5 });
    store = storeWith(publisher);
  });

  /** The counters' store with this publisher (another publisher: another process's). */
  function storeWith(owner: OutboxPublisher): OutboxAggregateStore<Counter, CounterDocument> {
    return new OutboxAggregateStore<Counter, CounterDocument>({
      kind: 'counter',
      model,
      publisher: owner,
      projection: { _id: 1, tenant: 1, value: 1 },
      fromDocument: Counter.loaded,
      toFields: (c) => ({ tenant: c.tenant, value: c.value }),
      recordsOf: (c, now): OutboxRecord[] => outboxRecordsFor(HISTORY, c.history(), now),
      messageKeyOf: (c) => c.tenant,
      topicFor: () => topic.name,
    });
  }

  afterAll(async () => {
    await publisher?.drain();
    await deleteTestTopics(admin);
    await Promise.all([producer?.disconnect(), admin?.disconnect(), dropAndClose(connection)]);
  });

  const newCounter = (id: string) => new Counter(id, 'tenant-1', 0, 1, 0);

  function present<T>(value: T | null | undefined): T {
    if (value === null || value === undefined) throw new Error('expected a value');
    return value;
  }

  async function settled(id: string): Promise<CounterDocument> {
    await publisher.drain();
    return waitFor(async () => {
      await publisher.flushPrunes();
      const doc = await model.findById(id).lean<CounterDocument>();
      return doc && doc.outbox.length === 0 && doc.outboxPending === undefined ? doc : undefined;
    }, `outbox of ${id} pruned`);
  }

  it('inserts version 1 with the extra fields, publishes keyed by messageKeyOf, prunes the outbox', async () => {
    const before = await messageCount(admin, topic.name);
    const counter = newCounter('c-insert');
    const event = anEmployerEvent().forEmployer('c-insert').registered();

    expect(await store.insert(counter, [event], { bucket: 'b-1' })).toBe('INSERTED');

    const stored = await settled('c-insert');
    expect(stored).toMatchObject({
      version: 1,
      tenant: 'tenant-1',
      value: 0,
      bucket: 'b-1',
      appliedEvents: [],
    });
    expect(await messageCount(admin, topic.name)).toBe(before + 1);
    const offsets = await admin.fetchTopicOffsets(topic.name);
    const consumerMessages: string[] = [];
    const consumer = kafka.consumer({ groupId: `${topic.name}-keys` });
    await consumer.connect();
    await consumer.subscribe({ topic: topic.name, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => void consumerMessages.push(String(message.key)),
    });
    await waitFor(() => consumerMessages.length >= Number(offsets[0].high) || undefined, 'messages consumed');
    await consumer.disconnect();
    expect(consumerMessages).toContain('tenant-1');
  });

  it('refuses a second insert with the same _id as DUPLICATE, keeping the first document', async () => {
    await store.insert(newCounter('c-dup'), []);
    const second = newCounter('c-dup');
    second.value = 99;
    expect(await store.insert(second, [])).toBe('DUPLICATE');
    expect((await model.findById('c-dup').lean())?.value).toBe(0);
  });

  it('saves one version up with the applied event and the records moved to their collection', async () => {
    await store.insert(newCounter('c-save'), []);
    const loaded = await store.findById('c-save');
    expect(loaded).not.toBeNull();
    expect(
      await store.save(loaded!.increment(), [], { appliedEventId: 'evt-1', set: { bucket: 'b-2' } }),
    ).toBe('SAVED');

    const stored = await settled('c-save');
    expect(stored).toMatchObject({ version: 2, value: 1, bucket: 'b-2', appliedEvents: ['evt-1'] });
    const again = await store.findById('c-save');
    expect(store.hasAppliedEvent(again!, 'evt-1')).toBe(true);
    expect(store.hasAppliedEvent(again!, 'evt-2')).toBe(false);
    const history = await connection
      .collection(HISTORY)
      .find({ _id: 'c-save:2' as never })
      .toArray();
    expect(history).toEqual([{ _id: 'c-save:2', value: 1 }]);
  });

  it('a burst of saves on one document: each drops what this process already published instead of carrying it, every event published once', async () => {
    const before = await messageCount(admin, topic.name);
    // Prunes that would land only after the burst (as under a burst: each would miss the version anyway).
    const burstPublisher = new OutboxPublisher({ producer, pruneDelayMs: 60_000 });
    const burst = storeWith(burstPublisher);
    await burst.insert(newCounter('c-burst'), []);
    const sizes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const loaded = await burst.findById('c-burst');
      const event = anEmployerEvent().forEmployer('c-burst').updated();
      expect(await burst.save(present(loaded).increment(), [event])).toBe('SAVED');
      await burstPublisher.settled();
      const doc = await model.findById('c-burst').lean<CounterDocument>();
      sizes.push(present(doc).outbox.length + present(doc).outboxRecords.length);
    }
    await burstPublisher.drain();
    // Its own event and history record only, never what the writes before it left.
    expect(sizes).toEqual([2, 2, 2, 2, 2]);
    const stored = await settled('c-burst');
    expect(stored).toMatchObject({ version: 6, value: 5 });
    expect(await messageCount(admin, topic.name)).toBe(before + 5);
    const history = await connection
      .collection(HISTORY)
      .find({ _id: { $in: [2, 3, 4, 5, 6].map((v) => `c-burst:${v}`) } as never })
      .toArray();
    expect(history).toHaveLength(5);
  });

  it('a save whose load holds what another process has not published yet appends to it (nothing unpublished is dropped)', async () => {
    // A second process: its own publisher, which has published nothing.
    const otherPublisher = new OutboxPublisher({ producer, pruneDelayMs: 60_000 });
    const other = storeWith(otherPublisher);
    await store.insert(newCounter('c-carry'), []);
    const first = await other.findById('c-carry');
    expect(
      await other.save(present(first).increment(), [anEmployerEvent().forEmployer('c-carry').updated()]),
    ).toBe('SAVED');
    await otherPublisher.settled();
    // This process loads it: the other one's event and record are not among what it published.
    const second = await store.findById('c-carry');
    expect(
      await store.save(present(second).increment(), [anEmployerEvent().forEmployer('c-carry').updated()]),
    ).toBe('SAVED');
    const doc = await model.findById('c-carry').lean<CounterDocument>();
    expect({ entries: present(doc).outbox.length, records: present(doc).outboxRecords.length }).toEqual({
      entries: 2,
      records: 2,
    });
    expect(await settled('c-carry')).toMatchObject({ version: 3, value: 2 });
    await otherPublisher.drain();
  });

  it('answers VERSION_CONFLICT to a save decided on a stale load and keeps the newer state', async () => {
    await store.insert(newCounter('c-race'), []);
    const first = await store.findById('c-race');
    const second = await store.findById('c-race');
    expect(await store.save(first!.increment(), [])).toBe('SAVED');
    second!.value = 42;
    second!.version += 1;

    expect(await store.save(second!, [])).toBe('VERSION_CONFLICT');
    expect(await model.findById('c-race').lean()).toMatchObject({ version: 2, value: 1 });
  });

  it('refuses a save that skips versions or of an aggregate it did not load', async () => {
    await store.insert(newCounter('c-misuse'), []);
    const loaded = await store.findById('c-misuse');
    loaded!.increment().increment();
    await expect(store.save(loaded!, [])).rejects.toThrow(/change the version by one/);
    await expect(store.save(new Counter('c-misuse', 't', 1, 2, 1), [])).rejects.toThrow(/not loaded/);
    expect(await model.findById('c-misuse').lean()).toMatchObject({ version: 1, value: 0 });
  });

  it('finds by another unique filter and answers null for none', async () => {
    await store.insert(newCounter('c-find'), [], { bucket: 'find-me' });
    expect((await store.findOne({ bucket: 'find-me' }))?.id).toBe('c-find');
    expect(await store.findById('c-absent')).toBeNull();
  });

  it('insertMany: one batch in concurrent slices, DUPLICATE for the ids taken (the others stored), each document with its own events, published once and pruned', async () => {
    const before = await messageCount(admin, topic.name);
    await store.insert(newCounter('c-many-taken'), []);
    const ids = [...Array.from({ length: 120 }, (_, i) => `c-many-${i}`), 'c-many-taken', 'c-many-0'];
    const items = ids.map((id) => ({
      aggregate: newCounter(id),
      events: [anEmployerEvent().forEmployer(id).registered()],
      extra: { bucket: `b-${id}` },
    }));

    const outcomes = await store.insertMany(items);

    expect(outcomes.filter((o) => o === 'INSERTED')).toHaveLength(120);
    expect(outcomes.slice(-2)).toEqual(['DUPLICATE', 'DUPLICATE']);
    const stored = await settled('c-many-119');
    expect(stored).toMatchObject({
      version: 1,
      tenant: 'tenant-1',
      bucket: 'b-c-many-119',
      appliedEvents: [],
    });
    await settled('c-many-0');
    await waitFor(
      async () => ((await messageCount(admin, topic.name)) >= before + 120 ? true : undefined),
      '120 events published',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await messageCount(admin, topic.name)).toBe(before + 120);
    // Written again (a retried batch): every one refused, nothing published.
    expect(new Set(await store.insertMany(items.slice(0, 120)))).toEqual(new Set(['DUPLICATE']));
    await publisher.drain();
    expect(await messageCount(admin, topic.name)).toBe(before + 120);
  });
  it('insertMany settled (a bulk import without events): records written first, documents stored with nothing pending, no publish; refused with events', async () => {
    const before = await messageCount(admin, topic.name);
    const counters = Array.from({ length: 60 }, (_, i) => new Counter(`c-settled-${i}`, 'tenant-2', 0, 1, 0));
    // Each counter arrives with one history entry (as a register's aggregates bring their history).
    for (const counter of counters) counter.increment();

    const outcomes = await store.insertMany(
      counters.map((aggregate) => ({ aggregate, events: [] })),
      { settled: true },
    );

    expect(new Set(outcomes)).toEqual(new Set(['INSERTED']));
    const stored = await model.findById('c-settled-59').lean<CounterDocument>();
    expect(stored).toMatchObject({ tenant: 'tenant-2', value: 1, outbox: [], outboxRecords: [] });
    expect(stored?.outboxPending).toBeUndefined();
    expect(await model.countDocuments({ _id: /^c-settled-/, outboxPending: true })).toBe(0);
    const history = await connection
      .db!.collection(HISTORY)
      .find({ _id: /^c-settled-/ } as never)
      .toArray();
    expect(history).toHaveLength(60);
    expect(history.find((h) => String(h._id) === 'c-settled-7:2')).toMatchObject({ value: 1 });
    await publisher.drain();
    expect(await messageCount(admin, topic.name)).toBe(before);
    await expect(
      store.insertMany(
        [{ aggregate: newCounter('c-settled-with-events'), events: [anEmployerEvent().registered()] }],
        { settled: true },
      ),
    ).rejects.toThrow(/without events/);
    expect(await model.exists({ _id: 'c-settled-with-events' })).toBeNull();
  });
});
