import type { IHeaders, Message, Producer, TopicMessages } from 'kafkajs';
import type { EventEnvelope } from '@frontera/contracts';
import {
  contextFromCarrier,
  CORRELATION_ID_ATTRIBUTE,
  failSpan,
  SpanKind,
  startSpan,
  activeTraceContext,
  traceCarrierOfSpan,
  tracingEnabled,
  type Span,
} from '@frontera/platform-observability';
import { EventHeaders, eventHeaders } from '../kafka/headers';
import {
  outboxPublishedCounter,
  outboxPublishFailuresCounter,
  type PublishPath,
} from '../metrics/messaging-metrics';
import { defaultLogger, errorMessage, errorStack, type MessagingLogger } from '../support/logger';
import {
  outboxEntriesFor,
  type OutboxEntry,
  type OutboxEntryOptions,
  type OutboxRecord,
  type PendingOutbox,
  type WrittenOutbox,
} from './outbox-entry';
import {
  MAX_BULK_STATEMENTS,
  outboxSourceOf,
  prunePublished,
  writeRecords,
  type OutboxSource,
  type OutboxTarget,
} from './outbox-store';

export interface OutboxPublisherOptions {
  /** An idempotent producer (see createEventProducer), connected by its owner. */
  readonly producer: Producer;
  readonly logger?: MessagingLogger;
  /** Prunes of published documents are gathered this long into one bulk request (default 50 ms). */
  readonly pruneDelayMs?: number;
  /** Ids of events this process published lately, not sent again when a document still lists them (default 10 000). */
  readonly recentlyPublished?: number;
}

export interface PublishOutcome {
  /** Entries that reached Kafka (or were published before by this process). */
  readonly published: number;
  /** Set when publishing failed; the entries stay pending for the relay. */
  readonly error?: string;
}

/**
 * The most payload bytes one Kafka request of a batch publish carries: well under the broker's
 * default `message.max.bytes` (1 MiB), which bounds a partition's record batch.
 */
export const SEND_CHUNK_BYTES = 256 * 1024;

/** Consecutive runs of `entries` of at most `maxBytes` of payload each (an entry larger alone is a run of its own). */
export function byteChunks(entries: readonly OutboxEntry[], maxBytes: number): OutboxEntry[][] {
  const chunks: OutboxEntry[][] = [];
  let current: OutboxEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = Buffer.byteLength(entry.payload) + entry.key.length + 64;
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** The trace headers of a carrier (none when it has no traceparent). */
function traceHeaders(carrier: { traceparent?: string; tracestate?: string } | undefined): IHeaders {
  if (!carrier?.traceparent) return {};
  return {
    [EventHeaders.traceparent]: carrier.traceparent,
    ...(carrier.tracestate ? { [EventHeaders.tracestate]: carrier.tracestate } : {}),
  };
}

/** The correlation id of a stored envelope (read only with tracing on), or undefined. */
function correlationIdOfPayload(payload: string): string | undefined {
  try {
    const value = (JSON.parse(payload) as { correlationid?: unknown }).correlationid;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The producer span of one entry: a child of the context stored with the entry when it was
 * written (the request, event or job that caused it), so a relay's late publish joins that trace;
 * of the active context for an entry without one.
 */
function producerSpan(entry: OutboxEntry, path: PublishPath): Span {
  const correlationId = correlationIdOfPayload(entry.payload);
  return startSpan(`${entry.topic} publish`, {
    kind: SpanKind.PRODUCER,
    parent: contextFromCarrier(entry, activeTraceContext()),
    attributes: {
      'messaging.system': 'kafka',
      'messaging.operation.type': 'send',
      'messaging.destination.name': entry.topic,
      'messaging.message.id': entry.eventId,
      'frontera.event.type': entry.type,
      'frontera.outbox.path': path,
      ...(correlationId ? { [CORRELATION_ID_ATTRIBUTE]: correlationId } : {}),
    },
  });
}

/** Which collection of which database a source is: two databases may hold collections of one name. */
function sourceKey(source: OutboxSource): string {
  return `${source.db.name}.${source.name}`;
}

/** The first item of each key, in order. */
function distinctBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = keyOf(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** How a moved record is remembered: its collection and id. */
function recordKey(record: OutboxRecord): string {
  return `${record.collection}\u0000${record.id}`;
}

/** A bounded set of the latest ids added (insertion order; the oldest is dropped first). */
class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly capacity: number) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    this.ids.delete(id);
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value as string);
  }
}

/**
 * Gathers prunes of published documents and sends them as one bulk write per collection a short
 * while later: off the request path, off the aggregate's lock, one round trip for a burst of writes.
 */
class OutboxPruner {
  private readonly queued = new Map<
    string,
    { source: OutboxSource; documents: Map<string, { id: unknown; version: number }> }
  >();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  /** Set by a flush with a deadline (the shutdown's): no slice starts after it. */
  private deadline?: number;
  /** Prunes the deadline kept from being sent, counted across the flushes under way (logged once). */
  private unsentByDeadline = 0;

  constructor(
    private readonly delayMs: number,
    private readonly logger: MessagingLogger,
    private readonly leftPending: () => void,
  ) {}

  enqueue(source: OutboxSource, id: unknown, version: number): void {
    const queue = this.queued.get(sourceKey(source)) ?? { source, documents: new Map() };
    const key = String(id);
    const queuedVersion = queue.documents.get(key)?.version ?? -1;
    if (version > queuedVersion) queue.documents.set(key, { id, version });
    this.queued.set(sourceKey(source), queue);
    this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
  }

  /**
   * Sends what is queued now; resolves when every flush so far has finished. Never throws. With a
   * `deadline` (epoch ms), slices not started by then are not sent: their documents stay pending
   * for the relay (it publishes them again, consumers are idempotent, and prunes them).
   */
  flush(deadline?: number): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    // Also for flushes already under way (a roster's thousands): they check it between slices.
    if (deadline !== undefined) this.deadline = Math.min(this.deadline ?? deadline, deadline);
    const batches = [...this.queued.values()];
    this.queued.clear();
    this.flushing = this.flushing.then(async () => {
      let left = 0;
      for (const { source, documents } of batches) {
        const all = [...documents.values()];
        for (let start = 0; start < all.length; start += MAX_BULK_STATEMENTS) {
          const slice = all.slice(start, start + MAX_BULK_STATEMENTS);
          if (this.deadline !== undefined && Date.now() >= this.deadline) {
            left += slice.length;
            continue;
          }
          try {
            await prunePublished(source, slice);
          } catch (error) {
            // The documents stay pending: the relay publishes (duplicates are fine) and prunes them.
            this.logger.warn(
              `outbox of ${source.name}: ${slice.length} prune(s) failed (${errorMessage(error)})`,
            );
            this.leftPending();
          }
        }
      }
      this.unsentByDeadline += left;
      if (deadline !== undefined && this.unsentByDeadline > 0) {
        this.logger.warn(`${this.unsentByDeadline} prune(s) not sent in time, left to the relay`);
        this.unsentByDeadline = 0;
      }
    });
    return this.flushing;
  }
}

/** A write waiting in its collection's lane for the publish before it (OutboxPublisher.publishWritten). */
interface WaitingWrite {
  readonly written: WrittenOutbox;
  readonly settle: (outcome: PublishOutcome) => void;
}

/** The writes of one collection waiting to be published, and whether a publish of it is under way. */
interface PublishLane {
  readonly source: OutboxSource;
  readonly waiting: WaitingWrite[];
  busy: boolean;
}

/**
 * Publishes what a write left pending in its document right after the write, without reading the
 * document back (the repository knows what it wrote and what the document held when it was
 * loaded), then prunes the document — later, batched, conditioned on the version it published.
 *
 * A publish moves the records to their collections (inserts by `_id`), sends the entries to Kafka
 * in order (acks from all in-sync replicas, idempotent producer), and only when both succeeded
 * queues the prune; on failure the document stays pending and the relay retries. Events this
 * process published lately are not sent again when a document still lists them (a burst of
 * writes before the prune), so duplicates are rare; consumers are idempotent anyway.
 */
export class OutboxPublisher {
  private readonly producer: Producer;
  private readonly logger: MessagingLogger;
  private readonly published = outboxPublishedCounter();
  private readonly failures = outboxPublishFailuresCounter();
  private readonly inFlight = new Set<Promise<PublishOutcome>>();
  private readonly recent: RecentIds;
  /** Records this process moved to their collections lately (`recordKey`). */
  private readonly recentRecords: RecentIds;
  private readonly pruner: OutboxPruner;
  private readonly leftPendingListeners = new Set<() => void>();
  /** Per collection: the writes that came while its publish was under way (publishWritten). */
  private readonly lanes = new Map<string, PublishLane>();

  constructor(options: OutboxPublisherOptions) {
    this.producer = options.producer;
    this.logger = options.logger ?? defaultLogger(OutboxPublisher.name);
    this.recent = new RecentIds(options.recentlyPublished ?? 10_000);
    this.recentRecords = new RecentIds(options.recentlyPublished ?? 10_000);
    this.pruner = new OutboxPruner(options.pruneDelayMs ?? 50, this.logger, () => this.notifyLeftPending());
  }

  /**
   * Calls `listener` whenever a write's publish or a prune failed, so its document stays pending
   * for the relay (the messaging module wakes its relay with it: an idle relay sweeps seldom).
   * Returns the function that removes the listener.
   */
  onLeftPending(listener: () => void): () => void {
    this.leftPendingListeners.add(listener);
    return () => this.leftPendingListeners.delete(listener);
  }

  private notifyLeftPending(): void {
    for (const listener of this.leftPendingListeners) {
      try {
        listener();
      } catch {
        // a listener's failure never fails a publish
      }
    }
  }

  /**
   * Sends entries in the order given (per topic and key, Kafka keeps it), waiting for all in-sync
   * replicas. Throws if Kafka did not take them all.
   */
  async send(entries: readonly OutboxEntry[], path: PublishPath = 'direct'): Promise<void> {
    if (entries.length === 0) return;
    const byTopic = new Map<string, Message[]>();
    const spans: Span[] = [];
    const tracing = tracingEnabled();
    for (const entry of entries) {
      const messages = byTopic.get(entry.topic) ?? [];
      const headers = eventHeaders(entry);
      if (tracing) {
        const span = producerSpan(entry, path);
        spans.push(span);
        Object.assign(headers, traceHeaders(traceCarrierOfSpan(span)));
      } else {
        // Tracing off here, on where the entry was written: its context still travels on.
        Object.assign(headers, traceHeaders(entry));
      }
      messages.push({ key: entry.key, value: entry.payload, headers });
      byTopic.set(entry.topic, messages);
    }
    const topicMessages: TopicMessages[] = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
    try {
      await this.producer.sendBatch({ acks: -1, topicMessages });
    } catch (error) {
      this.failures.inc({ path }, entries.length);
      for (const span of spans) {
        failSpan(span, error);
        span.end();
      }
      throw error;
    }
    for (const span of spans) span.end();
    this.published.inc({ path }, entries.length);
    for (const entry of entries) this.recent.add(entry.eventId);
  }

  /**
   * Publishes what one write left pending and queues the prune of its document. Never throws: a
   * failure is logged and everything stays pending for the relay, so the request that wrote it
   * still succeeds. Tracked until it settles, so `drain()` can wait for it (a service may start
   * it without awaiting, to answer before Kafka did).
   *
   * Writes to one collection are published one batch at a time: a write that comes while its
   * collection's publish is under way waits for it, then goes with every write that came meanwhile
   * (at most MAX_BULK_STATEMENTS) as one publish — one insert per record collection, one Kafka
   * request, each document's entries in the order written (decision 0057). Alone, a write is
   * published at once, as before; under load the database and Kafka see one request per batch
   * instead of one per write. A failed batch leaves all its writes to the relay.
   */
  publishWritten(target: OutboxTarget, written: WrittenOutbox): Promise<PublishOutcome> {
    const publishing = this.publishInLane(outboxSourceOf(target), written);
    this.inFlight.add(publishing);
    void publishing.finally(() => this.inFlight.delete(publishing));
    return publishing;
  }

  private publishInLane(source: OutboxSource, written: WrittenOutbox): Promise<PublishOutcome> {
    // After a write that left nothing, there is nothing to publish or prune.
    if (written.entries.length === 0 && written.records.length === 0)
      return Promise.resolve({ published: 0 });
    let lane = this.lanes.get(sourceKey(source));
    if (!lane) {
      lane = { source, waiting: [], busy: false };
      this.lanes.set(sourceKey(source), lane);
    }
    const outcome = new Promise<PublishOutcome>((settle) => lane.waiting.push({ written, settle }));
    if (!lane.busy) void this.runLane(lane);
    return outcome;
  }

  /** Publishes the lane's waiting writes, a batch at a time, until none is left. Never throws. */
  private async runLane(lane: PublishLane): Promise<void> {
    lane.busy = true;
    try {
      while (lane.waiting.length > 0) {
        const batch = lane.waiting.splice(0, MAX_BULK_STATEMENTS);
        const outcome = await this.publishManyNow(
          lane.source,
          batch.map((w) => w.written),
        ).catch((error: unknown) => ({ published: 0, error: errorMessage(error) }));
        for (const { written, settle } of batch) {
          settle(outcome.error === undefined ? { published: written.entries.length } : outcome);
        }
      }
    } finally {
      lane.busy = false;
    }
  }

  /**
   * Publishes what a batch of writes to one collection left pending (a batch insert): the records of
   * all of them moved in one insert per collection, their entries sent together (in requests of at
   * most `SEND_CHUNK_BYTES`, each document's entries in order), then the prune of every document
   * queued. All or nothing like publishWritten: on failure everything stays pending for the relay
   * (what reached Kafka before the failure is sent again; consumers are idempotent). Never throws;
   * tracked for `drain()`.
   */
  publishWrittenMany(target: OutboxTarget, written: readonly WrittenOutbox[]): Promise<PublishOutcome> {
    const publishing = this.publishManyNow(outboxSourceOf(target), written);
    this.inFlight.add(publishing);
    void publishing.finally(() => this.inFlight.delete(publishing));
    return publishing;
  }

  /**
   * The relay's publish of one pending document: records, then entries not published lately by
   * this process. Throws when publishing failed. The relay prunes what it published itself, before
   * it releases its leases (not through the queue, which a roster can fill with thousands of prunes
   * of other documents) — a document found pending with nothing valid to publish (its items all
   * malformed, or none) too (conditioned on its version like any prune), so its flag is cleared
   * and the relay stops picking it up.
   */
  async publishPending(source: OutboxSource, written: WrittenOutbox): Promise<number> {
    // The relay logs its own failures, needs no wake-up and prunes what it published itself.
    await this.moveRecords(source, written.records);
    await this.send(
      written.entries.filter((e) => !this.recent.has(e.eventId)),
      'relay',
    );
    return written.entries.length;
  }

  /**
   * Waits for every publish in flight and sends the queued prunes (the application's shutdown
   * calls it after the consumers and the relay stopped, before the database connection closes
   * and the producer disconnects). Never throws. `pruneBudgetMs` bounds the time given to the
   * prunes (after a roster thousands are queued, at a few ms each on FerretDB): those not sent by
   * then are left to the relay — a shutdown never waits on them past its own timeout.
   */
  async drain(options: { readonly pruneBudgetMs?: number } = {}): Promise<void> {
    await this.settled();
    const budget = options.pruneBudgetMs;
    await this.pruner.flush(budget === undefined ? undefined : Date.now() + budget);
  }

  /** Waits for every publish in flight, leaving the queued prunes queued. Never throws. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Sends the queued prunes now (tests and benchmarks that look at documents right after a publish). */
  flushPrunes(): Promise<void> {
    return this.pruner.flush();
  }

  private async publishManyNow(
    source: OutboxSource,
    written: readonly WrittenOutbox[],
  ): Promise<PublishOutcome> {
    // Two writes of one document in a batch: the later one may still hold what the earlier left.
    const entries = distinctBy(
      written.flatMap((w) => w.entries),
      (e) => e.eventId,
    );
    const records = distinctBy(
      written.flatMap((w) => w.records),
      recordKey,
    );
    if (entries.length === 0 && records.length === 0) return { published: 0 };
    try {
      await this.moveRecords(source, records);
      const unsent = entries.filter((e) => !this.recent.has(e.eventId));
      for (const chunk of byteChunks(unsent, SEND_CHUNK_BYTES)) await this.send(chunk, 'immediate');
    } catch (error) {
      const which =
        written.length === 1
          ? `${source.name}/${String((written[0] as WrittenOutbox).documentId)}:`
          : `${source.name}: ${written.length} document(s),`;
      this.logger.error(
        `outbox of ${which} ${entries.length} event(s) and ${records.length} record(s) left to the relay ` +
          `(${errorMessage(error)})`,
        errorStack(error),
      );
      this.notifyLeftPending();
      return { published: 0, error: errorMessage(error) };
    }
    for (const w of written) this.pruner.enqueue(source, w.documentId, w.version);
    return { published: entries.length };
  }

  private async moveRecords(source: OutboxSource, records: readonly OutboxRecord[]): Promise<void> {
    if (records.length === 0) return;
    await writeRecords(source.db, records);
    for (const record of records) this.recentRecords.add(recordKey(record));
  }

  /**
   * What of `pending` (what a document held when it was loaded) this process has not lately
   * published (entries) or moved (records). A write decided on that load, under the aggregate's lock
   * and conditioned on its version, may drop the rest from the document instead of carrying it on
   * (OutboxAggregateStore.save): the prune rides on the next write. That keeps a document that takes
   * a burst of commands small, where the prunes, conditioned on versions the burst has moved past,
   * would all miss. Anything another process published, or this one has forgotten, is kept.
   */
  unpublishedOf(pending: PendingOutbox): PendingOutbox {
    return {
      entries: pending.entries.filter((entry) => !this.recent.has(entry.eventId)),
      records: pending.records.filter((record) => !this.recentRecords.has(recordKey(record))),
    };
  }

  /**
   * Validates and sends events straight to Kafka, without an outbox: for events that follow no
   * state change of this service, and for replaying an event. Throws ContractViolationError for a
   * broken event (nothing is sent then).
   */
  async publishEvents(
    events: readonly EventEnvelope[],
    key: string,
    options?: OutboxEntryOptions,
  ): Promise<void> {
    await this.send(outboxEntriesFor(events, key, options), 'direct');
  }
}
