import type { Admin, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { uniqueName } from '../naming/unique-names';
import { waitFor } from '../waiting/wait-for';
import { startGroupAtEnd } from './start-group-at-end';

/** The CloudEvents attributes a reader filters on; the rest of a parsed value is kept as is. */
export interface LooseEvent {
  readonly id?: string;
  readonly type?: string;
  readonly subject?: string;
  readonly data?: unknown;
  readonly [attribute: string]: unknown;
}

/** One message as read, decoded for assertions. */
export interface ReadMessage<E = LooseEvent> {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly headers: IHeaders;
  /** The value as it is on the wire (null for a tombstone). */
  readonly value: Buffer | null;
  /** The value as UTF-8 text ('' for a tombstone): assert that no personal data is in it. */
  readonly raw: string;
  /** The value parsed as JSON; undefined when it is not a JSON object. */
  readonly event: E | undefined;
}

/** A message whose value parsed as an event (what `about` and `waitFor` return). */
export type ReadEvent<E = LooseEvent> = ReadMessage<E> & { readonly event: E };

/** Decodes a kafkajs message (pure). */
export function decodeMessage<E = LooseEvent>(
  topic: string,
  partition: number,
  message: Pick<KafkaMessage, 'key' | 'value' | 'headers' | 'offset'>,
): ReadMessage<E> {
  const raw = message.value?.toString('utf8') ?? '';
  let event: E | undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    event =
      typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as E) : undefined;
  } catch {
    event = undefined;
  }
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? null,
    headers: message.headers ?? {},
    value: message.value,
    raw,
    event,
  };
}

export interface TopicReaderOptions {
  /**
   * Where the reader's group starts: `end` (default) reads only what is published after
   * `start()` returned — right for the shared catalogue topics; `beginning` reads the whole
   * topic — for a topic of the test's own.
   */
  readonly from?: 'beginning' | 'end';
  /** Admin used to find the topics' ends (one is connected for the call when absent). */
  readonly admin?: Admin;
  /** Group id (default: a unique one from `groupPrefix`). */
  readonly groupId?: string;
  readonly groupPrefix?: string;
  /** Longest broker wait per fetch (default 200 ms: messages show up soon). */
  readonly maxWaitTimeInMs?: number;
}

/**
 * Collects every message published to some topics, in a consumer group of its own, for tests
 * to wait for and assert on. `stop()` it in afterAll.
 *
 *   const reader = await TopicReader.start(kafka, [Topics.employer.name]);
 *   const [verified] = await reader.waitFor(employerId, 'frontera.employer.verified');
 */
export class TopicReader<E = LooseEvent> {
  readonly messages: ReadMessage<E>[] = [];

  private constructor(
    private readonly consumer: ReturnType<Kafka['consumer']>,
    readonly groupId: string,
    readonly topics: readonly string[],
  ) {}

  static async start<E = LooseEvent>(
    kafka: Kafka,
    topics: string | readonly string[],
    options: TopicReaderOptions = {},
  ): Promise<TopicReader<E>> {
    const list = typeof topics === 'string' ? [topics] : [...topics];
    const groupId = options.groupId ?? uniqueName(options.groupPrefix ?? 'topic-reader');
    if ((options.from ?? 'end') === 'end') {
      const admin = options.admin ?? kafka.admin();
      if (!options.admin) await admin.connect();
      try {
        await startGroupAtEnd(kafka, admin, groupId, list);
      } finally {
        if (!options.admin) await admin.disconnect();
      }
    }
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: options.maxWaitTimeInMs ?? 200 });
    const reader = new TopicReader<E>(consumer, groupId, list);
    await consumer.connect();
    // From the end: the group's committed offsets (set above) win over fromBeginning.
    await consumer.subscribe({ topics: list, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        reader.messages.push(decodeMessage<E>(topic, partition, message));
      },
    });
    return reader;
  }

  /** Messages whose event is about `subject` (CloudEvents `subject`), of `type` if given, in the order read. */
  about(subject: string, type?: string): ReadEvent<E>[] {
    return this.messages.filter((m): m is ReadEvent<E> => {
      const event = m.event as unknown as LooseEvent | undefined;
      return event?.subject === subject && (type === undefined || event.type === type);
    });
  }

  /** Waits until at least `count` messages were read; returns them all. */
  async waitForCount(count: number, timeoutMs = 20_000): Promise<ReadMessage<E>[]> {
    return waitFor(
      () => this.messages.length >= count && [...this.messages],
      `${count} message(s) on ${this.topics.join(', ')} (have ${this.messages.length})`,
      timeoutMs,
    );
  }

  /** Waits until at least `count` events of `type` about `subject` were read; returns them. */
  async waitFor(subject: string, type: string, count = 1, timeoutMs = 15_000): Promise<ReadEvent<E>[]> {
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
