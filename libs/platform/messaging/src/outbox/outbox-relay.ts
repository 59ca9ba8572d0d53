import { randomUUID } from 'node:crypto';
import { registerOutboxBacklog, type OutboxBacklogSource } from '../metrics/messaging-metrics';
import { abortableDelay } from '../support/abortable-delay';
import { defaultLogger, errorMessage, type MessagingLogger } from '../support/logger';
import type { OutboxPublisher } from './outbox-publisher';
import {
  countPendingEvents,
  findWithEntries,
  leaseId,
  markSent,
  outboxSourceOf,
  pruneSent,
  releaseLease,
  sentIds,
  toOutboxDocument,
  tryLease,
  type OutboxDocument,
  type OutboxSource,
  type OutboxTarget,
  type StoredOutboxEntry,
} from './outbox-store';

/**
 * Runs `fn` while the service's per-aggregate lock on `documentId` is held (e.g. its Redis
 * aggregate lock); rejects if the lock cannot be taken.
 */
export type DocumentLock = <T>(documentId: string, fn: () => Promise<T>) => Promise<T>;

export interface OutboxSourceOptions {
  /**
   * The lock the service's commands hold around load → decide → save. The relay's one write
   * to an aggregate document, the prune of published entries, runs inside it: on FerretDB 1.x
   * an update is an unlocked read-modify-write, so a prune racing a command could undo the
   * command's write (state and events). Without it the relay only prunes quiet documents,
   * which makes the race unlikely, not impossible. A prune whose lock cannot be taken is
   * retried on a later sweep.
   */
  readonly withDocumentLock?: DocumentLock;
}

/** A collection and how the relay works it. */
export interface OutboxSourceRegistration extends OutboxSourceOptions {
  readonly target: OutboxTarget;
}

export interface OutboxRelayOptions {
  readonly publisher: OutboxPublisher;
  /**
   * Aggregate collections (mongoose Models) whose documents carry an outbox, alone or with
   * their options (`{ target, withDocumentLock }`). More with addSource().
   */
  readonly sources?: readonly (OutboxTarget | OutboxSourceRegistration)[];
  /** Pause between sweeps when the last one did not fill a batch (default 1 000 ms). */
  readonly intervalMs?: number;
  /**
   * Only documents with an entry older than this are swept (default 2 000 ms),
   * so the relay seldom races the publish that follows every write.
   */
  readonly graceMs?: number;
  /** Documents worked per collection per sweep (default 100). */
  readonly batchSize?: number;
  /** How long a relay instance keeps a document to itself (default 30 000 ms). */
  readonly leaseMs?: number;
  /** After a failed publish, the document is retried after this long (default 5 000 ms). */
  readonly retryAfterMs?: number;
  /**
   * Published entries are pruned from a document once nothing was written to
   * it for this long (default 10 000 ms), or as soon as it holds more than
   * `pruneAbove` published entries.
   */
  readonly quietMs?: number;
  readonly pruneAbove?: number;
  readonly logger?: MessagingLogger;
}

export interface SweepResult {
  /** Documents worked (published and/or pruned). */
  readonly documents: number;
  /** Events published. */
  readonly published: number;
  /** Events pruned from their documents. */
  readonly pruned: number;
  /** Documents whose events could not be published (retried after retryAfterMs). */
  readonly failed: number;
  /** A collection filled its batch: more may be waiting, so the next sweep starts at once. */
  readonly more: boolean;
}

interface Work {
  readonly document: OutboxDocument;
  readonly unsent: StoredOutboxEntry[];
}

/** Documents whose marks are looked up with one query. */
const LOOKUP_CHUNK = 50;

/**
 * Publishes whatever the immediate publish left behind (process killed after
 * the write, Kafka down, publish failed), and prunes published entries from
 * the aggregates' documents.
 *
 * Sweeps on start and then every `intervalMs`: finds documents with entries
 * older than `graceMs`, takes a lease on each (an insert into `outbox_leases`,
 * so several service instances do not work one document at once), publishes
 * its unsent entries in order, marks them sent, and prunes the published ones
 * once the document is quiet. At-least-once: an event may be published twice
 * (consumers are idempotent), never lost.
 *
 * Only quiet documents are pruned, and under the aggregate's lock when one is
 * registered: docs/decisions/0001-single-document-writes-and-per-aggregate-locks.md
 * and docs/decisions/0010-relay-prunes-under-the-aggregate-lock.md.
 */
export class OutboxRelay implements OutboxBacklogSource {
  private readonly publisher: OutboxPublisher;
  private readonly sources = new Map<string, OutboxSource>();
  private readonly locks = new Map<string, DocumentLock>();
  private readonly intervalMs: number;
  private readonly graceMs: number;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly retryAfterMs: number;
  private readonly quietMs: number;
  private readonly pruneAbove: number;
  private readonly logger: MessagingLogger;
  private readonly owner = `relay-${randomUUID()}`;
  private stopping?: AbortController;
  private loop?: Promise<void>;
  private unregisterMetric?: () => void;

  constructor(options: OutboxRelayOptions) {
    this.publisher = options.publisher;
    this.intervalMs = positive(options.intervalMs ?? 1_000, 'intervalMs');
    this.graceMs = nonNegative(options.graceMs ?? 2_000, 'graceMs');
    this.batchSize = positive(options.batchSize ?? 100, 'batchSize');
    this.leaseMs = positive(options.leaseMs ?? 30_000, 'leaseMs');
    this.retryAfterMs = nonNegative(options.retryAfterMs ?? 5_000, 'retryAfterMs');
    this.quietMs = nonNegative(options.quietMs ?? 10_000, 'quietMs');
    this.pruneAbove = positive(options.pruneAbove ?? 100, 'pruneAbove');
    this.logger = options.logger ?? defaultLogger(OutboxRelay.name);
    for (const source of options.sources ?? []) {
      if (isRegistration(source)) this.addSource(source.target, source);
      else this.addSource(source);
    }
  }

  addSource(target: OutboxTarget, options: OutboxSourceOptions = {}): void {
    const source = outboxSourceOf(target);
    this.sources.set(source.name, source);
    if (options.withDocumentLock) this.locks.set(source.name, options.withDocumentLock);
    else this.locks.delete(source.name);
  }

  get sourceCount(): number {
    return this.sources.size;
  }

  get running(): boolean {
    return this.loop !== undefined;
  }

  /** Starts sweeping (a first sweep at once) and reports the backlog metric. */
  start(): void {
    if (this.loop) return;
    const stopping = new AbortController();
    this.stopping = stopping;
    this.unregisterMetric = registerOutboxBacklog(this);
    this.loop = this.run(stopping.signal);
  }

  /** Stops sweeping; waits for a sweep in progress to finish. */
  async stop(): Promise<void> {
    this.stopping?.abort();
    await this.loop;
    this.loop = undefined;
    this.unregisterMetric?.();
    this.unregisterMetric = undefined;
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      let more = false;
      try {
        more = (await this.sweep()).more;
      } catch (error) {
        this.logger.error(`outbox sweep failed (${errorMessage(error)})`);
      }
      await abortableDelay(more ? 0 : this.intervalMs, signal);
    }
  }

  /** One pass over every collection, at most `batchSize` documents each. */
  async sweep(): Promise<SweepResult> {
    const total = { documents: 0, published: 0, pruned: 0, failed: 0, more: false };
    for (const source of this.sources.values()) {
      const result = await this.sweepCollection(source);
      total.documents += result.documents;
      total.published += result.published;
      total.pruned += result.pruned;
      total.failed += result.failed;
      total.more ||= result.more;
    }
    return total;
  }

  private isQuiet(document: OutboxDocument, now: number): boolean {
    return (document.lastWriteAt?.getTime() ?? 0) <= now - this.quietMs;
  }

  /** Whether a document needs work: unsent entries, or published ones it is time to prune. */
  private needsWork(document: OutboxDocument, unsent: number, now: number): boolean {
    const published = document.entries.length - unsent;
    return unsent > 0 || (published > 0 && (this.isQuiet(document, now) || published > this.pruneAbove));
  }

  private async unsentOf(source: OutboxSource, documents: readonly OutboxDocument[]): Promise<Work[]> {
    const sent = await sentIds(
      source,
      documents.flatMap((d) => d.entries.map((e) => e.entry.eventId)),
    );
    return documents.map((document) => ({
      document,
      unsent: document.entries.filter((e) => !sent.has(e.entry.eventId)),
    }));
  }

  /** Finds documents that need work and leases up to `batchSize` of them. */
  private async claim(source: OutboxSource): Promise<Work[]> {
    const now = Date.now();
    const leased: OutboxDocument[] = [];
    const cursor = findWithEntries(source, new Date(now - this.graceMs));
    try {
      let chunk: OutboxDocument[] = [];
      const consider = async (): Promise<void> => {
        for (const { document, unsent } of await this.unsentOf(source, chunk)) {
          if (leased.length >= this.batchSize) break;
          if (!this.needsWork(document, unsent.length, now)) continue;
          if (await tryLease(source, document.id, this.owner, this.leaseMs)) leased.push(document);
        }
        chunk = [];
      };
      for await (const raw of cursor) {
        chunk.push(toOutboxDocument(raw));
        if (chunk.length >= LOOKUP_CHUNK) await consider();
        if (leased.length >= this.batchSize) break;
      }
      if (chunk.length > 0 && leased.length < this.batchSize) await consider();
    } finally {
      await cursor.close();
    }
    // Look again under the lease: another instance may have published a document
    // between our first look and our lease (it marks before it releases).
    const claimed: Work[] = [];
    for (const work of await this.unsentOf(source, leased)) {
      if (this.needsWork(work.document, work.unsent.length, now)) claimed.push(work);
      else await releaseLease(source, work.document.id, this.owner);
    }
    return claimed;
  }

  private async sweepCollection(source: OutboxSource): Promise<SweepResult> {
    const claimed = await this.claim(source);
    const more = claimed.length >= this.batchSize;
    let published = 0;
    let pruned = 0;
    const failed = new Set<Work>();

    const toSend = claimed.filter((w) => w.unsent.length > 0);
    try {
      // Fast path: every document's entries in one request.
      await this.publisher.send(
        toSend.flatMap((w) => w.unsent.map((e) => e.entry)),
        'relay',
      );
    } catch (error) {
      this.logger.warn(
        `outbox relay: batch from ${source.name} failed (${errorMessage(error)}); retrying one by one`,
      );
      // So one document whose events cannot be published does not hold back the others.
      for (const work of toSend) {
        try {
          await this.publisher.send(
            work.unsent.map((e) => e.entry),
            'relay',
          );
        } catch (one) {
          failed.add(work);
          this.logger.error(
            `outbox relay: events of ${source.name}/${String(work.document.id)} not published, ` +
              `retrying in ${this.retryAfterMs} ms (${errorMessage(one)})`,
          );
        }
      }
    }

    const now = Date.now();
    for (const work of claimed) {
      const where = `${source.name}/${String(work.document.id)}`;
      if (failed.has(work)) {
        await source.leases
          .updateOne(
            { _id: leaseId(source, work.document.id), owner: this.owner },
            { $set: { until: new Date(now + this.retryAfterMs) } },
          )
          .catch(() => undefined);
        continue;
      }
      published += work.unsent.length;
      try {
        await markSent(source, work.unsent);
        const entryCount = work.document.entries.length;
        if (this.isQuiet(work.document, now) || entryCount > this.pruneAbove) {
          await this.prune(source, work.document);
          pruned += entryCount;
        }
      } catch (error) {
        this.logger.warn(`outbox relay: ${where} not marked or pruned (${errorMessage(error)})`);
      }
      if (work.document.malformed > 0) {
        this.logger.error(
          `outbox of ${where} holds ${work.document.malformed} malformed entries, never published`,
        );
      }
      await releaseLease(source, work.document.id, this.owner).catch(() => undefined);
    }
    return { documents: claimed.length, published, pruned, failed: failed.size, more };
  }

  /** Removes the document's published entries, under the source's document lock if it has one. */
  private async prune(source: OutboxSource, document: OutboxDocument): Promise<void> {
    const prune = (): Promise<void> => pruneSent(source, document.id, document.entries);
    const lock = this.locks.get(source.name);
    await (lock ? lock(String(document.id), prune) : prune());
  }

  /** Unpublished events over all registered collections (the outbox backlog). */
  async pendingCount(): Promise<number> {
    let total = 0;
    for (const count of (await this.pendingCounts()).values()) total += count;
    return total;
  }

  async pendingCounts(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const [name, source] of this.sources) counts.set(name, await countPendingEvents(source));
    return counts;
  }
}

function isRegistration(source: OutboxTarget | OutboxSourceRegistration): source is OutboxSourceRegistration {
  return 'target' in source && !('collection' in source);
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`OutboxRelay ${name} must be > 0, got ${value}`);
  return value;
}

function nonNegative(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) throw new Error(`OutboxRelay ${name} must be ≥ 0, got ${value}`);
  return value;
}
