import { defineQueues, housekeepingQueue, housekeepingSchedulerId } from '@frontera/platform-jobs';

export const SERVICE_QUEUE_PREFIX = 'employers';

/** Stable id of the housekeeping job scheduler: upserting it again replaces it, never duplicates it. */
export const HOUSEKEEPING_SCHEDULER_ID = housekeepingSchedulerId(SERVICE_QUEUE_PREFIX);

/** Every queue of the employers service, in one place. */
export const QUEUES = defineQueues({
  // The platform's purge of inbox records, outbox leftovers and expired idempotency keys.
  housekeeping: housekeepingQueue(SERVICE_QUEUE_PREFIX),
});
