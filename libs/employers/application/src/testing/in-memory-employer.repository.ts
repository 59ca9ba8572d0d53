import {
  Employer,
  type ChangeHistoryEntry,
  type EmployerSnapshot,
  type Rfc,
} from '@frontera/employers-domain';
import type { EmployerIntegrationEvent } from '../events/integration-events';
import type {
  EmployerListFilter,
  EmployerListScope,
  EmployerRepository,
  InsertOutcome,
  Page,
  PageRequest,
  SaveOptions,
  SaveOutcome,
} from '../ports/employer.repository.port';

interface Stored {
  snapshot: EmployerSnapshot;
  appliedEvents: string[];
  history: ChangeHistoryEntry[];
}

/**
 * The repository port in memory, with the real adapter's guarantees: snapshots (not live
 * objects) are stored, inserts refuse a duplicate id or RFC, saves check the version. Every
 * stored event is kept in `published` for assertions.
 */
export class InMemoryEmployerRepository implements EmployerRepository {
  private readonly rows = new Map<string, Stored>();
  readonly published: EmployerIntegrationEvent[] = [];
  /** Writes that reached the store (inserts and saves). */
  writes = 0;

  constructor(private readonly eligibleStates?: readonly string[]) {}

  async findById(employerId: string): Promise<Employer | null> {
    const row = this.rows.get(employerId);
    return row ? Employer.fromSnapshot(structuredClone(row.snapshot), this.options()) : null;
  }

  async hasAppliedEvent(employer: Employer, eventId: string): Promise<boolean> {
    return this.rows.get(employer.id)?.appliedEvents.includes(eventId) ?? false;
  }

  async history(employerId: string): Promise<ChangeHistoryEntry[]> {
    return structuredClone(this.rows.get(employerId)?.history ?? []);
  }

  async insert(employer: Employer, events: readonly EmployerIntegrationEvent[]): Promise<InsertOutcome> {
    if (this.rows.has(employer.id)) return 'DUPLICATE_ID';
    if ([...this.rows.values()].some((r) => sameRfc(r.snapshot.rfc, employer.rfc))) return 'DUPLICATE_RFC';
    this.rows.set(employer.id, {
      snapshot: employer.toSnapshot(),
      appliedEvents: [],
      history: [...employer.recordedHistory],
    });
    this.published.push(...events);
    this.writes += 1;
    return 'INSERTED';
  }

  async save(
    employer: Employer,
    events: readonly EmployerIntegrationEvent[],
    options: SaveOptions = {},
  ): Promise<SaveOutcome> {
    const row = this.rows.get(employer.id);
    if (!row || row.snapshot.version !== employer.persistedVersion) return 'VERSION_CONFLICT';
    row.snapshot = employer.toSnapshot();
    row.history.push(...employer.recordedHistory);
    if (options.appliedEventId) row.appliedEvents.push(options.appliedEventId);
    this.published.push(...events);
    this.writes += 1;
    return 'SAVED';
  }

  async list(
    scope: EmployerListScope,
    filter: EmployerListFilter,
    page: PageRequest,
  ): Promise<Page<Employer>> {
    const matching = [...this.rows.values()]
      .map((r) => r.snapshot)
      .filter((s) =>
        scope.kind === 'EMPLOYER' ? s.id === scope.employerId : scope.states.includes(s.address.state),
      )
      .filter(
        (s) =>
          (filter.state === undefined || s.address.state === filter.state) &&
          (filter.status === undefined || s.status === filter.status) &&
          (filter.rating === undefined || s.rating === filter.rating) &&
          (filter.sector === undefined || s.sector === filter.sector),
      )
      .sort(
        (a, b) =>
          a.address.state.localeCompare(b.address.state) ||
          b.registered.at.localeCompare(a.registered.at) ||
          a.id.localeCompare(b.id),
      );
    // An opaque cursor, like the real adapter's (here simply the offset).
    const start = page.cursor === undefined ? 0 : Number(Buffer.from(page.cursor, 'base64url').toString());
    const end = start + page.limit;
    return {
      items: matching.slice(start, end).map((s) => Employer.fromSnapshot(structuredClone(s), this.options())),
      nextCursor: end < matching.length ? Buffer.from(String(end)).toString('base64url') : null,
    };
  }

  /** Test setup: stores an employer built elsewhere (e.g. with the domain builders), as it is. */
  given(...employers: Employer[]): this {
    for (const employer of employers) {
      this.rows.set(employer.id, {
        snapshot: employer.toSnapshot(),
        appliedEvents: [],
        history: [...employer.recordedHistory],
      });
    }
    return this;
  }

  /** Test hook: bumps the stored version, as a writer that ignores the lock would. */
  touch(employerId: string): void {
    const row = this.rows.get(employerId);
    if (row) row.snapshot = { ...row.snapshot, version: row.snapshot.version + 1 };
  }

  private options() {
    return this.eligibleStates ? { eligibleStates: this.eligibleStates } : {};
  }
}

function sameRfc(stored: string, rfc: Rfc): boolean {
  return stored === rfc.value;
}
