import type { Model } from 'mongoose';
import type {
  EmployerIntegrationEvent,
  EmployerListFilter,
  EmployerListScope,
  EmployerRepository,
  InsertOutcome,
  Page,
  PageRequest,
  SaveOptions,
  SaveOutcome,
} from '@frontera/employers-application';
import { Employer, type ChangeHistoryEntry, type EmployerOptions } from '@frontera/employers-domain';
import { OUTBOX_PROJECTION, OutboxAggregateStore, type OutboxPublisher } from '@frontera/platform-messaging';
import { readList, type ListPositions } from '@frontera/platform-store';
import type { EmployerDocumentMapper } from './employer-document.mapper';
import { EMPLOYER_HISTORY } from './employer-history';
import type { EmployerDocument } from './employer.schema';

type SummaryDocument = Pick<EmployerDocument, '_id' | 'version' | 'record' | 'personalData'>;

const SUMMARY_PROJECTION = { _id: 1, version: 1, record: 1, personalData: 1 } as const;

/** The chain of an employer's list position: its registered address state. */
const chainOf = (state: string): string => `state:${state}`;

/**
 * The EmployerRepository port on MongoDB / FerretDB (mongoose).
 *
 * - Loads, inserts and saves go through the shared OutboxAggregateStore (platform-messaging): a
 *   load is one `findOne({ _id })` that also reads what the next write needs; a save is ONE
 *   single-document update of the state, its events and its history entries (outbox records),
 *   conditioned on the loaded version, published after the write without reading back. Callers
 *   hold the employer's lock (FerretDB 1.x does not apply concurrent updates atomically).
 * - The change history lives in `employer_history` (append-only), read only when asked for.
 * - Lists are read by page buckets of each state's position chain (platform-store).
 * - Personal data is encrypted by the mapper; the RFC is found through its blind index.
 */
export class MongoEmployerRepository implements EmployerRepository {
  private readonly store: OutboxAggregateStore<Employer, EmployerDocument>;

  constructor(
    private readonly model: Model<EmployerDocument>,
    private readonly mapper: EmployerDocumentMapper,
    publisher: OutboxPublisher,
    private readonly positions: ListPositions,
    private readonly options: EmployerOptions,
  ) {
    this.store = new OutboxAggregateStore<Employer, EmployerDocument>({
      kind: 'employer',
      model,
      publisher,
      projection: { _id: 1, record: 1, personalData: 1, state: 1 },
      fromDocument: (document) => this.toEmployer(document),
      toFields: (employer) => this.mapper.toFields(employer.toSnapshot()),
      recordsOf: (employer, now) => EMPLOYER_HISTORY.records(employer.id, employer.recordedHistory, now),
    });
  }

  findById(employerId: string): Promise<Employer | null> {
    return this.store.findById(employerId);
  }

  async hasAppliedEvent(employer: Employer, eventId: string): Promise<boolean> {
    return this.store.hasAppliedEvent(employer, eventId);
  }

  async insert(employer: Employer, events: readonly EmployerIntegrationEvent[]): Promise<InsertOutcome> {
    const position = await this.positions.next(chainOf(employer.toSnapshot().address.state));
    const outcome = await this.store.insert(employer, events, { ...position });
    if (outcome === 'INSERTED') return 'INSERTED';
    // FerretDB's duplicate-key errors do not say which index: ask.
    return (await this.model.exists({ _id: employer.id })) ? 'DUPLICATE_ID' : 'DUPLICATE_RFC';
  }

  async save(
    employer: Employer,
    events: readonly EmployerIntegrationEvent[],
    options: SaveOptions = {},
  ): Promise<SaveOutcome> {
    // A change of state takes a new position in the other state's list: the employer is listed first there.
    const listState = this.store.loadedOf(employer).document.state;
    const state = employer.toSnapshot().address.state;
    const position = state === listState ? {} : await this.positions.next(chainOf(state));
    return this.store.save(employer, events, { ...options, set: position });
  }

  history(employerId: string): Promise<ChangeHistoryEntry[]> {
    return EMPLOYER_HISTORY.read(this.model.db.db!, employerId, () =>
      this.model.findById(employerId, OUTBOX_PROJECTION).lean(),
    );
  }

  /**
   * Employers by page bucket of their state's list, with equality filters only: each query matches
   * at most a bucket (50 positions) whatever the size of the register (platform-store readList).
   */
  async list(
    scope: EmployerListScope,
    filter: EmployerListFilter,
    page: PageRequest,
  ): Promise<Page<Employer>> {
    const equality = {
      ...(filter.status !== undefined ? { status: filter.status } : {}),
      ...(filter.rating !== undefined ? { rating: filter.rating } : {}),
      ...(filter.sector !== undefined ? { sector: filter.sector } : {}),
    };
    if (scope.kind === 'EMPLOYER') {
      // Its own employer only: one lookup by id; the filters still apply.
      const own = await this.model
        .findOne(
          { _id: scope.employerId, ...equality, ...(filter.state ? { state: filter.state } : {}) },
          SUMMARY_PROJECTION,
        )
        .lean<SummaryDocument>();
      return { items: own ? [this.toEmployer(own)] : [], nextCursor: null };
    }
    // The caller's states, alphabetically; a state filter outside them finds nothing.
    const states = [...scope.states].filter((s) => filter.state === undefined || s === filter.state).sort();
    const found = await readList({
      collection: this.model.collection,
      positions: this.positions,
      chains: states.map((state) => ({ name: chainOf(state), filter: { state } })),
      filter: equality,
      projection: SUMMARY_PROJECTION,
      limit: page.limit,
      ...(page.cursor !== undefined ? { cursor: page.cursor } : {}),
    });
    return {
      items: found.documents.map((d) => this.toEmployer(d as unknown as SummaryDocument)),
      nextCursor: found.nextCursor,
    };
  }

  private toEmployer(document: SummaryDocument): Employer {
    return Employer.fromSnapshot(this.mapper.toSnapshot(document), this.options);
  }
}
