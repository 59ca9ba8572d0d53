import type { IHeaders } from 'kafkajs';
import { DEAD_LETTER_SUFFIX, Topics } from '@frontera/contracts';
import { DeadLetterHeaders } from './headers';

export type DeadLetterReason = 'contract-violation' | 'non-retriable' | 'retries-exhausted';

/** The dead-letter topic of `topic`: the catalogue's companion, else `<topic>.dlq`. */
export function deadLetterTopicFor(topic: string): string {
  const spec = Object.values(Topics).find((t) => t.name === topic);
  return spec?.deadLetter ?? `${topic}${DEAD_LETTER_SUFFIX}`;
}

export interface DeadLetterInfo {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** Already free of personal data (see EventConsumer). */
  readonly error: string;
  readonly reason: DeadLetterReason;
  readonly attempts: number;
  readonly consumer: string;
  /** The consumer group: tells instances of one consumer in different deployments apart. */
  readonly group: string;
  readonly failedAt: Date;
}

/**
 * Headers of a dead-lettered message: its original headers (content type,
 * ce_id, ce_type…) plus where it came from and why it failed. Original headers
 * that collide with the dead-letter names are overwritten (a message that is
 * dead-lettered twice keeps the latest failure).
 */
export function deadLetterHeaders(original: IHeaders | undefined, info: DeadLetterInfo): IHeaders {
  return {
    ...(original ?? {}),
    [DeadLetterHeaders.originalTopic]: info.topic,
    [DeadLetterHeaders.originalPartition]: String(info.partition),
    [DeadLetterHeaders.originalOffset]: info.offset,
    [DeadLetterHeaders.error]: info.error,
    [DeadLetterHeaders.reason]: info.reason,
    [DeadLetterHeaders.attempts]: String(info.attempts),
    [DeadLetterHeaders.consumer]: info.consumer,
    [DeadLetterHeaders.group]: info.group,
    [DeadLetterHeaders.failedAt]: info.failedAt.toISOString(),
  };
}
