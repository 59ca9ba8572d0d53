import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  ProcessRosterImportHandler,
  type ProcessRosterOutcome,
  type RosterJobs,
} from '@frontera/permits-application';
import { JobsService, type JobContext } from '@frontera/platform-jobs';
import type { PermitsConfig } from '../config/permits.config';
import { QUEUES } from '../jobs/queues';
import { PERMITS_CONFIG } from '../wiring/tokens';
import { ROSTER_IMPORT_JOB_NAME, ROSTER_JOB_ATTEMPTS, type RosterImportPayload } from './roster.queue';

/**
 * The roster queue of this service's database: RosterJobs (the producer: one job per run of an
 * import, its id the run's key, its payload the import id) and the worker running
 * ProcessRosterImportHandler with the job's correlation id (the upload's) and its id as causation,
 * aborted on shutdown (the run stops after the batch in hand and the job is retried, resuming
 * there). Runs that fail are retried with backoff (the queue's bounded attempts); when the last one
 * fails the import is marked FAILED (GAVE_UP) so polling clients learn it. Logs ids, outcomes and
 * counts only. The queue and the worker are JobsService's (payloads validated and checked for
 * personal data on both sides), under the database's prefix like every queue of the service
 * (decision 0050: a roster job names an import of this database; a worker of another would find no
 * import and complete it unrun); JobsService drains the worker on shutdown before the database closes.
 */
@Injectable()
export class RosterQueue implements RosterJobs, OnApplicationBootstrap {
  private readonly logger = new Logger('RosterQueue');

  constructor(
    private readonly jobs: JobsService,
    private readonly processor: ProcessRosterImportHandler,
    @Inject(PERMITS_CONFIG) private readonly config: PermitsConfig,
  ) {}

  async enqueue(importId: string, key: string): Promise<void> {
    // A deterministic job id: the same key added twice is one job.
    await this.jobs.queue(QUEUES.rosterImport).add(ROSTER_IMPORT_JOB_NAME, { importId }, { jobId: key });
  }

  onApplicationBootstrap(): void {
    this.jobs.worker(QUEUES.rosterImport, (payload, context) => this.run(payload, context), {
      concurrency: this.config.ROSTER_JOB_CONCURRENCY,
    });
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
}
