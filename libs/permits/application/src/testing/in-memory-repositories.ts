import {
  HELD_PERMIT_STATUSES,
  Permit,
  PermitApplication,
  Worker,
  type EmployerStanding,
  type HistoryEntry,
  type PermitApplicationSnapshot,
  type PermitOptions,
  type PermitSnapshot,
  type WorkerSnapshot,
} from '@frontera/permits-domain';
import type { SaveOptions, SaveOutcome } from '@frontera/shared-application';
import type { ListScope } from '../authorization/permits-access.policy';
import type { PermitsIntegrationEvent } from '../events/integration-events';
import type {
  ApplicationListFilter,
  ApplicationRepository,
  ApplicationSummary,
  BatchInsertOutcome,
  NewAggregate,
  EmployerStandingRepository,
  Page,
  PageRequest,
  PermitInsertOutcome,
  PermitListFilter,
  PermitRepository,
  PermitSweepBucket,
  StoredStanding,
  WorkerRepository,
} from '../ports/repositories.port';
import { InMemoryStore, pageOf } from './in-memory-store';

function inScope(scope: ListScope, target: { employerId: string; state: string }): boolean {
  return scope.kind === 'EMPLOYER'
    ? target.employerId === scope.employerId
    : (scope.states as readonly string[]).includes(target.state);
}

/**
 * PermitRepository in memory, with the adapter's behaviour: snapshots rebuilt with the permit
 * options in force (so the sweep buckets are recomputed), unique id, number and application,
 * version-conditioned saves with the applied event id. `store.callsOf('idsDueOn')` counts bucket
 * reads and `dueQueries` lists them.
 */
export class InMemoryPermitRepository implements PermitRepository {
  readonly store: InMemoryStore<Permit, PermitSnapshot>;
  /** Every `idsDueOn` call, in order. */
  readonly dueQueries: { bucket: PermitSweepBucket; day: string; limit: number }[] = [];

  constructor(private readonly options: PermitOptions = {}) {
    this.store = new InMemoryStore((snapshot) => Permit.fromSnapshot(snapshot, this.options));
  }

  /** Stores permits as they are (a test's Given); returns them as loaded. */
  given(...permits: Permit[]): Permit[] {
    return permits.map((permit) => this.store.given(permit));
  }

  /** The permit as stored now (null when absent). */
  stored(permitId: string): Permit | null {
    return this.store.load(permitId);
  }

  async findById(permitId: string): Promise<Permit | null> {
    this.store.count('findById');
    return this.store.load(permitId);
  }

  async findByApplicationId(applicationId: string): Promise<Permit | null> {
    this.store.count('findByApplicationId');
    return this.store.all().find((p) => p.applicationId === applicationId) ?? null;
  }

  async findByNumber(compactNumber: string): Promise<Permit | null> {
    this.store.count('findByNumber');
    return this.store.all().find((p) => p.number.compact === compactNumber) ?? null;
  }

  async findByVerificationToken(token: string): Promise<Permit | null> {
    this.store.count('findByVerificationToken');
    return this.store.all().find((p) => p.verificationToken.value === token) ?? null;
  }

  async hasAppliedEvent(permit: Permit, eventId: string): Promise<boolean> {
    return this.store.hasApplied(permit.id, eventId);
  }

  async insert(permit: Permit, events: readonly PermitsIntegrationEvent[]): Promise<PermitInsertOutcome> {
    this.store.count('insert');
    if (this.store.rows.has(permit.id)) return 'DUPLICATE_ID';
    const all = this.store.all();
    if (all.some((p) => p.applicationId === permit.applicationId)) return 'DUPLICATE_APPLICATION';
    if (all.some((p) => p.number.compact === permit.number.compact)) return 'DUPLICATE_NUMBER';
    this.store.insertRow(permit, events);
    return 'INSERTED';
  }

  async save(
    permit: Permit,
    events: readonly PermitsIntegrationEvent[],
    options?: SaveOptions,
  ): Promise<SaveOutcome> {
    this.store.count('save');
    return this.store.saveRow(permit, events, options);
  }

  async ofWorker(workerId: string): Promise<Permit[]> {
    this.store.count('ofWorker');
    return this.store.all().filter((p) => p.workerId === workerId);
  }

  async countHeldAtWorksite(worksiteId: string): Promise<number> {
    this.store.count('countHeldAtWorksite');
    return this.store
      .all()
      .filter((p) => p.worksiteId === worksiteId && HELD_PERMIT_STATUSES.includes(p.status)).length;
  }

  async heldIdsOfEmployer(employerId: string): Promise<string[]> {
    this.store.count('heldIdsOfEmployer');
    return this.store
      .all()
      .filter((p) => p.employerId === employerId && HELD_PERMIT_STATUSES.includes(p.status))
      .map((p) => p.id);
  }

  async idsOfEmployer(employerId: string): Promise<string[]> {
    this.store.count('idsOfEmployer');
    return this.store
      .all()
      .filter((p) => p.employerId === employerId)
      .map((p) => p.id);
  }

  async *allIds(): AsyncIterable<string> {
    this.store.count('allIds');
    for (const permit of this.store.all()) yield permit.id;
  }

  async idsDueOn(bucket: PermitSweepBucket, day: string, limit: number): Promise<string[]> {
    this.store.count('idsDueOn');
    this.dueQueries.push({ bucket, day, limit });
    return [...this.store.rows.entries()]
      .filter(([, row]) => row.snapshot[bucket] === day)
      .slice(0, limit)
      .map(([id]) => id);
  }

  async list(scope: ListScope, filter: PermitListFilter, page: PageRequest): Promise<Page<Permit>> {
    this.store.count('list');
    const items = this.store
      .all()
      .filter(
        (p) =>
          inScope(scope, p) &&
          (filter.status === undefined || p.status === filter.status) &&
          (filter.workerId === undefined || p.workerId === filter.workerId),
      )
      .reverse();
    return pageOf(items, page);
  }

  async history(permitId: string): Promise<HistoryEntry[]> {
    this.store.count('history');
    return this.store.historyOf(permitId);
  }
}

/** ApplicationRepository in memory (snapshots, version-conditioned saves, counted calls). */
export class InMemoryApplicationRepository implements ApplicationRepository {
  readonly store = new InMemoryStore<PermitApplication, PermitApplicationSnapshot>((snapshot) =>
    PermitApplication.fromSnapshot(snapshot),
  );

  given(...applications: PermitApplication[]): PermitApplication[] {
    return applications.map((application) => this.store.given(application));
  }

  stored(applicationId: string): PermitApplication | null {
    return this.store.load(applicationId);
  }

  async findById(applicationId: string): Promise<PermitApplication | null> {
    this.store.count('findById');
    return this.store.load(applicationId);
  }

  async hasAppliedEvent(application: PermitApplication, eventId: string): Promise<boolean> {
    return this.store.hasApplied(application.id, eventId);
  }

  async insert(
    application: PermitApplication,
    events: readonly PermitsIntegrationEvent[],
  ): Promise<'INSERTED' | 'DUPLICATE'> {
    this.store.count('insert');
    return this.store.insertRow(application, events);
  }

  async insertMany(items: readonly NewAggregate<PermitApplication>[]): Promise<BatchInsertOutcome[]> {
    this.store.count('insertMany');
    return items.map(({ aggregate, events }) => this.store.insertRow(aggregate, events));
  }

  async save(
    application: PermitApplication,
    events: readonly PermitsIntegrationEvent[],
    options?: SaveOptions,
  ): Promise<SaveOutcome> {
    this.store.count('save');
    return this.store.saveRow(application, events, options);
  }

  async summariesOfWorker(workerId: string): Promise<ApplicationSummary[]> {
    this.store.count('summariesOfWorker');
    return this.store
      .all()
      .filter((a) => a.workerId === workerId)
      .map((a) => ({ applicationId: a.id, employerId: a.employerId, state: a.state, status: a.status }));
  }

  async list(
    scope: ListScope,
    filter: ApplicationListFilter,
    page: PageRequest,
  ): Promise<Page<PermitApplication>> {
    this.store.count('list');
    const items = this.store
      .all()
      .filter((a) => inScope(scope, a) && (filter.status === undefined || a.status === filter.status))
      .reverse();
    return pageOf(items, page);
  }

  async history(applicationId: string): Promise<HistoryEntry[]> {
    this.store.count('history');
    return this.store.historyOf(applicationId);
  }
}

/**
 * WorkerRepository in memory: the document key is unique (DUPLICATE_DOCUMENT), blocking keys and
 * phones are compared as the domain computes them (the adapter's blind indexes are keyed hashes of
 * the same values).
 */
export class InMemoryWorkerRepository implements WorkerRepository {
  readonly store = new InMemoryStore<Worker, WorkerSnapshot>((snapshot) => Worker.fromSnapshot(snapshot));

  given(...workers: Worker[]): Worker[] {
    return workers.map((worker) => this.store.given(worker));
  }

  stored(workerId: string): Worker | null {
    return this.store.load(workerId);
  }

  async findById(workerId: string): Promise<Worker | null> {
    this.store.count('findById');
    return this.store.load(workerId);
  }

  async findByDocumentKey(documentKey: string): Promise<Worker | null> {
    this.store.count('findByDocumentKey');
    return this.store.all().find((w) => w.documentKey() === documentKey) ?? null;
  }

  async hasAppliedEvent(worker: Worker, eventId: string): Promise<boolean> {
    return this.store.hasApplied(worker.id, eventId);
  }

  async insert(
    worker: Worker,
    events: readonly PermitsIntegrationEvent[],
  ): Promise<'INSERTED' | 'DUPLICATE_ID' | 'DUPLICATE_DOCUMENT'> {
    this.store.count('insert');
    if (this.store.rows.has(worker.id)) return 'DUPLICATE_ID';
    if (this.store.all().some((w) => w.documentKey() === worker.documentKey())) return 'DUPLICATE_DOCUMENT';
    this.store.insertRow(worker, events);
    return 'INSERTED';
  }

  /** Like the adapter: each item on its own (a taken id or document refuses that one only). */
  async insertMany(items: readonly NewAggregate<Worker>[]): Promise<BatchInsertOutcome[]> {
    this.store.count('insertMany');
    return items.map(({ aggregate, events }) => {
      if (this.store.rows.has(aggregate.id)) return 'DUPLICATE';
      if (this.store.all().some((w) => w.documentKey() === aggregate.documentKey())) return 'DUPLICATE';
      this.store.insertRow(aggregate, events);
      return 'INSERTED';
    });
  }

  async save(
    worker: Worker,
    events: readonly PermitsIntegrationEvent[],
    options?: SaveOptions,
  ): Promise<SaveOutcome> {
    this.store.count('save');
    return this.store.saveRow(worker, events, options);
  }

  async findByBlockingKeys(keys: readonly string[], limit: number, exceptId?: string): Promise<Worker[]> {
    this.store.count('findByBlockingKeys');
    return this.store
      .all()
      .filter((w) => w.id !== exceptId && w.duplicateBlockingKeys().some((key) => keys.includes(key)))
      .slice(0, limit);
  }

  async idsWithPhone(phoneKey: string, limit: number): Promise<string[]> {
    this.store.count('idsWithPhone');
    return this.store
      .all()
      .filter((w) => w.phoneKey() === phoneKey)
      .slice(0, limit)
      .map((w) => w.id);
  }
}

/** EmployerStandingRepository in memory: stores conditioned on what was read (VERSION_CONFLICT otherwise). */
export class InMemoryEmployerStandingRepository implements EmployerStandingRepository {
  readonly rows = new Map<string, StoredStanding>();
  writes = 0;

  /** A standing as if its events had been applied (a test's Given). */
  given(...standings: EmployerStanding[]): void {
    for (const standing of standings) {
      const previous = this.rows.get(standing.employerId);
      this.rows.set(standing.employerId, {
        standing,
        version: (previous?.version ?? 0) + 1,
        appliedEvents: previous?.appliedEvents ?? [],
      });
    }
  }

  async find(employerId: string): Promise<StoredStanding | null> {
    return this.rows.get(employerId) ?? null;
  }

  async store(
    standing: EmployerStanding,
    previous: StoredStanding | null,
    eventId: string,
  ): Promise<SaveOutcome> {
    const current = this.rows.get(standing.employerId) ?? null;
    if ((current?.version ?? 0) !== (previous?.version ?? 0)) return 'VERSION_CONFLICT';
    this.rows.set(standing.employerId, {
      standing,
      version: (current?.version ?? 0) + 1,
      appliedEvents: [...(current?.appliedEvents ?? []), eventId],
    });
    this.writes += 1;
    return 'SAVED';
  }
}
