import type { Model } from 'mongoose';
import type {
  PermitsIntegrationEvent,
  RosterImportRepository,
  SaveOutcome,
} from '@frontera/permits-application';
import {
  RosterImport,
  type RosterImportSnapshot,
  type RosterRow,
  type RosterRowError,
} from '@frontera/permits-domain';
import {
  boundedBulkWrite,
  OUTBOX_PROJECTION,
  OutboxAggregateStore,
  outboxRecordsFor,
  pendingOutboxOf,
  type OutboxPublisher,
} from '@frontera/platform-messaging';
import { RecordSealer, type PiiCipher } from '@frontera/platform-pii';
import {
  ROSTER_ROW_ERRORS_COLLECTION,
  ROSTER_ROWS_COLLECTION,
  type RosterImportDocument,
  type RosterRowErrorsDocument,
  type RosterRowsDocument,
} from './roster.schemas';

/** Purpose of the content lookup's keyed blind index (separates its hashes from the others'). */
export const ROSTER_CONTENT_INDEX = 'permits.roster.content';

const ROWS_PATH = ['rows'] as const;

const rowsId = (importId: string, batch: number): string => `${importId}:${batch}`;
const errorsId = (importId: string, batch: number): string => `${importId}:${String(batch).padStart(6, '0')}`;

/**
 * The RosterImportRepository port on MongoDB / FerretDB:
 *
 * - the import is an aggregate on the shared OutboxAggregateStore: one single-document write per
 *   change (state, version, its `frontera.roster.import.completed` event keyed by employer, and the
 *   row errors of the batch it recorded as an outbox record moved to `roster_row_errors`);
 * - a file uploaded again is found by `contentIndex`, a keyed blind index of employer, worksite and
 *   the file's SHA-256 (unique: two concurrent uploads of one file make one import); the digest itself
 *   is never stored;
 * - the rows are personal data: one `roster_rows` document per batch, its rows sealed as one value
 *   (AES-256-GCM, bound to the batch), upserted by id so storing them again changes nothing, deleted
 *   when the import is complete.
 *
 * Every query is an equality on an indexed top-level field (`_id`, `contentIndex`, `importId`).
 */
export class MongoRosterImportRepository implements RosterImportRepository {
  private readonly store: OutboxAggregateStore<RosterImport, RosterImportDocument>;
  private readonly sealer: RecordSealer;

  constructor(
    private readonly model: Model<RosterImportDocument>,
    private readonly cipher: PiiCipher,
    publisher: OutboxPublisher,
  ) {
    this.sealer = new RecordSealer(cipher, ROSTER_ROWS_COLLECTION);
    this.store = new OutboxAggregateStore<RosterImport, RosterImportDocument>({
      kind: 'roster import',
      model,
      publisher,
      projection: { _id: 1, record: 1 },
      fromDocument: (document) => toRosterImport(document),
      toFields: (roster) => toFields(roster),
      recordsOf: (roster, now) =>
        outboxRecordsFor(
          ROSTER_ROW_ERRORS_COLLECTION,
          roster.recordedBatchErrors.map(
            (b): RosterRowErrorsDocument => ({
              _id: errorsId(roster.id, b.batch),
              importId: roster.id,
              batch: b.batch,
              errors: b.errors.map((e) => ({ ...e, message: { es: e.message.es, en: e.message.en } })),
            }),
          ),
          now,
        ),
      messageKeyOf: (roster) => roster.employerId,
    });
  }

  contentIndex(employerId: string, worksiteId: string, digest: string): string {
    return this.cipher.blindIndex(`${employerId}|${worksiteId}|${digest}`, ROSTER_CONTENT_INDEX);
  }

  findById(importId: string): Promise<RosterImport | null> {
    return this.store.findById(importId);
  }

  findByContent(employerId: string, worksiteId: string, digest: string): Promise<RosterImport | null> {
    return this.store.findOne({ contentIndex: this.contentIndex(employerId, worksiteId, digest) });
  }

  insert(roster: RosterImport, digest: string): Promise<'INSERTED' | 'DUPLICATE'> {
    return this.store.insert(roster, [], {
      contentIndex: this.contentIndex(roster.employerId, roster.worksiteId, digest),
    });
  }

  save(roster: RosterImport, events: readonly PermitsIntegrationEvent[]): Promise<SaveOutcome> {
    return this.store.save(roster, events);
  }

  async storeRows(roster: RosterImport, rows: readonly RosterRow[]): Promise<void> {
    if (rows.length !== roster.rows) {
      throw new Error(`roster import ${roster.id} has ${roster.rows} rows, ${rows.length} given`);
    }
    const operations = Array.from({ length: roster.batches }, (_, batch) => {
      const _id = rowsId(roster.id, batch);
      const cells = rows.slice(batch * roster.batchSize, (batch + 1) * roster.batchSize).map((r) => [...r]);
      const sealed = this.sealer.seal(_id, { rows: cells }, ROWS_PATH);
      const document: RosterRowsDocument = {
        _id,
        importId: roster.id,
        batch,
        record: sealed.record as { rows: null },
        personalData: sealed.personalData,
      };
      // The first stored copy stays (its ciphertext differs from a second sealing of the same rows).
      return { updateOne: { filter: { _id }, update: { $setOnInsert: document }, upsert: true } };
    });
    await boundedBulkWrite(this.rowsCollection(), operations);
  }

  async rowsOf(importId: string, batch: number): Promise<RosterRow[] | null> {
    const _id = rowsId(importId, batch);
    const document = await this.rowsCollection().findOne({ _id });
    if (!document) return null;
    return this.sealer.open<{ rows: string[][] }>(_id, document).rows;
  }

  async deleteRows(importId: string): Promise<void> {
    await this.rowsCollection().deleteMany({ importId });
  }

  async rowErrors(importId: string): Promise<RosterRowError[]> {
    const db = this.db();
    const [stored, document] = await Promise.all([
      db.collection<RosterRowErrorsDocument>(ROSTER_ROW_ERRORS_COLLECTION).find({ importId }).toArray(),
      // What the import's document still holds pending (read your writes).
      this.model.findById(importId, OUTBOX_PROJECTION).lean(),
    ]);
    const pending = pendingOutboxOf(document)
      .records.filter((r) => r.collection === ROSTER_ROW_ERRORS_COLLECTION)
      .map((r) => JSON.parse(r.payload) as RosterRowErrorsDocument);
    const byBatch = new Map<number, RosterRowErrorsDocument>();
    for (const d of [...stored, ...pending]) byBatch.set(d.batch, d);
    return [...byBatch.values()]
      .sort((a, b) => a.batch - b.batch)
      .flatMap((d) => d.errors)
      .map((e) => ({
        row: e.row,
        field: e.field,
        code: e.code,
        message: { es: e.message.es, en: e.message.en },
      }))
      .sort((a, b) => a.row - b.row);
  }

  private rowsCollection() {
    return this.db().collection<RosterRowsDocument>(ROSTER_ROWS_COLLECTION);
  }

  private db() {
    const db = this.model.db.db;
    if (!db) throw new Error('the database connection is not open');
    return db;
  }
}

function toFields(roster: RosterImport): Record<string, unknown> {
  const { version: _version, ...record } = roster.toSnapshot();
  return {
    record,
    employerId: roster.employerId,
    worksiteId: roster.worksiteId,
    status: roster.status,
    updatedAt: new Date(),
  };
}

function toRosterImport(document: Pick<RosterImportDocument, 'version' | 'record'>): RosterImport {
  return RosterImport.fromSnapshot({
    ...(document.record as Omit<RosterImportSnapshot, 'version'>),
    version: document.version,
  } as RosterImportSnapshot);
}
