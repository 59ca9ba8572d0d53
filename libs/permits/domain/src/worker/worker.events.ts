import type { Sex } from './worker.types';

/*
 * Domain events of the worker aggregate: plain objects discriminated by `type`. Ids and the
 * statistical attributes the architecture allows (nationality, sex, year of birth) only: never
 * names, documents, dates of birth, addresses, phones or photo references.
 */

interface WorkerEventBase {
  readonly workerId: string;
  /** ISO-8601, the `now` of the command. */
  readonly occurredAt: string;
}

export interface WorkerRegistered extends WorkerEventBase {
  readonly type: 'WorkerRegistered';
  readonly nationality: string;
  readonly sex: Sex;
  readonly birthYear: number;
}

/** Biographical data corrected: which fields (paths), never their values. */
export interface WorkerCorrected extends WorkerEventBase {
  readonly type: 'WorkerCorrected';
  readonly changedFields: readonly string[];
  readonly nationality: string;
  readonly sex: Sex;
  readonly birthYear: number;
}

export interface WorkerPossibleDuplicateFlagged extends WorkerEventBase {
  readonly type: 'WorkerPossibleDuplicateFlagged';
  readonly otherWorkerId: string;
  readonly score: number;
}

export interface WorkerDuplicateResolved extends WorkerEventBase {
  readonly type: 'WorkerDuplicateResolved';
  readonly otherWorkerId: string;
  readonly resolution: 'DISTINCT' | 'MERGED';
  readonly actorId: string;
}

/** Raised by the merged record: applications and permits of `mergedId` now belong to `survivorId`. */
export interface WorkerMerged extends WorkerEventBase {
  readonly type: 'WorkerMerged';
  readonly mergedId: string;
  readonly survivorId: string;
  readonly actorId: string;
}

export type WorkerDomainEvent =
  | WorkerRegistered
  | WorkerCorrected
  | WorkerPossibleDuplicateFlagged
  | WorkerDuplicateResolved
  | WorkerMerged;

export type WorkerDomainEventType = WorkerDomainEvent['type'];

export const WORKER_DOMAIN_EVENT_TYPES: readonly WorkerDomainEventType[] = [
  'WorkerRegistered',
  'WorkerCorrected',
  'WorkerPossibleDuplicateFlagged',
  'WorkerDuplicateResolved',
  'WorkerMerged',
];
