import { once } from 'node:events';
import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Connection } from 'mongoose';
import { upsertSchedule, type JobQueue } from '../job-queue';
import { JobsService } from '../jobs.module';
import { defineQueue, type QueueDefinition } from '../queue-definition';
import { Housekeeping, type PurgeSpec } from './housekeeping';

/**
 * Payload of a housekeeping run: no personal data, no ids. Scheduled runs send `{}`; an operator
 * may add a one-off job with `olderThanHours` to purge with a different retention than the
 * configured one (never below one day).
 */
export class HousekeepingPayload {
  @IsOptional()
  @IsInt()
  @Min(24)
  @Max(24 * 366)
  olderThanHours?: number;
}

export const HOUSEKEEPING_JOB_NAME = 'housekeeping';

/** Stable id of a service's housekeeping scheduler: upserting it again replaces it, never duplicates it. */
export function housekeepingSchedulerId(serviceName: string): string {
  return `${serviceName}-housekeeping`;
}

/** The housekeeping queue of a service (list it with the service's other queues). */
export function housekeepingQueue(serviceName: string): QueueDefinition<HousekeepingPayload> {
  return defineQueue({
    name: `${serviceName}-housekeeping`,
    payload: HousekeepingPayload,
    // It runs again at the next interval anyway: a couple of retries, few finished jobs kept.
    attempts: 3,
    backoff: { type: 'exponential', delay: 10_000 },
    removeOnComplete: { count: 50, age: 7 * 24 * 3600 },
    removeOnFail: { count: 200, age: 30 * 24 * 3600 },
  });
}

/** Creates or replaces the housekeeping scheduler (stable id: planning again never duplicates it). */
export async function planHousekeeping(
  queue: JobQueue<HousekeepingPayload>,
  everyMs: number,
  schedulerId: string,
): Promise<void> {
  await upsertSchedule(queue, schedulerId, { every: everyMs }, { name: HOUSEKEEPING_JOB_NAME, payload: {} });
}

export interface HousekeepingModuleOptions {
  readonly serviceName: string;
  /** The service's housekeeping queue (`housekeepingQueue(serviceName)`, from its queue list). */
  readonly queue: QueueDefinition<HousekeepingPayload>;
  /** Milliseconds between runs. */
  readonly everyMs: number;
  /** What to purge: the specs of the platform collections the service uses. */
  readonly purges: readonly PurgeSpec[];
}

const HOUSEKEEPING_OPTIONS = Symbol('frontera:housekeeping-options');
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
    @Inject(HOUSEKEEPING_OPTIONS) private readonly options: HousekeepingModuleOptions,
  ) {}

  onApplicationBootstrap(): void {
    const housekeeping = new Housekeeping(this.connection, this.options.purges);
    this.jobs.worker(this.options.queue, (payload, context) =>
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
    const schedulerId = housekeepingSchedulerId(this.options.serviceName);
    try {
      if (connection.status !== 'ready') {
        await once(connection, 'ready', { signal: AbortSignal.timeout(5_000) });
      }
      if (this.stopped) return;
      await planHousekeeping(this.jobs.queue(this.options.queue), this.options.everyMs, schedulerId);
    } catch (error) {
      if (this.stopped) return;
      this.logger.warn(
        `could not plan ${schedulerId} (${error instanceof Error ? error.message : String(error)}); retrying in ${RETRY_PLAN_MS / 1000} s`,
      );
      this.retry = setTimeout(() => {
        this.planning = this.plan();
      }, RETRY_PLAN_MS);
      this.retry.unref();
    }
  }
}

/**
 * A service's housekeeping of the platform's collections (needs JobsModule and the mongoose
 * connection):
 *
 * ```ts
 * HousekeepingModule.forRoot({
 *   serviceName: 'permits', queue: QUEUES.housekeeping, everyMs: config.HOUSEKEEPING_EVERY_MS,
 *   purges: [inboxPurge(config.PROCESSED_EVENTS_RETENTION_HOURS), idempotencyKeysPurge()],
 * })
 * ```
 */
@Module({})
export class HousekeepingModule {
  static forRoot(options: HousekeepingModuleOptions): DynamicModule {
    return {
      module: HousekeepingModule,
      providers: [{ provide: HOUSEKEEPING_OPTIONS, useValue: options }, HousekeepingScheduler],
    };
  }
}
