import type { mongo } from 'mongoose';
import { outboxRecordsFor, pendingOutboxOf, type OutboxRecord } from '@frontera/platform-messaging';

/** What a history entry needs for its stored id: the aggregate version the change produced. */
export interface VersionedEntry {
  readonly version: number;
  readonly actor: { readonly id: string; readonly role: string };
}

/**
 * The append-only change history of one kind of aggregate, in a collection of its own (the
 * aggregate's document stays bounded): entries are written as outbox records with the change that
 * produced them and moved to the collection after the write. An entry's `_id` is
 * `<ownerId>:<version, 10 digits>:<index, 3 digits>`, so moving it twice stores it once and sorting
 * by `_id` gives the history in order; the owner's id is a field of its own, for the one query the
 * collection serves (equality, indexed). Entries never hold personal data.
 */
export class AggregateHistory<E extends VersionedEntry> {
  constructor(
    readonly collection: string,
    /** The owner's id field (`employerId`, `permitId`). */
    readonly ownerField: string,
  ) {}

  /** The stored documents of these entries of one owner. */
  documentsOf(ownerId: string, entries: readonly E[]): (E & { _id: string })[] {
    const perVersion = new Map<number, number>();
    return entries.map((entry) => {
      const index = perVersion.get(entry.version) ?? 0;
      perVersion.set(entry.version, index + 1);
      const id = `${ownerId}:${String(entry.version).padStart(10, '0')}:${String(index).padStart(3, '0')}`;
      return {
        _id: id,
        [this.ownerField]: ownerId,
        ...entry,
        actor: { id: entry.actor.id, role: entry.actor.role },
      } as E & { _id: string };
    });
  }

  /** The outbox records that move these entries to the collection after the write. */
  records(ownerId: string, entries: readonly E[], now: Date): OutboxRecord[] {
    return outboxRecordsFor(this.collection, this.documentsOf(ownerId, entries), now);
  }

  /**
   * The owner's history, oldest first: what the collection holds plus what the owner's document
   * still has pending in its outbox (read your writes). `pendingOf` reads that document's outbox
   * (`OUTBOX_PROJECTION`), or null.
   */
  async read(db: mongo.Db, ownerId: string, pendingOf: () => Promise<object | null>): Promise<E[]> {
    const [stored, document] = await Promise.all([
      db
        .collection<mongo.Document>(this.collection)
        .find({ [this.ownerField]: ownerId })
        .toArray(),
      pendingOf(),
    ]);
    const pending = pendingOutboxOf(document)
      .records.filter((r) => r.collection === this.collection)
      .map((r) => JSON.parse(r.payload) as mongo.Document);
    const byId = new Map([...stored, ...pending].map((d) => [String(d['_id']), d]));
    return [...byId.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, d]) => {
        const { _id: _unused, [this.ownerField]: _owner, ...entry } = d;
        return entry as unknown as E;
      });
  }

  /** The index of the one query (by owner). */
  async ensureIndexes(db: mongo.Db): Promise<void> {
    await db.collection(this.collection).createIndex({ [this.ownerField]: 1 });
  }
}
