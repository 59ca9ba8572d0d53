import type { EventEnvelope } from '@frontera/contracts';
import { isDuplicateKeyError } from '@frontera/platform-errors';
import type { Model, QueryFilter, UpdateQuery } from 'mongoose';
import { appliedEventsWith } from '../consumer/applied-event-guard';
import { defaultLogger, type MessagingLogger } from '../support/logger';
import {
  documentWithOutbox,
  EMPTY_OUTBOX,
  OUTBOX_PROJECTION,
  outboxEntriesFor,
  pendingOutboxOf,
  versionedOutboxWrite,
  writtenOutbox,
  type OutboxRecord,
  type PendingOutbox,
  type WrittenOutbox,
} from './outbox-entry';
import type { OutboxPublisher } from './outbox-publisher';
import { writeRecords } from './outbox-store';

/** What the store needs of an aggregate: its id and its versions (as the command runner keeps them). */
export interface StoredAggregate {
  readonly id: string;
  /** The version after the changes decided so far. */
  readonly version: number;
  /** The version it was loaded at (0 when new): the save's expected version. */
  readonly persistedVersion: number;
}

/** What a load read besides the state, kept for the write that follows it. */
export interface LoadedAggregate<D> {
  /** The document as read (with the store's projection). */
  readonly document: D;
  readonly appliedEvents: readonly string[];
  readonly pending: PendingOutbox;
}

export interface OutboxAggregateStoreOptions<A extends StoredAggregate, D> {
  /** The aggregate kind, for errors and logs (`employer`, `permit`). */
  readonly kind: string;
  readonly model: Model<D>;
  readonly publisher: OutboxPublisher;
  /** The fields a load reads for the state (the store adds applied events and the outbox). */
  readonly projection: Readonly<Record<string, 1>>;
  readonly fromDocument: (document: D) => A;
  /** The state's fields as stored (`$set` by every save, the whole document on insert). */
  readonly toFields: (aggregate: A) => Record<string, unknown>;
  /** Records for append-only collections (a history) the change produced; none by default. */
  readonly recordsOf?: (aggregate: A, now: Date) => OutboxRecord[];
  /** The Kafka message key of its events (default the aggregate id; permits key by employer). */
  readonly messageKeyOf?: (aggregate: A) => string;
  /** Topic of each event; defaults to the catalogue topic of its type. */
  readonly topicFor?: (event: EventEnvelope) => string;
  readonly logger?: MessagingLogger;
}

export interface StoreSaveOptions {
  /** The consumed event the change applies, remembered in the same write. */
  readonly appliedEventId?: string;
  /** Fields set with the state that are not part of it (list positions, due-day buckets). */
  readonly set?: Readonly<Record<string, unknown>>;
}

export type StoreInsertOutcome = 'INSERTED' | 'DUPLICATE';

/** One new aggregate of a batch insert, with the events of its creation and fields not of its state. */
export interface StoreInsertItem<A> {
  readonly aggregate: A;
  readonly events: readonly EventEnvelope[];
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** How a batch of new aggregates is inserted. */
export interface StoreInsertManyOptions {
  /**
   * A bulk import of aggregates whose creation has no events (a register loaded in bulk): their
   * records (history, side collections) are written first, straight to their collections
   * (`writeRecords`: inserts by id, a rerun inserts each once), then the documents with nothing
   * pending — no records move and no prune afterwards, half the writes. Refused when an item has
   * events. A document a unique index then refuses leaves its records behind (ids of an aggregate
   * that does not exist): for imports of fresh data, not for the request path.
   */
  readonly settled?: boolean;
}

/** A batch insert goes as up to this many concurrent insertMany slices… */
const INSERT_SLICES = 4;
/** …of at least this many documents. */
const MIN_INSERT_SLICE = 50;

/**
 * The positions (in the array given) of the documents a batch insert refused for a unique index,
 * or null when the error is not only that (the caller rethrows it).
 */
export function duplicateKeyIndexes(error: unknown): Set<number> | null {
  if (typeof error !== 'object' || error === null) return null;
  const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
  const list = Array.isArray(writeErrors) ? (writeErrors as { index?: unknown; code?: unknown }[]) : [];
  if (list.length === 0) return null;
  if (!list.every((w) => w.code === 11000 && typeof w.index === 'number')) return null;
  return new Set(list.map((w) => w.index as number));
}

/**
 * The write path every repository of an aggregate with an embedded outbox shares, on MongoDB /
 * FerretDB (mongoose), so each repository keeps only its own queries and mapping:
 *
 * - a load is one `findOne` reading the state, the applied event ids and the pending outbox, kept
 *   (per aggregate object) for the write that follows;
 * - an insert is one insert of version 1 with the events and records of the creation;
 * - a save is ONE single-document update of the state, `version + 1`, the events and records,
 *   conditioned on the loaded version (callers hold the aggregate's lock: FerretDB 1.x applies
 *   updates as unlocked read-modify-writes; the version guard refuses a backward version);
 * - after either, the publisher sends what the write left pending without reading the document
 *   back and prunes it later (OutboxPublisher.publishWritten, never throws; the request does not
 *   wait for Kafka). The outbox relay publishes whatever that missed;
 * - a save whose load still held items this process already published and moved (the prune of the
 *   write before had not landed, or missed: a burst of commands on one aggregate moves its version
 *   on before each prune) writes the outbox without them (`replacePending`: what is still
 *   unpublished, then its own), so the prune rides on the write and the document stays small.
 */
export class OutboxAggregateStore<A extends StoredAggregate, D> {
  private readonly loaded = new WeakMap<A, LoadedAggregate<D>>();
  private readonly projection: Readonly<Record<string, 1>>;
  private readonly logger: MessagingLogger;

  constructor(private readonly options: OutboxAggregateStoreOptions<A, D>) {
    this.projection = { ...options.projection, appliedEvents: 1, version: 1, ...OUTBOX_PROJECTION };
    this.logger = options.logger ?? defaultLogger(`OutboxAggregateStore(${options.kind})`);
  }

  get model(): Model<D> {
    return this.options.model;
  }

  /** The aggregate matching `filter` (an index lookup: `_id` or a unique key), remembered for its save. */
  async findOne(filter: QueryFilter<D>): Promise<A | null> {
    const document = await this.options.model.findOne(filter, this.projection).lean<D>();
    return document ? this.remember(document as D) : null;
  }

  findById(id: string): Promise<A | null> {
    return this.findOne({ _id: id } as QueryFilter<D>);
  }

  /** An aggregate from a document read elsewhere with `projectionForLoad` (a batch read), remembered. */
  remember(document: D): A {
    const aggregate = this.options.fromDocument(document);
    const raw = document as unknown as { appliedEvents?: string[] };
    this.loaded.set(aggregate, {
      document,
      appliedEvents: raw.appliedEvents ?? [],
      pending: pendingOutboxOf(document as object),
    });
    return aggregate;
  }

  /** The projection of a load, for reads that load several aggregates at once. */
  get projectionForLoad(): Readonly<Record<string, 1>> {
    return this.projection;
  }

  /** What the load of `aggregate` read; throws for an aggregate this store did not load. */
  loadedOf(aggregate: A): LoadedAggregate<D> {
    const loaded = this.loaded.get(aggregate);
    if (!loaded) throw new Error(`${this.options.kind} ${aggregate.id} was not loaded by this store`);
    return loaded;
  }

  hasAppliedEvent(aggregate: A, eventId: string): boolean {
    return this.loadedOf(aggregate).appliedEvents.includes(eventId);
  }

  /**
   * A new aggregate (version 1) born with its creation events and records; DUPLICATE when a unique
   * index refused it (which one is the caller's to ask: FerretDB does not say).
   */
  async insert(
    aggregate: A,
    events: readonly EventEnvelope[],
    extra: Readonly<Record<string, unknown>> = {},
  ): Promise<StoreInsertOutcome> {
    const now = new Date();
    const entries = outboxEntriesFor(events, this.messageKeyOf(aggregate), {
      now,
      topicFor: this.options.topicFor,
    });
    const records = this.options.recordsOf?.(aggregate, now) ?? [];
    try {
      await this.options.model.create(
        documentWithOutbox(
          {
            _id: aggregate.id,
            ...this.options.toFields(aggregate),
            ...extra,
            appliedEvents: [] as string[],
          },
          entries,
          records,
          now,
        ) as never,
      );
    } catch (error) {
      if (isDuplicateKeyError(error)) return 'DUPLICATE';
      throw error;
    }
    this.publishSoon(writtenOutbox(aggregate.id, aggregate.version, EMPTY_OUTBOX, entries, records));
    return 'INSERTED';
  }

  /**
   * New aggregates (version 1 each) in one native `insertMany` (`ordered: false`; a large batch in
   * a few concurrent slices): every document is still born with its own creation events and
   * records, so state and events stay atomic per document; only the round trips are shared. The outcome of each, in order: DUPLICATE where a unique index
   * refused it (the others are stored all the same). Then one publish for the whole batch (one
   * records move per collection, the entries in a few Kafka requests, the prunes queued together).
   */
  async insertMany(
    items: readonly StoreInsertItem<A>[],
    options: StoreInsertManyOptions = {},
  ): Promise<StoreInsertOutcome[]> {
    if (items.length === 0) return [];
    if (options.settled && items.some((item) => item.events.length > 0)) {
      throw new Error(`${this.options.kind}: a settled insertMany takes aggregates without events`);
    }
    const now = new Date();
    const prepared = items.map(({ aggregate, events, extra }) => {
      const entries = outboxEntriesFor(events, this.messageKeyOf(aggregate), {
        now,
        topicFor: this.options.topicFor,
      });
      const records = this.options.recordsOf?.(aggregate, now) ?? [];
      const document = documentWithOutbox(
        {
          _id: aggregate.id,
          ...this.options.toFields(aggregate),
          ...(extra ?? {}),
          appliedEvents: [] as string[],
        },
        entries,
        options.settled ? [] : records,
        now,
      );
      return { aggregate, entries, records, document };
    });
    if (options.settled) {
      await writeRecords(
        this.options.model.db,
        prepared.flatMap((p) => p.records),
      );
    }
    // The documents are this store's own (toFields and the outbox): the first of the batch goes
    // through the schema (casting, strict fields, required paths) as the single insert's do, the
    // rest are written as built — mongoose's hydration and validation of every document cost as
    // much as the insert itself (docs/decisions/0039).
    await new this.options.model(prepared[0].document).validate();
    // Slices of one batch go at once: FerretDB writes one insert on one PostgreSQL connection, so
    // a few concurrent slices use more than one core of the database.
    const slice = Math.max(MIN_INSERT_SLICE, Math.ceil(prepared.length / INSERT_SLICES));
    const refused = new Set<number>();
    await Promise.all(
      Array.from({ length: Math.ceil(prepared.length / slice) }, async (_, s) => {
        const offset = s * slice;
        try {
          await this.options.model.collection.insertMany(
            prepared.slice(offset, offset + slice).map((p) => p.document) as never[],
            { ordered: false },
          );
        } catch (error) {
          const duplicates = duplicateKeyIndexes(error);
          if (duplicates === null) throw error;
          for (const index of duplicates) refused.add(offset + index);
        }
      }),
    );
    if (options.settled) return prepared.map((_, index) => (refused.has(index) ? 'DUPLICATE' : 'INSERTED'));
    const written = prepared
      .filter((_, index) => !refused.has(index))
      .map((p) => writtenOutbox(p.aggregate.id, p.aggregate.version, EMPTY_OUTBOX, p.entries, p.records));
    this.publishManySoon(written);
    return prepared.map((_, index) => (refused.has(index) ? 'DUPLICATE' : 'INSERTED'));
  }

  /** The state one command reached, with its events, if the stored version is still `persistedVersion`. */
  async save(
    aggregate: A,
    events: readonly EventEnvelope[],
    options: StoreSaveOptions = {},
  ): Promise<'SAVED' | 'VERSION_CONFLICT'> {
    if (aggregate.version !== aggregate.persistedVersion + 1) {
      throw new Error(
        `${this.options.kind} ${aggregate.id}: one command must change the version by one (${aggregate.persistedVersion} → ${aggregate.version})`,
      );
    }
    const loaded = this.loadedOf(aggregate);
    const now = new Date();
    // The remembered event ids with this one added, oldest dropped (computed from the load and
    // `$set`: FerretDB 1.24 ignores `$push … $slice`); the caller holds the aggregate's lock.
    const appliedEvents = options.appliedEventId
      ? { appliedEvents: appliedEventsWith(loaded.appliedEvents, options.appliedEventId) }
      : {};
    const entries = outboxEntriesFor(events, this.messageKeyOf(aggregate), {
      now,
      topicFor: this.options.topicFor,
    });
    const records = this.options.recordsOf?.(aggregate, now) ?? [];
    // What the load still held and this process already published is dropped by this write rather
    // than carried on (a burst of commands on one aggregate outruns the prunes, each conditioned on a
    // version the next command moved past): the document stays small.
    const kept = this.options.publisher.unpublishedOf(loaded.pending);
    const dropped =
      kept.entries.length < loaded.pending.entries.length ||
      kept.records.length < loaded.pending.records.length;
    const write = versionedOutboxWrite({
      filter: { _id: aggregate.id },
      expectedVersion: aggregate.persistedVersion,
      update: { $set: { ...this.options.toFields(aggregate), ...options.set, ...appliedEvents } },
      entries: dropped ? [...kept.entries, ...entries] : entries,
      records: dropped ? [...kept.records, ...records] : records,
      now,
      replacePending: dropped,
    });
    const result = await this.options.model.updateOne(
      write.filter as QueryFilter<D>,
      write.update as UpdateQuery<D>,
    );
    if (result.matchedCount === 0) return 'VERSION_CONFLICT';
    this.publishSoon(
      writtenOutbox(aggregate.id, aggregate.version, dropped ? kept : loaded.pending, entries, records),
    );
    return 'SAVED';
  }

  private messageKeyOf(aggregate: A): string {
    return this.options.messageKeyOf?.(aggregate) ?? aggregate.id;
  }

  /** Publishes what a batch insert left pending, as one publish (never awaited by the caller). */
  private publishManySoon(written: readonly WrittenOutbox[]): void {
    if (written.length === 0) return;
    void this.options.publisher.publishWrittenMany(this.options.model, written).then((outcome) => {
      if (outcome.error) {
        this.logger.warn(
          `events of ${written.length} ${this.options.kind} document(s) left to the outbox relay`,
        );
      }
    });
  }

  /**
   * Publishes what the write left pending without making the caller wait for Kafka. The publisher
   * tracks the publish (never rejects); the messaging runtime waits for it on shutdown.
   */
  private publishSoon(written: WrittenOutbox): void {
    void this.options.publisher.publishWritten(this.options.model, written).then((outcome) => {
      if (outcome.error) {
        this.logger.warn(
          `events of ${this.options.kind} ${String(written.documentId)} left to the outbox relay`,
        );
      }
    });
  }
}
