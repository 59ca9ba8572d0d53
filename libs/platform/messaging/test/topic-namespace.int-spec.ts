import type { Admin, Kafka } from 'kafkajs';
import type { EventEnvelope } from '@frontera/contracts';
import { testKafka, TopicReader, uniqueName, waitFor } from '@frontera/platform-testing';
import { EventConsumer } from '../src/consumer/event-consumer';
import { ensureTopics } from '../src/kafka/ensure-topics';
import { createEventProducer } from '../src/kafka/kafka-client';
import { namespacedKafka } from '../src/kafka/topic-namespace';
import { OutboxPublisher } from '../src/outbox/outbox-publisher';
import { anEmployerEvent } from './support/event-builders';
import { CapturingLogger } from './support/messaging-test-kit';

jest.setTimeout(60_000);

/**
 * A topic namespace on the real broker: the namespaced client's topics are `<namespace>.<name>` on
 * the brokers while everything above it keeps the catalogue's names, and a client without the
 * namespace (or with another) neither sees its topics nor its events.
 */
describe('topic namespace (namespacedKafka) on Kafka', () => {
  let raw: Kafka;
  let rawAdmin: Admin;
  const namespace = uniqueName('ns')
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '-')
    .slice(0, 32);
  const name = uniqueName('namespaced').replace(/[^A-Za-z0-9._-]/g, '-');
  const stoppables: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    raw = testKafka('namespace-int');
    rawAdmin = raw.admin();
    await rawAdmin.connect();
  });

  afterAll(async () => {
    await Promise.all(stoppables.map((s) => s.stop()));
    const mine = (await rawAdmin.listTopics()).filter((t) => t.startsWith(`${namespace}.`));
    if (mine.length > 0) await rawAdmin.deleteTopics({ topics: mine }).catch(() => undefined);
    await rawAdmin.disconnect();
  });

  it('creates, produces to, consumes from and dead-letters into the namespace only', async () => {
    const kafka = namespacedKafka(raw, namespace);
    const admin = kafka.admin();
    await admin.connect();
    try {
      const specs = [
        { name, description: 'test', partitions: 2, retentionMs: 3_600_000 },
        { name: `${name}.dlq`, description: 'test', partitions: 1, retentionMs: 3_600_000 },
      ];
      expect(await ensureTopics(admin, specs)).toEqual({ created: [name, `${name}.dlq`], existing: [] });
      // On the brokers: under the namespace, not under the catalogue name.
      const onBrokers = await rawAdmin.listTopics();
      expect(onBrokers).toEqual(expect.arrayContaining([`${namespace}.${name}`, `${namespace}.${name}.dlq`]));
      expect(onBrokers).not.toContain(name);
      // The namespaced admin lists its own topics by their catalogue names, and nothing else.
      const listed = await admin.listTopics();
      expect(listed).toEqual(expect.arrayContaining([name, `${name}.dlq`]));
      expect(listed.every((t) => onBrokers.includes(`${namespace}.${t}`))).toBe(true);
      expect(await ensureTopics(admin, specs)).toEqual({ created: [], existing: [name, `${name}.dlq`] });

      const producer = createEventProducer(kafka);
      await producer.connect();
      stoppables.push({ stop: () => producer.disconnect() });
      const employer = anEmployerEvent();
      const poisoned = anEmployerEvent();
      const handled: { event: EventEnvelope; topic: string }[] = [];
      const groupId = `${name}-g`;
      const consumer = new EventConsumer({
        kafka,
        name: 'namespace-test',
        groupId,
        topics: [name],
        logger: new CapturingLogger(),
        retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
        handlers: {
          'frontera.employer.registered': async (event) => {
            if (event.subject === poisoned.id) throw new Error('poison');
            handled.push({ event, topic: name });
          },
        },
      });
      stoppables.push(consumer);
      await consumer.start();
      const rawReader = await TopicReader.start(raw, `${namespace}.${name}`, { from: 'beginning' });
      stoppables.push(rawReader);
      const dlq = await TopicReader.start(raw, `${namespace}.${name}.dlq`, { from: 'beginning' });
      stoppables.push(dlq);

      const registered = employer.registered();
      const poison = poisoned.registered();
      const publisher = new OutboxPublisher({ producer });
      await publisher.publishEvents([registered], employer.id, { topicFor: () => name });
      await publisher.publishEvents([poison], poisoned.id, { topicFor: () => name });

      await waitFor(
        () => handled.length === 1 && dlq.messages.length === 1,
        'handled and dead-lettered',
        30_000,
      );
      expect(handled[0]?.event.id).toBe(registered.id);
      expect(rawReader.messages.map((m) => m.event?.['id']).sort()).toEqual(
        [registered.id, poison.id].sort(),
      );
      expect(dlq.messages[0]?.event?.['id']).toBe(poison.id);

      // Committed offsets, read through the namespace, name the catalogue topic.
      await waitFor(async () => {
        const [offsets] = await admin.fetchOffsets({ groupId, topics: [name] });
        return offsets?.topic === name && offsets.partitions.some((p) => Number(p.offset) > 0);
      }, 'offsets committed');
      expect((await admin.fetchTopicOffsets(name)).length).toBe(2);
    } finally {
      await admin.disconnect();
    }
  });
});
