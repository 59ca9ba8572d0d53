import { Logger } from '@nestjs/common';
import type { Connection, mongo } from 'mongoose';

/** The collections purged here key their documents by string ids. */
interface Keyed extends mongo.Document {
  _id: string;
}

export const HOUR_MS = 3_600_000;

/** What one run of housekeeping may be told: a one-off retention instead of the configured one. */
export interface PurgeRun {
  readonly now: Date;
  readonly olderThanHours?: number;
}

/**
 * One platform-owned collection to purge: FerretDB has no TTL indexes, so what a TTL index would
 * expire is deleted by a scheduled job. Each platform library that owns such a collection exports
 * its spec (`inboxPurge` of platform-messaging, `idempotencyKeysPurge` of platform-http); a service
 * lists the ones it uses.
 */
export interface PurgeSpec {
  /** Name of the count in a run's result (`processedEvents`). */
  readonly name: string;
  readonly collection: string;
  /** The documents to delete at `run.now`. */
  readonly filter: (run: PurgeRun) => mongo.Filter<mongo.Document>;
}

export interface HousekeepingSettings {
  /** Documents deleted per command. */
  readonly batchSize?: number;
  /** Commands per collection and run; what is left waits for the next run. */
  readonly maxBatches?: number;
}

/** What one run deleted, per purge name (counts only). */
export type HousekeepingResult = Readonly<Record<string, number>>;

/**
 * Deletes what FerretDB's missing TTL indexes would have expired, collection by collection, in
 * batches (`_id`s of at most `batchSize` matching documents, then a deleteMany of those ids that
 * repeats the condition, so a record re-created meanwhile under the same id survives), at most
 * `maxBatches` per run. Idempotent: running it twice deletes nothing more.
 */
export class Housekeeping {
  private readonly logger = new Logger('Housekeeping');
  private readonly batchSize: number;
  private readonly maxBatches: number;

  constructor(
    private readonly connection: Connection,
    private readonly purges: readonly PurgeSpec[],
    settings: HousekeepingSettings = {},
  ) {
    this.batchSize = settings.batchSize ?? 1_000;
    this.maxBatches = settings.maxBatches ?? 100;
  }

  async run(
    options: { olderThanHours?: number; now?: Date; signal?: AbortSignal } = {},
  ): Promise<HousekeepingResult> {
    const run: PurgeRun = { now: options.now ?? new Date(), olderThanHours: options.olderThanHours };
    const result: Record<string, number> = {};
    for (const purge of this.purges) {
      result[purge.name] = await this.purge(
        purge.collection,
        purge.filter(run) as mongo.Filter<Keyed>,
        options.signal,
      );
    }
    this.logger.log(
      `deleted ${this.purges.map((p) => `${result[p.name]} ${p.collection}`).join(', ') || 'nothing'}`,
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
