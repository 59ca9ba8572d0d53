import type { CallerIdentity } from '@frontera/shared-kernel';
import type { IdentityDocumentType, Sex, WorkerStatus } from './worker.types';

/** Bump when the shape changes, and upcast the previous version in worker-snapshot.mapping.ts. */
export const WORKER_SNAPSHOT_SCHEMA_VERSION = 1;

export interface PossibleDuplicate {
  readonly workerId: string;
  readonly score: number;
  readonly flaggedAt: string;
}

export interface DuplicateResolution {
  readonly workerId: string;
  readonly resolution: 'DISTINCT' | 'MERGED';
  readonly at: string;
  readonly by: CallerIdentity;
  readonly reason: string;
}

export interface WorkerDecision {
  readonly at: string;
  readonly by: CallerIdentity;
  readonly reason: string | null;
}

export interface WorkerMerge extends WorkerDecision {
  readonly survivorId: string;
}

export interface AbsorbedRecord extends WorkerDecision {
  readonly workerId: string;
}

/**
 * A worker as plain, JSON-safe data: what the repository stores and `Worker.fromSnapshot`
 * rebuilds from. `personalDataPaths()` lists the paths to encrypt; `status`, `nationality`, `sex`,
 * `birthYear`, `mergedInto` and `hasPendingDuplicates` are top-level, in clear, for lists and
 * statistics. Lookup keys (document, phone, duplicate blocking) are not stored here: the repository
 * computes their blind indexes from `documentKey()`, `phoneKey()` and `duplicateBlockingKeys()`.
 */
export interface WorkerSnapshot {
  readonly schemaVersion: typeof WORKER_SNAPSHOT_SCHEMA_VERSION;
  readonly id: string;
  readonly version: number;
  readonly status: WorkerStatus;
  readonly givenNames: string;
  readonly surnames: { readonly first: string; readonly second: string | null };
  readonly dateOfBirth: string;
  readonly birthYear: number;
  readonly sex: Sex;
  readonly nationality: string;
  readonly identityDocument: {
    readonly type: IdentityDocumentType;
    readonly number: string;
    readonly issuingCountry: string;
  };
  readonly placeOfBirth: { readonly country: string; readonly locality: string | null };
  readonly homeAddress: { readonly line: string; readonly locality: string; readonly country: string };
  readonly phone: string | null;
  readonly photoReference: string | null;
  readonly registered: WorkerDecision;
  readonly mergedInto: string | null;
  readonly merge: WorkerMerge | null;
  readonly absorbed: readonly AbsorbedRecord[];
  readonly hasPendingDuplicates: boolean;
  readonly possibleDuplicates: readonly PossibleDuplicate[];
  readonly resolvedDuplicates: readonly DuplicateResolution[];
}
