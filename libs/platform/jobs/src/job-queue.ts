import { Logger, type LoggerService } from '@nestjs/common';
import { Queue, type Job, type JobSchedulerJson } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  CORRELATION_ID_ATTRIBUTE,
  CorrelationContext,
  SpanKind,
  traceCarrierOfSpan,
  traced,
  tracingEnabled,
} from '@frontera/platform-observability';
import { JobsError, QueueUnavailableError } from './errors';
import type { JobData } from './job-data';
import { parseJobPayload } from './payload/job-payload';
import type { QueueDefinition } from './queue-definition';
import { QUEUE_JOB_STATES, trackQueueDepth, type QueueJobState } from './queue-metrics';

export interface JobQueueOptions {
  /** A producer connection (createProducerConnection); shared, so the queue does not close it. */
  connection: Redis;
  /** Redis key prefix; default `bull`. */
  prefix?: string;
  /** Upper bound of add/upsert when Redis is slow; default 2000 ms. */
  commandTimeoutMs?: number;
  /** Report depth in frontera_queue_jobs (default true). */
  metrics?: boolean;
  logger?: LoggerService;
}

export interface AddJobOptions {
  /** A deterministic id makes adding idempotent: a second add with the same id is ignored. */
  jobId?: string;
  delay?: number;
  priority?: number;
}

/** When a recurring job runs: every N ms, or a cron pattern in a time zone. */
export type Schedule =
  | { every: number; pattern?: never; tz?: never; startDate?: Date }
  | { pattern: string; tz?: string; every?: never; startDate?: Date };

export interface ScheduleTemplate<P extends object> {
  /** Job name of the jobs the scheduler creates. */
  name: string;
  payload: P;
}

const SCHEDULER_ID = /^[A-Za-z0-9._-]{1,200}$/;
const JOB_ID = /^[A-Za-z0-9._-]{1,200}$/;

async function within<T>(promise: Promise<T>, timeoutMs: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(onTimeout()), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Producer side of one queue: every payload goes through the same validation
 * as in the worker, carries the current correlation id, and is refused at once
 * (QueueUnavailableError) when Redis is not connected, instead of waiting.
 */
export class JobQueue<P extends object> {
  readonly queue: Queue<JobData<P>>;
  private readonly logger: LoggerService;
  private readonly commandTimeoutMs: number;
  private readonly untrack: () => void;

  constructor(
    readonly definition: QueueDefinition<P>,
    private readonly options: JobQueueOptions,
  ) {
    if (options.connection.options.enableOfflineQueue !== false) {
      throw new Error(
        `Queue "${definition.name}" needs a producer connection (enableOfflineQueue: false); use createProducerConnection`,
      );
    }
    this.logger = options.logger ?? new Logger(`JobQueue:${definition.name}`);
    this.commandTimeoutMs = options.commandTimeoutMs ?? 2_000;
    this.queue = new Queue<JobData<P>>(definition.name, {
      connection: options.connection,
      prefix: options.prefix,
      defaultJobOptions: {
        attempts: definition.jobOptions.attempts,
        backoff: { ...definition.jobOptions.backoff },
        removeOnComplete: { ...definition.jobOptions.removeOnComplete },
        removeOnFail: { ...definition.jobOptions.removeOnFail },
      },
    });
    this.queue.on('error', (error) => this.logger.warn(`queue ${definition.name}: ${error.message}`));
    this.untrack = options.metrics === false ? () => undefined : trackQueueDepth(this.queue);
  }

  get name(): string {
    return this.definition.name;
  }

  /**
   * Validates the payload (same path as the worker), stamps the current
   * correlation id and adds the job. Rejects with QueueUnavailableError within
   * `commandTimeoutMs` when Redis is down.
   */
  async add(jobName: string, payload: P, options: AddJobOptions = {}): Promise<Job<JobData<P>>> {
    if (jobName.length === 0) throw new Error(`Job name for queue "${this.name}" is empty`);
    if (options.jobId !== undefined && !JOB_ID.test(options.jobId)) {
      throw new Error(`jobId "${options.jobId}" must be letters, digits, ".", "_" or "-"`);
    }
    parseJobPayload(this.definition, payload);
    const scope = CorrelationContext.current();
    const data: JobData<P> = {
      payload,
      correlationId: scope?.correlationId ?? CorrelationContext.correlationId(),
      ...(scope?.causationId === undefined ? {} : { causationId: scope.causationId }),
    };
    if (!tracingEnabled()) return this.command('add', () => this.queue.add(jobName, data, options));
    return traced(
      `${this.name} enqueue`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': 'bullmq',
          'messaging.operation.type': 'send',
          'messaging.destination.name': this.name,
          'frontera.job.name': jobName,
          ...(options.jobId === undefined ? {} : { 'messaging.message.id': options.jobId }),
          ...(data.correlationId === undefined ? {} : { [CORRELATION_ID_ATTRIBUTE]: data.correlationId }),
        },
      },
      (span) => {
        const traceparent = traceCarrierOfSpan(span)?.traceparent;
        const traceData: JobData<P> = traceparent ? { ...data, traceparent } : data;
        return this.command('add', () => this.queue.add(jobName, traceData, options));
      },
    );
  }

  /**
   * Creates or replaces the recurring job `schedulerId`. The id is stable (for
   * example `audit-plan.<employerId>`), so planning again updates the existing
   * scheduler and its next job instead of adding another.
   */
  async upsertSchedule(
    schedulerId: string,
    schedule: Schedule,
    template: ScheduleTemplate<P>,
  ): Promise<Job<JobData<P>>> {
    if (!SCHEDULER_ID.test(schedulerId)) {
      throw new Error(`schedulerId "${schedulerId}" must be 1-200 letters, digits, ".", "_" or "-"`);
    }
    if (schedule.every !== undefined && (!Number.isInteger(schedule.every) || schedule.every <= 0)) {
      throw new Error(`every must be a positive number of milliseconds, got ${schedule.every}`);
    }
    parseJobPayload(this.definition, template.payload);
    const data: JobData<P> = { payload: template.payload };
    return this.command('upsert schedule', () =>
      this.queue.upsertJobScheduler(schedulerId, schedule, { name: template.name, data }),
    );
  }

  async removeSchedule(schedulerId: string): Promise<boolean> {
    return this.command('remove schedule', () => this.queue.removeJobScheduler(schedulerId));
  }

  async schedules(): Promise<JobSchedulerJson<JobData<P>>[]> {
    return this.command('list schedules', () => this.queue.getJobSchedulers());
  }

  /** Jobs per state, as reported in frontera_queue_jobs. */
  async counts(): Promise<Record<QueueJobState, number>> {
    const counts = await this.command('count', () => this.queue.getJobCounts(...QUEUE_JOB_STATES));
    const result = {} as Record<QueueJobState, number>;
    for (const state of QUEUE_JOB_STATES) result[state] = counts[state] ?? 0;
    return result;
  }

  async close(): Promise<void> {
    this.untrack();
    await this.queue.close();
  }

  private async command<T>(what: string, run: () => Promise<T>): Promise<T> {
    const status = this.options.connection.status;
    if (status !== 'ready') {
      throw new QueueUnavailableError(
        this.name,
        `Redis connection is ${status}; nothing was ${what === 'add' ? 'added' : 'changed'}`,
      );
    }
    try {
      return await within(
        run(),
        this.commandTimeoutMs,
        () =>
          new QueueUnavailableError(
            this.name,
            `Redis did not answer ${what} within ${this.commandTimeoutMs} ms; the outcome is unknown, retry with the same jobId`,
          ),
      );
    } catch (error) {
      if (error instanceof JobsError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new QueueUnavailableError(this.name, `${what} failed: ${message}`, { cause: error });
    }
  }
}

/** Function form of {@link JobQueue.upsertSchedule}. */
export function upsertSchedule<P extends object>(
  queue: JobQueue<P>,
  schedulerId: string,
  schedule: Schedule,
  template: ScheduleTemplate<P>,
): Promise<Job<JobData<P>>> {
  return queue.upsertSchedule(schedulerId, schedule, template);
}
