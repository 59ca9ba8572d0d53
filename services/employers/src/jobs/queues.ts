import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { defineQueue, defineQueues } from '@frontera/platform-jobs';

/**
 * Payload of a housekeeping run: no personal data, no ids. Scheduled runs send `{}`; an operator
 * may add a one-off job with `olderThanHours` to purge `processed_events` and `outbox_sent` with
 * a different retention than the configured one (never below one day).
 */
export class HousekeepingPayload {
  @IsOptional()
  @IsInt()
  @Min(24)
  @Max(24 * 366)
  olderThanHours?: number;
}

/** Stable id of the housekeeping job scheduler: upserting it again replaces it, never duplicates it. */
export const HOUSEKEEPING_SCHEDULER_ID = 'employers-housekeeping';
export const HOUSEKEEPING_JOB_NAME = 'housekeeping';

/** Every queue of the employers service, in one place. */
export const QUEUES = defineQueues({
  housekeeping: defineQueue({
    name: 'employers-housekeeping',
    payload: HousekeepingPayload,
    // It runs again at the next interval anyway: a couple of retries, few finished jobs kept.
    attempts: 3,
    backoff: { type: 'exponential', delay: 10_000 },
    removeOnComplete: { count: 50, age: 7 * 24 * 3600 },
    removeOnFail: { count: 200, age: 30 * 24 * 3600 },
  }),
});
