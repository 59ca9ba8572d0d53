import { Schema, type Connection } from 'mongoose';
import { EMPLOYER_HISTORY } from './employer-history';
import { outboxPlugin, type OutboxFields } from '@frontera/platform-messaging';

export const EMPLOYERS_COLLECTION = 'employers';
export const EMPLOYER_MODEL = 'Employer';

/** One personal-data value, encrypted (AES-256-GCM, bound to the employer and the path). */
export interface EncryptedValue {
  /** Snapshot path, e.g. `contact`, `rfc`, `address.street`. */
  path: string;
  ciphertext: string;
}

/**
 * How an employer is stored: one document per aggregate, written in one single-document write
 * per command (state, version and outbox together).
 *
 * - `record`: the domain snapshot (`Employer.toSnapshot()`) with every personal-data path set
 *   to null and without `version`;
 * - `personalData`: those values, encrypted one by one (which paths: the domain's
 *   `personalDataPaths(kind)` plus the RFC, for every kind);
 * - `rfcIndex`: keyed hash (blind index) of the normalised RFC, unique, so a second
 *   registration of an RFC is refused without the RFC being stored in clear;
 * - top-level copies of what lists filter on (no personal data), and the employer's position in
 *   its state's list (`listSeq`, `listPage`: lists are read by page bucket, docs/decisions/0028);
 * - `appliedEvents`: ids of the last consumed events applied (idempotency by event id);
 * - `outbox`, `outboxRecords`, `outboxPending`, `outboxAt`: events and history entries of the
 *   last writes not yet published / moved to `employer_history` (`outboxPlugin`); the change
 *   history itself is not in this document (it grows without limit).
 */
export interface EmployerDocument extends OutboxFields {
  _id: string;
  version: number;
  schemaVersion: number;
  kind: string;
  sector: string;
  status: string;
  rating: string | null;
  state: string;
  municipality: string;
  registrationNumber: string | null;
  registeredAt: Date;
  listSeq: number;
  listPage: number;
  rfcIndex: string;
  record: Record<string, unknown>;
  personalData: EncryptedValue[];
  appliedEvents: string[];
  updatedAt: Date;
}

const EncryptedValueSchema = new Schema<EncryptedValue>(
  { path: { type: String, required: true }, ciphertext: { type: String, required: true } },
  { _id: false },
);

export const EmployerSchema = new Schema<EmployerDocument>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    schemaVersion: { type: Number, required: true },
    kind: { type: String, required: true },
    sector: { type: String, required: true },
    status: { type: String, required: true },
    rating: { type: String, default: null },
    state: { type: String, required: true },
    municipality: { type: String, required: true },
    registrationNumber: { type: String, default: null },
    registeredAt: { type: Date, required: true },
    listSeq: { type: Number, required: true },
    listPage: { type: Number, required: true },
    rfcIndex: { type: String, required: true },
    record: { type: Schema.Types.Mixed, required: true },
    personalData: { type: [EncryptedValueSchema], default: [] },
    appliedEvents: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { collection: EMPLOYERS_COLLECTION, minimize: false, versionKey: false, strict: 'throw' },
);
EmployerSchema.plugin(outboxPlugin);
EmployerSchema.index({ rfcIndex: 1 }, { unique: true });
// The one list query: { state, listPage, [status, rating, sector] } (equality only, FerretDB-safe).
EmployerSchema.index({ state: 1, listPage: 1 });

/** Declares the index of the change-history collection (the one query: by employer). */
export async function ensureHistoryIndexes(connection: Connection): Promise<void> {
  await EMPLOYER_HISTORY.ensureIndexes(connection.db!);
}

/** Registration-number counters: `_id` = `registration:<STATE>:<YEAR>`. */
export interface CounterDocument {
  _id: string;
  value: number;
}
export const COUNTERS_COLLECTION = 'counters';
