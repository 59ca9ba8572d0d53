import {
  AppError,
  isMexicanState,
  ROLES,
  type CallerIdentity,
  type Localized,
  type MexicanState,
} from '@frontera/shared-kernel';
import { recordedCaller } from '../shared/recorded-caller';
import { assertId, iso, requireInstant } from '../shared/validation';
import { RosterErrors } from './roster-errors';

export const ROSTER_IMPORT_STATUSES = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'] as const;
export type RosterImportStatus = (typeof ROSTER_IMPORT_STATUSES)[number];

export const ROSTER_IMPORT_ACTIONS = ['START', 'RECORD_BATCH', 'FAIL', 'REQUEUE'] as const;
export type RosterImportAction = (typeof ROSTER_IMPORT_ACTIONS)[number];

/**
 * The lifecycle of a roster import, one table (an absent cell is refused with
 * ROSTER.TRANSITION_NOT_ALLOWED). START on a RUNNING import is a resumed run (a job retried after
 * a crash); RECORD_BATCH of the last batch completes the import; REQUEUE is a failed file uploaded
 * again.
 *
 * | action \ status | QUEUED    | RUNNING                 | COMPLETED | FAILED   |
 * | --------------- | --------- | ----------------------- | --------- | -------- |
 * | START           | → RUNNING | stays (resumed)         |           |          |
 * | RECORD_BATCH    |           | stays / → COMPLETED     |           |          |
 * | FAIL            | → FAILED  | → FAILED                |           |          |
 * | REQUEUE         |           |                         |           | → QUEUED |
 */
export const ROSTER_IMPORT_LIFECYCLE: Readonly<
  Record<RosterImportAction, Partial<Record<RosterImportStatus, RosterImportStatus>>>
> = {
  START: { QUEUED: 'RUNNING', RUNNING: 'RUNNING' },
  RECORD_BATCH: { RUNNING: 'RUNNING' },
  FAIL: { QUEUED: 'FAILED', RUNNING: 'FAILED' },
  REQUEUE: { FAILED: 'QUEUED' },
};

export function allowedRosterImportActions(status: RosterImportStatus): RosterImportAction[] {
  return ROSTER_IMPORT_ACTIONS.filter((action) => ROSTER_IMPORT_LIFECYCLE[action][status] !== undefined);
}

/**
 * Why an import failed for good (stable codes; never a row's values): its stored rows are not
 * there (uploading the file again stores them and queues it again), or its job kept failing and
 * gave up (uploading the file again queues it again).
 */
export const ROSTER_FAILURES = ['ROWS_MISSING', 'GAVE_UP'] as const;
export type RosterFailure = (typeof ROSTER_FAILURES)[number];

/**
 * One problem of one row, for the error report: the data row (1 = the first line after the
 * header), the column (empty when the problem is the row's as a whole, e.g. the employer is not
 * active), a stable code and the message in both languages — never the row's values.
 */
export interface RosterRowError {
  readonly row: number;
  readonly field: string;
  readonly code: string;
  readonly message: Localized;
}

/** The errors of one processed batch (what the report is made of). */
export interface RecordedBatchErrors {
  readonly batch: number;
  readonly errors: readonly RosterRowError[];
}

export interface RosterImportCompleted {
  readonly type: 'RosterImportCompleted';
  readonly importId: string;
  readonly employerId: string;
  readonly worksiteId: string;
  readonly rows: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly occurredAt: string;
}

export type RosterImportDomainEvent = RosterImportCompleted;

export const ROSTER_IMPORT_SNAPSHOT_SCHEMA_VERSION = 1;

export interface RosterImportSnapshot {
  readonly schemaVersion: number;
  readonly id: string;
  readonly version: number;
  readonly employerId: string;
  readonly worksiteId: string;
  readonly state: MexicanState;
  readonly uploadedBy: CallerIdentity;
  readonly uploadedAt: string;
  readonly rows: number;
  readonly batchSize: number;
  readonly processedRows: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly status: RosterImportStatus;
  /** Runs of the import's job so far (a retried job after a crash is a second run). */
  readonly runs: number;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly failure: RosterFailure | null;
}

export interface ReceiveRoster {
  readonly importId: string;
  readonly employerId: string;
  readonly worksiteId: string;
  /** The worksite's state (from the employer standing read model). */
  readonly state: MexicanState;
  /** Data rows in the file (≥ 1). */
  readonly rows: number;
  /** Rows per batch: the job records progress and errors once per batch. */
  readonly batchSize: number;
}

export interface BatchOutcome {
  readonly batch: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly errors: readonly RosterRowError[];
}

type RosterImportState = {
  -readonly [K in keyof Omit<RosterImportSnapshot, 'schemaVersion'>]: RosterImportSnapshot[K];
};

const MAX_BATCH_SIZE = 10_000;

function positiveInteger(value: unknown, name: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > max) {
    throw new TypeError(`${name} must be an integer between 1 and ${max}`);
  }
  return value as number;
}

/**
 * A harvest roster (cuadrilla) uploaded for one worksite and turned into applications by a job,
 * batch by batch. The file's rows are not part of the aggregate (they are personal data, stored
 * sealed next to it); it keeps the counts, the state and, per recorded batch, the row errors the
 * report is made of (ids and codes only). Completing raises RosterImportCompleted.
 */
export class RosterImport {
  private events: RosterImportDomainEvent[] = [];
  private batchErrors: RecordedBatchErrors[] = [];

  private constructor(
    private readonly s: RosterImportState,
    /** The version this instance was loaded at (0 when new). */
    readonly persistedVersion: number,
  ) {}

  static receive(command: ReceiveRoster, uploadedBy: CallerIdentity, now: Date): RosterImport {
    requireInstant(now);
    if (!isMexicanState(command.state)) throw new TypeError('state must be a Mexican state');
    const roster = new RosterImport(
      {
        id: assertId(command.importId, 'importId'),
        version: 0,
        employerId: assertId(command.employerId, 'employerId'),
        worksiteId: assertId(command.worksiteId, 'worksiteId'),
        state: command.state,
        uploadedBy: recordedCaller(uploadedBy, 'uploadedBy.id'),
        uploadedAt: iso(now),
        rows: positiveInteger(command.rows, 'rows'),
        batchSize: positiveInteger(command.batchSize, 'batchSize', MAX_BATCH_SIZE),
        processedRows: 0,
        accepted: 0,
        rejected: 0,
        status: 'QUEUED',
        runs: 0,
        startedAt: null,
        finishedAt: null,
        failure: null,
      },
      0,
    );
    roster.commit();
    return roster;
  }

  /**
   * The job's run begins: QUEUED → RUNNING, or a RUNNING import resumed by a retried job. Returns
   * whether it resumes: the batch it goes on with may then be partly done already.
   */
  start(now: Date): { readonly resumed: boolean } {
    requireInstant(now);
    const resumed = this.s.status === 'RUNNING';
    this.s.status = this.transition('START');
    this.s.runs += 1;
    this.s.startedAt ??= iso(now);
    this.commit();
    return { resumed };
  }

  /**
   * One batch processed: its rows counted as accepted or rejected and its row errors recorded.
   * Batches come in order; the last one completes the import and raises RosterImportCompleted.
   */
  recordBatch(outcome: BatchOutcome, now: Date): void {
    requireInstant(now);
    const next = this.transition('RECORD_BATCH');
    const expected = this.nextBatch;
    const invalid = (problem: string) =>
      RosterErrors.INVALID_BATCH.create({ batch: outcome.batch, expectedBatch: expected, problem });
    if (outcome.batch !== expected) throw invalid('order');
    const size = this.rowsInBatch(expected);
    if (
      !Number.isInteger(outcome.accepted) ||
      !Number.isInteger(outcome.rejected) ||
      outcome.accepted < 0 ||
      outcome.rejected < 0 ||
      outcome.accepted + outcome.rejected !== size
    ) {
      throw invalid(`accepted + rejected must be ${size}`);
    }
    const first = expected * this.s.batchSize + 1;
    if (outcome.errors.some((e) => !Number.isInteger(e.row) || e.row < first || e.row >= first + size)) {
      throw invalid('an error names a row of another batch');
    }
    this.s.processedRows += size;
    this.s.accepted += outcome.accepted;
    this.s.rejected += outcome.rejected;
    this.s.status = next;
    if (outcome.errors.length > 0) {
      this.batchErrors.push({ batch: outcome.batch, errors: outcome.errors.map((e) => ({ ...e })) });
    }
    if (this.s.processedRows === this.s.rows) {
      this.s.status = 'COMPLETED';
      this.s.finishedAt = iso(now);
      this.events.push({
        type: 'RosterImportCompleted',
        importId: this.s.id,
        employerId: this.s.employerId,
        worksiteId: this.s.worksiteId,
        rows: this.s.rows,
        accepted: this.s.accepted,
        rejected: this.s.rejected,
        occurredAt: iso(now),
      });
    }
    this.commit();
  }

  /** The import cannot go on (its stored rows are gone or unreadable, or the job gave up). */
  fail(failure: RosterFailure, now: Date): void {
    requireInstant(now);
    if (!ROSTER_FAILURES.includes(failure)) throw new TypeError(`unknown failure ${String(failure)}`);
    this.s.status = this.transition('FAIL');
    this.s.failure = failure;
    this.s.finishedAt = iso(now);
    this.commit();
  }

  /** A failed import whose file is uploaded again is queued again, from where it stopped. */
  requeue(now: Date): void {
    requireInstant(now);
    this.s.status = this.transition('REQUEUE');
    this.s.failure = null;
    this.s.finishedAt = null;
    this.commit();
  }

  // ---------------------------------------------------------------- queries

  get id(): string {
    return this.s.id;
  }
  get version(): number {
    return this.s.version;
  }
  get employerId(): string {
    return this.s.employerId;
  }
  get worksiteId(): string {
    return this.s.worksiteId;
  }
  get state(): MexicanState {
    return this.s.state;
  }
  get uploadedBy(): CallerIdentity {
    return { ...this.s.uploadedBy };
  }
  get uploadedAt(): string {
    return this.s.uploadedAt;
  }
  get status(): RosterImportStatus {
    return this.s.status;
  }
  get rows(): number {
    return this.s.rows;
  }
  get batchSize(): number {
    return this.s.batchSize;
  }
  get processedRows(): number {
    return this.s.processedRows;
  }
  get accepted(): number {
    return this.s.accepted;
  }
  get rejected(): number {
    return this.s.rejected;
  }
  get runs(): number {
    return this.s.runs;
  }
  get startedAt(): string | null {
    return this.s.startedAt;
  }
  get finishedAt(): string | null {
    return this.s.finishedAt;
  }
  get failure(): RosterFailure | null {
    return this.s.failure;
  }
  /** Rows done, as a whole percentage (rounded down: 100 only when every row is done). */
  get percentage(): number {
    return Math.floor((this.s.processedRows * 100) / this.s.rows);
  }
  get batches(): number {
    return Math.ceil(this.s.rows / this.s.batchSize);
  }
  /** The batch the job goes on with (== batches when every row is done). */
  get nextBatch(): number {
    return Math.ceil(this.s.processedRows / this.s.batchSize);
  }
  get allowedActions(): RosterImportAction[] {
    return allowedRosterImportActions(this.s.status);
  }

  /** How many rows batch `batch` holds (the last one may be short). */
  rowsInBatch(batch: number): number {
    const start = batch * this.s.batchSize;
    return Math.max(0, Math.min(this.s.batchSize, this.s.rows - start));
  }

  /** The 1-based data row numbers of a batch. */
  rowNumbersOf(batch: number): number[] {
    const first = batch * this.s.batchSize + 1;
    return Array.from({ length: this.rowsInBatch(batch) }, (_, i) => first + i);
  }

  /** The row errors recorded since the load (the repository stores them with the state). */
  get recordedBatchErrors(): readonly RecordedBatchErrors[] {
    return [...this.batchErrors];
  }

  pullEvents(): RosterImportDomainEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  // ---------------------------------------------------------------- persistence

  toSnapshot(): RosterImportSnapshot {
    return {
      schemaVersion: ROSTER_IMPORT_SNAPSHOT_SCHEMA_VERSION,
      ...this.s,
      uploadedBy: { ...this.s.uploadedBy },
    };
  }

  /** Rebuilds from stored data; unreadable data raises ROSTER.SNAPSHOT_INVALID (500). */
  static fromSnapshot(snapshot: RosterImportSnapshot): RosterImport {
    const invalid = (problem: string) => RosterErrors.SNAPSHOT_INVALID.create({ problem });
    if (!snapshot || typeof snapshot !== 'object') throw invalid('not an object');
    if (snapshot.schemaVersion !== ROSTER_IMPORT_SNAPSHOT_SCHEMA_VERSION) {
      throw invalid(`unsupported schemaVersion ${String(snapshot.schemaVersion)}`);
    }
    if (!ROSTER_IMPORT_STATUSES.includes(snapshot.status)) {
      throw invalid(`unknown status ${String(snapshot.status)}`);
    }
    if (!isMexicanState(snapshot.state)) throw invalid(`unknown state ${String(snapshot.state)}`);
    if (!snapshot.uploadedBy || !ROLES.includes(snapshot.uploadedBy.role)) {
      throw invalid('uploadedBy is not a caller');
    }
    if (snapshot.failure !== null && !ROSTER_FAILURES.includes(snapshot.failure)) {
      throw invalid(`unknown failure ${String(snapshot.failure)}`);
    }
    try {
      const rows = positiveInteger(snapshot.rows, 'rows');
      const counts = [snapshot.processedRows, snapshot.accepted, snapshot.rejected];
      if (counts.some((n) => !Number.isInteger(n) || n < 0)) throw invalid('counts must be integers ≥ 0');
      if (snapshot.accepted + snapshot.rejected !== snapshot.processedRows || snapshot.processedRows > rows) {
        throw invalid('counts disagree');
      }
      if ((snapshot.status === 'COMPLETED') !== (snapshot.processedRows === rows)) {
        throw invalid('status and counts disagree');
      }
      const state: RosterImportState = {
        id: assertId(snapshot.id, 'id'),
        version: positiveInteger(snapshot.version, 'version'),
        employerId: assertId(snapshot.employerId, 'employerId'),
        worksiteId: assertId(snapshot.worksiteId, 'worksiteId'),
        state: snapshot.state,
        uploadedBy: recordedCaller(snapshot.uploadedBy, 'uploadedBy.id'),
        uploadedAt: String(snapshot.uploadedAt),
        rows,
        batchSize: positiveInteger(snapshot.batchSize, 'batchSize', MAX_BATCH_SIZE),
        processedRows: snapshot.processedRows,
        accepted: snapshot.accepted,
        rejected: snapshot.rejected,
        status: snapshot.status,
        runs: Number.isInteger(snapshot.runs) && snapshot.runs >= 0 ? snapshot.runs : 0,
        startedAt: snapshot.startedAt ?? null,
        finishedAt: snapshot.finishedAt ?? null,
        failure: snapshot.failure ?? null,
      };
      return new RosterImport(state, state.version);
    } catch (error) {
      if (RosterErrors.SNAPSHOT_INVALID.is(error)) throw error;
      if (error instanceof AppError) throw invalid(`${error.code} (${String(error.params['field'] ?? '')})`);
      throw invalid(error instanceof Error ? error.message : String(error));
    }
  }

  // ---------------------------------------------------------------- internals

  private transition(action: RosterImportAction): RosterImportStatus {
    const next = ROSTER_IMPORT_LIFECYCLE[action][this.s.status];
    if (next === undefined) {
      throw RosterErrors.TRANSITION_NOT_ALLOWED.create({
        action,
        currentState: this.s.status,
        allowedActions: this.allowedActions,
      });
    }
    return next;
  }

  private commit(): void {
    this.s.version += 1;
  }
}
