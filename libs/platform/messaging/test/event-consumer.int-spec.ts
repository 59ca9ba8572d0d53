import { Partitioners, type Admin, type Kafka, type Producer } from 'kafkajs';
import { register } from 'prom-client';
import type { EventEnvelope } from '@frontera/contracts';
import { EventConsumer } from '../src/consumer/event-consumer';
import { createEventProducer } from '../src/kafka/kafka-client';
import { DeadLetterHeaders, headerText } from '../src/kafka/headers';
import { ConsumerLagMonitor } from '../src/metrics/consumer-lag.monitor';
import { MetricNames } from '../src/metrics/messaging-metrics';
import { OutboxPublisher } from '../src/outbox/outbox-publisher';
import { aContractBreakingEnvelope, anEmployerEvent } from './support/event-builders';
import { testKafka, TopicReader, waitFor, type ReadMessage } from '@frontera/platform-testing';
import { CapturingLogger, createTestTopic, deleteTestTopics, gate } from './support/messaging-test-kit';

// testTimeout in a project config is ignored by Jest (a global option): set it here.
jest.setTimeout(60_000);

/** Consumers never stall a partition: broken and poison messages go to the dead-letter topic. */
describe('EventConsumer', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let rawProducer: Producer;
  let publisher: OutboxPublisher;
  const stoppables: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    kafka = testKafka('consumer-int');
    admin = kafka.admin();
    producer = createEventProducer(kafka);
    // A plain producer that writes whatever it is given, like a buggy service would.
    rawProducer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await Promise.all([admin.connect(), producer.connect(), rawProducer.connect()]);
    publisher = new OutboxPublisher({ producer });
  });

  afterAll(async () => {
    await Promise.all(stoppables.map((s) => s.stop()));
    await deleteTestTopics(admin);
    await Promise.all([producer?.disconnect(), rawProducer?.disconnect(), admin?.disconnect()]);
  });

  async function committedOffset(
    groupId: string,
    topic: string,
    partition: number,
  ): Promise<string | undefined> {
    const [result] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return result.partitions.find((p) => p.partition === partition)?.offset;
  }

  it('dead-letters a contract-breaking or unreadable message at once, and handles the valid one after it', async () => {
    const topic = await createTestTopic(admin, 'contract');
    const employer = anEmployerEvent();
    const broken = aContractBreakingEnvelope(employer.id);
    const valid = employer.registered();
    await rawProducer.send({
      topic: topic.name,
      acks: -1,
      messages: [
        { key: employer.id, value: JSON.stringify(broken) },
        { key: employer.id, value: 'not json: Juana Pérez, passport G1234567' },
        { key: employer.id, value: JSON.stringify(valid) },
      ],
    });
    const handled: EventEnvelope[] = [];
    const consumer = new EventConsumer({
      kafka,
      name: 'contract-test',
      groupId: `${topic.name}-g`,
      topics: [topic.name],
      logger: new CapturingLogger(),
      handlers: {
        'frontera.employer.registered': async (event) => {
          handled.push(event);
        },
      },
    });
    stoppables.push(consumer);
    const dlq = await TopicReader.start(kafka, topic.deadLetter, { from: 'beginning' });
    stoppables.push(dlq);

    await consumer.start();

    await waitFor(() => handled.length === 1, 'the valid event', 20_000);
    expect(handled[0].id).toBe(valid.id);
    const dead = await dlq.waitForCount(2);
    const header = (m: ReadMessage, name: string): string | undefined => headerText(m.headers, name);
    expect(dead.map((m) => m.value?.toString())).toEqual([
      JSON.stringify(broken),
      'not json: Juana Pérez, passport G1234567',
    ]);
    expect(dead.map((m) => header(m, DeadLetterHeaders.reason))).toEqual([
      'contract-violation',
      'contract-violation',
    ]);
    expect(dead.map((m) => header(m, DeadLetterHeaders.attempts))).toEqual(['1', '1']);
    expect(header(dead[0], DeadLetterHeaders.error)).toMatch(/breaks its contract: .*data\.state/);
    expect(header(dead[1], DeadLetterHeaders.error)).toMatch(/message value is not valid JSON/);
    expect(header(dead[1], DeadLetterHeaders.error)).not.toMatch(/Juana|G1234567/); // no content quoted
    expect(dead.map((m) => header(m, DeadLetterHeaders.originalOffset))).toEqual(['0', '1']);
    expect(header(dead[0], DeadLetterHeaders.originalTopic)).toBe(topic.name);
    expect(header(dead[0], DeadLetterHeaders.consumer)).toBe('contract-test');
    expect(dead[0].key?.toString()).toBe(employer.id);
    expect(consumer.stats()).toMatchObject({ handled: 1, dead_lettered: 2 });
  });

  it('retries a poison message maxAttempts times, dead-letters it, and keeps the partition flowing', async () => {
    const topic = await createTestTopic(admin, 'poison');
    const employer = anEmployerEvent();
    const events = [
      employer.withSequence(1).registered(),
      employer.withSequence(2).updated(['poison']),
      employer.withSequence(3).updated(),
      employer.withSequence(4).updated(),
    ];
    const poison = events[1];
    await publisher.publishEvents(events, employer.id, { topicFor: () => topic.name });
    const handled: number[] = [];
    const poisonAttempts: number[] = [];
    const logger = new CapturingLogger();
    const consumer = new EventConsumer({
      kafka,
      name: 'poison-test',
      groupId: `${topic.name}-g`,
      topics: [topic.name],
      retry: { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 100 },
      logger,
      handlers: {
        'frontera.employer.registered': async (event) => {
          handled.push(event.sequence ?? -1);
        },
        'frontera.employer.updated': async (event, context) => {
          if (event.id === poison.id) {
            poisonAttempts.push(context.attempt);
            throw new Error(`cannot apply event ${event.id}`);
          }
          handled.push(event.sequence ?? -1);
        },
      },
    });
    stoppables.push(consumer);
    const dlq = await TopicReader.start(kafka, topic.deadLetter, { from: 'beginning' });
    stoppables.push(dlq);

    await consumer.start();

    await waitFor(() => handled.length === 3, 'the events around the poison one', 20_000);
    expect(handled).toEqual([1, 3, 4]);
    expect(poisonAttempts).toEqual([1, 2, 3]);
    const [dead] = await dlq.waitForCount(1);
    expect(JSON.parse(dead.value?.toString() ?? '{}')).toEqual(poison);
    expect(headerText(dead.headers, DeadLetterHeaders.attempts)).toBe('3');
    expect(headerText(dead.headers, DeadLetterHeaders.reason)).toBe('retries-exhausted');
    expect(headerText(dead.headers, DeadLetterHeaders.error)).toBe(`Error: cannot apply event ${poison.id}`);
    expect(headerText(dead.headers, DeadLetterHeaders.originalOffset)).toBe('1');
    expect(headerText(dead.headers, 'ce_id')).toBe(poison.id);
    expect(logger.messages('warn').filter((m) => m.includes('retry in'))).toHaveLength(2);
    expect(consumer.stats()).toMatchObject({ handled: 3, retried: 2, dead_lettered: 1 });
  });

  it('stop() waits for the message in flight, commits it, then leaves', async () => {
    const topic = await createTestTopic(admin, 'drain', 1);
    const employer = anEmployerEvent();
    const [first, second] = [employer.registered(), employer.updated()];
    await publisher.publishEvents([first, second], employer.id, { topicFor: () => topic.name });
    const release = gate();
    const order: string[] = [];
    const groupId = `${topic.name}-g`;
    const consumer = new EventConsumer({
      kafka,
      name: 'drain-test',
      groupId,
      topics: [topic.name],
      handlers: {
        'frontera.employer.registered': async () => {
          order.push('handler started');
          await release.promise;
          order.push('handler finished');
        },
        'frontera.employer.updated': async () => {
          order.push('second handled');
        },
      },
    });
    stoppables.push(consumer);
    await consumer.start();
    await waitFor(() => order.includes('handler started'), 'the first handler to start', 20_000);

    const stopped = consumer.stop().then(() => order.push('stopped'));
    setTimeout(release.open, 300); // the handler is still busy when stop() is called
    await stopped;

    expect(order).toEqual(['handler started', 'handler finished', 'stopped']);
    expect(await committedOffset(groupId, topic.name, 0)).toBe('1'); // first committed, second left for the next owner
    expect(consumer.stats().handled).toBe(1);
  });

  it('reports consumer lag per partition: all messages before consuming, none after', async () => {
    const topic = await createTestTopic(admin, 'lag', 1);
    const employer = anEmployerEvent();
    await publisher.publishEvents(
      [employer.registered(), employer.updated(), employer.updated()],
      employer.id,
      {
        topicFor: () => topic.name,
      },
    );
    const groupId = `${topic.name}-g`;
    const monitor = new ConsumerLagMonitor({ admin, targets: [{ groupId, topics: [topic.name] }] });
    const gaugeValue = async (): Promise<number | undefined> =>
      (await register.getSingleMetric(MetricNames.consumerLag)?.get())?.values.find(
        (v) =>
          v.labels['group'] === groupId && v.labels['topic'] === topic.name && v.labels['partition'] === '0',
      )?.value;

    expect(await monitor.refresh()).toEqual([{ group: groupId, topic: topic.name, partition: 0, lag: 3 }]);
    expect(await gaugeValue()).toBe(3);

    const consumer = new EventConsumer({
      kafka,
      name: 'lag-test',
      groupId,
      topics: [topic.name],
      autoCommitIntervalMs: 50,
      handlers: { 'frontera.employer.updated': async () => undefined },
    });
    stoppables.push(consumer);
    await consumer.start();
    await waitFor(async () => (await monitor.refresh())[0]?.lag === 0, 'lag 0', 20_000);
    expect(await gaugeValue()).toBe(0);
    expect(consumer.stats()).toMatchObject({ handled: 2, ignored: 1 });
  });
});
