import { randomUUID } from 'node:crypto';
import {
  outboxMalformedCounter,
  registerOutboxBacklog,
  type OutboxBacklogSource,
} from '../metrics/messaging-metrics';
import { defaultLogger, errorMessage, type MessagingLogger } from '../support/logger';
import type { OutboxPublisher } from './outbox-publisher';
import {
  countPendingEvents,
  extendLease,
  findPending,
  findPendingDocument,
  outboxSourceOf,
  prunePublished,
  releaseLease,
  tryLease,
  type OutboxSource,
  type OutboxTarget,
  type PendingDocument,
} from './outbox-store';

export interface OutboxRelayOptions {
  readonly publisher: OutboxPublisher;
  /** Aggregate collections (mongoose Models) whose documents carry an outbox. More with addSource(). */
  readonly sources?: readonly OutboxTarget[];
  /** Pause between sweeps when the last one did not fill a batch (default 1 000 ms). */
  readonly intervalMs?: number;
  /**
   * The longest pause of an idle relay (default 10 000 ms): after each sweep that found no pending
   * document at all, the pause doubles from `intervalMs` up to this; a sweep that finds one, or
   * {@link OutboxRelay.wake} (a local publish or prune failed), brings it back to `intervalMs`.
   * Equal to `intervalMs` (or less), the relay never backs off.
   */
  readonly idleIntervalMs?: number;
  /**
   * Only documents whose last pending write is older than this are swept (default 2 000 ms), so
   * the relay seldom races the publish that follows every write.
   */
  readonly graceMs?: number;
  /** Documents worked per collection per sweep (default 100). */
  readonly batchSize?: number;
  /** How long a relay instance keeps a document to itself (default 30 000 ms). */
  readonly leaseMs?: number;
  /** After a failed publish, the document is retried after this long (default 5 000 ms). */
  readonly retryAfterMs?: number;
  readonly logger?: MessagingLogger;
}

export interface SweepResult {
  /** Documents worked (published and pruned, or failed). */
  readonly documents: number;
  /** Events published. */
  readonly published: number;
  /** Records moved to their collections. */
  readonly records: number;
  /** Documents whose events could not be published (retried after retryAfterMs). */
  readonly failed: number;
  /** Malformed items (neither entries nor records) dropped with their documents' prunes, never published. */
  readonly malformed: number;
  /** A collection filled its batch: more may be waiting, so the next sweep starts at once. */
  readonly more: boolean;
  /** Pending documents seen, due or not yet (still within `graceMs`): 0 means the outboxes were empty. */
  readonly seen: number;
}

export interface RelayPauseInput {
  /** The last sweep filled a batch. */
  readonly more: boolean;
  /** Consecutive sweeps (the last one included) that saw no pending document. */
  readonly emptySweeps: number;
  readonly intervalMs: number;
  readonly idleIntervalMs: number;
}

/**
 * The pause before the next sweep: none when a batch was full, `intervalMs` after a sweep that saw
 * something pending, then doubling with each empty sweep up to `idleIntervalMs`.
 */
export function relayPauseMs(input: RelayPauseInput): number {
  if (input.more) return 0;
  if (input.emptySweeps <= 0 || input.idleIntervalMs <= input.intervalMs) return input.intervalMs;
  const doublings = Math.min(input.emptySweeps, 30);
  return Math.min(input.idleIntervalMs, input.intervalMs * 2 ** doublings);
}

/**
 * Publishes whatever the immediate publish left behind (process killed after the write, Kafka
 * down, publish failed), and prunes those documents.
 *
 * Sweeps on start and then every `intervalMs` — backing off to `idleIntervalMs` while the outboxes
 * stay empty (the immediate publish leaves nothing behind in normal operation), back to
 * `intervalMs` as soon as a sweep sees a pending document or {@link OutboxRelay.wake} is called: reads the pending documents of each collection
 * (`{ outboxPending: true }`: equality on one indexed top-level field, so an idle relay reads
 * nothing whatever the size of the collection), leaves those written in the last `graceMs` to the
 * immediate publish, takes a lease on each of the others (an insert into `outbox_leases`, so
 * several service instances do not work one document at once), moves its records, publishes its
 * events in order and queues its prune (batched, conditioned on the version it published). At
 * least once: an event may be published twice (consumers are idempotent), never lost.
 *
 * Items of an outbox that are neither an entry nor a record cannot be published: the prune drops
 * them with the rest, and they are counted (`frontera_outbox_malformed_items_total`) and logged
 * with the document's id (never their content). A document holding nothing else is pruned all the
 * same, so its flag is cleared and no sweep picks it up again.
 */
export class OutboxRelay implements OutboxBacklogSource {
  private readonly publisher: OutboxPublisher;
  private readonly sources = new Map<string, OutboxSource>();
  private readonly intervalMs: number;
  private readonly idleIntervalMs: number;
  private readonly graceMs: number;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly retryAfterMs: number;
  private readonly logger: MessagingLogger;
  private readonly owner = `relay-${randomUUID()}`;
  private readonly malformedItems = outboxMalformedCounter();
  private stopping?: AbortController;
  private loop?: Promise<void>;
  private unregisterMetric?: () => void;
  private emptySweeps = 0;
  /** wake() was called during the sweep in progress: that sweep may have missed what woke it. */
  private woken = false;
  private pause?: { until: number; timer: NodeJS.Timeout; resolve: () => void };

  constructor(options: OutboxRelayOptions) {
    this.publisher = options.publisher;
    this.intervalMs = positive(options.intervalMs ?? 1_000, 'intervalMs');
    this.idleIntervalMs = positive(options.idleIntervalMs ?? 10_000, 'idleIntervalMs');
    this.graceMs = nonNegative(options.graceMs ?? 2_000, 'graceMs');
    this.batchSize = positive(options.batchSize ?? 100, 'batchSize');
    this.leaseMs = positive(options.leaseMs ?? 30_000, 'leaseMs');
    this.retryAfterMs = nonNegative(options.retryAfterMs ?? 5_000, 'retryAfterMs');
    this.logger = options.logger ?? defaultLogger(OutboxRelay.name);
    for (const source of options.sources ?? []) this.addSource(source);
  }

  addSource(target: OutboxTarget): void {
    const source = outboxSourceOf(target);
    this.sources.set(source.name, source);
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

  /**
   * Stops sweeping. A sweep in progress ends after the document in hand: what it published is pruned
   * and its leases released, the rest stays pending for the next sweep of any instance (after a
   * roster, a sweep of hundreds of documents used to hold a shutdown past its timeout).
   */
  async stop(): Promise<void> {
    this.stopping?.abort();
    this.endPause();
    await this.loop;
    this.loop = undefined;
    this.unregisterMetric?.();
    this.unregisterMetric = undefined;
  }

  /**
   * Something may be left pending (a local publish or prune failed): the relay stops backing off,
   * and a long idle pause ends within `intervalMs`.
   */
  wake(): void {
    this.emptySweeps = 0;
    this.woken = true;
    const pause = this.pause;
    if (!pause || pause.until - Date.now() <= this.intervalMs) return;
    clearTimeout(pause.timer);
    pause.until = Date.now() + this.intervalMs;
    pause.timer = setTimeout(() => this.endPause(), this.intervalMs);
  }

  /** The pause the relay takes after its last sweep (ms), as {@link relayPauseMs} computes it. */
  nextPauseMs(more = false): number {
    return relayPauseMs({
      more,
      emptySweeps: this.emptySweeps,
      intervalMs: this.intervalMs,
      idleIntervalMs: this.idleIntervalMs,
    });
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      let more = false;
      try {
        const result = await this.sweep(signal);
        more = result.more;
        this.emptySweeps = result.seen > 0 || this.woken ? 0 : this.emptySweeps + 1;
      } catch (error) {
        this.emptySweeps = 0;
        this.logger.error(`outbox sweep failed (${errorMessage(error)})`);
      }
      this.woken = false;
      if (signal.aborted) break;
      await this.sleep(this.nextPauseMs(more));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.pause = { until: Date.now() + ms, timer: setTimeout(() => this.endPause(), ms), resolve };
    });
  }

  private endPause(): void {
    const pause = this.pause;
    if (!pause) return;
    this.pause = undefined;
    clearTimeout(pause.timer);
    pause.resolve();
  }

  /**
   * One pass over every collection, at most `batchSize` documents each; cut short when `signal` is
   * aborted (after the document in hand, its prune sent and the leases released).
   */
  async sweep(signal?: AbortSignal): Promise<SweepResult> {
    const total = { documents: 0, published: 0, records: 0, failed: 0, malformed: 0, more: false, seen: 0 };
    for (const source of this.sources.values()) {
      if (signal?.aborted) break;
      const result = await this.sweepCollection(source, signal);
      total.documents += result.documents;
      total.published += result.published;
      total.records += result.records;
      total.failed += result.failed;
      total.malformed += result.malformed;
      total.more ||= result.more;
      total.seen += result.seen;
    }
    return total;
  }

  private async sweepCollection(source: OutboxSource, signal?: AbortSignal): Promise<SweepResult> {
    const found = await findPending(source, this.batchSize);
    const cutoff = Date.now() - this.graceMs;
    const due = found.filter((document) => (document.at?.getTime() ?? 0) <= cutoff);
    let published = 0;
    let records = 0;
    let failed = 0;
    let malformed = 0;
    const worked: { id: unknown; version: number }[] = [];
    for (const candidate of due) {
      if (signal?.aborted) break;
      if (!(await tryLease(source, candidate.id, this.owner, this.leaseMs))) continue;
      // Look again under the lease: another instance may have published and pruned it meanwhile.
      const document = await findPendingDocument(source, candidate.id);
      if (!document) {
        await releaseLease(source, candidate.id, this.owner).catch(() => undefined);
        continue;
      }
      try {
        published += await this.publisher.publishPending(source, written(document));
        records += document.records.length;
        worked.push({ id: document.id, version: document.version });
        if (document.malformed > 0) {
          // Once: the prune below drops them (the document's id only, never their content).
          malformed += document.malformed;
          this.malformedItems.inc({ collection: source.name }, document.malformed);
          this.logger.error(
            `outbox of ${source.name}/${String(document.id)} held ${document.malformed} malformed item(s): ` +
              'never published, dropped with the prune',
          );
        }
      } catch (error) {
        failed += 1;
        this.logger.error(
          `outbox relay: ${source.name}/${String(document.id)} not published, retrying in ${this.retryAfterMs} ms ` +
            `(${errorMessage(error)})`,
        );
        // Keep the lease until the retry time, so no instance hammers a failing document.
        await extendLease(source, document.id, this.owner, new Date(Date.now() + this.retryAfterMs)).catch(
          () => undefined,
        );
      }
    }
    // Prune before the leases go, so no other instance publishes these documents again. Its own
    // documents only: the publisher's queue may hold thousands of other prunes (after a roster).
    try {
      await prunePublished(source, worked);
    } catch (error) {
      // They stay pending: published again by a later sweep (consumers are idempotent).
      this.logger.warn(`outbox of ${source.name}: ${worked.length} prune(s) failed (${errorMessage(error)})`);
    }
    for (const { id } of worked) await releaseLease(source, id, this.owner).catch(() => undefined);
    const documents = worked.length + failed;
    return {
      documents,
      published,
      records,
      failed,
      malformed,
      more: documents >= this.batchSize,
      seen: found.length,
    };
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

function written(document: PendingDocument) {
  return {
    documentId: document.id,
    version: document.version,
    entries: document.entries,
    records: document.records,
  };
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`OutboxRelay ${name} must be > 0, got ${value}`);
  return value;
}

function nonNegative(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) throw new Error(`OutboxRelay ${name} must be ≥ 0, got ${value}`);
  return value;
}
