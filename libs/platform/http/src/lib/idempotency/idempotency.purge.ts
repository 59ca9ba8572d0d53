import { hourBucketsBefore, type PurgeSpec } from '@frontera/platform-jobs';
import { IDEMPOTENCY_BUCKET_FIELD, IDEMPOTENCY_COLLECTION } from './idempotency.store';

/** How far back a run looks (a week of missed runs is caught up). */
const LOOKBACK_HOURS = 7 * 24;

/**
 * Expired Idempotency-Key records (`idempotency_keys`), hour bucket by hour bucket of their
 * expiry (`expiresHour`): the hours before the current one. A key that expired earlier this hour
 * waits for the next run (its key is replaced if it comes back meanwhile).
 */
export function idempotencyKeysPurge(): PurgeSpec {
  return {
    name: 'idempotencyKeys',
    collection: IDEMPOTENCY_COLLECTION,
    bucketField: IDEMPOTENCY_BUCKET_FIELD,
    buckets: ({ now }) => hourBucketsBefore(now, LOOKBACK_HOURS),
  };
}
