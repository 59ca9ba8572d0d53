import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { defineQueue, type QueueDefinition } from '@frontera/platform-jobs';

/**
 * Payload of a task sweep: no personal data, no ids. Scheduled runs send `{}`; an operator may add a
 * one-off job with `catchUpDays` to look further back than TASK_SWEEP_CATCH_UP_DAYS (after an outage).
 */
export class TaskSweepPayload {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(366)
  catchUpDays?: number;
}

export const TASK_SWEEP_JOB_NAME = 'task-sweep';

/** Stable id of the sweep's job scheduler: upserting it again replaces it, never duplicates it. */
export function taskSweepSchedulerId(servicePrefix: string): string {
  return `${servicePrefix}-task-sweep`;
}

/** The sweep's queue (listed with the service's other queues in jobs/queues.ts). */
export function taskSweepQueue(servicePrefix: string): QueueDefinition<TaskSweepPayload> {
  return defineQueue({
    name: `${servicePrefix}-task-sweep`,
    payload: TaskSweepPayload,
    // The next scheduled run sweeps again anyway: a couple of retries, few finished jobs kept.
    attempts: 3,
    backoff: { type: 'exponential', delay: 10_000 },
    removeOnComplete: { count: 50, age: 7 * 24 * 3600 },
    removeOnFail: { count: 200, age: 30 * 24 * 3600 },
  });
}
