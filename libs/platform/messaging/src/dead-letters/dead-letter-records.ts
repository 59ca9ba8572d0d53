import type { IHeaders } from 'kafkajs';
import { DeadLetterHeaders, EventHeaders, headerText } from '../kafka/headers';

/** Headers a replayed message carries next to its original ones (decision 0048). */
export const ReplayHeaders = {
  /** `<dead-letter topic>:<partition>:<offset>` the message was replayed from. */
  replayOf: 'dlq-replay-of',
  replayedAt: 'dlq-replayed-at',
} as const;

/** Where a message is: topic, partition, offset. */
export interface MessagePosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/** A message of a dead-letter topic, as operators see it: where it came from, what it is, why it failed. */
export interface DeadLetter {
  /** Its own place on the dead-letter topic. */
  readonly position: MessagePosition;
  /** Where the consumer read it (the catalogue's topic name, outside any namespace). */
  readonly original: MessagePosition | undefined;
  readonly eventId: string | undefined;
  readonly eventType: string | undefined;
  readonly error: string | undefined;
  readonly reason: string | undefined;
  readonly attempts: number | undefined;
  readonly consumer: string | undefined;
  readonly group: string | undefined;
  readonly failedAt: string | undefined;
  /** Set when this dead letter was itself a replay that failed again. */
  readonly replayOf: string | undefined;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
}

/** A record of the replay log: ids, offsets and times only, never the message's content. */
export interface ReplayRecord {
  readonly deadLetter: MessagePosition;
  readonly original: MessagePosition;
  readonly eventId: string | undefined;
  readonly eventType: string | undefined;
  readonly replayedAt: string;
  /** Where the replayed copy was written (partition and offset as Kafka acknowledged them). */
  readonly replayedTo: MessagePosition;
}

/** The replay log's key of a dead letter: `<dead-letter topic>:<partition>:<offset>`. */
export function replayKey(position: MessagePosition): string {
  return `${position.topic}:${position.partition}:${position.offset}`;
}

/** Reads a dead-letter message's headers (pure). */
export function deadLetterOf(
  position: MessagePosition,
  message: { readonly key: Buffer | null; readonly value: Buffer | null; readonly headers?: IHeaders },
): DeadLetter {
  const headers = message.headers ?? {};
  const text = (name: string) => headerText(headers, name);
  const originalTopic = text(DeadLetterHeaders.originalTopic);
  const originalPartition = Number(text(DeadLetterHeaders.originalPartition));
  const originalOffset = text(DeadLetterHeaders.originalOffset);
  const attempts = Number(text(DeadLetterHeaders.attempts));
  return {
    position,
    original:
      originalTopic !== undefined && Number.isInteger(originalPartition) && originalOffset !== undefined
        ? { topic: originalTopic, partition: originalPartition, offset: originalOffset }
        : undefined,
    eventId: text(EventHeaders.id) ?? eventAttribute(message.value, 'id'),
    eventType: text(EventHeaders.type) ?? eventAttribute(message.value, 'type'),
    error: text(DeadLetterHeaders.error),
    reason: text(DeadLetterHeaders.reason),
    attempts: Number.isInteger(attempts) ? attempts : undefined,
    consumer: text(DeadLetterHeaders.consumer),
    group: text(DeadLetterHeaders.group),
    failedAt: text(DeadLetterHeaders.failedAt),
    replayOf: text(ReplayHeaders.replayOf),
    key: message.key,
    value: message.value,
    headers,
  };
}

/**
 * The headers of the replayed copy: the original message's own headers (content type, `ce_id`,
 * `ce_type`, trace context…: the inbox dedupes by the event id in the value, which is unchanged),
 * without the dead-letter ones (the failure belongs to the dead letter, not to the event), plus
 * where and when it was replayed from.
 */
export function replayHeaders(letter: DeadLetter, replayedAt: Date): IHeaders {
  const dead = new Set<string>(Object.values(DeadLetterHeaders));
  const kept: IHeaders = {};
  for (const [name, value] of Object.entries(letter.headers)) {
    if (!dead.has(name) && value !== undefined) kept[name] = value;
  }
  return {
    ...kept,
    [ReplayHeaders.replayOf]: replayKey(letter.position),
    [ReplayHeaders.replayedAt]: replayedAt.toISOString(),
  };
}

/** Parses `partition:offset` (a command-line selection); throws with what to fix. */
export function parseSelection(text: string): { partition: number; offset: string } {
  const match = /^(\d{1,6}):(\d{1,19})$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not <partition>:<offset> (for example 0:42)`);
  return { partition: Number(match[1]), offset: String(BigInt(match[2] as string)) };
}

/** An attribute of the JSON value, when the value is a JSON object (contract violations may not be). */
function eventAttribute(value: Buffer | null, name: 'id' | 'type'): string | undefined {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(value.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const attribute = (parsed as Record<string, unknown>)[name];
    return typeof attribute === 'string' ? attribute : undefined;
  } catch {
    return undefined;
  }
}
