// Kafka
export * from './kafka/brokers';
export * from './kafka/ensure-topics';
export * from './kafka/kafka-client';
export * from './kafka/topic-namespace';
export * from './kafka/request-queue-idle-fix';
export * from './kafka/headers';
export * from './kafka/dead-letter';
// Transactional outbox embedded in the aggregate document (events and records)
export * from './outbox/outbox-entry';
export * from './outbox/outbox.schema';
export {
  boundedBulkWrite,
  countPendingEvents,
  findPending,
  MAX_BULK_STATEMENTS,
  outboxSourceOf,
  OUTBOX_LEASES_COLLECTION,
  PENDING_FILTER,
  prunePublished,
  writeRecords,
  type OutboxSource,
  type OutboxTarget,
  type PendingDocument,
} from './outbox/outbox-store';
export * from './outbox/outbox-publisher';
export * from './outbox/outbox-relay';
export * from './outbox/outbox-aggregate.store';
// Consumers
export * from './consumer/backoff';
export * from './consumer/errors';
export * from './consumer/inbox.store';
export * from './consumer/applied-event-guard';
export * from './consumer/event-consumer';
export * from './consumer/consumer-groups';
// Metrics
export * from './metrics/messaging-metrics';
export * from './metrics/consumer-lag.monitor';
// Nest wiring
export * from './nest/messaging.options';
export * from './nest/messaging.runtime';
export * from './nest/messaging.module';
// Logging
export type { MessagingLogger } from './support/logger';
export * from './housekeeping/purges';
// Dead letters for operators: list and replay (tools/ops/dead-letters.ts)
export * from './dead-letters/dead-letter-records';
export * from './dead-letters/dead-letters';
