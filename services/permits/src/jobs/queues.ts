import { defineQueues, housekeepingQueue } from '@frontera/platform-jobs';
import { permitSweepQueue } from '../sweeps/sweep.queue';

export const SERVICE_QUEUE_PREFIX = 'permits';

/** Every queue of the permits service, in one place. */
export const QUEUES = defineQueues({
  // The platform's purge of inbox records and expired idempotency keys.
  housekeeping: housekeepingQueue(SERVICE_QUEUE_PREFIX),
  // Expiry and the expiry notice, every SWEEP_EVERY_MS (sweeps/).
  expirySweep: permitSweepQueue(SERVICE_QUEUE_PREFIX),
});
