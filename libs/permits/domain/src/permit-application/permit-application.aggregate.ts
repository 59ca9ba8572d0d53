import {
  AppError,
  isMexicanState,
  LIMITS,
  ROLES,
  SYSTEM_CALLER,
  type CallerIdentity,
  type MexicanState,
} from '@frontera/shared-kernel';
import {
  assertEligible,
  checkEligibility,
  type EligibilityContext,
  type EligibilityFacts,
  type EligibilityResult,
} from '../eligibility/eligibility.policy';
import type { EligibilityRules } from '../eligibility/eligibility-rules';
import { PermitErrors } from '../errors/permit-errors';
import { CalendarDate } from '../shared/calendar-date.value-object';
import { DailyWage } from '../shared/daily-wage.value-object';
import { historyEntry, type HistoryEntry } from '../shared/history';
import { recordedCaller } from '../shared/recorded-caller';
import {
  assertId,
  iso,
  optionalId,
  requireBoolean,
  requireInstant,
  requireOneOf,
  requireReason,
  requireText,
} from '../shared/validation';
import {
  allowedApplicationActions,
  nextApplicationStatus,
  type ApplicationAction,
} from './permit-application-lifecycle';
import type { ApplicationDomainEvent } from './permit-application.events';
import {
  APPLICATION_SNAPSHOT_SCHEMA_VERSION,
  type ApplicationDecision,
  type PermitApplicationSnapshot,
} from './permit-application.snapshot';
import {
  APPLICATION_KINDS,
  APPLICATION_STATUSES,
  type ApplicationKind,
  type ApplicationStatus,
} from './permit-application.types';

/** What an employer submits (the worker already registered, or found by document). */
export interface SubmitApplication {
  readonly applicationId: string;
  readonly employerId: string;
  readonly worksiteId: string;
  readonly workerId: string;
  readonly kind: ApplicationKind;
  /** TRANSFER only: the transferable permit the worker leaves. */
  readonly transferFromPermitId?: string | null;
  /** RENEWAL only: the permit renewed. */
  readonly renewsPermitId?: string | null;
  /** LIMITS.NAME characters at most. */
  readonly occupation: string;
  /** MXN, > 0, at most two decimals. */
  readonly dailyWage: number;
  /** `YYYY-MM-DD`. */
  readonly startDate: string;
  /** The employer declares the worker paid no recruitment fee to anyone; must be `true` to be eligible. */
  readonly noRecruitmentFeeDeclared: boolean;
}

/**
 * What an approval hands to issuance (`Permit.issue`) or, for a RENEWAL, to `permit.renewalTermsFor`:
 * the approved terms, frozen. `application.approvedApplication()` returns it again for an APPROVED
 * application, so a retried issuance needs no second approval.
 */
export interface ApprovedApplication {
  readonly applicationId: string;
  readonly kind: ApplicationKind;
  readonly employerId: string;
  readonly worksiteId: string;
  readonly workerId: string;
  /** The worksite's state at approval: the permit's state. */
  readonly state: MexicanState;
  readonly occupation: string;
  readonly dailyWage: number;
  readonly startDate: string;
  /** TRANSFER: the permit that ends TRANSFERRED when the new one issues; RENEWAL: the permit renewed. */
  readonly replacesPermitId: string | null;
  readonly approvedAt: string;
  readonly approvedBy: CallerIdentity;
}

interface ApplicationState {
  id: string;
  version: number;
  kind: ApplicationKind;
  employerId: string;
  worksiteId: string;
  workerId: string;
  state: MexicanState;
  replacesPermitId: string | null;
  occupation: string;
  dailyWage: DailyWage;
  startDate: CalendarDate;
  noRecruitmentFeeDeclared: boolean;
  status: ApplicationStatus;
  submitted: { at: string; by: CallerIdentity };
  decision: ApplicationDecision | null;
  recordedHistory: HistoryEntry[];
}

const INVALID = PermitErrors.APPLICATION_INVALID_DATA;

function replacedPermitOf(command: SubmitApplication, kind: ApplicationKind): string | null {
  const transferFrom = optionalId(command.transferFromPermitId, 'transferFromPermitId');
  const renews = optionalId(command.renewsPermitId, 'renewsPermitId');
  const expect = (
    field: 'transferFromPermitId' | 'renewsPermitId',
    value: string | null,
    wanted: boolean,
  ) => {
    if (wanted && value === null) throw INVALID.create({ field, constraint: 'REQUIRED' });
    if (!wanted && value !== null) throw PermitErrors.APPLICATION_KIND_MISMATCH.create({ field, kind });
  };
  expect('transferFromPermitId', transferFrom, kind === 'TRANSFER');
  expect('renewsPermitId', renews, kind === 'RENEWAL');
  return transferFrom ?? renews;
}

function stateOfWorksite(context: EligibilityContext): MexicanState {
  const state = context.worksite?.state;
  if (!isMexicanState(state))
    throw new TypeError('an eligible application has a worksite in a Mexican state');
  return state;
}

/**
 * An employer's application for a permit for one worker at one of its worksites: a NEW permit, a
 * TRANSFER of a transferable permit from a sanctioned employer, or the RENEWAL of its own permit.
 * Eligibility is checked when it is submitted (an ineligible application is refused with every
 * failed rule: APPLICATION.NOT_ELIGIBLE) and again when an officer approves it, since the employer
 * or the worksite may have changed in between. Approval returns what issuance needs.
 */
export class PermitApplication {
  private events: ApplicationDomainEvent[] = [];

  private constructor(
    private readonly s: ApplicationState,
    /** The version this instance was loaded at (0 when new): the repository's expected version. */
    readonly persistedVersion: number,
  ) {}

  // ---------------------------------------------------------------- submission

  static submit(
    command: SubmitApplication,
    context: EligibilityContext,
    rules: EligibilityRules,
    submittedBy: CallerIdentity,
    now: Date,
  ): PermitApplication {
    requireInstant(now);
    const actor = recordedCaller(submittedBy, 'submittedBy.id');
    const kind = requireOneOf(command?.kind, APPLICATION_KINDS, 'kind', INVALID);
    const application = new PermitApplication(
      {
        id: assertId(command.applicationId, 'applicationId'),
        version: 0,
        kind,
        employerId: assertId(command.employerId, 'employerId'),
        worksiteId: assertId(command.worksiteId, 'worksiteId'),
        workerId: assertId(command.workerId, 'workerId'),
        state: 'CHP', // replaced below, once eligibility has confirmed the worksite
        replacesPermitId: replacedPermitOf(command, kind),
        occupation: requireText(command.occupation, 'occupation', LIMITS.NAME, INVALID),
        dailyWage: DailyWage.of(command.dailyWage, 'dailyWage', INVALID),
        startDate: CalendarDate.parse(command.startDate, 'startDate', INVALID),
        noRecruitmentFeeDeclared: requireBoolean(
          command.noRecruitmentFeeDeclared,
          'noRecruitmentFeeDeclared',
          INVALID,
        ),
        status: 'SUBMITTED',
        submitted: { at: iso(now), by: actor },
        decision: null,
        recordedHistory: [],
      },
      0,
    );
    assertEligible(application.checkEligibility(context, rules, now));
    application.s.state = stateOfWorksite(context);
    application.record({ now, actor, action: 'SUBMIT', reason: null }, 'status', null, 'SUBMITTED');
    application.raise({
      type: 'ApplicationSubmitted',
      ...application.eventBase(now),
      kind,
      state: application.s.state,
      occupation: application.s.occupation,
      replacesPermitId: application.s.replacesPermitId,
      actorId: actor.id,
    });
    application.commit();
    return application;
  }

  // ---------------------------------------------------------------- decisions

  /**
   * An officer approves: eligibility is checked again on the current facts (refused with
   * APPLICATION.NOT_ELIGIBLE, changing nothing, when a rule fails now), then the application is
   * APPROVED and the terms for issuance are returned.
   */
  approve(
    officer: CallerIdentity,
    reason: string,
    now: Date,
    context: EligibilityContext,
    rules: EligibilityRules,
  ): ApprovedApplication {
    requireInstant(now);
    const actor = recordedCaller(officer, 'officer.id');
    const next = this.transition('APPROVE');
    const why = requireReason(reason);
    assertEligible(this.checkEligibility(context, rules, now));
    const state = stateOfWorksite(context);
    const ctx = { now, actor, action: 'APPROVE', reason: why } as const;
    if (state !== this.s.state) this.record(ctx, 'state', this.s.state, state);
    this.s.state = state;
    this.decide(ctx, next, 'APPROVED');
    this.raise({ type: 'ApplicationApproved', ...this.eventBase(now), reason: why, actorId: actor.id });
    this.commit();
    return this.approvedApplication();
  }

  /** An officer rejects, with a reason. */
  reject(officer: CallerIdentity, reason: string, now: Date): void {
    requireInstant(now);
    const actor = recordedCaller(officer, 'officer.id');
    const next = this.transition('REJECT');
    const why = requireReason(reason);
    this.decide({ now, actor, action: 'REJECT', reason: why }, next, 'REJECTED');
    this.raise({ type: 'ApplicationRejected', ...this.eventBase(now), reason: why, actorId: actor.id });
    this.commit();
  }

  /** The employer withdraws its application, with a reason. */
  withdraw(caller: CallerIdentity, reason: string, now: Date): void {
    requireInstant(now);
    const actor = recordedCaller(caller);
    const next = this.transition('WITHDRAW');
    const why = requireReason(reason);
    this.decide({ now, actor, action: 'WITHDRAW', reason: why }, next, 'WITHDRAWN');
    this.raise({ type: 'ApplicationWithdrawn', ...this.eventBase(now), reason: why, actorId: actor.id });
    this.commit();
  }

  /** The approved terms of an APPROVED application (409 APPLICATION.NOT_APPROVED otherwise). */
  approvedApplication(): ApprovedApplication {
    const decision = this.s.decision;
    if (this.s.status !== 'APPROVED' || decision === null) {
      throw PermitErrors.APPLICATION_NOT_APPROVED.create({
        applicationId: this.s.id,
        currentState: this.s.status,
      });
    }
    return Object.freeze({
      applicationId: this.s.id,
      kind: this.s.kind,
      employerId: this.s.employerId,
      worksiteId: this.s.worksiteId,
      workerId: this.s.workerId,
      state: this.s.state,
      occupation: this.s.occupation,
      dailyWage: this.s.dailyWage.amount,
      startDate: this.s.startDate.toString(),
      replacesPermitId: this.s.replacesPermitId,
      approvedAt: decision.at,
      approvedBy: { ...decision.by },
    });
  }

  // ---------------------------------------------------------------- facts from elsewhere

  /**
   * The worker record was merged into `survivorId`: the application follows the survivor (any
   * status; recorded by the system). Idempotent: false when it is not the merged worker's.
   */
  workerMerged(mergedId: string, survivorId: string, now: Date): boolean {
    requireInstant(now);
    const merged = assertId(mergedId, 'mergedId');
    const survivor = assertId(survivorId, 'survivorId');
    if (this.s.workerId !== merged || merged === survivor) return false;
    this.record(
      { now, actor: SYSTEM_CALLER, action: 'WORKER_MERGED', reason: null, relatedId: survivor },
      'workerId',
      merged,
      survivor,
    );
    this.s.workerId = survivor;
    this.commit();
    return true;
  }

  // ---------------------------------------------------------------- queries

  /** The application's part of the eligibility facts, with the rest from the context. */
  eligibilityFacts(context: EligibilityContext, now: Date): EligibilityFacts {
    return {
      ...context,
      application: {
        kind: this.s.kind,
        employerId: this.s.employerId,
        worksiteId: this.s.worksiteId,
        workerId: this.s.workerId,
        startDate: this.s.startDate.toString(),
        dailyWage: this.s.dailyWage.amount,
        noRecruitmentFeeDeclared: this.s.noRecruitmentFeeDeclared,
        replacesPermitId: this.s.replacesPermitId,
      },
      now,
    };
  }

  checkEligibility(context: EligibilityContext, rules: EligibilityRules, now: Date): EligibilityResult {
    return checkEligibility(this.eligibilityFacts(context, now), rules);
  }

  get id(): string {
    return this.s.id;
  }
  get version(): number {
    return this.s.version;
  }
  get kind(): ApplicationKind {
    return this.s.kind;
  }
  get employerId(): string {
    return this.s.employerId;
  }
  get worksiteId(): string {
    return this.s.worksiteId;
  }
  get workerId(): string {
    return this.s.workerId;
  }
  /** The worksite's state: officers of this state decide. */
  get state(): MexicanState {
    return this.s.state;
  }
  get replacesPermitId(): string | null {
    return this.s.replacesPermitId;
  }
  get occupation(): string {
    return this.s.occupation;
  }
  get dailyWage(): DailyWage {
    return this.s.dailyWage;
  }
  get startDate(): CalendarDate {
    return this.s.startDate;
  }
  get noRecruitmentFeeDeclared(): boolean {
    return this.s.noRecruitmentFeeDeclared;
  }
  get status(): ApplicationStatus {
    return this.s.status;
  }
  get submittedAt(): string {
    return this.s.submitted.at;
  }
  get decision(): ApplicationDecision | null {
    return this.s.decision && { ...this.s.decision, by: { ...this.s.decision.by } };
  }
  get allowedActions(): ApplicationAction[] {
    return allowedApplicationActions(this.s.status);
  }
  get recordedHistory(): readonly HistoryEntry[] {
    return [...this.s.recordedHistory];
  }

  pullEvents(): ApplicationDomainEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  // ---------------------------------------------------------------- persistence

  toSnapshot(): PermitApplicationSnapshot {
    const s = this.s;
    return {
      schemaVersion: APPLICATION_SNAPSHOT_SCHEMA_VERSION,
      id: s.id,
      version: s.version,
      kind: s.kind,
      employerId: s.employerId,
      worksiteId: s.worksiteId,
      workerId: s.workerId,
      state: s.state,
      replacesPermitId: s.replacesPermitId,
      occupation: s.occupation,
      dailyWage: s.dailyWage.amount,
      startDate: s.startDate.toString(),
      noRecruitmentFeeDeclared: s.noRecruitmentFeeDeclared,
      status: s.status,
      submitted: { at: s.submitted.at, by: { ...s.submitted.by } },
      decision: s.decision && { ...s.decision, by: { ...s.decision.by } },
    };
  }

  /** Rebuilds from stored data; unreadable data raises APPLICATION.SNAPSHOT_INVALID (500). */
  static fromSnapshot(snapshot: PermitApplicationSnapshot): PermitApplication {
    const invalid = (problem: string) => PermitErrors.APPLICATION_SNAPSHOT_INVALID.create({ problem });
    if (!snapshot || typeof snapshot !== 'object') throw invalid('not an object');
    if (snapshot.schemaVersion !== APPLICATION_SNAPSHOT_SCHEMA_VERSION) {
      throw invalid(`unsupported schemaVersion ${String(snapshot.schemaVersion)}`);
    }
    if (!Number.isInteger(snapshot.version) || snapshot.version < 1)
      throw invalid('version must be an integer ≥ 1');
    if (!APPLICATION_STATUSES.includes(snapshot.status))
      throw invalid(`unknown status ${String(snapshot.status)}`);
    if (!isMexicanState(snapshot.state)) throw invalid(`unknown state ${String(snapshot.state)}`);
    if ((snapshot.status === 'SUBMITTED') !== (snapshot.decision === null))
      throw invalid('status and decision disagree');
    const caller = (value: CallerIdentity | undefined, field: string): CallerIdentity => {
      if (!value || typeof value.id !== 'string' || !ROLES.includes(value.role))
        throw invalid(`${field} is not a caller`);
      return { id: value.id, role: value.role };
    };
    try {
      const kind = requireOneOf(snapshot.kind, APPLICATION_KINDS, 'kind', INVALID);
      const replaces = optionalId(snapshot.replacesPermitId, 'replacesPermitId');
      if ((kind === 'NEW') !== (replaces === null)) throw invalid('kind and replacesPermitId disagree');
      const state: ApplicationState = {
        id: assertId(snapshot.id, 'id'),
        version: snapshot.version,
        kind,
        employerId: assertId(snapshot.employerId, 'employerId'),
        worksiteId: assertId(snapshot.worksiteId, 'worksiteId'),
        workerId: assertId(snapshot.workerId, 'workerId'),
        state: snapshot.state,
        replacesPermitId: replaces,
        occupation: requireText(snapshot.occupation, 'occupation', LIMITS.NAME, INVALID),
        dailyWage: DailyWage.of(snapshot.dailyWage, 'dailyWage', INVALID),
        startDate: CalendarDate.parse(snapshot.startDate, 'startDate', INVALID),
        noRecruitmentFeeDeclared: requireBoolean(
          snapshot.noRecruitmentFeeDeclared,
          'noRecruitmentFeeDeclared',
          INVALID,
        ),
        status: snapshot.status,
        submitted: { at: String(snapshot.submitted?.at), by: caller(snapshot.submitted?.by, 'submitted.by') },
        decision: snapshot.decision && {
          ...snapshot.decision,
          by: caller(snapshot.decision.by, 'decision.by'),
        },
        recordedHistory: [],
      };
      return new PermitApplication(state, state.version);
    } catch (error) {
      if (PermitErrors.APPLICATION_SNAPSHOT_INVALID.is(error)) throw error;
      if (error instanceof AppError) throw invalid(`${error.code} (${String(error.params['field'] ?? '')})`);
      throw invalid(error instanceof Error ? error.message : String(error));
    }
  }

  // ---------------------------------------------------------------- internals

  private transition(action: ApplicationAction): ApplicationStatus {
    return nextApplicationStatus(action, this.s.status);
  }

  private decide(
    ctx: { now: Date; actor: CallerIdentity; action: ApplicationAction; reason: string },
    next: ApplicationStatus,
    outcome: ApplicationDecision['outcome'],
  ): void {
    this.record(ctx, 'status', this.s.status, next);
    this.s.status = next;
    this.s.decision = { outcome, at: iso(ctx.now), by: ctx.actor, reason: ctx.reason };
  }

  private eventBase(now: Date) {
    return {
      applicationId: this.s.id,
      employerId: this.s.employerId,
      worksiteId: this.s.worksiteId,
      workerId: this.s.workerId,
      occurredAt: iso(now),
    };
  }

  private record(
    ctx: {
      now: Date;
      actor: CallerIdentity;
      action: string;
      reason: string | null;
      relatedId?: string | null;
    },
    field: string,
    from: string | null,
    to: string | null,
  ): void {
    this.s.recordedHistory.push(historyEntry({ ...ctx, version: this.s.version + 1 }, field, from, to));
  }

  private raise(event: ApplicationDomainEvent): void {
    this.events.push(event);
  }

  private commit(): void {
    this.s.version += 1;
  }
}
