import {
  RosterImport,
  type RosterImportSnapshot,
  type RosterRow,
  type RosterRowError,
} from '@frontera/permits-domain';
import type { SaveOutcome } from '@frontera/shared-application';
import type { PermitsIntegrationEvent } from '../events/integration-events';
import type { RosterImportRepository, RosterJobs } from '../use-cases/rosters/roster.ports';

interface StoredImport {
  snapshot: RosterImportSnapshot;
  contentKey: string;
}

/**
 * RosterImportRepository in memory, with the adapter's behaviour: snapshots (what a handler did
 * not save is lost), a unique content key per employer and worksite, version-conditioned saves
 * storing the events and the recorded row errors with the state, rows by batch.
 */
export class InMemoryRosterImports implements RosterImportRepository {
  readonly imports = new Map<string, StoredImport>();
  readonly rows = new Map<string, RosterRow[]>();
  readonly errors = new Map<string, RosterRowError[]>();
  readonly published: PermitsIntegrationEvent[] = [];
  /** Saves, by import id (each one a progress write). */
  readonly saves = new Map<string, number>();

  stored(importId: string): RosterImport | null {
    const found = this.imports.get(importId);
    return found ? RosterImport.fromSnapshot(found.snapshot) : null;
  }

  async findById(importId: string): Promise<RosterImport | null> {
    return this.stored(importId);
  }

  async findByContent(employerId: string, worksiteId: string, digest: string): Promise<RosterImport | null> {
    const key = `${employerId}|${worksiteId}|${digest}`;
    const found = [...this.imports.values()].find((i) => i.contentKey === key);
    return found ? RosterImport.fromSnapshot(found.snapshot) : null;
  }

  async insert(roster: RosterImport, digest: string): Promise<'INSERTED' | 'DUPLICATE'> {
    const contentKey = `${roster.employerId}|${roster.worksiteId}|${digest}`;
    if (this.imports.has(roster.id) || [...this.imports.values()].some((i) => i.contentKey === contentKey)) {
      return 'DUPLICATE';
    }
    this.imports.set(roster.id, { snapshot: roster.toSnapshot(), contentKey });
    return 'INSERTED';
  }

  async save(roster: RosterImport, events: readonly PermitsIntegrationEvent[]): Promise<SaveOutcome> {
    const found = this.imports.get(roster.id);
    if (!found || found.snapshot.version !== roster.persistedVersion) return 'VERSION_CONFLICT';
    found.snapshot = roster.toSnapshot();
    this.published.push(...events);
    const errors = this.errors.get(roster.id) ?? [];
    for (const batch of roster.recordedBatchErrors) errors.push(...batch.errors);
    this.errors.set(roster.id, errors);
    this.saves.set(roster.id, (this.saves.get(roster.id) ?? 0) + 1);
    return 'SAVED';
  }

  async storeRows(roster: RosterImport, rows: readonly RosterRow[]): Promise<void> {
    for (let batch = 0; batch < roster.batches; batch++) {
      const key = `${roster.id}:${batch}`;
      if (!this.rows.has(key)) {
        this.rows.set(key, rows.slice(batch * roster.batchSize, (batch + 1) * roster.batchSize));
      }
    }
  }

  async rowsOf(importId: string, batch: number): Promise<RosterRow[] | null> {
    return this.rows.get(`${importId}:${batch}`) ?? null;
  }

  async deleteRows(importId: string): Promise<void> {
    for (const key of [...this.rows.keys()]) if (key.startsWith(`${importId}:`)) this.rows.delete(key);
  }

  async rowErrors(importId: string): Promise<RosterRowError[]> {
    return [...(this.errors.get(importId) ?? [])].sort((a, b) => a.row - b.row);
  }
}

/** RosterJobs in memory: the queued jobs by key (a key queued twice is one job). */
export class InMemoryRosterJobs implements RosterJobs {
  readonly jobs = new Map<string, string>();

  async enqueue(importId: string, key: string): Promise<void> {
    if (!this.jobs.has(key)) this.jobs.set(key, importId);
  }
}
