import type { Connection, mongo } from 'mongoose';
import { isDuplicateKeyError } from '@frontera/platform-errors';
import { hourBucket } from '@frontera/platform-jobs';

export const INBOX_COLLECTION = 'processed_events';
/** The hour bucket a record was processed in (`2026-12-01T13`): the housekeeping's equality key. */
export const INBOX_BUCKET_FIELD = 'processedHour';

export interface InboxRecord {
  /** `${consumer}:${eventId}`. */
  readonly _id: string;
  readonly consumer: string;
  readonly eventId: string;
  readonly type: string;
  readonly processedAt: Date;
  readonly processedHour: string;
}

export function inboxId(consumer: string, eventId: string): string {
  return `${consumer}:${eventId}`;
}

/**
 * Which events a consumer has already handled, in the consuming service's own
 * database (collection `processed_events`, one document per consumer and
 * event). Checked before a handler runs, written after it succeeds.
 *
 * The check and the mark are not atomic with the handler's own writes (no
 * multi-document transactions on FerretDB): if the process dies between the
 * handler's write and the mark, the event is handled again. Handlers must
 * therefore also make their own writes idempotent — see appliedEventGuard.
 * The inbox saves the work (and any outside effects) of re-running handlers
 * for the duplicates at-least-once delivery brings.
 */
export class InboxStore {
  constructor(private readonly collection: mongo.Collection<InboxRecord>) {}

  static forConnection(connection: Connection, collectionName = INBOX_COLLECTION): InboxStore {
    // Mongoose's collection: commands wait until the connection is open.
    return new InboxStore(connection.collection<InboxRecord>(collectionName));
  }

  /** Index for purging old records by hour bucket (FerretDB has no TTL indexes: purge from a scheduled job). */
  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ [INBOX_BUCKET_FIELD]: 1 });
  }

  async has(consumer: string, eventId: string): Promise<boolean> {
    const found = await this.collection.findOne(
      { _id: inboxId(consumer, eventId) },
      { projection: { _id: 1 } },
    );
    return found !== null;
  }

  async markProcessed(
    consumer: string,
    event: { readonly id: string; readonly type: string },
  ): Promise<void> {
    const now = new Date();
    try {
      await this.collection.insertOne({
        _id: inboxId(consumer, event.id),
        consumer,
        eventId: event.id,
        type: event.type,
        processedAt: now,
        processedHour: hourBucket(now),
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}

export { isDuplicateKeyError };
