import type { Connection, mongo } from 'mongoose';
import { isDuplicateKeyError } from '@frontera/platform-errors';
import {
  OUTBOX_AT_FIELD,
  OUTBOX_FIELD,
  OUTBOX_PENDING_FIELD,
  OUTBOX_RECORDS_FIELD,
  pendingOutboxOf,
  type OutboxEntry,
  type OutboxRecord,
} from './outbox-entry';

/** Relay leases on documents (`_id` = `<collection>:<document id>`), in the service's database. */
export const OUTBOX_LEASES_COLLECTION = 'outbox_leases';

export interface Lease {
  _id: string;
  owner: string;
  until: Date;
}

/** A collection whose documents carry an outbox: a mongoose Model, or its native collection and connection. */
export interface OutboxTarget {
  readonly collection: mongo.Collection;
  readonly db: Connection;
}

/** The collections the outbox of one aggregate collection works with. */
export interface OutboxSource {
  readonly name: string;
  readonly documents: mongo.Collection;
  readonly db: Connection;
  readonly leases: mongo.Collection<Lease>;
}

export function outboxSourceOf(target: OutboxTarget): OutboxSource {
  return {
    name: target.collection.collectionName,
    documents: target.collection,
    db: target.db,
    leases: target.db.collection<Lease>(OUTBOX_LEASES_COLLECTION),
  };
}

/** A document with something pending, as the relay reads it. */
export interface PendingDocument {
  readonly id: unknown;
  readonly version: number;
  readonly entries: readonly OutboxEntry[];
  readonly records: readonly OutboxRecord[];
  /** Stored items that do not look like outbox entries or records (never published). */
  readonly malformed: number;
  readonly at?: Date;
}

/**
 * The relay's predicate: equality on one top-level field, which FerretDB pushes down to
 * PostgreSQL (served by the field's index and its companion), and that only pending documents
 * carry: an idle relay reads nothing, whatever the size of the collection.
 */
export const PENDING_FILTER: mongo.Filter<mongo.Document> = Object.freeze({ [OUTBOX_PENDING_FIELD]: true });

const PENDING_PROJECTION = {
  [OUTBOX_FIELD]: 1,
  [OUTBOX_RECORDS_FIELD]: 1,
  [OUTBOX_AT_FIELD]: 1,
  version: 1,
} as const;

function toPendingDocument(document: mongo.Document): PendingDocument {
  const pending = pendingOutboxOf(document);
  const at = document[OUTBOX_AT_FIELD];
  return {
    id: document['_id'],
    version: typeof document['version'] === 'number' ? document['version'] : 0,
    entries: pending.entries,
    records: pending.records,
    malformed: pending.malformed,
    ...(at instanceof Date ? { at } : {}),
  };
}

/** Up to `limit` documents with something pending. */
export async function findPending(source: OutboxSource, limit: number): Promise<PendingDocument[]> {
  const documents = await source.documents
    .find(PENDING_FILTER, { projection: PENDING_PROJECTION })
    .limit(limit)
    .toArray();
  return documents.map(toPendingDocument);
}

/** One document, if it still has something pending. */
export async function findPendingDocument(
  source: OutboxSource,
  id: unknown,
): Promise<PendingDocument | undefined> {
  const document = await source.documents.findOne(
    { ...byId(id), ...PENDING_FILTER },
    { projection: PENDING_PROJECTION },
  );
  return document ? toPendingDocument(document) : undefined;
}

/** Filter on `_id`, whatever its type (ObjectId, string, number) in the service's collection. */
function byId(id: unknown): mongo.Filter<mongo.Document> {
  return { _id: id } as mongo.Filter<mongo.Document>;
}

/**
 * Statements of one bulk update at most. FerretDB 1.24 holds a PostgreSQL connection for every
 * statement of an update command until the whole command ends, so a bulk of N statements takes N
 * connections of its pool at once: 1,000 of them (a roster batch pruned in one request) emptied a
 * pool of 1,000 and stopped FerretDB answering anything (docs/infrastructure.md, "its PostgreSQL
 * pool must be large"). Bulks are sent in slices of this many, one after the other.
 */
export const MAX_BULK_STATEMENTS = 100;

/**
 * `operations` as bulk writes of at most MAX_BULK_STATEMENTS statements, one slice after the
 * other (unordered within a slice); the counts summed.
 */
export async function boundedBulkWrite<T extends mongo.Document>(
  collection: mongo.Collection<T>,
  operations: readonly mongo.AnyBulkWriteOperation<T>[],
): Promise<{ matchedCount: number; upsertedCount: number }> {
  let matchedCount = 0;
  let upsertedCount = 0;
  for (let start = 0; start < operations.length; start += MAX_BULK_STATEMENTS) {
    const result = await collection.bulkWrite(operations.slice(start, start + MAX_BULK_STATEMENTS), {
      ordered: false,
    });
    matchedCount += result.matchedCount;
    upsertedCount += result.upsertedCount;
  }
  return { matchedCount, upsertedCount };
}

/**
 * Empties the outbox of documents whose pending items were all published, each conditioned on
 * the version that was published (and on being pending): a document written since keeps what the
 * newer write added, and is pruned after that write's own publish. Bulk requests of at most
 * MAX_BULK_STATEMENTS documents.
 *
 * On MongoDB the version condition is atomic. On FerretDB 1.x an update is an unlocked
 * read-modify-write, so a prune could land after a newer write; the version guard of the local
 * infrastructure (infra/ferretdb/version-guard.sql, docs/decisions/0027) refuses a write that
 * would move a document's version backwards, so the prune cannot undo the newer write. Neither
 * needs the aggregate's lock (the prune keeps off the lock that serves requests).
 */
export async function prunePublished(
  source: OutboxSource,
  documents: readonly { readonly id: unknown; readonly version: number }[],
): Promise<number> {
  if (documents.length === 0) return 0;
  const result = await boundedBulkWrite(
    source.documents,
    documents.map(({ id, version }) => ({
      updateOne: {
        filter: { ...byId(id), version, [OUTBOX_PENDING_FIELD]: true },
        update: {
          $set: { [OUTBOX_FIELD]: [], [OUTBOX_RECORDS_FIELD]: [] },
          $unset: { [OUTBOX_PENDING_FIELD]: '', [OUTBOX_AT_FIELD]: '' },
        },
      },
    })),
  );
  return result.matchedCount;
}

/**
 * Moves records to their collections: inserts only (each with `_id` = its id), so moving a record
 * twice inserts it once.
 */
export async function writeRecords(db: Connection, records: readonly OutboxRecord[]): Promise<void> {
  const byCollection = new Map<string, mongo.Document[]>();
  for (const record of records) {
    const documents = byCollection.get(record.collection) ?? [];
    documents.push({ ...(JSON.parse(record.payload) as mongo.Document), _id: record.id });
    byCollection.set(record.collection, documents);
  }
  for (const [name, documents] of byCollection) {
    try {
      await db.collection(name).insertMany(documents, { ordered: false });
    } catch (error) {
      if (!onlyDuplicateKeys(error)) throw error; // moved before: fine
    }
  }
}

function onlyDuplicateKeys(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; writeErrors?: unknown };
  const writeErrors = Array.isArray(e.writeErrors) ? (e.writeErrors as { code?: unknown }[]) : undefined;
  if (writeErrors && writeErrors.length > 0) return writeErrors.every((w) => w.code === 11000);
  return isDuplicateKeyError(error);
}

export function leaseId(source: OutboxSource, id: unknown): string {
  return `${source.name}:${String(id)}`;
}

/**
 * Takes the relay lease on one document: an insert under a unique `_id`, so of several relay
 * instances exactly one gets it. An expired lease is removed first (by `_id`, then its time).
 */
export async function tryLease(
  source: OutboxSource,
  id: unknown,
  owner: string,
  leaseMs: number,
): Promise<boolean> {
  const _id = leaseId(source, id);
  const now = new Date();
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await source.leases.insertOne({ _id, owner, until: new Date(now.getTime() + leaseMs) });
      return true;
    } catch (error) {
      if (!onlyDuplicateKeys(error)) throw error;
      const expired = await source.leases.deleteOne({ _id, until: { $lt: now } });
      if (expired.deletedCount === 0) return false;
    }
  }
  return false;
}

export async function extendLease(
  source: OutboxSource,
  id: unknown,
  owner: string,
  until: Date,
): Promise<void> {
  await source.leases.updateOne({ _id: leaseId(source, id), owner }, { $set: { until } });
}

export async function releaseLease(source: OutboxSource, id: unknown, owner: string): Promise<void> {
  await source.leases.deleteOne({ _id: leaseId(source, id), owner });
}

/** Unpublished events in the collection (bounded by the pending documents, not by the collection). */
export async function countPendingEvents(source: OutboxSource): Promise<number> {
  let pending = 0;
  for await (const document of source.documents.find(PENDING_FILTER, {
    projection: { [`${OUTBOX_FIELD}.eventId`]: 1 },
  })) {
    const list: unknown = document[OUTBOX_FIELD];
    pending += Array.isArray(list) ? list.length : 0;
  }
  return pending;
}
