import { hourBucketsBefore, type PurgeSpec } from '@frontera/platform-jobs';
import { INBOX_BUCKET_FIELD, INBOX_COLLECTION } from '../consumer/inbox.store';

const HOUR_MS = 3_600_000;
/** How far back before the retention cutoff a run looks (a week of missed runs is caught up). */
const LOOKBACK_HOURS = 7 * 24;

/**
 * Consumer inbox records (`processed_events`) processed more than `retentionHours` ago, hour
 * bucket by hour bucket (`processedHour`): keep them longer than Kafka's retention of event topics
 * (14 days) plus the relay's longest delay.
 */
export function inboxPurge(retentionHours: number): PurgeSpec {
  return {
    name: 'processedEvents',
    collection: INBOX_COLLECTION,
    bucketField: INBOX_BUCKET_FIELD,
    buckets: ({ now, olderThanHours }) =>
      hourBucketsBefore(
        new Date(now.getTime() - (olderThanHours ?? retentionHours) * HOUR_MS),
        LOOKBACK_HOURS,
      ),
  };
}
