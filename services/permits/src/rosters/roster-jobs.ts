import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import {
  ProcessRosterImportHandler,
  type ProcessRosterOutcome,
  type RosterJobs,
} from '@frontera/permits-application';
import {
  closeConnection,
  createWorkerConnection,
  JobQueue,
  JobsService,
  JobWorker,
  queuePrefixFor,
  type JobContext,
} from '@frontera/platform-jobs';
import type { PermitsConfig } from '../config/permits.config';
import { QUEUES } from '../jobs/queues';
import { PERMITS_CONFIG } from '../wiring/tokens';
import { ROSTER_IMPORT_JOB_NAME, ROSTER_JOB_ATTEMPTS, type RosterImportPayload } from './roster.queue';

/**
 * The Redis key prefix of the roster queue: that of every queue of the database (platform-jobs'
 * queuePrefixFor). A roster job names an import of one database; a worker of another would find no
 * import and complete it unrun.
 */
export function rosterQueuePrefix(databaseName: string): string {
  return queuePrefixFor(databaseName);
}

/**
 * The roster queue of this service's database: RosterJobs (the producer: one job per run of an
 * import, its id the run's key, its payload the import id) and the worker running
 * ProcessRosterImportHandler with the job's correlation id (the upload's) and its id as causation,
 * aborted on shutdown (the run stops after the batch in hand and the job is retried, resuming
 * there). Runs that fail are retried with backoff (the queue's bounded attempts); when the last one
 * fails the import is marked FAILED (GAVE_UP) so polling clients learn it. Logs ids, outcomes and
 * counts only. Built on platform-jobs' JobQueue and JobWorker (payloads validated and checked for
 * personal data on both sides) with the producer connection of JobsService; the worker is drained
 * on shutdown before the database closes.
 */
@Injectable()
export class RosterQueue
  implements RosterJobs, OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown
{
  private readonly logger = new Logger('RosterQueue');
  private readonly prefix: string;
  private producer?: JobQueue<RosterImportPayload>;
  private worker?: JobWorker<RosterImportPayload, ProcessRosterOutcome>;
  private workerConnection?: Redis;

  constructor(
    private readonly jobs: JobsService,
    private readonly processor: ProcessRosterImportHandler,
    @InjectConnection() connection: Connection,
    @Inject(PERMITS_CONFIG) private readonly config: PermitsConfig,
  ) {
    const databaseName = connection.db?.databaseName ?? connection.name;
    this.prefix = rosterQueuePrefix(databaseName);
  }

  async enqueue(importId: string, key: string): Promise<void> {
    // A deterministic job id: the same key added twice is one job.
    await this.queue().add(ROSTER_IMPORT_JOB_NAME, { importId }, { jobId: key });
  }

  onApplicationBootstrap(): void {
    this.workerConnection = createWorkerConnection(this.config.REDIS_URL, {
      connectionName: 'permits:roster-worker',
    });
    this.worker = new JobWorker(QUEUES.rosterImport, (payload, context) => this.run(payload, context), {
      connection: this.workerConnection,
      prefix: this.prefix,
      concurrency: this.config.ROSTER_JOB_CONCURRENCY,
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
    if (this.workerConnection) await closeConnection(this.workerConnection);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer
      ?.close()
      .catch((error: unknown) => this.logger.warn(`closing the roster queue: ${String(error)}`));
  }

  /** One run of an import, as the worker runs it (the job's payload and context). */
  async run(
    payload: RosterImportPayload,
    context: Pick<JobContext, 'jobId' | 'attempt' | 'correlationId' | 'signal'>,
  ): Promise<ProcessRosterOutcome> {
    try {
      const outcome = await this.processor.execute(payload.importId, {
        correlationId: context.correlationId,
        causationId: context.jobId,
        signal: context.signal,
      });
      this.logger.log(
        `roster import ${payload.importId}: ${outcome} (job ${context.jobId}, run ${context.attempt})`,
      );
      return outcome;
    } catch (error) {
      if (context.attempt >= ROSTER_JOB_ATTEMPTS) {
        await this.processor
          .giveUp(payload.importId)
          .catch((failure: unknown) =>
            this.logger.error(
              `roster import ${payload.importId}: could not be marked FAILED (${failure instanceof Error ? failure.name : 'error'})`,
            ),
          );
      }
      throw error;
    }
  }

  private queue(): JobQueue<RosterImportPayload> {
    this.producer ??= new JobQueue(QUEUES.rosterImport, {
      connection: this.jobs.producerConnection,
      prefix: this.prefix,
    });
    return this.producer;
  }
}
