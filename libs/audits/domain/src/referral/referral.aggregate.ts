import {
  AppError,
  CalendarDate,
  isMexicanState,
  LIMITS,
  REFERRAL_AGENCIES,
  ROLES,
  SYSTEM_CALLER,
  type CallerIdentity,
  type MexicanState,
  type ReferralAgency,
} from '@frontera/shared-kernel';
import type { Complaint } from '../complaint/complaint.aggregate';
import { nextComplaintStatus } from '../complaint/complaint-lifecycle';
import { DEFAULT_AUDIT_PROGRAM, type AuditProgram } from '../config/audit-program.config';
import { AuditErrors } from '../errors/audit-errors';
import { FORCED_LABOUR_INDICATOR_CODES, isForcedLabourIndicator } from '../findings/finding-catalogue';
import { historyEntry, type HistoryEntry } from '../shared/history';
import { recordedCaller } from '../shared/recorded-caller';
import {
  assertId,
  instantOf,
  iso,
  optionalId,
  optionalText,
  requireInstant,
  requireInteger,
  requireOneOf,
  requireReason,
} from '../shared/validation';
import type { AuditTask } from '../task/audit-task.aggregate';
import { allowedReferralActions, nextReferralStatus, type ReferralAction } from './referral-lifecycle';
import type { ReferralDomainEvent } from './referral.events';
import {
  REFERRAL_OUTCOMES,
  REFERRAL_SOURCE_TYPES,
  REFERRAL_STATUSES,
  type ReferralOutcome,
  type ReferralSource,
  type ReferralStatus,
} from './referral.types';

const INVALID = AuditErrors.REFERRAL_INVALID_DATA;

export const REFERRAL_SNAPSHOT_SCHEMA_VERSION = 1;
/** A count of victims assisted above this is a typing error. */
export const MAX_VICTIMS = 100_000;

export interface CreateReferral {
  /** The caller's id generator (derive it from source and agency so a retry finds it). */
  readonly referralId: string;
  readonly agency: ReferralAgency;
  /**
   * Why a supervisor refers the case (required from a complaint; recorded in the referral's history,
   * never published). The audit's own referrals have none.
   */
  readonly reason?: string | null;
}

export interface AcknowledgeReferral {
  /** The agency's own case or file number, if it gave one (not personal data). */
  readonly agencyReference?: string | null;
}

export interface CloseReferral {
  readonly outcome: ReferralOutcome;
  /** How many victims the agency reports assisted (a count, no names). */
  readonly victimsAssisted?: number | null;
}

export interface ReferralAcknowledgement {
  readonly at: string;
  readonly by: CallerIdentity;
  readonly agencyReference: string | null;
  readonly late: boolean;
}

export interface ReferralClosure {
  readonly outcome: ReferralOutcome;
  readonly victimsAssisted: number | null;
  readonly at: string;
  readonly by: CallerIdentity;
}

/**
 * A referral as stored: no personal data. Top-level for the repository: `status`, `agency`, `state`,
 * `employerId`, and the sweep bucket `escalatesOn` (`YYYY-MM-DD`: the day after the acknowledgement is
 * due; null once acknowledged, escalated or closed).
 */
export interface ReferralSnapshot {
  readonly schemaVersion: typeof REFERRAL_SNAPSHOT_SCHEMA_VERSION;
  readonly id: string;
  readonly version: number;
  readonly agency: ReferralAgency;
  readonly source: ReferralSource;
  readonly employerId: string | null;
  readonly state: MexicanState;
  readonly indicators: readonly string[];
  readonly status: ReferralStatus;
  readonly createdAt: string;
  readonly createdBy: CallerIdentity;
  readonly acknowledgementDueAt: string;
  readonly acknowledgement: ReferralAcknowledgement | null;
  readonly escalatedAt: string | null;
  readonly closure: ReferralClosure | null;
  readonly escalatesOn: string | null;
}

interface ReferralState {
  id: string;
  version: number;
  agency: ReferralAgency;
  source: ReferralSource;
  employerId: string | null;
  state: MexicanState;
  indicators: string[];
  status: ReferralStatus;
  createdAt: string;
  createdBy: CallerIdentity;
  acknowledgementDueAt: Date;
  acknowledgement: ReferralAcknowledgement | null;
  escalatedAt: string | null;
  closure: ReferralClosure | null;
  recordedHistory: HistoryEntry[];
}

const sortIndicators = (codes: readonly string[]) =>
  [...new Set(codes.filter(isForcedLabourIndicator))].sort(
    (a, b) => FORCED_LABOUR_INDICATOR_CODES.indexOf(a) - FORCED_LABOUR_INDICATOR_CODES.indexOf(b),
  );

/**
 * The agencies a REFERRAL audit goes to by default (a proposal; supervisors may add others):
 * FEVIMTRA (`FEDERAL_PROSECUTOR`: forced labour and trafficking are federal crimes) and victim services,
 * plus the labour authority when labour violations were recorded too.
 */
export function defaultAgenciesFor(task: AuditTask): ReferralAgency[] {
  if (task.completion?.outcome !== 'REFERRAL')
    throw AuditErrors.REFERRAL_NOT_REFERRED.create({ taskId: task.id });
  const agencies: ReferralAgency[] = ['FEDERAL_PROSECUTOR', 'VICTIM_SERVICES'];
  if (task.findings.some((f) => !isForcedLabourIndicator(f.code))) agencies.push('LABOUR_AUTHORITY');
  return agencies;
}

/**
 * A referral of a case to one agency (FEVIMTRA, a state prosecutor, victim services, the labour
 * authority), from a REFERRAL audit or from a complaint, with an acknowledgement deadline (by agency,
 * configurable: FEDERAL_PROSECUTOR 3 days, the others 5). The agency's acknowledgement and final outcome
 * are recorded; an unacknowledged referral escalates when its deadline passes. What it holds is
 * countable by agency, indicator, state and outcome without personal data (referral-statistics.ts).
 */
export class Referral {
  private events: ReferralDomainEvent[] = [];

  private constructor(
    private readonly s: ReferralState,
    readonly persistedVersion: number,
    private readonly program: AuditProgram,
  ) {}

  /** From a completed audit with outcome REFERRAL (409 REFERRAL.SOURCE_NOT_REFERRED otherwise). */
  static fromAudit(
    command: CreateReferral,
    task: AuditTask,
    caller: CallerIdentity,
    now: Date,
    program: AuditProgram = DEFAULT_AUDIT_PROGRAM,
  ): Referral {
    if (task.completion?.outcome !== 'REFERRAL')
      throw AuditErrors.REFERRAL_NOT_REFERRED.create({ taskId: task.id });
    return Referral.create(
      command,
      { type: 'AUDIT', id: task.id },
      { employerId: task.employerId, state: task.state, indicators: task.findings.map((f) => f.code) },
      caller,
      now,
      program,
    );
  }

  /**
   * From a complaint (its indicators; the employer when it names one), e.g. before any audit for a
   * victim in danger: by a supervisor, with a reason, while the complaint's lifecycle allows
   * RECORD_REFERRAL (RECEIVED or TRIAGED; 409 COMPLAINT.TRANSITION_NOT_ALLOWED once closed or
   * dismissed). The caller records it on the complaint (`complaint.recordReferral`).
   */
  static fromComplaint(
    command: CreateReferral,
    complaint: Complaint,
    caller: CallerIdentity,
    now: Date,
    program: AuditProgram = DEFAULT_AUDIT_PROGRAM,
  ): Referral {
    nextComplaintStatus('RECORD_REFERRAL', complaint.status);
    requireReason(command?.reason);
    return Referral.create(
      command,
      { type: 'COMPLAINT', id: complaint.id },
      { employerId: complaint.employerId, state: complaint.state, indicators: complaint.indicators },
      caller,
      now,
      program,
    );
  }

  private static create(
    command: CreateReferral,
    source: ReferralSource,
    facts: { employerId: string | null; state: MexicanState; indicators: readonly string[] },
    caller: CallerIdentity,
    now: Date,
    program: AuditProgram,
  ): Referral {
    requireInstant(now);
    const actor = recordedCaller(caller);
    const agency = requireOneOf(command?.agency, REFERRAL_AGENCIES, 'agency', INVALID);
    const dueOn = CalendarDate.fromInstant(now, program.utcOffsetMinutes).addDays(
      program.acknowledgementDays[agency],
    );
    const referral = new Referral(
      {
        id: assertId(command.referralId, 'referralId'),
        version: 0,
        agency,
        source,
        employerId: facts.employerId,
        state: facts.state,
        indicators: sortIndicators(facts.indicators),
        status: 'AWAITING_ACKNOWLEDGEMENT',
        createdAt: iso(now),
        createdBy: actor,
        acknowledgementDueAt: dueOn.addDays(1).startInstant(program.utcOffsetMinutes),
        acknowledgement: null,
        escalatedAt: null,
        closure: null,
        recordedHistory: [],
      },
      0,
      program,
    );
    const reason =
      command.reason === undefined || command.reason === null ? null : requireReason(command.reason);
    referral.record(now, actor, 'CREATE', 'status', null, 'AWAITING_ACKNOWLEDGEMENT', source.id, reason);
    referral.raise({
      type: 'ReferralCreated',
      ...referral.base(now),
      sourceType: source.type,
      taskId: source.type === 'AUDIT' ? source.id : null,
      complaintId: source.type === 'COMPLAINT' ? source.id : null,
      acknowledgementDueAt: iso(referral.s.acknowledgementDueAt),
      actorId: actor.id,
    });
    referral.commit();
    return referral;
  }

  /** A supervisor records the agency's acknowledgement (late when it had escalated). */
  acknowledge(command: AcknowledgeReferral, caller: CallerIdentity, now: Date): void {
    requireInstant(now);
    const actor = recordedCaller(caller);
    const next = this.transition('ACKNOWLEDGE');
    const agencyReference = optionalText(command?.agencyReference, 'agencyReference', LIMITS.NAME, INVALID);
    const late = now.getTime() >= this.s.acknowledgementDueAt.getTime();
    this.record(now, actor, 'ACKNOWLEDGE', 'status', this.s.status, next);
    this.s.status = next;
    this.s.acknowledgement = { at: iso(now), by: actor, agencyReference, late };
    this.raise({ type: 'ReferralAcknowledged', ...this.base(now), actorId: actor.id, late });
    this.commit();
  }

  /** A supervisor records the agency's final outcome. */
  close(command: CloseReferral, caller: CallerIdentity, now: Date): void {
    requireInstant(now);
    const actor = recordedCaller(caller);
    const next = this.transition('CLOSE');
    const outcome = requireOneOf(command?.outcome, REFERRAL_OUTCOMES, 'outcome', INVALID);
    const victimsAssisted =
      command.victimsAssisted === undefined || command.victimsAssisted === null
        ? null
        : requireInteger(command.victimsAssisted, 'victimsAssisted', 0, MAX_VICTIMS, INVALID);
    const acknowledgedOnClose = this.s.acknowledgement === null;
    this.record(now, actor, 'CLOSE', 'status', this.s.status, next);
    this.record(now, actor, 'CLOSE', 'outcome', null, outcome);
    if (acknowledgedOnClose) {
      this.s.acknowledgement = {
        at: iso(now),
        by: actor,
        agencyReference: null,
        late: now.getTime() >= this.s.acknowledgementDueAt.getTime(),
      };
    }
    this.s.status = next;
    this.s.closure = { outcome, victimsAssisted, at: iso(now), by: actor };
    this.raise({
      type: 'ReferralClosed',
      ...this.base(now),
      outcome,
      victimsAssisted,
      acknowledgedOnClose,
      actorId: actor.id,
    });
    this.commit();
  }

  /**
   * The escalation sweep (bucket `escalatesOn`): once the deadline has passed without acknowledgement,
   * ReferralOverdue, once. False, changing nothing, when not yet due, already escalated, acknowledged
   * or closed.
   */
  escalate(now: Date): boolean {
    requireInstant(now);
    if (this.s.status !== 'AWAITING_ACKNOWLEDGEMENT' || this.s.escalatedAt !== null) return false;
    this.transition('ESCALATE');
    if (now.getTime() < this.s.acknowledgementDueAt.getTime()) return false;
    this.record(now, SYSTEM_CALLER, 'ESCALATE', 'escalatedAt', null, iso(now));
    this.s.escalatedAt = iso(now);
    this.raise({
      type: 'ReferralOverdue',
      ...this.base(now),
      acknowledgementDueAt: iso(this.s.acknowledgementDueAt),
    });
    this.commit();
    return true;
  }

  // ---------------------------------------------------------------- queries

  /** Sweep bucket of the escalation job: the day the deadline passes; null once nothing is due. */
  get escalatesOn(): string | null {
    if (this.s.status !== 'AWAITING_ACKNOWLEDGEMENT' || this.s.escalatedAt !== null) return null;
    return CalendarDate.fromInstant(this.s.acknowledgementDueAt, this.program.utcOffsetMinutes).toString();
  }

  get id(): string {
    return this.s.id;
  }
  get version(): number {
    return this.s.version;
  }
  get agency(): ReferralAgency {
    return this.s.agency;
  }
  get source(): ReferralSource {
    return { ...this.s.source };
  }
  get employerId(): string | null {
    return this.s.employerId;
  }
  get state(): MexicanState {
    return this.s.state;
  }
  get indicators(): readonly string[] {
    return [...this.s.indicators];
  }
  get status(): ReferralStatus {
    return this.s.status;
  }
  get acknowledgementDueAt(): Date {
    return new Date(this.s.acknowledgementDueAt.getTime());
  }
  get acknowledgement(): ReferralAcknowledgement | null {
    return this.s.acknowledgement && { ...this.s.acknowledgement };
  }
  get escalatedAt(): string | null {
    return this.s.escalatedAt;
  }
  get closure(): ReferralClosure | null {
    return this.s.closure && { ...this.s.closure };
  }
  get allowedActions(): ReferralAction[] {
    return allowedReferralActions(this.s.status);
  }
  get recordedHistory(): readonly HistoryEntry[] {
    return [...this.s.recordedHistory];
  }

  pullEvents(): ReferralDomainEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  toSnapshot(): ReferralSnapshot {
    const s = this.s;
    return {
      schemaVersion: REFERRAL_SNAPSHOT_SCHEMA_VERSION,
      id: s.id,
      version: s.version,
      agency: s.agency,
      source: { ...s.source },
      employerId: s.employerId,
      state: s.state,
      indicators: [...s.indicators],
      status: s.status,
      createdAt: s.createdAt,
      createdBy: { ...s.createdBy },
      acknowledgementDueAt: iso(s.acknowledgementDueAt),
      acknowledgement: s.acknowledgement && { ...s.acknowledgement, by: { ...s.acknowledgement.by } },
      escalatedAt: s.escalatedAt,
      closure: s.closure && { ...s.closure, by: { ...s.closure.by } },
      escalatesOn: this.escalatesOn,
    };
  }

  static fromSnapshot(snapshot: ReferralSnapshot, program: AuditProgram = DEFAULT_AUDIT_PROGRAM): Referral {
    const invalid = (problem: string) => AuditErrors.REFERRAL_SNAPSHOT_INVALID.create({ problem });
    if (!snapshot || typeof snapshot !== 'object') throw invalid('not an object');
    if (snapshot.schemaVersion !== REFERRAL_SNAPSHOT_SCHEMA_VERSION) {
      throw invalid(`unsupported schemaVersion ${String(snapshot.schemaVersion)}`);
    }
    if (!Number.isInteger(snapshot.version) || snapshot.version < 1)
      throw invalid('version must be an integer ≥ 1');
    if (!REFERRAL_STATUSES.includes(snapshot.status))
      throw invalid(`unknown status ${String(snapshot.status)}`);
    if (!isMexicanState(snapshot.state)) throw invalid(`unknown state ${String(snapshot.state)}`);
    if ((snapshot.status === 'CLOSED') !== (snapshot.closure !== null))
      throw invalid('status and closure disagree');
    if ((snapshot.status === 'AWAITING_ACKNOWLEDGEMENT') !== (snapshot.acknowledgement === null)) {
      throw invalid('status and acknowledgement disagree');
    }
    const caller = (by: CallerIdentity | undefined, field: string): CallerIdentity => {
      if (!by || typeof by.id !== 'string' || !ROLES.includes(by.role))
        throw invalid(`${field} is not a caller`);
      return { id: by.id, role: by.role };
    };
    try {
      return new Referral(
        {
          id: assertId(snapshot.id, 'id'),
          version: snapshot.version,
          agency: requireOneOf(snapshot.agency, REFERRAL_AGENCIES, 'agency', INVALID),
          source: {
            type: requireOneOf(snapshot.source?.type, REFERRAL_SOURCE_TYPES, 'source.type', INVALID),
            id: assertId(snapshot.source.id, 'source.id'),
          },
          employerId: optionalId(snapshot.employerId, 'employerId'),
          state: snapshot.state,
          indicators: sortIndicators(snapshot.indicators ?? []),
          status: snapshot.status,
          createdAt: snapshot.createdAt,
          createdBy: caller(snapshot.createdBy, 'createdBy'),
          acknowledgementDueAt: instantOf(snapshot.acknowledgementDueAt, 'acknowledgementDueAt', INVALID),
          acknowledgement: snapshot.acknowledgement && {
            ...snapshot.acknowledgement,
            by: caller(snapshot.acknowledgement.by, 'acknowledgement.by'),
          },
          escalatedAt: snapshot.escalatedAt,
          closure: snapshot.closure && {
            outcome: requireOneOf(snapshot.closure.outcome, REFERRAL_OUTCOMES, 'closure.outcome', INVALID),
            victimsAssisted: snapshot.closure.victimsAssisted,
            at: snapshot.closure.at,
            by: caller(snapshot.closure.by, 'closure.by'),
          },
          recordedHistory: [],
        },
        snapshot.version,
        program,
      );
    } catch (error) {
      if (AuditErrors.REFERRAL_SNAPSHOT_INVALID.is(error)) throw error;
      if (error instanceof AppError) throw invalid(`${error.code} (${String(error.params['field'] ?? '')})`);
      throw invalid(error instanceof Error ? error.message : String(error));
    }
  }

  // ---------------------------------------------------------------- internals

  private transition(action: ReferralAction): ReferralStatus {
    return nextReferralStatus(action, this.s.status);
  }

  private base(now: Date) {
    return {
      referralId: this.s.id,
      agency: this.s.agency,
      employerId: this.s.employerId,
      state: this.s.state,
      indicators: [...this.s.indicators],
      occurredAt: iso(now),
    };
  }

  private record(
    now: Date,
    actor: CallerIdentity,
    action: ReferralAction | 'CREATE',
    field: string,
    from: string | null,
    to: string | null,
    relatedId: string | null = null,
    reason: string | null = null,
  ): void {
    this.s.recordedHistory.push(
      historyEntry({ version: this.s.version + 1, now, actor, action, reason, relatedId }, field, from, to),
    );
  }

  private raise(event: ReferralDomainEvent): void {
    this.events.push(event);
  }

  private commit(): void {
    this.s.version += 1;
  }
}
