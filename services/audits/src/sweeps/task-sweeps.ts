import { once } from 'node:events';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { SweepPlansHandler, type SweepPlansResult } from '@frontera/audits-application';
import { JobsService, type JobContext } from '@frontera/platform-jobs';
import type { Clock } from '@frontera/shared-application';
import type { AuditsConfig } from '../config/audits.config';
import { QUEUES, SERVICE_QUEUE_PREFIX } from '../jobs/queues';
import { CLOCK, AUDITS_CONFIG } from '../wiring/tokens';
import { TASK_SWEEP_JOB_NAME, taskSweepSchedulerId, type TaskSweepPayload } from './task-sweep.queue';

const RETRY_PLAN_MS = 30_000;

/** Stable id of the audits service's task sweep scheduler. */
export const TASK_SWEEP_SCHEDULER_ID = taskSweepSchedulerId(SERVICE_QUEUE_PREFIX);

/**
 * The task sweep as a BullMQ job: a job scheduler (stable id, every TASK_SWEEP_EVERY_MS, payload `{}`)
 * and the worker that runs SweepPlansHandler at the injected clock's now (due audits → tasks,
 * assigned). Planned
 * when the application has started, in the background: while Redis is not there the upsert is
 * retried every 30 s, so an outage at boot neither blocks nor fails the service. Each run is one job
 * handled by one instance; a run stopped by shutdown fails so BullMQ retries it, and whatever a run
 * left is found again by the next (its buckets did not clear).
 */
@Injectable()
export class TaskSweeps implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('TaskSweeps');
  private retry?: NodeJS.Timeout;
  private planning?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly jobs: JobsService,
    private readonly sweeps: SweepPlansHandler,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(AUDITS_CONFIG) private readonly config: AuditsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.worker(QUEUES.taskSweep, (payload, context) => this.run(payload, context));
    this.planning = this.plan();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.planning;
  }

  /** One sweep, as the worker runs it (the job's payload and context). */
  async run(
    payload: TaskSweepPayload,
    context: Pick<JobContext, 'correlationId' | 'signal'>,
  ): Promise<SweepPlansResult> {
    const result = await this.sweeps.execute({
      now: this.clock.now(),
      correlationId: context.correlationId,
      signal: context.signal,
      catchUpDays: payload.catchUpDays ?? this.config.TASK_SWEEP_CATCH_UP_DAYS,
    });
    const summary =
      `buckets ${result.from}..${result.to}: ${result.plans} plans, ${result.created} tasks created, ` +
      `${result.assigned} assigned, ${result.pendingAssignment} pending assignment, ` +
      `${result.randomDrawn} drawn for the random sample (${result.randomSelected} selected), ${result.escalated} escalated overdue, ` +
      `${result.referralsEscalated} referrals escalated, ` +
      `${result.failed} failed`;
    if (result.failed > 0) {
      // Ids and codes only: the plans to look at.
      const failures = result.failures.map((f) => `${f.planId} ${f.code}`).join(', ');
      this.logger.warn(`${summary}; ${failures}`);
    } else {
      this.logger.log(summary);
    }
    if (result.aborted) throw new Error(`sweep stopped by shutdown after ${summary}`);
    return result;
  }

  private async plan(): Promise<void> {
    const connection = this.jobs.producerConnection;
    try {
      if (connection.status !== 'ready') {
        await once(connection, 'ready', { signal: AbortSignal.timeout(5_000) });
      }
      if (this.stopped) return;
      await this.jobs
        .queue(QUEUES.taskSweep)
        .upsertSchedule(
          TASK_SWEEP_SCHEDULER_ID,
          { every: this.config.TASK_SWEEP_EVERY_MS },
          { name: TASK_SWEEP_JOB_NAME, payload: {} },
        );
    } catch (error) {
      if (this.stopped) return;
      this.logger.warn(
        `could not plan ${TASK_SWEEP_SCHEDULER_ID} (${error instanceof Error ? error.message : String(error)}); retrying in ${RETRY_PLAN_MS / 1000} s`,
      );
      this.retry = setTimeout(() => {
        this.planning = this.plan();
      }, RETRY_PLAN_MS);
      this.retry.unref();
    }
  }
}
