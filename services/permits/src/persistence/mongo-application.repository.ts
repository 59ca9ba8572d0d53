import type { Model } from 'mongoose';
import type {
  ApplicationListFilter,
  ApplicationRepository,
  ApplicationSummary,
  BatchInsertOutcome,
  ListScope,
  NewAggregate,
  Page,
  PageRequest,
  PermitsIntegrationEvent,
  SaveOptions,
  SaveOutcome,
} from '@frontera/permits-application';
import {
  PermitApplication,
  type ApplicationStatus,
  type HistoryEntry,
  type PermitApplicationSnapshot,
} from '@frontera/permits-domain';
import {
  OUTBOX_PROJECTION,
  OutboxAggregateStore,
  type OutboxPublisher,
  type StoreInsertManyOptions,
} from '@frontera/platform-messaging';
import { positionFields, readList, type ListPositions } from '@frontera/platform-store';
import { batchListFields } from './list-chains';
import {
  APPLICATION_HISTORY,
  EMPLOYER_LIST,
  employerChain,
  STATE_LIST,
  stateChain,
  type ApplicationDocument,
} from './permits.schemas';

const SUMMARY_PROJECTION = { _id: 1, version: 1, record: 1 } as const;

/**
 * The ApplicationRepository port on MongoDB / FerretDB. No personal data (the worker is referred
 * to by id). Listed in two chains — its employer's and its state's — each position in its own
 * fields; lists are read by page bucket with equality filters only. Events are keyed by employer.
 */
export class MongoApplicationRepository implements ApplicationRepository {
  private readonly store: OutboxAggregateStore<PermitApplication, ApplicationDocument>;

  constructor(
    private readonly model: Model<ApplicationDocument>,
    publisher: OutboxPublisher,
    private readonly positions: ListPositions,
  ) {
    this.store = new OutboxAggregateStore<PermitApplication, ApplicationDocument>({
      kind: 'application',
      model,
      publisher,
      projection: { _id: 1, record: 1 },
      fromDocument: (document) => toApplication(document),
      toFields: (application) => toFields(application),
      recordsOf: (application, now) =>
        APPLICATION_HISTORY.records(application.id, application.recordedHistory, now),
      messageKeyOf: (application) => application.employerId,
    });
  }

  findById(applicationId: string): Promise<PermitApplication | null> {
    return this.store.findById(applicationId);
  }

  async hasAppliedEvent(application: PermitApplication, eventId: string): Promise<boolean> {
    return this.store.hasAppliedEvent(application, eventId);
  }

  async insert(
    application: PermitApplication,
    events: readonly PermitsIntegrationEvent[],
  ): Promise<'INSERTED' | 'DUPLICATE'> {
    const [byEmployer, byState] = await Promise.all([
      this.positions.next(employerChain(application.employerId)),
      this.positions.next(stateChain(application.state)),
    ]);
    return this.store.insert(application, events, {
      ...positionFields(byEmployer, EMPLOYER_LIST),
      ...positionFields(byState, STATE_LIST),
    });
  }

  /**
   * One insertMany (ordered: false) on the store, the list positions taken per chain in one round
   * trip each (INCRBY): positions of refused documents stay unused.
   */
  async insertMany(
    items: readonly NewAggregate<PermitApplication>[],
    options: StoreInsertManyOptions = {},
  ): Promise<BatchInsertOutcome[]> {
    if (items.length === 0) return [];
    const extra = await batchListFields(
      this.positions,
      items.map(({ aggregate }) => aggregate),
    );
    return this.store.insertMany(
      items.map((item, index) => ({ ...item, extra: extra[index] })),
      options,
    );
  }

  save(
    application: PermitApplication,
    events: readonly PermitsIntegrationEvent[],
    options: SaveOptions = {},
  ): Promise<SaveOutcome> {
    return this.store.save(application, events, options);
  }

  async summariesOfWorker(workerId: string): Promise<ApplicationSummary[]> {
    const found = await this.model
      .find({ workerId }, { _id: 1, employerId: 1, state: 1, status: 1 })
      .lean<Pick<ApplicationDocument, '_id' | 'employerId' | 'state' | 'status'>[]>();
    return found.map((d) => ({
      applicationId: d._id,
      employerId: d.employerId,
      state: d.state,
      status: d.status as ApplicationStatus,
    }));
  }

  async list(
    scope: ListScope,
    filter: ApplicationListFilter,
    page: PageRequest,
  ): Promise<Page<PermitApplication>> {
    const equality = filter.status !== undefined ? { status: filter.status } : {};
    const byEmployer = scope.kind === 'EMPLOYER';
    const found = await readList({
      collection: this.model.collection,
      positions: this.positions,
      chains: byEmployer
        ? [{ name: employerChain(scope.employerId), filter: { employerId: scope.employerId } }]
        : [...scope.states].sort().map((state) => ({ name: stateChain(state), filter: { state } })),
      fields: byEmployer ? EMPLOYER_LIST : STATE_LIST,
      filter: equality,
      projection: SUMMARY_PROJECTION,
      limit: page.limit,
      ...(page.cursor !== undefined ? { cursor: page.cursor } : {}),
    });
    return {
      items: found.documents.map((d) => toApplication(d as unknown as ApplicationDocument)),
      nextCursor: found.nextCursor,
    };
  }

  history(applicationId: string): Promise<HistoryEntry[]> {
    return APPLICATION_HISTORY.read(this.dbOf(), applicationId, () =>
      this.model.findById(applicationId, OUTBOX_PROJECTION).lean(),
    );
  }

  private dbOf() {
    const db = this.model.db.db;
    if (!db) throw new Error('the database connection is not open');
    return db;
  }
}

function toFields(application: PermitApplication): Record<string, unknown> {
  const { version: _version, ...record } = application.toSnapshot();
  return {
    record,
    employerId: application.employerId,
    worksiteId: application.worksiteId,
    workerId: application.workerId,
    state: application.state,
    status: application.status,
    kind: application.kind,
    updatedAt: new Date(),
  };
}

function toApplication(document: Pick<ApplicationDocument, 'version' | 'record'>): PermitApplication {
  return PermitApplication.fromSnapshot({
    ...(document.record as Omit<PermitApplicationSnapshot, 'version'>),
    version: document.version,
  } as PermitApplicationSnapshot);
}
