import type { Admin, Kafka, Producer } from 'kafkajs';
import {
  createEvent,
  topicOf,
  Topics,
  type EventData,
  type EventEnvelope,
  type EventType,
  type NewEvent,
} from '@frontera/contracts';
import { TopicReader } from '@frontera/platform-testing';

/** A reader of what the service publishes (by default its employer topic) from now on. */
export async function readPublished(
  kafka: Kafka,
  admin: Admin,
  topics: readonly string[] = [Topics.employer.name],
): Promise<TopicReader<EventEnvelope>> {
  return TopicReader.start<EventEnvelope>(kafka, topics, { admin, groupPrefix: 'employers-test-reader' });
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
