import { Logger } from '@nestjs/common';
import type { Connection, mongo } from 'mongoose';

/** The collections purged here key their documents by string ids. */
interface Keyed extends mongo.Document {
  _id: string;
}
import { INBOX_COLLECTION, OUTBOX_SENT_COLLECTION } from '@frontera/platform-messaging';
import { IDEMPOTENCY_COLLECTION } from '../http/idempotency/idempotency.store';

const HOUR_MS = 3_600_000;

export interface HousekeepingSettings {
  /** `processed_events` older than this (by `processedAt`) are deleted. */
  readonly processedEventsRetentionHours: number;
  /** `outbox_sent` marks older than this (by `sentAt`) are deleted. */
  readonly outboxSentRetentionHours: number;
  /** Documents deleted per command. */
  readonly batchSize?: number;
  /** Commands per collection and run; what is left waits for the next run. */
  readonly maxBatches?: number;
}

/** What one run deleted, per collection (counts only). */
export interface HousekeepingResult {
  readonly processedEvents: number;
  readonly outboxSent: number;
  readonly idempotencyKeys: number;
}

/**
 * Deletes what FerretDB's missing TTL indexes would have expired: consumer inbox records
 * (`processed_events.processedAt`), leftover marks of published events (`outbox_sent.sentAt`)
 * and expired Idempotency-Key records (`idempotency_keys.expiresAt`). Each collection is purged
 * in batches (`_id`s of at most `batchSize` matching documents, then a deleteMany of those ids
 * that repeats the date condition, so a record re-created meanwhile under the same id survives),
 * at most `maxBatches` per run. Idempotent: running it twice deletes nothing more.
 */
export class Housekeeping {
  private readonly logger = new Logger('Housekeeping');
  private readonly batchSize: number;
  private readonly maxBatches: number;

  constructor(
    private readonly connection: Connection,
    private readonly settings: HousekeepingSettings,
  ) {
    this.batchSize = settings.batchSize ?? 1_000;
    this.maxBatches = settings.maxBatches ?? 100;
  }

  async run(
    options: { olderThanHours?: number; now?: Date; signal?: AbortSignal } = {},
  ): Promise<HousekeepingResult> {
    const now = options.now ?? new Date();
    const before = (hours: number) => new Date(now.getTime() - hours * HOUR_MS);
    const processedEvents = await this.purge(
      INBOX_COLLECTION,
      { processedAt: { $lt: before(options.olderThanHours ?? this.settings.processedEventsRetentionHours) } },
      options.signal,
    );
    const outboxSent = await this.purge(
      OUTBOX_SENT_COLLECTION,
      { sentAt: { $lt: before(options.olderThanHours ?? this.settings.outboxSentRetentionHours) } },
      options.signal,
    );
    const idempotencyKeys = await this.purge(
      IDEMPOTENCY_COLLECTION,
      { expiresAt: { $lte: now } },
      options.signal,
    );
    const result = { processedEvents, outboxSent, idempotencyKeys };
    this.logger.log(
      `deleted ${processedEvents} processed_events, ${outboxSent} outbox_sent, ${idempotencyKeys} idempotency_keys`,
    );
    return result;
  }

  private async purge(name: string, filter: mongo.Filter<Keyed>, signal?: AbortSignal): Promise<number> {
    const collection = this.connection.collection<Keyed>(name);
    let deleted = 0;
    for (let batch = 0; batch < this.maxBatches; batch++) {
      if (signal?.aborted) break;
      const ids = (
        await collection
          .find(filter, { projection: { _id: 1 } })
          .limit(this.batchSize)
          .toArray()
      ).map((document) => document._id);
      if (ids.length === 0) break;
      const result = await collection.deleteMany({ $and: [{ _id: { $in: ids } }, filter] });
      deleted += result.deletedCount;
      if (ids.length < this.batchSize) break;
    }
    return deleted;
  }
}
