import { randomUUID } from 'node:crypto';
import type { Admin, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { allTopicSpecs, DEAD_LETTER_SUFFIX, DeadLetterReplaysTopic } from '@frontera/contracts';
import { ensureTopics } from '../kafka/ensure-topics';
import { createEventProducer } from '../kafka/kafka-client';
import {
  deadLetterOf,
  replayHeaders,
  replayKey,
  type DeadLetter,
  type MessagePosition,
  type ReplayRecord,
} from './dead-letter-records';

export interface DeadLettersOptions {
  /** The client, already namespaced when the environment has a topic namespace (namespacedKafka). */
  readonly kafka: Kafka;
  /** Topic of the replay log (default: the catalogue's DeadLetterReplaysTopic). */
  readonly replayLogTopic?: string;
  /** Longest a read of topics up to their ends may take (default 30 s). */
  readonly readTimeoutMs?: number;
  readonly clock?: () => Date;
}

export interface DeadLetterListing {
  readonly topic: string;
  /** Messages on the topic (between its low and high watermarks). */
  readonly total: number;
  /** The first `limit` of them, oldest first, each with its replay if it was replayed. */
  readonly letters: readonly (DeadLetter & { readonly replayed?: ReplayRecord })[];
}

export type ReplaySelection =
  | { readonly all: true }
  | { readonly positions: readonly { readonly partition: number; readonly offset: string }[] };

export interface ReplayReport {
  readonly replayed: readonly ReplayRecord[];
  /** Replayed before (found in the replay log): not published again. */
  readonly alreadyReplayed: readonly ReplayRecord[];
  /** Asked for but not on the topic (wrong offset, or gone with retention). */
  readonly missing: readonly string[];
  /** On the topic but without the headers that say where it came from: cannot be replayed. */
  readonly unroutable: readonly string[];
}

/**
 * The dead-letter topics as operators use them (decision 0048): list what is on them with the
 * error, and replay chosen messages to the topic they came from once the cause is fixed.
 *
 * - A replayed copy is the original message (same key, so the same partition; same value, so the
 *   same event id) with its original headers, minus the failure ones, plus `dlq-replay-of`:
 *   every consumer of the topic sees it again and its inbox skips it if it had handled it.
 * - Each replay is recorded on the replay log topic (key `<dlq>:<partition>:<offset>`), written
 *   after Kafka acknowledged the copy; a replay first reads that log and does not publish a dead
 *   letter recorded there again. Two operators replaying the same message at the same moment, or
 *   a crash between the copy and its record, can publish it twice: the consumers' inboxes still
 *   apply it once.
 * - Reads use a consumer group of their own, deleted afterwards; nothing is committed on the
 *   dead-letter topics, so listing changes nothing.
 */
export class DeadLetters {
  private readonly kafka: Kafka;
  private readonly replayLogTopic: string;
  private readonly readTimeoutMs: number;
  private readonly clock: () => Date;

  constructor(options: DeadLettersOptions) {
    this.kafka = options.kafka;
    this.replayLogTopic = options.replayLogTopic ?? DeadLetterReplaysTopic.name;
    this.readTimeoutMs = options.readTimeoutMs ?? 30_000;
    this.clock = options.clock ?? (() => new Date());
  }

  /** The catalogue's dead-letter topics that exist on the brokers (in the client's namespace). */
  async catalogueTopics(): Promise<string[]> {
    return this.withAdmin(async (admin) => {
      const existing = new Set(await admin.listTopics());
      return allTopicSpecs()
        .map((spec) => spec.name)
        .filter((name) => name.endsWith(DEAD_LETTER_SUFFIX) && existing.has(name));
    });
  }

  async list(options: { topics?: readonly string[]; limit?: number } = {}): Promise<DeadLetterListing[]> {
    const topics = options.topics?.length ? [...options.topics] : await this.catalogueTopics();
    const limit = options.limit ?? 50;
    const [letters, replays] = await Promise.all([this.readLetters(topics), this.readReplays()]);
    return topics.map((topic) => {
      const all = letters.get(topic) ?? [];
      return {
        topic,
        total: all.length,
        letters: all.slice(0, limit).map((letter) => {
          const replayed = replays.get(replayKey(letter.position));
          return replayed ? { ...letter, replayed } : letter;
        }),
      };
    });
  }

  /** Replays the chosen messages of one dead-letter topic to their original topics. */
  async replay(topic: string, selection: ReplaySelection): Promise<ReplayReport> {
    await this.withAdmin((admin) => ensureTopics(admin, [this.replayLogSpec()]));
    const [letters, replays] = await Promise.all([this.readLetters([topic]), this.readReplays()]);
    const onTopic = letters.get(topic) ?? [];
    const byKey = new Map(onTopic.map((l) => [replayKey(l.position), l]));
    const chosen: DeadLetter[] = [];
    const missing: string[] = [];
    if ('all' in selection) {
      chosen.push(...onTopic);
    } else {
      for (const p of selection.positions) {
        const key = replayKey({ topic, partition: p.partition, offset: p.offset });
        const letter = byKey.get(key);
        if (letter) chosen.push(letter);
        else missing.push(key);
      }
    }
    const replayed: ReplayRecord[] = [];
    const alreadyReplayed: ReplayRecord[] = [];
    const unroutable: string[] = [];
    const producer = createEventProducer(this.kafka);
    await producer.connect();
    try {
      for (const letter of chosen) {
        const key = replayKey(letter.position);
        const before = replays.get(key);
        if (before) {
          alreadyReplayed.push(before);
          continue;
        }
        if (!letter.original) {
          unroutable.push(key);
          continue;
        }
        const record = await this.replayOne(producer, letter, letter.original);
        replays.set(key, record);
        replayed.push(record);
      }
    } finally {
      await producer.disconnect();
    }
    return { replayed, alreadyReplayed, missing, unroutable };
  }

  private async replayOne(
    producer: Producer,
    letter: DeadLetter,
    original: MessagePosition,
  ): Promise<ReplayRecord> {
    const now = this.clock();
    const [ack] = await producer.send({
      topic: original.topic,
      acks: -1,
      messages: [{ key: letter.key, value: letter.value, headers: replayHeaders(letter, now) }],
    });
    const record: ReplayRecord = {
      deadLetter: letter.position,
      original,
      eventId: letter.eventId,
      eventType: letter.eventType,
      replayedAt: now.toISOString(),
      replayedTo: {
        topic: original.topic,
        partition: ack?.partition ?? -1,
        offset: ack?.baseOffset ?? ack?.offset ?? '',
      },
    };
    await producer.send({
      topic: this.replayLogTopic,
      acks: -1,
      messages: [{ key: replayKey(letter.position), value: JSON.stringify(record) }],
    });
    return record;
  }

  private replayLogSpec() {
    return { ...DeadLetterReplaysTopic, name: this.replayLogTopic };
  }

  private async readLetters(topics: readonly string[]): Promise<Map<string, DeadLetter[]>> {
    const messages = await this.readToEnd(topics);
    const byTopic = new Map<string, DeadLetter[]>();
    for (const { topic, partition, message } of messages) {
      const list = byTopic.get(topic) ?? [];
      list.push(deadLetterOf({ topic, partition, offset: message.offset }, message));
      byTopic.set(topic, list);
    }
    return byTopic;
  }

  /** The replay log, by dead-letter key (the latest record wins). */
  private async readReplays(): Promise<Map<string, ReplayRecord>> {
    const exists = await this.withAdmin(async (admin) =>
      (await admin.listTopics()).includes(this.replayLogTopic),
    );
    const replays = new Map<string, ReplayRecord>();
    if (!exists) return replays;
    for (const { message } of await this.readToEnd([this.replayLogTopic])) {
      if (!message.key || !message.value) continue;
      try {
        replays.set(message.key.toString('utf8'), JSON.parse(message.value.toString('utf8')) as ReplayRecord);
      } catch {
        // not a record of this tool: ignored
      }
    }
    return replays;
  }

  /**
   * Every message of the topics from their low to their high watermark as they were when the
   * read began, sorted by topic, partition and offset; in a throw-away consumer group.
   */
  private async readToEnd(
    topics: readonly string[],
  ): Promise<{ topic: string; partition: number; message: KafkaMessage }[]> {
    const ends = new Map<string, bigint>(); // `${topic}/${partition}` → high watermark
    await this.withAdmin(async (admin) => {
      for (const topic of topics) {
        for (const p of await admin.fetchTopicOffsets(topic)) {
          if (BigInt(p.high) > BigInt(p.low)) ends.set(`${topic}/${p.partition}`, BigInt(p.high));
        }
      }
    });
    const found: { topic: string; partition: number; message: KafkaMessage }[] = [];
    if (ends.size === 0) return found;
    const groupId = `frontera-ops-dead-letters-${randomUUID()}`;
    const consumer = this.kafka.consumer({ groupId, maxWaitTimeInMs: 200, allowAutoTopicCreation: false });
    const pending = new Set(ends.keys());
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    await consumer.connect();
    try {
      await consumer.subscribe({
        topics: [...new Set([...ends.keys()].map((k) => k.slice(0, k.lastIndexOf('/'))))],
        fromBeginning: true,
      });
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ topic, partition, message }) => {
          const where = `${topic}/${partition}`;
          const end = ends.get(where);
          if (end === undefined || BigInt(message.offset) >= end) return;
          found.push({ topic, partition, message });
          if (BigInt(message.offset) + 1n >= end) {
            pending.delete(where);
            if (pending.size === 0) done();
          }
        },
      });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(`reading ${topics.join(', ')} did not reach the end within ${this.readTimeoutMs} ms`),
            ),
          this.readTimeoutMs,
        );
      });
      try {
        await Promise.race([finished, timeout]);
      } finally {
        clearTimeout(timer);
      }
    } finally {
      await consumer.disconnect();
      await this.withAdmin((admin) => admin.deleteGroups([groupId])).catch(() => undefined);
    }
    return found.sort(
      (a, b) =>
        a.topic.localeCompare(b.topic) ||
        a.partition - b.partition ||
        (BigInt(a.message.offset) < BigInt(b.message.offset) ? -1 : 1),
    );
  }

  private async withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return await work(admin);
    } finally {
      await admin.disconnect();
    }
  }
}
