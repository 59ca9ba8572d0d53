import type { PurgeSpec } from '@frontera/platform-jobs';
import { INBOX_COLLECTION } from '../consumer/inbox.store';
import { OUTBOX_SENT_COLLECTION } from '../outbox/outbox-store';

const HOUR_MS = 3_600_000;

/**
 * Consumer inbox records (`processed_events`) older than `retentionHours` by `processedAt`: keep
 * them longer than Kafka's retention of event topics (14 days) plus the relay's longest delay.
 */
export function inboxPurge(retentionHours: number): PurgeSpec {
  return {
    name: 'processedEvents',
    collection: INBOX_COLLECTION,
    filter: ({ now, olderThanHours }) => ({
      processedAt: { $lt: new Date(now.getTime() - (olderThanHours ?? retentionHours) * HOUR_MS) },
    }),
  };
}

/** Leftover marks of published events (`outbox_sent`) older than `retentionHours` by `sentAt`. */
export function outboxSentPurge(retentionHours: number): PurgeSpec {
  return {
    name: 'outboxSent',
    collection: OUTBOX_SENT_COLLECTION,
    filter: ({ now, olderThanHours }) => ({
      sentAt: { $lt: new Date(now.getTime() - (olderThanHours ?? retentionHours) * HOUR_MS) },
    }),
  };
}
