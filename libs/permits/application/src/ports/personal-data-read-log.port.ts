import type { Role } from '@frontera/shared-kernel';

/**
 * One read of a worker's personal data, as the read log records it: who (the caller's id and
 * role, and their employer for employer staff), which worker, why (the purpose the reader typed)
 * and the request it belonged to. The log keeps no other personal data: never the data read.
 */
export interface PersonalDataRead {
  readonly workerId: string;
  readonly readerId: string;
  readonly readerRole: Role;
  readonly readerEmployerId: string | null;
  readonly purpose: string;
  readonly correlationId: string;
}

/** A read as recorded: its position in the worker's chain, when, and its entry's keyed hash. */
export interface RecordedPersonalDataRead extends PersonalDataRead {
  readonly seq: number;
  /** ISO-8601. */
  readonly at: string;
  readonly hash: string;
}

/** What the log's verification can find wrong (platform-store HashChainedLog's problems). */
export const READ_LOG_PROBLEMS = ['ALTERED', 'MISSING', 'TRUNCATED', 'HEAD_ALTERED', 'ROLLED_BACK'] as const;
export type ReadLogProblem = (typeof READ_LOG_PROBLEMS)[number];

/** A position of a worker's chain and its entry's hash, kept outside the database (an anchor). */
export interface ReadLogCheckpoint {
  readonly seq: number;
  readonly hash: string;
}

export type ReadLogVerification =
  | {
      readonly intact: true;
      readonly entries: number;
      /** Entries past the head (a crash between an entry and its head): consistent, repaired by the next read. */
      readonly headLag: number;
      /** The chain's head, to keep elsewhere as a checkpoint (null: no read recorded yet). */
      readonly head: ReadLogCheckpoint | null;
    }
  | {
      readonly intact: false;
      readonly entries: number;
      /** The first entry altered or removed (for the end of the chain: the position after the last present). */
      readonly firstBadSeq: number;
      readonly problem: ReadLogProblem;
    };

/**
 * The append-only, hash-chained log of reads of workers' personal data: one chain per worker, each
 * entry bound by a keyed hash to the one before (docs/domain/permits.md, personal-data read log).
 */
export interface PersonalDataReadLog {
  /**
   * Records the read at the end of the worker's chain, before anything is shown. Rejects when it
   * could not record it — 409 WORKER.READ_LOG_NOT_INTACT for a chain that is not intact, any other
   * failure as it is — and then the data must not be shown.
   */
  append(read: PersonalDataRead, at: Date): Promise<RecordedPersonalDataRead>;
  /** The worker's recorded reads, oldest first, as stored (unchecked: `verify` checks). */
  list(workerId: string): Promise<RecordedPersonalDataRead[]>;
  /** Recomputes the worker's chain and names the first entry altered or removed. */
  verify(workerId: string, expectedAtLeast?: ReadLogCheckpoint): Promise<ReadLogVerification>;
}
