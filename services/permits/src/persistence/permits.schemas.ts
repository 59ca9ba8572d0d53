import { Schema, type Connection } from 'mongoose';
import type { HistoryEntry } from '@frontera/permits-domain';
import { outboxPlugin, type OutboxFields } from '@frontera/platform-messaging';
import type { EncryptedValue } from '@frontera/platform-pii';
import { AggregateHistory, type ListFields } from '@frontera/platform-store';

/*
 * The permits service's collections. Every aggregate document holds its domain snapshot in `record`
 * (personal data paths set to null and encrypted in `personalData`, platform-pii RecordSealer), the
 * top-level fields its queries filter on (equality only: FerretDB 1.24 reads the whole collection
 * for anything else, docs/infrastructure.md), `version`, the remembered event ids and the embedded
 * outbox. Histories live in collections of their own (AggregateHistory).
 */

export const WORKERS_COLLECTION = 'workers';
export const APPLICATIONS_COLLECTION = 'applications';
export const PERMITS_COLLECTION = 'permits';
export const STANDINGS_COLLECTION = 'employer_standings';
export const WORKER_BLOCKING_KEYS_COLLECTION = 'worker_blocking_keys';

export const WORKER_HISTORY = new AggregateHistory<HistoryEntry>('worker_history', 'workerId');
export const APPLICATION_HISTORY = new AggregateHistory<HistoryEntry>('application_history', 'applicationId');
export const PERMIT_HISTORY = new AggregateHistory<HistoryEntry>('permit_history', 'permitId');

/** Positions of applications and permits in two lists: their employer's and their state's. */
export const EMPLOYER_LIST: ListFields = Object.freeze({ seq: 'employerSeq', page: 'employerPage' });
export const STATE_LIST: ListFields = Object.freeze({ seq: 'stateSeq', page: 'statePage' });
export const employerChain = (employerId: string): string => `employer:${employerId}`;
export const stateChain = (state: string): string => `state:${state}`;

interface Sealed {
  record: Record<string, unknown>;
  personalData: EncryptedValue[];
}

interface Listed {
  employerSeq: number;
  employerPage: number;
  stateSeq: number;
  statePage: number;
}

export interface WorkerDocument extends Sealed, OutboxFields {
  _id: string;
  version: number;
  status: string;
  nationality: string;
  sex: string;
  birthYear: number;
  mergedInto: string | null;
  hasPendingDuplicates: boolean;
  /** Keyed blind index of `documentKey()` (type|number|issuing country): the same document is the same worker. */
  documentIndex: string;
  /** Keyed blind index of `phoneKey()`, or null: several workers with one phone raise the signal. */
  phoneIndex: string | null;
  appliedEvents: string[];
  updatedAt: Date;
}

/** One duplicate blocking key of a worker (`_id` = `<keyIndex>:<workerId>`): candidates by `key` equality. */
export interface WorkerBlockingKeyDocument {
  _id: string;
  key: string;
  workerId: string;
}

export interface ApplicationDocument extends Listed, OutboxFields {
  _id: string;
  version: number;
  record: Record<string, unknown>;
  employerId: string;
  worksiteId: string;
  workerId: string;
  state: string;
  status: string;
  kind: string;
  appliedEvents: string[];
  updatedAt: Date;
}

export interface PermitDocument extends Sealed, Listed, OutboxFields {
  _id: string;
  version: number;
  /** Compact permit number (`PermitNumber.compact`): unique. */
  number: string;
  /** Keyed blind index of the verification token: the public verification's lookup, unique. */
  tokenIndex: string;
  applicationId: string;
  workerId: string;
  employerId: string;
  worksiteId: string;
  state: string;
  status: string;
  /** Sweep buckets (`YYYY-MM-DD` or null): equality keys, never ranges. */
  expiresOn: string | null;
  noticeOn: string | null;
  appliedEvents: string[];
  updatedAt: Date;
}

export interface StandingDocument {
  _id: string;
  version: number;
  standing: Record<string, unknown>;
  appliedEvents: string[];
  updatedAt: Date;
}

const EncryptedValueSchema = new Schema<EncryptedValue>(
  { path: { type: String, required: true }, ciphertext: { type: String, required: true } },
  { _id: false },
);

const options = { minimize: false, versionKey: false, strict: 'throw' } as const;

const listFields = {
  employerSeq: { type: Number, required: true },
  employerPage: { type: Number, required: true },
  stateSeq: { type: Number, required: true },
  statePage: { type: Number, required: true },
};

export const WorkerSchema = new Schema<WorkerDocument>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    status: { type: String, required: true },
    nationality: { type: String, required: true },
    sex: { type: String, required: true },
    birthYear: { type: Number, required: true },
    mergedInto: { type: String, default: null },
    hasPendingDuplicates: { type: Boolean, required: true },
    documentIndex: { type: String, required: true },
    phoneIndex: { type: String, default: null },
    record: { type: Schema.Types.Mixed, required: true },
    personalData: { type: [EncryptedValueSchema], default: [] },
    appliedEvents: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { ...options, collection: WORKERS_COLLECTION },
);
WorkerSchema.plugin(outboxPlugin);
WorkerSchema.index({ documentIndex: 1 }, { unique: true });
WorkerSchema.index({ phoneIndex: 1 });

export const ApplicationSchema = new Schema<ApplicationDocument>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    record: { type: Schema.Types.Mixed, required: true },
    employerId: { type: String, required: true },
    worksiteId: { type: String, required: true },
    workerId: { type: String, required: true },
    state: { type: String, required: true },
    status: { type: String, required: true },
    kind: { type: String, required: true },
    ...listFields,
    appliedEvents: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { ...options, collection: APPLICATIONS_COLLECTION },
);
ApplicationSchema.plugin(outboxPlugin);
ApplicationSchema.index({ workerId: 1 });
ApplicationSchema.index({ employerId: 1, employerPage: 1 });
ApplicationSchema.index({ state: 1, statePage: 1 });

export const PermitSchema = new Schema<PermitDocument>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    number: { type: String, required: true },
    tokenIndex: { type: String, required: true },
    applicationId: { type: String, required: true },
    workerId: { type: String, required: true },
    employerId: { type: String, required: true },
    worksiteId: { type: String, required: true },
    state: { type: String, required: true },
    status: { type: String, required: true },
    expiresOn: { type: String, default: null },
    noticeOn: { type: String, default: null },
    record: { type: Schema.Types.Mixed, required: true },
    personalData: { type: [EncryptedValueSchema], default: [] },
    ...listFields,
    appliedEvents: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { ...options, collection: PERMITS_COLLECTION },
);
PermitSchema.plugin(outboxPlugin);
PermitSchema.index({ number: 1 }, { unique: true });
PermitSchema.index({ tokenIndex: 1 }, { unique: true });
PermitSchema.index({ applicationId: 1 }, { unique: true });
PermitSchema.index({ workerId: 1 });
PermitSchema.index({ worksiteId: 1, status: 1 });
PermitSchema.index({ employerId: 1, status: 1 });
PermitSchema.index({ expiresOn: 1 });
PermitSchema.index({ noticeOn: 1 });
PermitSchema.index({ employerId: 1, employerPage: 1 });
PermitSchema.index({ state: 1, statePage: 1 });

export const StandingSchema = new Schema<StandingDocument>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    standing: { type: Schema.Types.Mixed, required: true },
    appliedEvents: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { ...options, collection: STANDINGS_COLLECTION },
);

/** Indexes of the collections without a schema (histories, blocking keys). */
export async function ensureSidecarIndexes(connection: Connection): Promise<void> {
  const db = connection.db;
  if (!db) throw new Error('the database connection is not open');
  await Promise.all([
    WORKER_HISTORY.ensureIndexes(db),
    APPLICATION_HISTORY.ensureIndexes(db),
    PERMIT_HISTORY.ensureIndexes(db),
    db.collection(WORKER_BLOCKING_KEYS_COLLECTION).createIndex({ key: 1 }),
  ]);
}
