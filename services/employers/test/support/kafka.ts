import { Kafka, logLevel, type Admin, type Consumer, type IHeaders, type Producer } from 'kafkajs';
import {
  createEvent,
  topicOf,
  Topics,
  type EventData,
  type EventEnvelope,
  type EventType,
  type NewEvent,
} from '@frontera/contracts';
import { endpointsFromEnv, uniqueName } from '@frontera/platform-testing';
import { waitFor } from './wait-for';

export function testKafka(): Kafka {
  return new Kafka({
    clientId: uniqueName('employers-test'),
    brokers: endpointsFromEnv().kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
}

/**
 * Commits offsets at the current end of `topics` for a consumer group that has not started yet,
 * so it reads only what is published from now on — every test run shares the catalogue topics,
 * and a new group reading them from the beginning would replay every earlier run's events.
 * (kafkajs' admin.setOffsets does the same but waits ~5 s for a fetch; a short-lived member of
 * the group commits in a few milliseconds.)
 */
export async function startGroupAtEnd(
  kafka: Kafka,
  admin: Admin,
  groupId: string,
  topics: readonly string[],
): Promise<void> {
  const ends = await Promise.all(
    topics.map(async (topic) => ({ topic, partitions: await admin.fetchTopicOffsets(topic) })),
  );
  const member = kafka.consumer({ groupId, maxWaitTimeInMs: 50, rebalanceTimeout: 1_000 });
  const joined = new Promise<void>((resolve) => member.on(member.events.GROUP_JOIN, () => resolve()));
  await member.connect();
  try {
    await member.subscribe({ topics: [...topics], fromBeginning: false });
    await member.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: async () => undefined });
    await joined;
    await member.commitOffsets(
      ends.flatMap(({ topic, partitions }) =>
        partitions.map((p) => ({ topic, partition: p.partition, offset: p.high })),
      ),
    );
  } finally {
    await member.disconnect();
  }
}

export interface ReadEvent {
  readonly topic: string;
  readonly key: string | null;
  readonly headers: IHeaders;
  /** The message value as it is on the wire. */
  readonly raw: string;
  readonly event: EventEnvelope;
}

/** Collects what is published to some topics from the moment it starts. */
export class TopicReader {
  readonly read: ReadEvent[] = [];

  private constructor(
    private readonly consumer: Consumer,
    readonly groupId: string,
  ) {}

  static async start(
    kafka: Kafka,
    admin: Admin,
    topics: readonly string[] = [Topics.employer.name],
  ): Promise<TopicReader> {
    const groupId = uniqueName('employers-test-reader');
    await startGroupAtEnd(kafka, admin, groupId, topics);
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
    const reader = new TopicReader(consumer, groupId);
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const raw = message.value?.toString('utf8') ?? '';
        let event: EventEnvelope;
        try {
          event = JSON.parse(raw) as EventEnvelope;
        } catch {
          event = { type: 'unparseable' } as unknown as EventEnvelope;
        }
        reader.read.push({
          topic,
          key: message.key?.toString('utf8') ?? null,
          headers: message.headers ?? {},
          raw,
          event,
        });
      },
    });
    return reader;
  }

  /** Events about one subject (the employer id), in the order read. */
  about(subject: string, type?: string): ReadEvent[] {
    return this.read.filter(
      (r) => r.event.subject === subject && (type === undefined || r.event.type === type),
    );
  }

  async waitFor(subject: string, type: string, count = 1, timeoutMs = 15_000): Promise<ReadEvent[]> {
    return waitFor(
      () => this.about(subject, type).length >= count && this.about(subject, type),
      `${count} × ${type} about ${subject} (have ${this.about(subject, type).length})`,
      timeoutMs,
    );
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}

/** Publishes events of other contexts (audits, permits) to their catalogue topics, keyed by employer id. */
export class EventFeeder {
  private constructor(private readonly producer: Producer) {}

  static async start(kafka: Kafka): Promise<EventFeeder> {
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    return new EventFeeder(producer);
  }

  async publish<T extends EventType>(event: EventEnvelope<T, EventData<T>>, key: string): Promise<void> {
    await this.producer.send({
      topic: topicOf(event.type),
      acks: -1,
      messages: [{ key, value: JSON.stringify(event) }],
    });
  }

  /** A raw value (possibly not a valid event) on a topic. */
  async publishRaw(topic: string, key: string, value: string): Promise<void> {
    await this.producer.send({ topic, acks: -1, messages: [{ key, value }] });
  }

  async stop(): Promise<void> {
    await this.producer.disconnect();
  }
}

export function anEvent<T extends EventType>(event: NewEvent<T>): EventEnvelope<T, EventData<T>> {
  return createEvent(event);
}
