import type { RosterImport, RosterRow } from '@frontera/permits-domain';
import type { Caller } from '@frontera/shared-kernel';
import { rosterImportCompleted, type PermitsIntegrationEvent } from '../../events/integration-events';
import { PermitsCommandErrors } from '../../shared/permits-command.runners';
import type { SubmitApplicationDeps } from '../submit-application/submit-application.handler';
import { RosterBatchImporter, type RosterRowResult } from './roster-batch.importer';
import type { RosterImportRepository } from './roster.ports';

export interface ProcessRosterImportDeps extends SubmitApplicationDeps {
  readonly rosters: RosterImportRepository;
  /** Per-row lookups of a batch sent at once (rows whose document is already registered). */
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

/**
 * The roster job: turns an import's rows into applications, batch by batch. A batch is imported
 * with batched I/O by RosterBatchImporter, with the rules and outcome of `POST /applications` for
 * each row (worker found or registered by document, eligibility checked with every failed rule,
 * nothing stored for a refused row), as the employer staff who uploaded the file; a refused row is
 * reported (column, code, message) and the job goes on. After each batch the counts and its row errors are saved with the import (one
 * write: progress moves batch by batch, never row by row); the last batch completes the import and
 * `frontera.roster.import.completed` goes out through its outbox. The stored rows are deleted then.
 *
 * Safe to run again (BullMQ is at-least-once): a finished import is left alone; a RUNNING one
 * resumes at its first unrecorded batch, and since each row's worker and application ids are
 * derived from the import and the row number, the rows of that batch a crashed run had already
 * stored are refused by their ids and counted, not stored twice.
 */
export class ProcessRosterImportHandler {
  private readonly importer: RosterBatchImporter;

  constructor(private readonly deps: ProcessRosterImportDeps) {
    this.importer = new RosterBatchImporter(deps);
  }

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

  /**
   * One batch of rows imported, without recording it (the caller records the counts and errors with
   * the import). Public for tests that run a batch twice, as a crash and its retry do.
   */
  processBatch(
    roster: RosterImport,
    batch: number,
    rows: readonly RosterRow[],
    resumed: boolean,
    options: Pick<ProcessRosterOptions, 'correlationId'>,
  ): Promise<RosterRowResult[]> {
    const caller: Caller = {
      id: roster.uploadedBy.id,
      role: roster.uploadedBy.role,
      states: [],
      employerId: roster.employerId,
    };
    return this.importer.importBatch({
      roster,
      rowNumbers: roster.rowNumbersOf(batch),
      rows,
      resumed,
      caller,
      correlationId: options.correlationId,
    });
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
