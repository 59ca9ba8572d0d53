import type { Model } from 'mongoose';
import type {
  BatchInsertOutcome,
  ListScope,
  NewAggregate,
  Page,
  PageRequest,
  PermitInsertOutcome,
  PermitListFilter,
  PermitRepository,
  PermitsIntegrationEvent,
  PermitSweepBucket,
  SaveOptions,
  SaveOutcome,
} from '@frontera/permits-application';
import {
  Permit,
  PERMIT_STATUSES,
  type HistoryEntry,
  type PermitOptions,
  type PermitSnapshot,
} from '@frontera/permits-domain';
import {
  OUTBOX_PROJECTION,
  OutboxAggregateStore,
  type OutboxPublisher,
  type StoreInsertManyOptions,
} from '@frontera/platform-messaging';
import { RecordSealer, type PiiCipher } from '@frontera/platform-pii';
import { positionFields, readList, type ListPositions } from '@frontera/platform-store';
import { batchListFields } from './list-chains';
import {
  EMPLOYER_LIST,
  employerChain,
  PERMIT_HISTORY,
  STATE_LIST,
  stateChain,
  type PermitDocument,
} from './permits.schemas';

/** Purpose of the verification token's blind index. */
export const TOKEN_INDEX_PURPOSE = 'permits.permit.verification-token';

/** The verification token is a bearer secret of the card's QR code: stored encrypted, found by its keyed hash. */
const SEALED_PATHS = ['verificationToken'];

const LIST_PROJECTION = { _id: 1, version: 1, record: 1, personalData: 1 } as const;

/**
 * The PermitRepository port on MongoDB / FerretDB. Top-level fields for its equality queries:
 * `number` (unique), `tokenIndex` (unique: the public verification), `applicationId` (unique: a
 * retried issuance finds the permit), worker, employer, worksite and status, and the sweep buckets
 * `expiresOn` / `noticeOn` (a due day, never a range). Listed in its employer's and its state's
 * chains. Events are keyed by employer.
 */
export class MongoPermitRepository implements PermitRepository {
  private readonly store: OutboxAggregateStore<Permit, PermitDocument>;
  private readonly sealer: RecordSealer;

  constructor(
    private readonly model: Model<PermitDocument>,
    private readonly cipher: PiiCipher,
    publisher: OutboxPublisher,
    private readonly positions: ListPositions,
    private readonly options: PermitOptions,
  ) {
    this.sealer = new RecordSealer(cipher, 'permits');
    this.store = new OutboxAggregateStore<Permit, PermitDocument>({
      kind: 'permit',
      model,
      publisher,
      projection: { _id: 1, record: 1, personalData: 1 },
      fromDocument: (document) => this.toPermit(document),
      toFields: (permit) => this.toFields(permit),
      recordsOf: (permit, now) => PERMIT_HISTORY.records(permit.id, permit.recordedHistory, now),
      messageKeyOf: (permit) => permit.employerId,
    });
  }

  tokenIndex(token: string): string {
    return this.cipher.blindIndex(token, TOKEN_INDEX_PURPOSE);
  }

  findById(permitId: string): Promise<Permit | null> {
    return this.store.findById(permitId);
  }

  findByApplicationId(applicationId: string): Promise<Permit | null> {
    return this.store.findOne({ applicationId });
  }

  findByNumber(compactNumber: string): Promise<Permit | null> {
    return this.store.findOne({ number: compactNumber });
  }

  findByVerificationToken(token: string): Promise<Permit | null> {
    return this.store.findOne({ tokenIndex: this.tokenIndex(token) });
  }

  async hasAppliedEvent(permit: Permit, eventId: string): Promise<boolean> {
    return this.store.hasAppliedEvent(permit, eventId);
  }

  async insert(permit: Permit, events: readonly PermitsIntegrationEvent[]): Promise<PermitInsertOutcome> {
    const [byEmployer, byState] = await Promise.all([
      this.positions.next(employerChain(permit.employerId)),
      this.positions.next(stateChain(permit.state)),
    ]);
    const outcome = await this.store.insert(permit, events, {
      ...positionFields(byEmployer, EMPLOYER_LIST),
      ...positionFields(byState, STATE_LIST),
    });
    if (outcome === 'INSERTED') return 'INSERTED';
    // FerretDB's duplicate-key errors do not say which index: ask, most likely first.
    if (await this.model.exists({ _id: permit.id })) return 'DUPLICATE_ID';
    if (await this.model.exists({ applicationId: permit.applicationId })) return 'DUPLICATE_APPLICATION';
    return 'DUPLICATE_NUMBER';
  }

  /**
   * New permits in one insertMany (ordered: false) on the store, listed in their chains (positions
   * taken per chain in one round trip): DUPLICATE where a unique index refused it. The bulk path of
   * a register loaded in bulk (bench/register); issuance inserts one at a time.
   */
  async insertMany(
    items: readonly NewAggregate<Permit>[],
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
    permit: Permit,
    events: readonly PermitsIntegrationEvent[],
    options: SaveOptions = {},
  ): Promise<SaveOutcome> {
    return this.store.save(permit, events, options);
  }

  async ofWorker(workerId: string): Promise<Permit[]> {
    const found = await this.model.find({ workerId }, LIST_PROJECTION).lean<PermitDocument[]>();
    return found.map((d) => this.toPermit(d));
  }

  async countHeldAtWorksite(worksiteId: string): Promise<number> {
    const [active, suspended] = await Promise.all([
      this.model.countDocuments({ worksiteId, status: 'ACTIVE' }),
      this.model.countDocuments({ worksiteId, status: 'SUSPENDED' }),
    ]);
    return active + suspended;
  }

  async heldIdsOfEmployer(employerId: string): Promise<string[]> {
    const [active, suspended] = await Promise.all(
      ['ACTIVE', 'SUSPENDED'].map((status) =>
        this.model.find({ employerId, status }, { _id: 1 }).lean<{ _id: string }[]>(),
      ),
    );
    return [...active, ...suspended].map((d) => d._id);
  }

  async idsOfEmployer(employerId: string): Promise<string[]> {
    // One equality read per status on the { employerId, status } index (never a read of the whole collection).
    const found = await Promise.all(
      PERMIT_STATUSES.map((status) =>
        this.model.find({ employerId, status }, { _id: 1 }).lean<{ _id: string }[]>(),
      ),
    );
    return found.flat().map((d) => d._id);
  }

  async *allIds(): AsyncIterable<string> {
    // A rebuild reads the whole collection by design, ids only, in the driver's batches.
    for await (const document of this.model.collection.find({}, { projection: { _id: 1 } })) {
      yield String(document['_id']);
    }
  }

  async idsDueOn(bucket: PermitSweepBucket, day: string, limit: number): Promise<string[]> {
    const found = await this.model
      .find({ [bucket]: day }, { _id: 1 })
      .limit(limit)
      .lean<{ _id: string }[]>();
    return found.map((d) => d._id);
  }

  async list(scope: ListScope, filter: PermitListFilter, page: PageRequest): Promise<Page<Permit>> {
    const equality = {
      ...(filter.status !== undefined ? { status: filter.status } : {}),
      ...(filter.workerId !== undefined ? { workerId: filter.workerId } : {}),
    };
    const byEmployer = scope.kind === 'EMPLOYER';
    const found = await readList({
      collection: this.model.collection,
      positions: this.positions,
      chains: byEmployer
        ? [{ name: employerChain(scope.employerId), filter: { employerId: scope.employerId } }]
        : [...scope.states].sort().map((state) => ({ name: stateChain(state), filter: { state } })),
      fields: byEmployer ? EMPLOYER_LIST : STATE_LIST,
      filter: equality,
      projection: LIST_PROJECTION,
      limit: page.limit,
      ...(page.cursor !== undefined ? { cursor: page.cursor } : {}),
    });
    return {
      items: found.documents.map((d) => this.toPermit(d as unknown as PermitDocument)),
      nextCursor: found.nextCursor,
    };
  }

  history(permitId: string): Promise<HistoryEntry[]> {
    const db = this.model.db.db;
    if (!db) throw new Error('the database connection is not open');
    return PERMIT_HISTORY.read(db, permitId, () => this.model.findById(permitId, OUTBOX_PROJECTION).lean());
  }

  private toFields(permit: Permit): Record<string, unknown> {
    const { version: _version, ...snapshot } = permit.toSnapshot();
    return {
      number: permit.number.compact,
      tokenIndex: this.tokenIndex(snapshot.verificationToken),
      applicationId: snapshot.applicationId,
      workerId: snapshot.workerId,
      employerId: snapshot.employerId,
      worksiteId: snapshot.worksiteId,
      state: snapshot.state,
      status: snapshot.status,
      expiresOn: snapshot.expiresOn,
      noticeOn: snapshot.noticeOn,
      ...this.sealer.seal(permit.id, snapshot, SEALED_PATHS),
      updatedAt: new Date(),
    };
  }

  private toPermit(document: Pick<PermitDocument, '_id' | 'version' | 'record' | 'personalData'>): Permit {
    const snapshot = this.sealer.open<Omit<PermitSnapshot, 'version'>>(document._id, document);
    return Permit.fromSnapshot({ ...snapshot, version: document.version } as PermitSnapshot, this.options);
  }
}
