import { Logger } from '@nestjs/common';
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
import { isDuplicateKeyError } from '@frontera/platform-errors';
import {
  appliedEventsWith,
  documentWithOutbox,
  EMPTY_OUTBOX,
  OUTBOX_PROJECTION,
  outboxEntriesFor,
  outboxRecordsFor,
  pendingOutboxOf,
  versionedOutboxWrite,
  writtenOutbox,
  type OutboxPublisher,
  type OutboxRecord,
  type PendingOutbox,
  type WrittenOutbox,
} from '@frontera/platform-messaging';
import { readList, type ListPositions } from '@frontera/platform-store';
import type { EmployerDocumentMapper } from './employer-document.mapper';
import {
  EMPLOYER_HISTORY_COLLECTION,
  historyDocumentsOf,
  type EmployerHistoryDocument,
} from './employer-history';
import type { EmployerDocument } from './employer.schema';

/** What a load read besides the state: the write after it needs it, without reading again. */
interface Loaded {
  readonly appliedEvents: readonly string[];
  readonly pending: PendingOutbox;
  /** The state whose list the employer is in (a reported change of state moves it to another). */
  readonly listState: string;
}

type LoadedDocument = Pick<
  EmployerDocument,
  '_id' | 'version' | 'record' | 'personalData' | 'appliedEvents' | 'state' | 'outbox' | 'outboxRecords'
>;

const LOAD_PROJECTION = {
  _id: 1,
  version: 1,
  record: 1,
  personalData: 1,
  appliedEvents: 1,
  state: 1,
  ...OUTBOX_PROJECTION,
} as const;

const SUMMARY_PROJECTION = { _id: 1, version: 1, record: 1, personalData: 1 } as const;

/** The chain of an employer's list position: its registered address state. */
const chainOf = (state: string): string => `state:${state}`;

/**
 * The EmployerRepository port on MongoDB / FerretDB (mongoose).
 *
 * - A load is one `findOne({ _id })` (an index lookup on both stores); it reads the state and what
 *   the next write needs (applied event ids, the outbox still pending), kept for that write.
 * - A command's save is ONE single-document update: the new state, `version + 1`, the command's
 *   events and its history entries (outbox records) appended to the embedded outbox
 *   (`versionedOutboxWrite`), conditioned on the version the command was decided on. Callers hold
 *   the employer's lock (FerretDB 1.x does not apply concurrent updates atomically); the version
 *   condition is the second line of defence.
 * - After the write, the publisher sends the events and moves the history entries to
 *   `employer_history` without reading the document back, and prunes the outbox later, batched
 *   (OutboxPublisher.publishWritten, never throws; the request does not wait for Kafka). The
 *   outbox relay publishes whatever that missed (process killed, Kafka down).
 * - The change history lives in `employer_history` (append-only), read only when asked for.
 * - Personal data is encrypted by the mapper; the RFC is found through its blind index.
 */
export class MongoEmployerRepository implements EmployerRepository {
  private readonly logger = new Logger(MongoEmployerRepository.name);
  private readonly loaded = new WeakMap<Employer, Loaded>();

  constructor(
    private readonly model: Model<EmployerDocument>,
    private readonly mapper: EmployerDocumentMapper,
    private readonly publisher: OutboxPublisher,
    private readonly positions: ListPositions,
    private readonly options: EmployerOptions,
  ) {}

  async findById(employerId: string): Promise<Employer | null> {
    const document = await this.model.findById(employerId, LOAD_PROJECTION).lean<LoadedDocument>();
    if (!document) return null;
    const employer = this.toEmployer(document);
    this.loaded.set(employer, {
      appliedEvents: document.appliedEvents ?? [],
      pending: pendingOutboxOf(document),
      listState: document.state,
    });
    return employer;
  }

  async hasAppliedEvent(employer: Employer, eventId: string): Promise<boolean> {
    return this.loadedOf(employer).appliedEvents.includes(eventId);
  }

  async insert(employer: Employer, events: readonly EmployerIntegrationEvent[]): Promise<InsertOutcome> {
    const snapshot = employer.toSnapshot();
    const now = new Date();
    const entries = outboxEntriesFor(events, employer.id, { now });
    const records = this.historyRecords(employer, now);
    const position = await this.positions.next(chainOf(snapshot.address.state));
    try {
      await this.model.create(
        documentWithOutbox(
          { _id: employer.id, ...this.mapper.toFields(snapshot), ...position, appliedEvents: [] as string[] },
          entries,
          records,
          now,
        ),
      );
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // FerretDB's duplicate-key errors do not say which index: ask.
      return (await this.model.exists({ _id: employer.id })) ? 'DUPLICATE_ID' : 'DUPLICATE_RFC';
    }
    this.publishSoon(writtenOutbox(employer.id, employer.version, EMPTY_OUTBOX, entries, records));
    return 'INSERTED';
  }

  async save(
    employer: Employer,
    events: readonly EmployerIntegrationEvent[],
    options: SaveOptions = {},
  ): Promise<SaveOutcome> {
    if (employer.version !== employer.persistedVersion + 1) {
      throw new Error(
        `employer ${employer.id}: one command must change the version by one (${employer.persistedVersion} → ${employer.version})`,
      );
    }
    const loaded = this.loadedOf(employer);
    const now = new Date();
    const fields = this.mapper.toFields(employer.toSnapshot());
    // The remembered event ids with this one added, oldest dropped (computed from the load and
    // `$set`: FerretDB 1.24 ignores `$push … $slice`); the caller holds the employer's lock.
    const appliedEvents = options.appliedEventId
      ? { appliedEvents: appliedEventsWith(loaded.appliedEvents, options.appliedEventId) }
      : {};
    const entries = outboxEntriesFor(events, employer.id, { now });
    const records = this.historyRecords(employer, now);
    // A change of state moves the employer to the end of the other state's list.
    const position =
      fields.state === loaded.listState ? {} : await this.positions.next(chainOf(fields.state));
    const write = versionedOutboxWrite({
      filter: { _id: employer.id },
      expectedVersion: employer.persistedVersion,
      update: { $set: { ...fields, ...position, ...appliedEvents } },
      entries,
      records,
      now,
    });
    const result = await this.model.updateOne(write.filter, write.update);
    if (result.matchedCount === 0) return 'VERSION_CONFLICT';
    this.publishSoon(writtenOutbox(employer.id, employer.version, loaded.pending, entries, records));
    return 'SAVED';
  }

  async history(employerId: string): Promise<ChangeHistoryEntry[]> {
    const [stored, document] = await Promise.all([
      this.model.db
        .collection<EmployerHistoryDocument>(EMPLOYER_HISTORY_COLLECTION)
        .find({ employerId })
        .toArray(),
      this.model
        .findById(employerId, OUTBOX_PROJECTION)
        .lean<Pick<EmployerDocument, 'outbox' | 'outboxRecords'>>(),
    ]);
    const pending = pendingOutboxOf(document)
      .records.filter((r) => r.collection === EMPLOYER_HISTORY_COLLECTION)
      .map((r) => JSON.parse(r.payload) as EmployerHistoryDocument);
    const byId = new Map([...stored, ...pending].map((d) => [d._id, d]));
    return [...byId.values()]
      .sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
      .map(({ _id: _unused, employerId: _employer, ...entry }) => entry);
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
        .lean<Pick<EmployerDocument, '_id' | 'version' | 'record' | 'personalData'>>();
      return { items: own && page.cursor === undefined ? [this.toEmployer(own)] : [], nextCursor: null };
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
      items: found.documents.map((d) =>
        this.toEmployer(
          d as unknown as Pick<EmployerDocument, '_id' | 'version' | 'record' | 'personalData'>,
        ),
      ),
      nextCursor: found.nextCursor,
    };
  }

  private loadedOf(employer: Employer): Loaded {
    const loaded = this.loaded.get(employer);
    if (!loaded) throw new Error(`employer ${employer.id} was not loaded by this repository`);
    return loaded;
  }

  private historyRecords(employer: Employer, now: Date): OutboxRecord[] {
    return outboxRecordsFor(
      EMPLOYER_HISTORY_COLLECTION,
      historyDocumentsOf(employer.id, employer.recordedHistory),
      now,
    );
  }

  private toEmployer(
    document: Pick<EmployerDocument, '_id' | 'version' | 'record' | 'personalData'>,
  ): Employer {
    return Employer.fromSnapshot(this.mapper.toSnapshot(document), this.options);
  }

  /**
   * Publishes what the write left pending without making the caller wait for Kafka. The publisher
   * tracks the publish (never rejects); the messaging runtime waits for it on shutdown.
   */
  private publishSoon(written: WrittenOutbox): void {
    void this.publisher.publishWritten(this.model, written).then((outcome) => {
      if (outcome.error)
        this.logger.warn(`events of employer ${String(written.documentId)} left to the outbox relay`);
    });
  }
}
