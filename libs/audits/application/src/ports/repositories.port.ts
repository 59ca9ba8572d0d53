import type {
  Complaint,
  ComplaintStatus,
  Referral,
  ReferralCountDelta,
  ReferralCounts,
  ReferralStatus,
  AuditPlan,
  AuditTask,
  AuditTaskStatus,
  Inspector,
  InspectorStatus,
  HeadcountHistory,
  PermitEnding,
  RosterEntry,
  SharedContactEvidence,
} from '@frontera/audits-domain';
import type { AggregateRepository, SaveOptions, SaveOutcome } from '@frontera/shared-application';
import type { MexicanState, Sector } from '@frontera/shared-kernel';
import type { AuditsIntegrationEvent } from '../events/integration-events';

export type { SaveOptions, SaveOutcome };

export type InsertOutcome = 'INSERTED' | 'DUPLICATE';

/** One worksite of an employer as the audits context keeps it from the employer events. */
export interface EmployerWorksite {
  readonly worksiteId: string;
  readonly state: MexicanState;
  readonly municipality: string;
  readonly open: boolean;
}

export const EMPLOYER_PROFILE_STATUSES = ['REGISTERED', 'VERIFIED', 'SUSPENDED', 'DEREGISTERED'] as const;
export type EmployerProfileStatus = (typeof EMPLOYER_PROFILE_STATUSES)[number];

/**
 * What the audits context knows of an employer from the employer events (ids, codes, states and
 * municipalities: no personal data): what a plan starts from and the risk profile's sector.
 */
export interface EmployerProfile {
  readonly employerId: string;
  readonly sector: Sector | null;
  readonly status: EmployerProfileStatus;
  /** ISO-8601 of the verification; null before. */
  readonly verifiedAt: string | null;
  readonly worksites: readonly EmployerWorksite[];
}

export interface StoredEmployerProfile {
  readonly profile: EmployerProfile;
  readonly version: number;
  readonly appliedEvents: readonly string[];
}

/** The employer read model: one record per employer, written with the id of the event applied. */
export interface EmployerProfileRepository {
  find(employerId: string): Promise<StoredEmployerProfile | null>;
  /** The profile after one event, if the stored version is still `previous`'s (or none was stored). */
  store(
    profile: EmployerProfile,
    previous: StoredEmployerProfile | null,
    eventId: string,
  ): Promise<SaveOutcome>;
}

/** Plans: one per employer (id = employer id), found by the `taskOn` bucket (equality, a day). */
export interface AuditPlanRepository extends AggregateRepository<AuditPlan, string, AuditsIntegrationEvent> {
  findById(employerId: string): Promise<AuditPlan | null>;
  /** A new plan (version ≥ 1); DUPLICATE when the employer has one (a redelivered verification). */
  insert(plan: AuditPlan, events: readonly AuditsIntegrationEvent[]): Promise<InsertOutcome>;
  save(
    plan: AuditPlan,
    events: readonly AuditsIntegrationEvent[],
    options?: SaveOptions,
  ): Promise<SaveOutcome>;
  /** Ids of the plans whose `taskOn` is `day` (`YYYY-MM-DD`), at most `limit`. */
  idsDueOn(day: string, limit: number): Promise<string[]>;
}

/** What a task list filters on (equality only). */
export interface TaskListFilter {
  readonly status?: AuditTaskStatus;
}

/** Tasks. Every query but `findById` names an employer, an inspector or a state. */
export interface AuditTaskRepository extends AggregateRepository<AuditTask, string, AuditsIntegrationEvent> {
  findById(taskId: string): Promise<AuditTask | null>;
  /** A new task; DUPLICATE when one with its id exists (a retried sweep: ids derive from the plan's key). */
  insert(task: AuditTask, events: readonly AuditsIntegrationEvent[]): Promise<InsertOutcome>;
  save(
    task: AuditTask,
    events: readonly AuditsIntegrationEvent[],
    options?: SaveOptions,
  ): Promise<SaveOutcome>;
  /** The inspector's tasks (with `status`, only those), at most `limit`. */
  ofInspector(inspectorId: string, filter: TaskListFilter, limit: number): Promise<AuditTask[]>;
  /** The tasks of a state in one status, at most `limit`. */
  ofStateInStatus(state: MexicanState, status: AuditTaskStatus, limit: number): Promise<AuditTask[]>;
  /** Ids of the employer's open tasks (PENDING_ASSIGNMENT, ASSIGNED, IN_PROGRESS). */
  openIdsOfEmployer(employerId: string): Promise<string[]>;
  /** The employer's COMPLETED tasks, at most `limit`. */
  completedOfEmployer(employerId: string, limit: number): Promise<AuditTask[]>;
  /** The employer's tasks in one status (IN_PROGRESS: visits under way), at most `limit`. */
  ofEmployerInStatus(employerId: string, status: AuditTaskStatus, limit: number): Promise<AuditTask[]>;
  /** The open, escalated tasks of a state (`overdueListState`: the supervisors' overdue list), at most `limit`. */
  overdueOfState(state: MexicanState, limit: number): Promise<AuditTask[]>;
  /** Ids of the open tasks whose `overdueOn` bucket is `day` (`YYYY-MM-DD`), at most `limit`. */
  idsOverdueOn(day: string, limit: number): Promise<string[]>;
  /** ASSIGNED + IN_PROGRESS tasks of the inspector: its load. */
  countOpenOf(inspectorId: string): Promise<number>;
}

/** What an inspector list filters on. */
export interface InspectorListFilter {
  readonly status?: InspectorStatus;
}

/** Inspectors (id = `Caller.inspectorId`), found by the states of their areas. */
export interface InspectorRepository extends AggregateRepository<Inspector, string, AuditsIntegrationEvent> {
  findById(inspectorId: string): Promise<Inspector | null>;
  insert(inspector: Inspector, events: readonly AuditsIntegrationEvent[]): Promise<InsertOutcome>;
  save(
    inspector: Inspector,
    events: readonly AuditsIntegrationEvent[],
    options?: SaveOptions,
  ): Promise<SaveOutcome>;
  /** The inspectors whose areas include `state`, at most `limit`. */
  inState(state: MexicanState, filter: InspectorListFilter, limit: number): Promise<Inspector[]>;
}

/** Complaints: found by their receipt code (compact, unique) or by state and status (supervisors' lists). */
export interface ComplaintRepository extends AggregateRepository<Complaint, string, AuditsIntegrationEvent> {
  findById(complaintId: string): Promise<Complaint | null>;
  /** The complaint with this receipt code (`ReceiptCode.compact`), or null. */
  findByReceiptCode(compactCode: string): Promise<Complaint | null>;
  /** A new complaint; DUPLICATE_CODE when its receipt code is taken (draw another). */
  insert(
    complaint: Complaint,
    events: readonly AuditsIntegrationEvent[],
  ): Promise<'INSERTED' | 'DUPLICATE_ID' | 'DUPLICATE_CODE'>;
  save(
    complaint: Complaint,
    events: readonly AuditsIntegrationEvent[],
    options?: SaveOptions,
  ): Promise<SaveOutcome>;
  ofStateInStatus(state: MexicanState, status: ComplaintStatus, limit: number): Promise<Complaint[]>;
  /**
   * The complaints naming the employer (any status), at most `limit`: retaliation triggers and the
   * open complaints of the risk (ids, when received, open or not, forced labour or not).
   */
  receivedAgainst(employerId: string, limit: number): Promise<ReceivedComplaint[]>;
}

/**
 * A complaint naming the employer, as the risk reads it: a retaliation trigger (its id and when it was
 * received) and, while open, the OPEN_COMPLAINTS factor (with whether it reports a forced-labour
 * indicator). Nothing sealed is opened.
 */
export interface ReceivedComplaint {
  readonly complaintId: string;
  /** ISO-8601. */
  readonly receivedAt: string;
  /** Not closed yet (RECEIVED or TRIAGED). */
  readonly open: boolean;
  /** At least one of its indicators is a forced-labour indicator. */
  readonly forcedLabourIndicator: boolean;
}

/** The complainant's secret: generated (≥ 128 bits) and hashed with a server key (HMAC). */
export interface ComplaintSecrets {
  newSecret(): string;
  hash(secret: string): string;
  /** A uniform integer in [0, max) from a CSPRNG (the receipt code's random part). */
  randomInt(max: number): number;
}

/** Referrals: by state and status (supervisors' lists) and by the escalation bucket `escalatesOn` (a day). */
export interface ReferralRepository extends AggregateRepository<Referral, string, AuditsIntegrationEvent> {
  findById(referralId: string): Promise<Referral | null>;
  /** A new referral; DUPLICATE when one with its id exists (ids derive from source and agency). */
  insert(referral: Referral, events: readonly AuditsIntegrationEvent[]): Promise<InsertOutcome>;
  save(
    referral: Referral,
    events: readonly AuditsIntegrationEvent[],
    options?: SaveOptions,
  ): Promise<SaveOutcome>;
  ofStateInStatus(state: MexicanState, status: ReferralStatus, limit: number): Promise<Referral[]>;
  idsEscalatingOn(day: string, limit: number): Promise<string[]>;
}

/** A permit an employer holds (ACTIVE or SUSPENDED) at one of its worksites: ids and the permit number only. */
export interface HeldPermitFact {
  readonly permitId: string;
  readonly permitNumber: string;
  readonly employerId: string;
  readonly worksiteId: string;
  readonly status: 'ACTIVE' | 'SUSPENDED';
  /** ISO-8601: when it started being held (the event's time). */
  readonly heldSince: string;
}

/**
 * What the audits context counts for one employer from permit events (ids, counts and instants: no
 * personal data): the headcount with its daily history (growth), the permits that ended (retaliation)
 * and the permits context's shared-contact signals naming the employer.
 */
export interface EmployerPermitFacts {
  readonly employerId: string;
  readonly headcount: HeadcountHistory;
  /** Recent endings (one per permit, newest last; bounded by age and count). */
  readonly endings: readonly PermitEnding[];
  /** Recent shared-contact signals (newest last; bounded by age and count). */
  readonly sharedContactSignals: readonly SharedContactEvidence[];
}

export interface StoredEmployerPermitFacts {
  readonly facts: EmployerPermitFacts;
  readonly version: number;
  readonly appliedEvents: readonly string[];
}

/**
 * The permit read model: one document per held permit (found by employer and worksite: the expected
 * roster) and one per employer with the counters (never a count query). Written by the permit-events
 * consumers under the employer's permit-facts lock.
 */
export interface PermitFactsRepository {
  find(employerId: string): Promise<StoredEmployerPermitFacts | null>;
  /** The facts after one event, if the stored version is still `previous`'s (or none was stored). */
  store(
    facts: EmployerPermitFacts,
    previous: StoredEmployerPermitFacts | null,
    eventId: string,
  ): Promise<SaveOutcome>;
  /** The held permit, if the employer holds it. */
  heldPermit(employerId: string, permitId: string): Promise<HeldPermitFact | null>;
  /** Records (or updates) a held permit; idempotent. */
  hold(permit: HeldPermitFact): Promise<void>;
  /** The employer no longer holds the permit; idempotent. */
  release(employerId: string, permitId: string): Promise<void>;
  /** The worksite's expected roster: its held permits (ids and numbers), at most `limit`. */
  rosterOf(employerId: string, worksiteId: string, limit: number): Promise<RosterEntry[]>;
}

/**
 * The referral statistics read model: one counter document per cell (`counterId`: agency, state,
 * indicator, status or milestone), each delta applied once per event id; read by state (equality on an
 * indexed top-level field: at most a few hundred cells per state). Counts and codes only.
 */
export interface ReferralStatisticsRepository {
  /** Adds `delta` to its counter unless this event was applied to it already (a redelivery). */
  apply(delta: ReferralCountDelta, eventId: string): Promise<'APPLIED' | 'ALREADY_APPLIED'>;
  /** The counters of one state (counter id → count; zero cells left out). */
  ofState(state: MexicanState): Promise<ReferralCounts>;
}
