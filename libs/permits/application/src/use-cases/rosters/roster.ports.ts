import type { RosterImport, RosterRow, RosterRowError } from '@frontera/permits-domain';
import type { SaveOutcome } from '@frontera/shared-application';
import type { PermitsIntegrationEvent } from '../../events/integration-events';

/** A roster file read and checked at upload (the adapter parses it; the layout is the domain's). */
export interface RosterFile {
  /**
   * SHA-256 of the file's bytes (hex). Kept in memory only: the file is personal data, so the
   * repository stores it only as a keyed hash (with the employer and the worksite) to find a file
   * uploaded again.
   */
  readonly digest: string;
  /** The data rows, in ROSTER_COLUMNS order (1..ROSTER_MAX_ROWS of them). */
  readonly rows: readonly RosterRow[];
}

/**
 * Where roster imports live. The import is an aggregate with an embedded outbox (its completion
 * event and its row errors are written with its state); its rows are personal data, stored sealed
 * (encrypted at rest) in batches next to it and deleted once the import is complete. Every method
 * but the content lookup takes the import id (loading by own id, docs/conventions.md); the content
 * lookup takes the employer.
 */
export interface RosterImportRepository {
  findById(importId: string): Promise<RosterImport | null>;
  /** The import of this file content, uploaded by this employer for this worksite, or null. */
  findByContent(employerId: string, worksiteId: string, digest: string): Promise<RosterImport | null>;
  /** A new import (version 1); DUPLICATE when its id or its content is taken (a concurrent upload). */
  insert(roster: RosterImport, digest: string): Promise<'INSERTED' | 'DUPLICATE'>;
  /**
   * The state one change reached, with its events and the row errors it recorded
   * (`recordedBatchErrors`), if the stored version is still the loaded one.
   */
  save(roster: RosterImport, events: readonly PermitsIntegrationEvent[]): Promise<SaveOutcome>;
  /** Stores the rows sealed, batch by batch, under ids of the import and the batch: storing them again changes nothing. */
  storeRows(roster: RosterImport, rows: readonly RosterRow[]): Promise<void>;
  /** The stored rows of one batch, or null when they are not there. */
  rowsOf(importId: string, batch: number): Promise<RosterRow[] | null>;
  deleteRows(importId: string): Promise<void>;
  /** Every row error recorded so far, by row. */
  rowErrors(importId: string): Promise<RosterRowError[]>;
}

/** The roster job's queue. */
export interface RosterJobs {
  /**
   * Queues the processing of an import; the job carries the import id only. `key` tells runs
   * apart: the same key queued twice is one job.
   */
  enqueue(importId: string, key: string): Promise<void>;
}
