import type { RosterImport, RosterRow, RosterRowError } from '@frontera/permits-domain';
import type { IdGenerator } from '@frontera/shared-application';
import type { Caller } from '@frontera/shared-kernel';
import { rosterImportCompleted, type PermitsIntegrationEvent } from '../../events/integration-events';
import { PermitsCommandErrors } from '../../shared/permits-command.runners';
import {
  SubmitApplicationHandler,
  type SubmitApplicationDeps,
} from '../submit-application/submit-application.handler';
import { isRowRefusal, rosterSubmissionOf, rowErrorsOf } from './roster-row.mapping';
import type { RosterImportRepository } from './roster.ports';

export interface ProcessRosterImportDeps extends SubmitApplicationDeps {
  readonly rosters: RosterImportRepository;
  /** Rows of a batch submitted at once (each through the submit-application path). */
  readonly rosterRowConcurrency: number;
}

export interface ProcessRosterOptions {
  /** The job's correlation id (the upload's): every application and event of the import carries it. */
  readonly correlationId: string;
  /** The job id. */
  readonly causationId?: string;
  /** Aborted on shutdown: the run stops after the batch in hand and the job is retried later. */
  readonly signal?: AbortSignal;
}

export type ProcessRosterOutcome = 'COMPLETED' | 'FAILED' | 'ALREADY_FINISHED' | 'NOT_FOUND';

/** How often one row is tried when the store or a lock refuses for now (then the job is retried). */
const ROW_ATTEMPTS = 3;

/**
 * The application id of a roster row: derived from the import and the row number, so a run that
 * goes over rows a crashed run already submitted finds their applications instead of submitting
 * them twice.
 */
export function rosterApplicationId(importId: string, row: number): string {
  const id = `app_${importId}_${row}`;
  if (id.length > 64) throw new TypeError(`roster import id ${importId} is too long for row ids`);
  return id;
}

/** The id generator of one row's submission: the application gets the row's id, the rest is random. */
function rowIds(ids: IdGenerator, applicationId: string): IdGenerator {
  return { newId: (prefix) => (prefix === 'app' ? applicationId : ids.newId(prefix)) };
}

/** Runs `work` over `items`, at most `concurrency` at a time, results in order. */
async function inPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
  return results;
}

interface RowResult {
  readonly accepted: boolean;
  readonly errors: readonly RosterRowError[];
}

/**
 * The roster job: turns an import's rows into applications, batch by batch. Each row goes
 * through SubmitApplicationHandler exactly as `POST /applications` (worker found or registered by
 * document, eligibility checked with every failed rule, nothing stored for a refused row), as the
 * employer staff who uploaded the file; a refused row is reported (column, code, message) and the
 * job goes on. After each batch the counts and its row errors are saved with the import (one
 * write: progress moves batch by batch, never row by row); the last batch completes the import and
 * `frontera.roster.import.completed` goes out through its outbox. The stored rows are deleted then.
 *
 * Safe to run again (BullMQ is at-least-once): a finished import is left alone; a RUNNING one
 * resumes at its first unrecorded batch, and since each row's application id is derived from the
 * import and the row number, the rows of that batch a crashed run had already submitted are found
 * and counted, not submitted twice.
 */
export class ProcessRosterImportHandler {
  constructor(private readonly deps: ProcessRosterImportDeps) {}

  async execute(importId: string, options: ProcessRosterOptions): Promise<ProcessRosterOutcome> {
    const found = await this.deps.rosters.findById(importId);
    if (!found) return 'NOT_FOUND';
    if (found.status === 'COMPLETED') {
      await this.deps.rosters.deleteRows(importId);
      return 'ALREADY_FINISHED';
    }
    if (found.status === 'FAILED') return 'ALREADY_FINISHED';
    let { resumed } = found.start(this.deps.clock.now());
    await this.save(found, []);

    for (;;) {
      const roster = await this.load(importId);
      if (roster.status !== 'RUNNING') break;
      const batch = roster.nextBatch;
      const rows = await this.deps.rosters.rowsOf(importId, batch);
      if (rows === null || rows.length !== roster.rowsInBatch(batch)) {
        roster.fail('ROWS_MISSING', this.deps.clock.now());
        await this.save(roster, []);
        return 'FAILED';
      }
      const results = await this.processBatch(roster, batch, rows, resumed, options);
      const accepted = results.filter((r) => r.accepted).length;
      roster.recordBatch(
        {
          batch,
          accepted,
          rejected: results.length - accepted,
          errors: results.flatMap((r) => r.errors),
        },
        this.deps.clock.now(),
      );
      await this.save(roster, this.integrationEvents(roster, options));
      resumed = false;
      if (roster.processedRows === roster.rows) {
        // That was the last batch: recordBatch completed the import.
        await this.deps.rosters.deleteRows(importId);
        return 'COMPLETED';
      }
      options.signal?.throwIfAborted();
    }
    return 'ALREADY_FINISHED';
  }

  /** The job gave up (its last attempt failed): the import is FAILED, so polling clients learn it. */
  async giveUp(importId: string): Promise<void> {
    const roster = await this.deps.rosters.findById(importId);
    if (!roster || (roster.status !== 'QUEUED' && roster.status !== 'RUNNING')) return;
    roster.fail('GAVE_UP', this.deps.clock.now());
    await this.save(roster, []);
  }

  private async processBatch(
    roster: RosterImport,
    batch: number,
    rows: readonly RosterRow[],
    resumed: boolean,
    options: ProcessRosterOptions,
  ): Promise<RowResult[]> {
    const numbers = roster.rowNumbersOf(batch);
    const caller: Caller = {
      id: roster.uploadedBy.id,
      role: roster.uploadedBy.role,
      states: [],
      employerId: roster.employerId,
    };
    const metadata = {
      caller,
      correlationId: options.correlationId,
      ...(options.causationId ? { causationId: options.causationId } : {}),
    };
    return inPool(rows, this.deps.rosterRowConcurrency, (row, index) =>
      this.processRow(roster, numbers[index], row, resumed, metadata),
    );
  }

  private async processRow(
    roster: RosterImport,
    rowNumber: number,
    row: RosterRow,
    resumed: boolean,
    metadata: { caller: Caller; correlationId: string; causationId?: string },
  ): Promise<RowResult> {
    const mapped = rosterSubmissionOf(row, rowNumber);
    if (mapped.errors) return { accepted: false, errors: mapped.errors };
    const applicationId = rosterApplicationId(roster.id, rowNumber);
    const submit = new SubmitApplicationHandler({ ...this.deps, ids: rowIds(this.deps.ids, applicationId) });
    for (let attempt = 1; ; attempt++) {
      // A crashed run (or this row's failed attempt) may have stored the application already.
      if ((resumed || attempt > 1) && (await this.deps.applications.findById(applicationId))) {
        return { accepted: true, errors: [] };
      }
      try {
        await submit.execute({
          worksiteId: roster.worksiteId,
          kind: 'NEW',
          ...mapped.submission,
          metadata,
        });
        return { accepted: true, errors: [] };
      } catch (error) {
        if (isRowRefusal(error)) return { accepted: false, errors: rowErrorsOf(error, rowNumber) };
        if (attempt >= ROW_ATTEMPTS) throw error;
      }
    }
  }

  private integrationEvents(roster: RosterImport, options: ProcessRosterOptions): PermitsIntegrationEvent[] {
    const origin = {
      correlationId: options.correlationId,
      ...(options.causationId ? { causationId: options.causationId } : {}),
    };
    return roster.pullEvents().map((event) =>
      rosterImportCompleted(
        {
          importId: event.importId,
          employerId: event.employerId,
          worksiteId: event.worksiteId,
          rows: event.rows,
          accepted: event.accepted,
          rejected: event.rejected,
        },
        new Date(event.occurredAt),
        origin,
      ),
    );
  }

  private async load(importId: string): Promise<RosterImport> {
    const roster = await this.deps.rosters.findById(importId);
    if (!roster) throw PermitsCommandErrors.CONCURRENT_MODIFICATION.create();
    return roster;
  }

  /** Another run moved the import meanwhile: this one stops (the job is retried and resumes). */
  private async save(roster: RosterImport, events: readonly PermitsIntegrationEvent[]): Promise<void> {
    if ((await this.deps.rosters.save(roster, events)) === 'VERSION_CONFLICT') {
      throw PermitsCommandErrors.CONCURRENT_MODIFICATION.create();
    }
  }
}
