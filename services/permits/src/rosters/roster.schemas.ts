import { Schema, type Connection } from 'mongoose';
import type { RosterRowError } from '@frontera/permits-domain';
import { outboxPlugin, type OutboxFields } from '@frontera/platform-messaging';
import type { EncryptedValue } from '@frontera/platform-pii';

/*
 * The collections of harvest rosters. Only equality on indexed top-level fields is queried
 * (FerretDB 1.24 reads the whole collection for anything else, docs/infrastructure.md):
 *
 * | collection         | document                                        | queried by                          |
 * | ------------------ | ----------------------------------------------- | ----------------------------------- |
 * | roster_imports     | the RosterImport aggregate with its outbox      | `_id`; `contentIndex` (unique)      |
 * | roster_rows        | one batch of a file's rows, sealed              | `_id` (`<importId>:<batch>`); `importId` (delete) |
 * | roster_row_errors  | the row errors of one processed batch           | `importId`                          |
 */

export const ROSTER_IMPORTS_COLLECTION = 'roster_imports';
export const ROSTER_ROWS_COLLECTION = 'roster_rows';
export const ROSTER_ROW_ERRORS_COLLECTION = 'roster_row_errors';

export interface RosterImportDocument extends OutboxFields {
  _id: string;
  version: number;
  /** The snapshot without `version` (counts, state, ids: no personal data). */
  record: Record<string, unknown>;
  employerId: string;
  worksiteId: string;
  status: string;
  /**
   * Keyed blind index (HMAC-SHA-256) of employer | worksite | SHA-256 of the file: the same file
   * uploaded again for the same worksite is the same import. Unique.
   */
  contentIndex: string;
  appliedEvents: string[];
  updatedAt: Date;
}

/**
 * One batch of an import's rows (`_id` = `<importId>:<batch>`). Every cell is personal data or
 * next to it, so the batch's rows are sealed as one value (RecordSealer, `roster_rows/<_id>/rows`
 * as associated data): `record.rows` is null, the ciphertext in `personalData`.
 */
export interface RosterRowsDocument {
  _id: string;
  importId: string;
  batch: number;
  record: { rows: null };
  personalData: EncryptedValue[];
}

/** The row errors of one processed batch (`_id` = `<importId>:<batch, 6 digits>`): codes and messages, never values. */
export interface RosterRowErrorsDocument {
  _id: string;
  importId: string;
  batch: number;
  errors: RosterRowError[];
}

export const RosterImportSchema = new Schema<RosterImportDocument>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    record: { type: Schema.Types.Mixed, required: true },
    employerId: { type: String, required: true },
    worksiteId: { type: String, required: true },
    status: { type: String, required: true },
    contentIndex: { type: String, required: true },
    appliedEvents: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { minimize: false, versionKey: false, strict: 'throw', collection: ROSTER_IMPORTS_COLLECTION },
);
RosterImportSchema.plugin(outboxPlugin);
RosterImportSchema.index({ contentIndex: 1 }, { unique: true });

/** Indexes of the collections without a schema (rows, row errors). */
export async function ensureRosterIndexes(connection: Connection): Promise<void> {
  const db = connection.db;
  if (!db) throw new Error('the database connection is not open');
  await Promise.all([
    db.collection(ROSTER_ROWS_COLLECTION).createIndex({ importId: 1 }),
    db.collection(ROSTER_ROW_ERRORS_COLLECTION).createIndex({ importId: 1 }),
  ]);
}
