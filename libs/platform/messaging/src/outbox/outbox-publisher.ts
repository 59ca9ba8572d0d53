import type { Message, Producer, TopicMessages } from 'kafkajs';
import type { EventEnvelope } from '@frontera/contracts';
import { eventHeaders } from '../kafka/headers';
import {
  outboxPublishedCounter,
  outboxPublishFailuresCounter,
  type PublishPath,
} from '../metrics/messaging-metrics';
import { defaultLogger, errorMessage, errorStack, type MessagingLogger } from '../support/logger';
import { outboxEntriesFor, type OutboxEntry, type OutboxEntryOptions } from './outbox-entry';
import {
  markSent,
  outboxSourceOf,
  readOutbox,
  sentIds,
  type OutboxDocument,
  type OutboxSource,
  type OutboxTarget,
  type StoredOutboxEntry,
} from './outbox-store';

export interface OutboxPublisherOptions {
  /** An idempotent producer (see createEventProducer), connected by its owner. */
  readonly producer: Producer;
  readonly logger?: MessagingLogger;
}

export interface PublishOutcome {
  /** Entries that reached Kafka. */
  readonly published: number;
  /** Set when publishing failed; the entries stay unsent for the relay. */
  readonly error?: string;
}

/**
 * Publishes outbox entries to Kafka right after the write that stored them, so
 * events reach consumers without waiting for the relay, and marks them sent.
 *
 * It never writes to the aggregate's document: marks go to `outbox_sent`
 * (inserts only), and the relay prunes published entries from the document
 * later, once it is quiet. On FerretDB 1.x, whose updates are an unlocked
 * read-modify-write, an update here could undo the service's next write.
 */
export class OutboxPublisher {
  private readonly producer: Producer;
  private readonly logger: MessagingLogger;
  private readonly published = outboxPublishedCounter();
  private readonly failures = outboxPublishFailuresCounter();
  private readonly inFlight = new Set<Promise<PublishOutcome>>();

  constructor(options: OutboxPublisherOptions) {
    this.producer = options.producer;
    this.logger = options.logger ?? defaultLogger(OutboxPublisher.name);
  }

  /**
   * Sends entries in the order given (per topic and key, Kafka keeps it),
   * waiting for all in-sync replicas. Throws if Kafka did not take them all.
   */
  async send(entries: readonly OutboxEntry[], path: PublishPath = 'direct'): Promise<void> {
    if (entries.length === 0) return;
    const byTopic = new Map<string, Message[]>();
    for (const entry of entries) {
      const messages = byTopic.get(entry.topic) ?? [];
      messages.push({ key: entry.key, value: entry.payload, headers: eventHeaders(entry) });
      byTopic.set(entry.topic, messages);
    }
    const topicMessages: TopicMessages[] = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
    try {
      await this.producer.sendBatch({ acks: -1, topicMessages });
    } catch (error) {
      this.failures.inc({ path }, entries.length);
      throw error;
    }
    this.published.inc({ path }, entries.length);
  }

  /**
   * Publishes every unsent entry of one document, in array order (so one
   * aggregate's events keep their order), and marks them sent. Never throws:
   * a failure is logged and the entries stay for the relay, so the request
   * that wrote them still succeeds. Tracked until it settles, so `drain()` can wait for it
   * (a service may start it without awaiting, to answer before Kafka did).
   */
  publishPending(target: OutboxTarget, id: unknown): Promise<PublishOutcome> {
    const publishing = this.publishPendingNow(target, id);
    this.inFlight.add(publishing);
    void publishing.finally(() => this.inFlight.delete(publishing));
    return publishing;
  }

  /**
   * Waits for every publishPending in flight (the application's shutdown calls it after the
   * consumers and the relay stopped, before the database connection closes and the producer
   * disconnects). Never throws.
   */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async publishPendingNow(target: OutboxTarget, id: unknown): Promise<PublishOutcome> {
    const source = outboxSourceOf(target);
    const where = `${source.name}/${String(id)}`;
    let unsent: StoredOutboxEntry[];
    try {
      unsent = await unsentEntries(source, await readOutbox(source, id));
    } catch (error) {
      this.logger.error(`outbox of ${where}: could not read pending events (${errorMessage(error)})`);
      return { published: 0, error: errorMessage(error) };
    }
    if (unsent.length === 0) return { published: 0 };
    try {
      await this.send(
        unsent.map((e) => e.entry),
        'immediate',
      );
    } catch (error) {
      this.logger.error(
        `outbox of ${where}: ${unsent.length} event(s) not published, the relay will retry ` +
          `(${errorMessage(error)})`,
        errorStack(error),
      );
      return { published: 0, error: errorMessage(error) };
    }
    try {
      await markSent(source, unsent);
    } catch (error) {
      // Published but not marked: the relay publishes them again and consumers deduplicate.
      this.logger.warn(`outbox of ${where}: published events not marked sent (${errorMessage(error)})`);
    }
    return { published: unsent.length };
  }

  /**
   * Validates and sends events straight to Kafka, without an outbox: for events
   * that follow no state change of this service, and for replaying an event.
   * Throws ContractViolationError for a broken event (nothing is sent then).
   */
  async publishEvents(
    events: readonly EventEnvelope[],
    key: string,
    options?: OutboxEntryOptions,
  ): Promise<void> {
    await this.send(outboxEntriesFor(events, key, options), 'direct');
  }
}

/**
 * The entries of a document not marked sent, in order. Entries are marked only
 * after Kafka acknowledged them, so whatever is skipped here was already
 * published before anything returned here is: per-aggregate order holds even
 * when several publishers work on one document at once.
 */
export async function unsentEntries(
  source: OutboxSource,
  document: OutboxDocument | undefined,
): Promise<StoredOutboxEntry[]> {
  if (!document || document.entries.length === 0) return [];
  const sent = await sentIds(
    source,
    document.entries.map((e) => e.entry.eventId),
  );
  return document.entries.filter((e) => !sent.has(e.entry.eventId));
}
