import { Schema, type Connection } from 'mongoose';
import type { HistoryEntry } from '@frontera/audits-domain';
import { outboxPlugin, type OutboxFields } from '@frontera/platform-messaging';
import type { EncryptedValue } from '@frontera/platform-pii';
import { AggregateHistory } from '@frontera/platform-store';

/*
 * The audits service's collections. Every aggregate document holds its domain snapshot in `record`
 * (personal data paths set to null and encrypted in `personalData`, platform-pii RecordSealer), the
 * top-level fields its queries filter on (equality only: FerretDB 1.24 reads the whole collection for
 * anything else, docs/infrastructure.md), `version`, the remembered event ids and the embedded outbox.
 * Histories live in collections of their own (AggregateHistory). Planned dates (`taskOn`,
 * `overdueOn`) are internal sweep buckets: no employer-facing read returns them.
 */

export const PLANS_COLLECTION = 'audit_plans';
export const TASKS_COLLECTION = 'audit_tasks';
export const INSPECTORS_COLLECTION = 'inspectors';
export const INSPECTOR_STATES_COLLECTION = 'inspector_states';
export const EMPLOYER_PROFILES_COLLECTION = 'employer_profiles';
export const COMPLAINTS_COLLECTION = 'complaints';
export const REFERRALS_COLLECTION = 'referrals';
export const HELD_PERMITS_COLLECTION = 'held_permits';
export const EMPLOYER_PERMIT_FACTS_COLLECTION = 'employer_permit_facts';
export const REFERRAL_STATISTICS_COLLECTION = 'referral_statistics';

export const TASK_HISTORY = new AggregateHistory<HistoryEntry>('audit_task_history', 'taskId');
export const INSPECTOR_HISTORY = new AggregateHistory<HistoryEntry>('inspector_history', 'inspectorId');
export const COMPLAINT_HISTORY = new AggregateHistory<HistoryEntry>('complaint_history', 'complaintId');
export const REFERRAL_HISTORY = new AggregateHistory<HistoryEntry>('referral_history', 'referralId');

export interface PlanDocument extends OutboxFields {
  _id: string;
  version: number;
  record: Record<string, unknown>;
  status: string;
  /** Sweep bucket (`YYYY-MM-DD` or null): the day the next task is to be created. */
  taskOn: string | null;
  appliedEvents: string[];
  updatedAt: Date;
}

export interface TaskDocument extends OutboxFields {
  _id: string;
  version: number;
  record: Record<string, unknown>;
  personalData: EncryptedValue[];
  employerId: string;
  worksiteId: string;
  state: string;
  status: string;
  inspectorId: string | null;
  /** Sweep bucket of the overdue escalation (`YYYY-MM-DD` or null). */
  overdueOn: string | null;
  /** The supervisors' overdue list: the state while open and escalated, else null. */
  overdueState?: string | null;
  appliedEvents: string[];
  updatedAt: Date;
}

export interface InspectorDocument extends OutboxFields {
  _id: string;
  version: number;
  record: Record<string, unknown>;
  status: string;
  appliedEvents: string[];
  updatedAt: Date;
}

/** One covered state of an inspector (`_id` = `<state>:<inspectorId>`): inspectors by `state` equality. */
export interface InspectorStateDocument {
  _id: string;
  state: string;
  inspectorId: string;
}

export interface ComplaintDocument extends OutboxFields {
  _id: string;
  version: number;
  record: Record<string, unknown>;
  personalData: EncryptedValue[];
  /** `ReceiptCode.compact`: unique (the complainant's lookup). */
  receiptCode: string;
  state: string;
  status: string;
  employerId: string | null;
  appliedEvents: string[];
  updatedAt: Date;
}

export interface ReferralDocument extends OutboxFields {
  _id: string;
  version: number;
  record: Record<string, unknown>;
  state: string;
  status: string;
  agency: string;
  /** Sweep bucket of the escalation (`YYYY-MM-DD` or null). */
  escalatesOn: string | null;
  appliedEvents: string[];
  updatedAt: Date;
}

export interface EmployerProfileDocument {
  _id: string;
  version: number;
  profile: Record<string, unknown>;
  appliedEvents: string[];
  updatedAt: Date;
}

/**
 * One permit an employer holds (`_id` = permit id): ids and the permit number only, found by
 * `employerId` + `worksiteId` equality (the expected roster). Removed when the permit ends.
 */
export interface HeldPermitDocument {
  _id: string;
  employerId: string;
  worksiteId: string;
  permitNumber: string;
  status: string;
  heldSince: string;
  updatedAt: Date;
}

/**
 * One employer's permit counters (`_id` = employer id): the headcount with its daily history, the
 * recent endings and shared-contact signals, the version and the ids of the events applied.
 */
export interface EmployerPermitFactsDocument {
  _id: string;
  version: number;
  facts: Record<string, unknown>;
  appliedEvents: string[];
  updatedAt: Date;
}

const EncryptedValueSchema = new Schema<EncryptedValue>(
  { path: { type: String, required: true }, ciphertext: { type: String, required: true } },
  { _id: false },
);

const options = { minimize: false, versionKey: false, strict: 'throw' } as const;

export const PlanSchema = new Schema<PlanDocument>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    record: { type: Schema.Types.Mixed, required: true },
    status: { type: String, required: true },
    taskOn: { type: String, default: null },
    appliedEvents: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { ...options, collection: PLANS_COLLECTION },
);
PlanSchema.plugin(outboxPlugin);
PlanSchema.index({ taskOn: 1 });

export const TaskSchema = new Schema<TaskDocument>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    record: { type: Schema.Types.Mixed, required: true },
    personalData: { type: [EncryptedValueSchema], default: [] },
    employerId: { type: String, required: true },
    worksiteId: { type: String, required: true },
    state: { type: String, required: true },
    status: { type: String, required: true },
    inspectorId: { type: String, default: null },
    overdueOn: { type: String, default: null },
    overdueState: { type: String, default: null },
    appliedEvents: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { ...options, collection: TASKS_COLLECTION },
);
TaskSchema.plugin(outboxPlugin);
TaskSchema.index({ inspectorId: 1 });
TaskSchema.index({ inspectorId: 1, status: 1 });
TaskSchema.index({ state: 1, status: 1 });
TaskSchema.index({ employerId: 1, status: 1 });
TaskSchema.index({ overdueOn: 1 });
TaskSchema.index({ overdueState: 1 });

export const InspectorSchema = new Schema<InspectorDocument>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    record: { type: Schema.Types.Mixed, required: true },
    status: { type: String, required: true },
    appliedEvents: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { ...options, collection: INSPECTORS_COLLECTION },
);
InspectorSchema.plugin(outboxPlugin);

export const InspectorStateSchema = new Schema<InspectorStateDocument>(
  {
    _id: { type: String, required: true },
    state: { type: String, required: true },
    inspectorId: { type: String, required: true },
  },
  { ...options, collection: INSPECTOR_STATES_COLLECTION },
);
InspectorStateSchema.index({ state: 1 });

export const EmployerProfileSchema = new Schema<EmployerProfileDocument>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    profile: { type: Schema.Types.Mixed, required: true },
    appliedEvents: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { ...options, collection: EMPLOYER_PROFILES_COLLECTION },
);

export const ComplaintSchema = new Schema<ComplaintDocument>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    record: { type: Schema.Types.Mixed, required: true },
    personalData: { type: [EncryptedValueSchema], default: [] },
    receiptCode: { type: String, required: true },
    state: { type: String, required: true },
    status: { type: String, required: true },
    employerId: { type: String, default: null },
    appliedEvents: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { ...options, collection: COMPLAINTS_COLLECTION },
);
ComplaintSchema.plugin(outboxPlugin);
ComplaintSchema.index({ receiptCode: 1 }, { unique: true });
ComplaintSchema.index({ state: 1, status: 1 });
ComplaintSchema.index({ employerId: 1 });

export const ReferralSchema = new Schema<ReferralDocument>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    record: { type: Schema.Types.Mixed, required: true },
    state: { type: String, required: true },
    status: { type: String, required: true },
    agency: { type: String, required: true },
    escalatesOn: { type: String, default: null },
    appliedEvents: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { ...options, collection: REFERRALS_COLLECTION },
);
ReferralSchema.plugin(outboxPlugin);

/**
 * One counter of the referral statistics (`counterId`: `STATE|agency|state|status`,
 * `INDICATOR|agency|state|indicator|status`, `MILESTONE|agency|state|milestone`): codes and a count,
 * the event ids applied to it (appliedEventGuard), read by `state` (equality).
 */
export interface ReferralCounterDocument {
  _id: string;
  family: string;
  agency: string;
  state: string;
  indicator: string | null;
  status: string | null;
  milestone: string | null;
  count: number;
  appliedEvents: string[];
  updatedAt: Date;
}

export const ReferralCounterSchema = new Schema<ReferralCounterDocument>(
  {
    _id: { type: String, required: true },
    family: { type: String, required: true },
    agency: { type: String, required: true },
    state: { type: String, required: true },
    indicator: { type: String, default: null },
    status: { type: String, default: null },
    milestone: { type: String, default: null },
    count: { type: Number, required: true },
    appliedEvents: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { ...options, collection: REFERRAL_STATISTICS_COLLECTION },
);
ReferralCounterSchema.index({ state: 1 });
ReferralSchema.index({ state: 1, status: 1 });
ReferralSchema.index({ escalatesOn: 1 });

export const HeldPermitSchema = new Schema<HeldPermitDocument>(
  {
    _id: { type: String, required: true },
    employerId: { type: String, required: true },
    worksiteId: { type: String, required: true },
    permitNumber: { type: String, required: true },
    status: { type: String, required: true },
    heldSince: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { ...options, collection: HELD_PERMITS_COLLECTION },
);
HeldPermitSchema.index({ employerId: 1, worksiteId: 1 });

export const EmployerPermitFactsSchema = new Schema<EmployerPermitFactsDocument>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    facts: { type: Schema.Types.Mixed, required: true },
    appliedEvents: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { ...options, collection: EMPLOYER_PERMIT_FACTS_COLLECTION },
);

/** Indexes of the collections without a schema (histories). */
export async function ensureSidecarIndexes(connection: Connection): Promise<void> {
  const db = connection.db;
  if (!db) throw new Error('the database connection is not open');
  await Promise.all([
    TASK_HISTORY.ensureIndexes(db),
    INSPECTOR_HISTORY.ensureIndexes(db),
    COMPLAINT_HISTORY.ensureIndexes(db),
    REFERRAL_HISTORY.ensureIndexes(db),
  ]);
}
