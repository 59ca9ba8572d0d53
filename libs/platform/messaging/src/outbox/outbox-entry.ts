import { traceCarrierOf, tracingEnabled, type TraceCarrier } from '@frontera/platform-observability';
import {
  ContractViolationError,
  isEventType,
  topicOf,
  validateEnvelope,
  type EventEnvelope,
} from '@frontera/contracts';

/**
 * One event waiting in its aggregate's document to be published.
 *
 * The envelope is stored serialized (`payload`), so event data with arrays, dotted keys or
 * nesting never meets a database limit (FerretDB refuses nested arrays and keys containing "."),
 * and what is published is byte for byte what was validated when the state changed.
 */
export interface OutboxEntry {
  readonly eventId: string;
  readonly topic: string;
  /** Kafka message key: the aggregate id (or employer id for employer-scoped ordering). */
  readonly key: string;
  readonly type: string;
  /** The CloudEvents envelope as JSON. */
  readonly payload: string;
  readonly createdAt: Date;
  /**
   * W3C trace context of the work that wrote the entry (present only with tracing on), so the
   * publish continues that trace even when the relay sends it later (docs/decisions/0043).
   */
  readonly traceparent?: string;
  readonly tracestate?: string;
}

/**
 * One document for an append-only collection (a change history, a read log…), written with the
 * state change that produced it and moved to its collection after the write: the aggregate's
 * document stays bounded while what grows without limit lives in its own collection. Inserted
 * with `_id` = `id`, so moving it twice inserts it once.
 */
export interface OutboxRecord {
  readonly id: string;
  readonly collection: string;
  /** The document as JSON (its `_id` is `id`). */
  readonly payload: string;
  readonly createdAt: Date;
}

/** The fields a document with an embedded outbox carries (added by `outboxPlugin`). */
export interface OutboxFields {
  outbox: OutboxEntry[];
  outboxRecords: OutboxRecord[];
  /** Present (true) while the document holds entries or records not yet moved out: the relay's equality key. */
  outboxPending?: true;
  /** Time of the last write that left something pending (the relay leaves younger ones to the publisher). */
  outboxAt?: Date;
}

export const OUTBOX_FIELD = 'outbox';
export const OUTBOX_RECORDS_FIELD = 'outboxRecords';
export const OUTBOX_PENDING_FIELD = 'outboxPending';
export const OUTBOX_AT_FIELD = 'outboxAt';

/** Add to a repository's load projection: what the publisher needs after the next write. */
export const OUTBOX_PROJECTION = Object.freeze({
  [OUTBOX_FIELD]: 1,
  [OUTBOX_RECORDS_FIELD]: 1,
} as const);

export interface OutboxEntryOptions {
  /** Topic of each event; defaults to the catalogue topic of its type. */
  readonly topicFor?: (event: EventEnvelope) => string;
  readonly now?: Date;
}

/**
 * Outbox entries for the events one state change caused, in the order given (which is the order
 * they are published in). Every envelope is validated against its contract first: a broken event
 * is refused here, before anything is written, with a ContractViolationError.
 */
export function outboxEntriesFor(
  events: readonly EventEnvelope[],
  key: string,
  options: OutboxEntryOptions = {},
): OutboxEntry[] {
  if (key.length === 0) throw new Error('outbox entries need a non-empty message key');
  const seen = new Set<string>();
  const createdAt = options.now ?? new Date();
  // The trace of the request, event or job that caused these events (none with tracing off).
  const trace: TraceCarrier | undefined = tracingEnabled() ? traceCarrierOf() : undefined;
  return events.map((event) => {
    const violations = validateEnvelope(event);
    if (violations.length > 0) {
      throw new ContractViolationError(typeof event.type === 'string' ? event.type : 'unknown', violations);
    }
    if (seen.has(event.id)) throw new Error(`event ${event.id} appears twice in one outbox write`);
    seen.add(event.id);
    // validateEnvelope accepted the type, so it is a catalogue type.
    const topic = options.topicFor?.(event) ?? (isEventType(event.type) ? topicOf(event.type) : '');
    const entry = {
      eventId: event.id,
      topic,
      key,
      type: event.type,
      payload: JSON.stringify(event),
      createdAt,
    };
    return trace ? { ...entry, ...trace } : entry;
  });
}

/** Records for `collection`, one per document (each with a string `_id`), in order. */
export function outboxRecordsFor<D extends { readonly _id: string }>(
  collection: string,
  documents: readonly D[],
  now: Date = new Date(),
): OutboxRecord[] {
  return documents.map((document) => ({
    id: document._id,
    collection,
    payload: JSON.stringify(document),
    createdAt: now,
  }));
}

/** What the embedded outbox of one document holds: read with OUTBOX_PROJECTION. */
export interface PendingOutbox {
  readonly entries: readonly OutboxEntry[];
  readonly records: readonly OutboxRecord[];
}

export const EMPTY_OUTBOX: PendingOutbox = Object.freeze({ entries: [], records: [] });

function isEntry(value: unknown): value is OutboxEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return (
    ['eventId', 'topic', 'key', 'type', 'payload'].every(
      (field) => typeof e[field] === 'string' && (e[field] as string).length > 0,
    ) && e['createdAt'] instanceof Date
  );
}

function isRecord(value: unknown): value is OutboxRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r['id'] === 'string' &&
    typeof r['collection'] === 'string' &&
    typeof r['payload'] === 'string' &&
    r['createdAt'] instanceof Date
  );
}

/** The pending entries and records of a document as read (malformed items are counted, never published). */
export function pendingOutboxOf(document: object | null | undefined): PendingOutbox & {
  readonly malformed: number;
} {
  const fields = (document ?? {}) as Readonly<Record<string, unknown>>;
  const entries = Array.isArray(fields[OUTBOX_FIELD]) ? (fields[OUTBOX_FIELD] as unknown[]) : [];
  const records = Array.isArray(fields[OUTBOX_RECORDS_FIELD])
    ? (fields[OUTBOX_RECORDS_FIELD] as unknown[])
    : [];
  const goodEntries = entries.filter(isEntry);
  const goodRecords = records.filter(isRecord);
  return {
    entries: goodEntries,
    records: goodRecords,
    malformed: entries.length - goodEntries.length + records.length - goodRecords.length,
  };
}

/** A MongoDB update document: operators mapping field paths to values. */
export type UpdateOperators = { readonly [operator: `$${string}`]: object | undefined };

function fieldsOf(update: UpdateOperators, operator: `$${string}`): Record<string, unknown> {
  return { ...((update[operator] as Record<string, unknown> | undefined) ?? {}) };
}

const OWN_FIELDS = [OUTBOX_FIELD, OUTBOX_RECORDS_FIELD, OUTBOX_PENDING_FIELD, OUTBOX_AT_FIELD];

/** How a write adds its outbox items to a document. */
export interface OutboxWriteOptions {
  /**
   * The document's outbox becomes exactly these entries and records (`$set`) instead of having them
   * appended (`$push`): for a write conditioned on the version it loaded, which passes what the load
   * held and is still unpublished followed by its own (OutboxPublisher.unpublishedOf). With none,
   * the pending flag is cleared too. Default false.
   */
  readonly replacePending?: boolean;
}

/**
 * Adds the entries and records to an update (`$push` onto the outbox lists, `outboxPending` and
 * `outboxAt` set), keeping its other operators, so the state change, its events and its records
 * are one single-document atomic write.
 */
export function withOutbox<U extends UpdateOperators>(
  update: U,
  entries: readonly OutboxEntry[],
  records: readonly OutboxRecord[] = [],
  now: Date = new Date(),
  options: OutboxWriteOptions = {},
): UpdateOperators {
  for (const [operator, fields] of Object.entries(update)) {
    const touched = Object.keys(fields ?? {}).find((path) =>
      OWN_FIELDS.some((own) => path === own || path.startsWith(`${own}.`)),
    );
    if (touched) {
      throw new Error(`the update already touches "${touched}" (${operator}); let withOutbox add the outbox`);
    }
  }
  if (options.replacePending) {
    const pending = entries.length > 0 || records.length > 0;
    const set = {
      ...fieldsOf(update, '$set'),
      [OUTBOX_FIELD]: [...entries],
      [OUTBOX_RECORDS_FIELD]: [...records],
    };
    if (pending) return { ...update, $set: { ...set, [OUTBOX_PENDING_FIELD]: true, [OUTBOX_AT_FIELD]: now } };
    return {
      ...update,
      $set: set,
      $unset: { ...fieldsOf(update, '$unset'), [OUTBOX_PENDING_FIELD]: '', [OUTBOX_AT_FIELD]: '' },
    };
  }
  if (entries.length === 0 && records.length === 0) return update;
  const push: Record<string, unknown> = fieldsOf(update, '$push');
  if (entries.length > 0) push[OUTBOX_FIELD] = { $each: [...entries] };
  if (records.length > 0) push[OUTBOX_RECORDS_FIELD] = { $each: [...records] };
  return {
    ...update,
    $set: { ...fieldsOf(update, '$set'), [OUTBOX_PENDING_FIELD]: true, [OUTBOX_AT_FIELD]: now },
    $push: push,
  };
}

/**
 * The shape of a repository's one write: the filter holds the version the command was decided on
 * (optimistic concurrency: no match means someone else changed the aggregate, so reload and decide
 * again), the update bumps the version, sets the new state and appends the events and records.
 */
export function versionedOutboxWrite<F extends object, U extends UpdateOperators>(input: {
  readonly filter: F;
  readonly expectedVersion: number;
  readonly update: U;
  readonly entries: readonly OutboxEntry[];
  readonly records?: readonly OutboxRecord[];
  readonly now?: Date;
  readonly replacePending?: boolean;
}): { filter: F & { version: number }; update: UpdateOperators } {
  const inc = fieldsOf(input.update, '$inc');
  if ('version' in inc || 'version' in fieldsOf(input.update, '$set')) {
    throw new Error('versionedOutboxWrite bumps "version" itself; remove it from the update');
  }
  inc['version'] = 1;
  return {
    filter: { ...input.filter, version: input.expectedVersion },
    update: {
      ...withOutbox(input.update, input.entries, input.records, input.now, {
        replacePending: input.replacePending ?? false,
      }),
      $inc: inc,
    },
  };
}

/** A new document (version 1) born with the events and records of its creation. */
export function documentWithOutbox<D extends object>(
  document: D,
  entries: readonly OutboxEntry[],
  records: readonly OutboxRecord[] = [],
  now: Date = new Date(),
): D & { version: number } & OutboxFields {
  const pending = entries.length > 0 || records.length > 0;
  return {
    version: 1,
    ...document,
    outbox: [...entries],
    outboxRecords: [...records],
    ...(pending ? { outboxPending: true as const, outboxAt: now } : {}),
  };
}

/**
 * What one write left pending in its document, for OutboxPublisher.publishWritten: everything the
 * document held when it was loaded (a publish that failed, or has not been pruned yet) followed by
 * what the write added. The publisher prunes the document at `version` only after all of it was
 * published, so nothing pending is ever pruned unpublished.
 */
export interface WrittenOutbox {
  readonly documentId: unknown;
  /** The document's version after the write (the prune is conditioned on it). */
  readonly version: number;
  readonly entries: readonly OutboxEntry[];
  readonly records: readonly OutboxRecord[];
}

export function writtenOutbox(
  documentId: unknown,
  version: number,
  loaded: PendingOutbox | undefined,
  entries: readonly OutboxEntry[],
  records: readonly OutboxRecord[] = [],
): WrittenOutbox {
  return {
    documentId,
    version,
    entries: [...(loaded?.entries ?? []), ...entries],
    records: [...(loaded?.records ?? []), ...records],
  };
}
