import type { Connection, mongo } from 'mongoose';
import { OUTBOX_FIELD, type OutboxEntry } from './outbox-entry';

/** Marks of published events (`_id` = event id), in the service's database. */
export const OUTBOX_SENT_COLLECTION = 'outbox_sent';
/** Relay leases on documents (`_id` = `<collection>:<document id>`), in the service's database. */
export const OUTBOX_LEASES_COLLECTION = 'outbox_leases';

export interface SentMark {
  _id: string;
  collection: string;
  sentAt: Date;
}

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

/** The three collections the outbox of one aggregate collection works with. */
export interface OutboxSource {
  readonly name: string;
  readonly documents: mongo.Collection;
  readonly sent: mongo.Collection<SentMark>;
  readonly leases: mongo.Collection<Lease>;
}

export function outboxSourceOf(target: OutboxTarget): OutboxSource {
  return {
    name: target.collection.collectionName,
    documents: target.collection,
    sent: target.db.collection<SentMark>(OUTBOX_SENT_COLLECTION),
    leases: target.db.collection<Lease>(OUTBOX_LEASES_COLLECTION),
  };
}

/**
 * An entry as read from the database, with the stored sub-document kept as it
 * is: entries are pruned with `$pullAll` of exactly these values, because
 * FerretDB's `$pull` does not take conditions (`$pull: { outbox: { eventId } }`
 * removes nothing there).
 */
export interface StoredOutboxEntry {
  readonly entry: OutboxEntry;
  readonly stored: mongo.Document;
}

export interface OutboxDocument {
  readonly id: unknown;
  readonly entries: StoredOutboxEntry[];
  /** Stored sub-documents that do not look like outbox entries (never published). */
  readonly malformed: number;
  /** Time of the last write we can see: newest entry, or `updatedAt` if the schema keeps one. */
  readonly lastWriteAt?: Date;
}

function asEntry(stored: unknown): OutboxEntry | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const e = stored as Record<string, unknown>;
  const strings = ['eventId', 'topic', 'key', 'type', 'payload'] as const;
  if (strings.some((field) => typeof e[field] !== 'string' || (e[field] as string).length === 0))
    return undefined;
  if (!(e['createdAt'] instanceof Date)) return undefined;
  return {
    eventId: e['eventId'] as string,
    topic: e['topic'] as string,
    key: e['key'] as string,
    type: e['type'] as string,
    payload: e['payload'] as string,
    createdAt: e['createdAt'],
  };
}

export function toOutboxDocument(document: mongo.Document): OutboxDocument {
  const raw: unknown = document[OUTBOX_FIELD];
  const list: unknown[] = Array.isArray(raw) ? raw : [];
  const entries: StoredOutboxEntry[] = [];
  let malformed = 0;
  let lastWriteAt: Date | undefined =
    document['updatedAt'] instanceof Date ? document['updatedAt'] : undefined;
  for (const stored of list) {
    const entry = asEntry(stored);
    if (!entry) {
      malformed += 1;
      continue;
    }
    entries.push({ entry, stored: stored as mongo.Document });
    if (!lastWriteAt || entry.createdAt > lastWriteAt) lastWriteAt = entry.createdAt;
  }
  return { id: document['_id'], entries, malformed, ...(lastWriteAt ? { lastWriteAt } : {}) };
}

/** Filter on `_id`, whatever its type (ObjectId, string, number) in the service's collection. */
function byId(id: unknown): mongo.Filter<mongo.Document> {
  return { _id: id } as mongo.Filter<mongo.Document>;
}

/** The driver's update typing cannot follow a field name held in a constant; the shape is plain MongoDB. */
function update(operators: mongo.Document): mongo.UpdateFilter<mongo.Document> {
  return operators as mongo.UpdateFilter<mongo.Document>;
}

const PROJECTION = { [OUTBOX_FIELD]: 1, updatedAt: 1 } as const;

/** Filter of documents with at least one entry created at or before `cutoff`. */
export function pendingFilter(cutoff: Date = new Date(8.64e15)): mongo.Filter<mongo.Document> {
  return { [`${OUTBOX_FIELD}.createdAt`]: { $lte: cutoff } };
}

export async function readOutbox(source: OutboxSource, id: unknown): Promise<OutboxDocument | undefined> {
  const document = await source.documents.findOne(byId(id), { projection: PROJECTION });
  return document ? toOutboxDocument(document) : undefined;
}

/** Documents with entries created at or before `cutoff`, oldest first where the server can sort. */
export function findWithEntries(source: OutboxSource, cutoff: Date): mongo.FindCursor<mongo.Document> {
  return source.documents.find(pendingFilter(cutoff), { projection: PROJECTION });
}

/** Ids among `eventIds` that are marked sent. */
export async function sentIds(source: OutboxSource, eventIds: readonly string[]): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const marks = await source.sent.find({ _id: { $in: [...eventIds] } }, { projection: { _id: 1 } }).toArray();
  return new Set(marks.map((m) => m._id));
}

/** Marks entries as published: inserts only, so it never races a write to the aggregate itself. */
export async function markSent(source: OutboxSource, entries: readonly StoredOutboxEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const sentAt = new Date();
  try {
    await source.sent.insertMany(
      entries.map((e) => ({ _id: e.entry.eventId, collection: source.name, sentAt })),
      { ordered: false },
    );
  } catch (error) {
    if (!onlyDuplicateKeys(error)) throw error; // already marked by another publisher: fine
  }
}

function onlyDuplicateKeys(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; writeErrors?: unknown };
  const writeErrors = Array.isArray(e.writeErrors) ? (e.writeErrors as { code?: unknown }[]) : undefined;
  if (writeErrors && writeErrors.length > 0) return writeErrors.every((w) => w.code === 11000);
  return e.code === 11000;
}

/**
 * Removes published entries from the aggregate's document, then their marks.
 * The one write the messaging code makes to an aggregate's document: the relay
 * does it only once the document has been quiet for a while (see OutboxRelay).
 */
export async function pruneSent(
  source: OutboxSource,
  id: unknown,
  entries: readonly StoredOutboxEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await source.documents.updateOne(
    byId(id),
    update({ $pullAll: { [OUTBOX_FIELD]: entries.map((e) => e.stored) } }),
  );
  await source.sent.deleteMany({ _id: { $in: entries.map((e) => e.entry.eventId) } });
}

export function leaseId(source: OutboxSource, id: unknown): string {
  return `${source.name}:${String(id)}`;
}

/**
 * Takes the relay lease on one document: an insert under a unique `_id`, so of
 * several relay instances exactly one gets it. An expired lease is removed first.
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

export async function releaseLease(source: OutboxSource, id: unknown, owner: string): Promise<void> {
  await source.leases.deleteOne({ _id: leaseId(source, id), owner });
}

/** Number of unpublished events (entries without a sent mark) in the collection. */
export async function countPendingEvents(source: OutboxSource): Promise<number> {
  let pending = 0;
  let chunk: string[] = [];
  const flush = async (): Promise<void> => {
    pending += chunk.length - (await sentIds(source, chunk)).size;
    chunk = [];
  };
  const cursor = source.documents.find(pendingFilter(), { projection: { [`${OUTBOX_FIELD}.eventId`]: 1 } });
  for await (const document of cursor) {
    const list: unknown = document[OUTBOX_FIELD];
    for (const e of Array.isArray(list) ? (list as { eventId?: unknown }[]) : []) {
      if (typeof e.eventId === 'string') chunk.push(e.eventId);
    }
    if (chunk.length >= 500) await flush();
  }
  await flush();
  return pending;
}
