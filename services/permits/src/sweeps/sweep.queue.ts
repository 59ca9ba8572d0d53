import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { defineQueue, type QueueDefinition } from '@frontera/platform-jobs';

/**
 * Payload of an expiry and notice sweep: no personal data, no ids. Scheduled runs send `{}`; an
 * operator may add a one-off job with `catchUpDays` to look further back than SWEEP_CATCH_UP_DAYS
 * (after a longer outage).
 */
export class PermitSweepPayload {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(366)
  catchUpDays?: number;
}

export const PERMIT_SWEEP_JOB_NAME = 'permit-sweep';

/** Stable id of the sweep's job scheduler: upserting it again replaces it, never duplicates it. */
export function permitSweepSchedulerId(servicePrefix: string): string {
  return `${servicePrefix}-expiry-sweep`;
}

/** The sweep's queue (listed with the service's other queues in jobs/queues.ts). */
export function permitSweepQueue(servicePrefix: string): QueueDefinition<PermitSweepPayload> {
  return defineQueue({
    name: `${servicePrefix}-expiry-sweep`,
    payload: PermitSweepPayload,
    // The next scheduled run sweeps again anyway: a couple of retries, few finished jobs kept.
    attempts: 3,
    backoff: { type: 'exponential', delay: 10_000 },
    removeOnComplete: { count: 50, age: 7 * 24 * 3600 },
    removeOnFail: { count: 200, age: 30 * 24 * 3600 },
  });
}
