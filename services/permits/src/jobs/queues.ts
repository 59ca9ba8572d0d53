import { defineQueues, housekeepingQueue } from '@frontera/platform-jobs';

export const SERVICE_QUEUE_PREFIX = 'permits';

/** Every queue of the permits service, in one place. */
export const QUEUES = defineQueues({
  // The platform's purge of inbox records and expired idempotency keys.
  housekeeping: housekeepingQueue(SERVICE_QUEUE_PREFIX),
});
