import { Logger, type LoggerService } from '@nestjs/common';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  contextFromCarrier,
  CORRELATION_ID_ATTRIBUTE,
  CorrelationContext,
  sanitizeCorrelationId,
  SpanKind,
  traced,
} from '@frontera/platform-observability';
import { JobsError } from './errors';
import { isJobData, type JobData } from './job-data';
import { parseJobPayload } from './payload/job-payload';
import type { QueueDefinition } from './queue-definition';

export interface JobContext {
  readonly jobId: string;
  readonly jobName: string;
  readonly queue: string;
  /** 1 on the first run, 2 on the first retry… */
  readonly attempt: number;
  readonly correlationId: string;
  /** Aborted when the worker is shutting down and gave up waiting: stop and let the job be retried. */
  readonly signal: AbortSignal;
  updateProgress(progress: number | object): Promise<void>;
}

/**
 * Handles one job. Runs inside CorrelationContext with the job's correlation id.
 * Must be idempotent: a job can run again after a crash or a lost lock
 * (BullMQ is at-least-once), so guard side effects by the job id or a business key.
 */
export type JobHandler<P extends object, R = unknown> = (payload: P, context: JobContext) => Promise<R>;

export interface JobWorkerOptions {
  /** A worker connection (createWorkerConnection): maxRetriesPerRequest null. Not closed by the worker. */
  connection: Redis;
  /** Jobs processed at once by this worker; default 1. */
  concurrency?: number;
  /** How long a job's lock lasts without renewal (ms); a crashed worker's job is retried after it. Default 30 s. */
  lockDuration?: number;
  /** How often this worker looks for jobs whose lock expired (ms); default 30 s. */
  stalledInterval?: number;
  /** Times a job may be recovered from a stall before it fails; default 1. */
  maxStalledCount?: number;
  /** How long close() waits for active jobs before aborting them; default 30 s. */
  closeTimeoutMs?: number;
  /** Redis key prefix; default `bull`. */
  prefix?: string;
  /** Start taking jobs at once (default true). */
  autorun?: boolean;
  logger?: LoggerService;
}

const ABORT_GRACE_MS = 2_000;

/**
 * The job's correlation id; jobs made by a scheduler have none, so each run
 * gets one derived from its job id (`repeat:<schedulerId>:<time>`), the same
 * for the run, its retries and their log lines.
 */
export function correlationIdOfJob(job: Pick<Job, 'id' | 'data'>): string {
  const data: unknown = job.data;
  const own = isJobData(data) ? data.correlationId : undefined;
  return sanitizeCorrelationId(own ?? job.id);
}

function delay(ms: number): Promise<'timeout'> {
  return new Promise((resolve) => setTimeout(() => resolve('timeout'), ms).unref());
}

/**
 * Consumer side of one queue: validates each job's payload with the same path
 * as the producer (an invalid or personal-data payload fails at once, without
 * retries), runs the handler inside the job's correlation scope and logs
 * failures without job data. `close()` drains active jobs before returning.
 */
export class JobWorker<P extends object, R = unknown> {
  readonly worker: Worker<JobData<P>, R>;
  private readonly logger: LoggerService;
  private readonly closeTimeoutMs: number;
  private closing?: Promise<void>;

  constructor(
    readonly definition: QueueDefinition<P>,
    private readonly handler: JobHandler<P, R>,
    options: JobWorkerOptions,
  ) {
    if (options.connection.options.maxRetriesPerRequest !== null) {
      throw new Error(
        `Worker of "${definition.name}" needs a connection with maxRetriesPerRequest: null; use createWorkerConnection`,
      );
    }
    this.logger = options.logger ?? new Logger(`JobWorker:${definition.name}`);
    this.closeTimeoutMs = options.closeTimeoutMs ?? 30_000;
    this.worker = new Worker<JobData<P>, R>(
      definition.name,
      (job, _token, signal) => this.process(job, signal),
      {
        connection: options.connection,
        prefix: options.prefix,
        concurrency: options.concurrency ?? 1,
        lockDuration: options.lockDuration ?? 30_000,
        stalledInterval: options.stalledInterval ?? 30_000,
        maxStalledCount: options.maxStalledCount ?? 1,
        autorun: options.autorun ?? true,
      },
    );
    this.worker.on('failed', (job, error) => this.logFailure(job, error));
    this.worker.on('stalled', (jobId) =>
      this.logger.warn(
        `job ${jobId} of ${definition.name} stalled (its worker stopped renewing the lock); it will run again`,
      ),
    );
    this.worker.on('error', (error) => this.logger.error(`worker of ${definition.name}: ${error.message}`));
  }

  /** Resolves once the worker is connected and taking jobs. */
  async waitUntilReady(): Promise<void> {
    await this.worker.waitUntilReady();
  }

  /**
   * Stops taking jobs and waits for the active ones to finish. After
   * `timeoutMs`, aborts their signals, waits a moment, and returns anyway: jobs
   * still running are recovered by another worker's stalled-job check once
   * their lock expires.
   */
  close(timeoutMs: number = this.closeTimeoutMs): Promise<void> {
    this.closing ??= this.drain(timeoutMs);
    return this.closing;
  }

  private async drain(timeoutMs: number): Promise<void> {
    const graceful = this.worker.close();
    if ((await Promise.race([graceful.then(() => 'closed' as const), delay(timeoutMs)])) === 'closed') return;
    this.logger.warn(`worker of ${this.definition.name} still busy after ${timeoutMs} ms; aborting its jobs`);
    this.worker.cancelAllJobs('worker shutting down');
    if ((await Promise.race([graceful.then(() => 'closed' as const), delay(ABORT_GRACE_MS)])) === 'closed')
      return;
    this.logger.warn(
      `worker of ${this.definition.name} left jobs running; they will be retried after their lock expires`,
    );
    await this.worker.disconnect().catch(() => undefined);
  }

  private async process(job: Job<JobData<P>, R>, signal: AbortSignal | undefined): Promise<R> {
    const jobId = job.id ?? 'unknown';
    const data: unknown = job.data;
    const correlationId = correlationIdOfJob(job);
    // The worker span continues the enqueue span (data.traceparent); a scheduler's job starts a trace.
    const traceparent = isJobData(data) ? data.traceparent : undefined;
    const span = {
      kind: SpanKind.CONSUMER,
      parent: contextFromCarrier(traceparent === undefined ? undefined : { traceparent }),
      attributes: {
        'messaging.system': 'bullmq',
        'messaging.operation.type': 'process',
        'messaging.destination.name': this.definition.name,
        'messaging.message.id': jobId,
        'frontera.job.name': job.name,
        'frontera.job.attempt': job.attemptsMade + 1,
        [CORRELATION_ID_ATTRIBUTE]: correlationId,
      },
    };
    return traced(`${this.definition.name} process`, span, () =>
      this.run(job, jobId, data, correlationId, signal),
    );
  }

  private run(
    job: Job<JobData<P>, R>,
    jobId: string,
    data: unknown,
    correlationId: string,
    signal: AbortSignal | undefined,
  ): Promise<R> {
    return CorrelationContext.run({ correlationId, causationId: jobId }, () => {
      let payload: P;
      try {
        if (!isJobData(data))
          throw new Error(`job ${jobId} of ${this.definition.name} has no payload envelope`);
        payload = parseJobPayload(this.definition, data.payload);
      } catch (error) {
        // Retrying cannot make a bad payload good: fail the job for good.
        const message = error instanceof Error ? error.message : String(error);
        throw new UnrecoverableError(message);
      }
      const context: JobContext = {
        jobId,
        jobName: job.name,
        queue: this.definition.name,
        attempt: job.attemptsMade + 1,
        correlationId,
        signal: signal ?? new AbortController().signal,
        updateProgress: (progress) => job.updateProgress(progress),
      };
      return this.handler(payload, context);
    });
  }

  private logFailure(job: Job<JobData<P>, R> | undefined, error: Error): void {
    if (job === undefined) {
      this.logger.error(`a job of ${this.definition.name} failed: ${error.message}`);
      return;
    }
    const correlationId = correlationIdOfJob(job);
    const attempts = job.opts.attempts ?? 1;
    const final =
      error instanceof UnrecoverableError || error instanceof JobsError || job.attemptsMade >= attempts;
    const line =
      `job ${job.id} (${job.name}) of ${this.definition.name} failed on attempt ${job.attemptsMade} of ${attempts}` +
      `${final ? ', giving up' : ', will retry'}: ${error.name}: ${error.message}`;
    CorrelationContext.run({ correlationId, causationId: job.id }, () => {
      if (final) this.logger.error(line);
      else this.logger.warn(line);
    });
  }
}
