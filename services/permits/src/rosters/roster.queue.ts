import { IsString, Matches } from 'class-validator';
import { defineQueue, type QueueDefinition } from '@frontera/platform-jobs';
import { ID_PATTERN } from '@frontera/shared-kernel';

/** The roster job's payload: the import's id, nothing else (the rows are personal data, stored sealed). */
export class RosterImportPayload {
  @IsString()
  @Matches(ID_PATTERN)
  importId!: string;
}

export const ROSTER_IMPORT_JOB_NAME = 'roster-import';

/** Runs of a roster job before it gives up. */
export const ROSTER_JOB_ATTEMPTS = 5;

/**
 * The roster job's queue (listed with the service's other queues in jobs/queues.ts): a bounded
 * number of runs with exponential backoff from 5 s (each run resumes at the first unrecorded batch);
 * after the last one the import is FAILED (GAVE_UP) and uploading the file again queues it again.
 */
export function rosterImportQueue(servicePrefix: string): QueueDefinition<RosterImportPayload> {
  return defineQueue({
    name: `${servicePrefix}-roster-import`,
    payload: RosterImportPayload,
    attempts: ROSTER_JOB_ATTEMPTS,
    backoff: { type: 'exponential', delay: 5_000 },
    removeOnComplete: { count: 1000, age: 7 * 24 * 3600 },
    removeOnFail: { count: 5000, age: 30 * 24 * 3600 },
  });
}
