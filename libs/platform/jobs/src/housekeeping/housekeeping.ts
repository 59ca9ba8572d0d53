import { Logger } from '@nestjs/common';
import type { Connection } from 'mongoose';

export const HOUR_MS = 3_600_000;

/** What one run of housekeeping may be told: a one-off retention instead of the configured one. */
export interface PurgeRun {
  readonly now: Date;
  readonly olderThanHours?: number;
}

/** The hour a time falls in, as a bucket key: `2026-12-01T13` (UTC). */
export function hourBucket(at: Date): string {
  return at.toISOString().slice(0, 13);
}

/**
 * The hour buckets a purge deletes at `cutoff`: the `lookbackHours` hours before the one `cutoff`
 * falls in, newest first (earlier ones were deleted by earlier runs; a run after a longer outage
 * catches up to `lookbackHours`).
 */
export function hourBucketsBefore(cutoff: Date, lookbackHours: number): string[] {
  const start = Math.floor(cutoff.getTime() / HOUR_MS) * HOUR_MS;
  return Array.from({ length: lookbackHours }, (_, i) => hourBucket(new Date(start - (i + 1) * HOUR_MS)));
}

/**
 * One platform-owned collection to purge: FerretDB has no TTL indexes, so what a TTL index would
 * expire is deleted by a scheduled job. Each platform library that owns such a collection exports
 * its spec (`inboxPurge` of platform-messaging, `idempotencyKeysPurge` of platform-http); a service
 * lists the ones it uses.
 *
 * The documents carry an equality key (the hour bucket they expire in) and a purge deletes bucket
 * by bucket: on FerretDB only equality on a top-level field reaches PostgreSQL's indexes, so a
 * date range would read the whole collection at every run, and this reads what it deletes.
 */
export interface PurgeSpec {
  /** Name of the count in a run's result (`processedEvents`). */
  readonly name: string;
  readonly collection: string;
  /** The field holding each document's bucket (indexed by the owner). */
  readonly bucketField: string;
  /** The buckets to delete at `run.now`. */
  readonly buckets: (run: PurgeRun) => readonly string[];
}

/** What one run deleted, per purge name (counts only). */
export type HousekeepingResult = Readonly<Record<string, number>>;

/**
 * Deletes what FerretDB's missing TTL indexes would have expired, collection by collection and
 * bucket by bucket (one `deleteMany({ <bucketField>: bucket })` each: equality, indexed).
 * Idempotent: running it twice deletes nothing more.
 */
export class Housekeeping {
  private readonly logger = new Logger('Housekeeping');

  constructor(
    private readonly connection: Connection,
    private readonly purges: readonly PurgeSpec[],
  ) {}

  async run(
    options: { olderThanHours?: number; now?: Date; signal?: AbortSignal } = {},
  ): Promise<HousekeepingResult> {
    const run: PurgeRun = { now: options.now ?? new Date(), olderThanHours: options.olderThanHours };
    const result: Record<string, number> = {};
    for (const purge of this.purges) {
      let deleted = 0;
      const collection = this.connection.collection(purge.collection);
      for (const bucket of purge.buckets(run)) {
        if (options.signal?.aborted) break;
        deleted += (await collection.deleteMany({ [purge.bucketField]: bucket })).deletedCount;
      }
      result[purge.name] = deleted;
    }
    this.logger.log(
      `deleted ${this.purges.map((p) => `${result[p.name]} ${p.collection}`).join(', ') || 'nothing'}`,
    );
    return result;
  }
}
