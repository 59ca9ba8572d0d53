import type { Model } from 'mongoose';
import type {
  BatchInsertOutcome,
  NewAggregate,
  PermitsIntegrationEvent,
  SaveOptions,
  SaveOutcome,
  WorkerRepository,
} from '@frontera/permits-application';
import { personalDataPaths, Worker, type WorkerSnapshot } from '@frontera/permits-domain';
import {
  OutboxAggregateStore,
  outboxRecordsFor,
  type OutboxPublisher,
  type StoreInsertManyOptions,
} from '@frontera/platform-messaging';
import { RecordSealer, type PiiCipher } from '@frontera/platform-pii';
import {
  WORKER_BLOCKING_KEYS_COLLECTION,
  WORKER_HISTORY,
  type WorkerBlockingKeyDocument,
  type WorkerDocument,
} from './permits.schemas';

/** Purposes of the keyed blind indexes (each separates its hashes from the others'). */
export const BLIND_INDEX = {
  document: 'permits.worker.document',
  phone: 'permits.worker.phone',
  blocking: 'permits.worker.duplicate-blocking',
} as const;

/**
 * The WorkerRepository port on MongoDB / FerretDB. Biographical data is personal: every path of
 * `personalDataPaths()` is encrypted (RecordSealer, `workers/<id>/<path>` as associated data); the
 * document, the phone and the duplicate blocking keys are found through keyed blind indexes
 * (`PiiCipher.blindIndex`): equal values, equal index, the value never stored in clear. Writes go
 * through the shared OutboxAggregateStore (one single-document write with events and history).
 * Worker events are keyed by worker id.
 */
export class MongoWorkerRepository implements WorkerRepository {
  private readonly store: OutboxAggregateStore<Worker, WorkerDocument>;
  private readonly sealer: RecordSealer;

  constructor(
    private readonly model: Model<WorkerDocument>,
    private readonly cipher: PiiCipher,
    publisher: OutboxPublisher,
  ) {
    this.sealer = new RecordSealer(cipher, 'workers');
    this.store = new OutboxAggregateStore<Worker, WorkerDocument>({
      kind: 'worker',
      model,
      publisher,
      projection: { _id: 1, record: 1, personalData: 1 },
      fromDocument: (document) => this.toWorker(document),
      toFields: (worker) => this.toFields(worker),
      recordsOf: (worker, now) => [
        ...WORKER_HISTORY.records(worker.id, worker.recordedHistory, now),
        // A new worker's blocking keys, written with it (ids by key and worker: moved once).
        ...(worker.persistedVersion === 0
          ? outboxRecordsFor(WORKER_BLOCKING_KEYS_COLLECTION, this.blockingKeyDocuments(worker), now)
          : []),
      ],
    });
  }

  documentIndex(documentKey: string): string {
    return this.cipher.blindIndex(documentKey, BLIND_INDEX.document);
  }

  phoneIndex(phoneKey: string): string {
    return this.cipher.blindIndex(phoneKey, BLIND_INDEX.phone);
  }

  findById(workerId: string): Promise<Worker | null> {
    return this.store.findById(workerId);
  }

  findByDocumentKey(documentKey: string): Promise<Worker | null> {
    return this.store.findOne({ documentIndex: this.documentIndex(documentKey) });
  }

  async hasAppliedEvent(worker: Worker, eventId: string): Promise<boolean> {
    return this.store.hasAppliedEvent(worker, eventId);
  }

  async insert(
    worker: Worker,
    events: readonly PermitsIntegrationEvent[],
  ): Promise<'INSERTED' | 'DUPLICATE_ID' | 'DUPLICATE_DOCUMENT'> {
    const outcome = await this.store.insert(worker, events);
    if (outcome === 'INSERTED') return 'INSERTED';
    return (await this.model.exists({ _id: worker.id })) ? 'DUPLICATE_ID' : 'DUPLICATE_DOCUMENT';
  }

  /** One insertMany (ordered: false) on the store: DUPLICATE where the `_id` or the unique `documentIndex` refused it. */
  insertMany(
    items: readonly NewAggregate<Worker>[],
    options: StoreInsertManyOptions = {},
  ): Promise<BatchInsertOutcome[]> {
    return this.store.insertMany(items, options);
  }

  save(
    worker: Worker,
    events: readonly PermitsIntegrationEvent[],
    options: SaveOptions = {},
  ): Promise<SaveOutcome> {
    return this.store.save(worker, events, options);
  }

  async findByBlockingKeys(keys: readonly string[], limit: number, exceptId?: string): Promise<Worker[]> {
    const collection = this.model.db.collection<WorkerBlockingKeyDocument>(WORKER_BLOCKING_KEYS_COLLECTION);
    // One equality query per key (indexed): candidates share a first name or surname, a date of birth
    // and a nationality, so each key matches few workers whatever the size of the register.
    const found = await Promise.all(
      [...new Set(keys)].map((key) =>
        collection
          .find({ key: this.cipher.blindIndex(key, BLIND_INDEX.blocking) }, { projection: { workerId: 1 } })
          // The worker itself shares every one of its keys: one more, so that it takes no candidate's place.
          .limit(exceptId === undefined ? limit : limit + 1)
          .toArray(),
      ),
    );
    const ids = [...new Set(found.flat().map((d) => d.workerId))]
      .filter((id) => id !== exceptId)
      .slice(0, limit);
    const workers = await Promise.all(ids.map((id) => this.findById(id)));
    return workers.filter((w): w is Worker => w !== null);
  }

  async idsWithPhone(phoneKey: string, limit: number): Promise<string[]> {
    const found = await this.model
      .find({ phoneIndex: this.phoneIndex(phoneKey) }, { _id: 1 })
      .limit(limit)
      .lean<{ _id: string }[]>();
    return found.map((d) => d._id);
  }

  private blockingKeyDocuments(worker: Worker): WorkerBlockingKeyDocument[] {
    return [...new Set(worker.duplicateBlockingKeys())].map((key) => {
      const index = this.cipher.blindIndex(key, BLIND_INDEX.blocking);
      return { _id: `${index}:${worker.id}`, key: index, workerId: worker.id };
    });
  }

  private toFields(
    worker: Worker,
  ): Omit<WorkerDocument, '_id' | 'version' | 'appliedEvents' | 'outbox' | 'outboxRecords'> {
    const { version: _version, ...snapshot } = worker.toSnapshot();
    const phone = worker.phoneKey();
    return {
      status: snapshot.status,
      nationality: snapshot.nationality,
      sex: snapshot.sex,
      birthYear: snapshot.birthYear,
      mergedInto: snapshot.mergedInto,
      hasPendingDuplicates: snapshot.hasPendingDuplicates,
      documentIndex: this.documentIndex(worker.documentKey()),
      phoneIndex: phone === null ? null : this.phoneIndex(phone),
      ...this.sealer.seal(worker.id, snapshot, personalDataPaths()),
      updatedAt: new Date(),
    };
  }

  private toWorker(document: Pick<WorkerDocument, '_id' | 'version' | 'record' | 'personalData'>): Worker {
    const snapshot = this.sealer.open<Omit<WorkerSnapshot, 'version'>>(document._id, document);
    return Worker.fromSnapshot({ ...snapshot, version: document.version } as WorkerSnapshot);
  }
}
