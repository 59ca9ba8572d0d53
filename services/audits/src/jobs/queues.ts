import { defineQueues, housekeepingQueue } from '@frontera/platform-jobs';
import { taskSweepQueue } from '../sweeps/task-sweep.queue';

export const SERVICE_QUEUE_PREFIX = 'audits';

/** Every queue of the audits service, in one place. */
export const QUEUES = defineQueues({
  // The platform's purge of inbox records and expired idempotency keys.
  housekeeping: housekeepingQueue(SERVICE_QUEUE_PREFIX),
  // Due audits → tasks, assigned, every TASK_SWEEP_EVERY_MS (sweeps/).
  taskSweep: taskSweepQueue(SERVICE_QUEUE_PREFIX),
});
