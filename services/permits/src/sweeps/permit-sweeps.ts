import { once } from 'node:events';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { SweepPermitsHandler, type SweepPermitsResult } from '@frontera/permits-application';
import { JobsService, type JobContext } from '@frontera/platform-jobs';
import type { Clock } from '@frontera/shared-application';
import type { PermitsConfig } from '../config/permits.config';
import { QUEUES, SERVICE_QUEUE_PREFIX } from '../jobs/queues';
import { CLOCK, PERMITS_CONFIG } from '../wiring/tokens';
import { PERMIT_SWEEP_JOB_NAME, permitSweepSchedulerId, type PermitSweepPayload } from './sweep.queue';

const RETRY_PLAN_MS = 30_000;

/** Stable id of the permits service's sweep scheduler. */
export const PERMIT_SWEEP_SCHEDULER_ID = permitSweepSchedulerId(SERVICE_QUEUE_PREFIX);

/**
 * The expiry and notice sweep as a BullMQ job: a job scheduler (stable id, every SWEEP_EVERY_MS,
 * payload `{}`) and the worker that runs SweepPermitsHandler at the injected clock's now. Planned
 * when the application has started, in the background: while Redis is not there the upsert is
 * retried every 30 s, so an outage at boot neither blocks nor fails the service. Each run is one job
 * handled by one instance; a run stopped by shutdown fails so BullMQ retries it, and whatever a run
 * left is found again by the next (its buckets did not clear).
 */
@Injectable()
export class PermitSweeps implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('PermitSweeps');
  private retry?: NodeJS.Timeout;
  private planning?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly jobs: JobsService,
    private readonly sweeps: SweepPermitsHandler,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PERMITS_CONFIG) private readonly config: PermitsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.worker(QUEUES.expirySweep, (payload, context) => this.run(payload, context));
    this.planning = this.plan();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.planning;
  }

  /** One sweep, as the worker runs it (the job's payload and context). */
  async run(
    payload: PermitSweepPayload,
    context: Pick<JobContext, 'correlationId' | 'signal'>,
  ): Promise<SweepPermitsResult> {
    const result = await this.sweeps.execute({
      now: this.clock.now(),
      correlationId: context.correlationId,
      signal: context.signal,
      ...(payload.catchUpDays !== undefined ? { catchUpDays: payload.catchUpDays } : {}),
    });
    const summary =
      `buckets ${result.from}..${result.to}: ${result.noticed} noticed, ${result.expired} expired, ` +
      `${result.unchanged} left for later, ${result.failed} failed (${result.queries} bucket reads)`;
    if (result.failed > 0) {
      // Ids and codes only: the permits to look at, never their data.
      const failures = result.failures.map((f) => `${f.permitId} ${f.action} ${f.code}`).join(', ');
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
        .queue(QUEUES.expirySweep)
        .upsertSchedule(
          PERMIT_SWEEP_SCHEDULER_ID,
          { every: this.config.SWEEP_EVERY_MS },
          { name: PERMIT_SWEEP_JOB_NAME, payload: {} },
        );
    } catch (error) {
      if (this.stopped) return;
      this.logger.warn(
        `could not plan ${PERMIT_SWEEP_SCHEDULER_ID} (${error instanceof Error ? error.message : String(error)}); retrying in ${RETRY_PLAN_MS / 1000} s`,
      );
      this.retry = setTimeout(() => {
        this.planning = this.plan();
      }, RETRY_PLAN_MS);
      this.retry.unref();
    }
  }
}
