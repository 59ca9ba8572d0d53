import { once } from 'node:events';
import {
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { JobsService, upsertSchedule, type JobQueue } from '@frontera/platform-jobs';
import type { EmployersConfig } from '../config/employers.config';
import { EMPLOYERS_CONFIG } from '../wiring/tokens';
import { Housekeeping } from './housekeeping';
import { HOUSEKEEPING_JOB_NAME, HOUSEKEEPING_SCHEDULER_ID, QUEUES, type HousekeepingPayload } from './queues';

/** Creates or replaces the housekeeping scheduler (stable id: planning again never duplicates it). */
export async function planHousekeeping(queue: JobQueue<HousekeepingPayload>, everyMs: number): Promise<void> {
  await upsertSchedule(
    queue,
    HOUSEKEEPING_SCHEDULER_ID,
    { every: everyMs },
    { name: HOUSEKEEPING_JOB_NAME, payload: {} },
  );
}

const RETRY_PLAN_MS = 30_000;

/**
 * Starts the housekeeping worker and upserts its scheduler when the application has started.
 * Planning runs in the background: when Redis is not there yet it is retried every 30 s, so a
 * Redis outage at boot neither blocks nor fails the service. The worker is drained and closed by
 * JobsService on shutdown.
 */
@Injectable()
export class HousekeepingScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Housekeeping');
  private retry?: NodeJS.Timeout;
  private planning?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly jobs: JobsService,
    @Inject(getConnectionToken()) private readonly connection: Connection,
    @Inject(EMPLOYERS_CONFIG) private readonly config: EmployersConfig,
  ) {}

  onApplicationBootstrap(): void {
    const housekeeping = new Housekeeping(this.connection, {
      processedEventsRetentionHours: this.config.PROCESSED_EVENTS_RETENTION_HOURS,
      outboxSentRetentionHours: this.config.OUTBOX_SENT_RETENTION_HOURS,
    });
    this.jobs.worker(QUEUES.housekeeping, (payload, context) =>
      housekeeping.run({ olderThanHours: payload.olderThanHours, signal: context.signal }),
    );
    this.planning = this.plan();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.planning;
  }

  private async plan(): Promise<void> {
    const connection = this.jobs.producerConnection;
    try {
      if (connection.status !== 'ready') {
        await once(connection, 'ready', { signal: AbortSignal.timeout(5_000) });
      }
      if (this.stopped) return;
      await planHousekeeping(this.jobs.queue(QUEUES.housekeeping), this.config.HOUSEKEEPING_EVERY_MS);
    } catch (error) {
      if (this.stopped) return;
      this.logger.warn(
        `could not plan ${HOUSEKEEPING_SCHEDULER_ID} (${error instanceof Error ? error.message : String(error)}); retrying in ${RETRY_PLAN_MS / 1000} s`,
      );
      this.retry = setTimeout(() => {
        this.planning = this.plan();
      }, RETRY_PLAN_MS);
      this.retry.unref();
    }
  }
}

/** The housekeeping job of the employers service (needs JobsModule and the mongoose connection). */
@Module({ providers: [HousekeepingScheduler] })
export class HousekeepingModule {}
