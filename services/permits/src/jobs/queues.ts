import { defineQueues, housekeepingQueue } from '@frontera/platform-jobs';
import { rosterImportQueue } from '../rosters/roster.queue';
import { permitSweepQueue } from '../sweeps/sweep.queue';

export const SERVICE_QUEUE_PREFIX = 'permits';

/** Every queue of the permits service, in one place. */
export const QUEUES = defineQueues({
  // The platform's purge of inbox records and expired idempotency keys.
  housekeeping: housekeepingQueue(SERVICE_QUEUE_PREFIX),
  // Expiry and the expiry notice, every SWEEP_EVERY_MS (sweeps/).
  expirySweep: permitSweepQueue(SERVICE_QUEUE_PREFIX),
  // Harvest rosters: one job per run of an import, its payload the import id (rosters/).
  rosterImport: rosterImportQueue(SERVICE_QUEUE_PREFIX),
});
