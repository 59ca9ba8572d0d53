import {
  EMPLOYER_KINDS,
  SECTORS,
  SYSTEM_CALLER,
  type CallerIdentity,
  type ComplianceRating,
  type EmployerKind,
  type EmployerStatus,
  type Sector,
} from '@frontera/shared-kernel';
import { EmployerErrors } from '../errors/employer-errors';
import { Rfc } from '../rfc/rfc';
import { recordedCaller } from '../shared/recorded-caller';
import { assertId, iso, requireOneOf, requireReason } from '../shared/validation';
import { PermitEligibilityPolicy } from '../worksite/permit-eligibility.policy';
import {
  Worksite,
  WORKSITE_FIELDS,
  type NewWorksite,
  type WorksiteChanges,
  type WorksiteField,
  type WorksiteView,
} from '../worksite/worksite.entity';
import { Address, type AddressProps } from './address.value-object';
import {
  classifyAuditOutcome,
  validateAuditOutcome,
  type AuditEffect,
  type AuditOutcome,
  type AuditOutcomeApplication,
  type AuditRecord,
} from './audit-outcome';
import { decideAuditConsequences, type AuditConsequence } from './audit-outcome.rules';
import { describeChange, isPersonalDataField, type ChangeHistoryEntry } from './change-history';
import { Contact, type ContactProps } from './contact.value-object';
import { allowedActions, nextStatus, type EmployerAction } from './employer-lifecycle';
import { snapshotOf, stateOf } from './employer-snapshot.mapping';
import type { EmployerDomainEvent } from './employer.events';
import type { EmployerSnapshot, Suspension } from './employer.snapshot';
import type { EmployerState } from './employer.state';
import { validLegalName } from './legal-name';
import { LegalRepresentative, type LegalRepresentativeProps } from './legal-representative.value-object';
import { RegistrationNumber } from './registration-number.value-object';
import { validateRiskChange, type RiskAssessment, type RiskChange } from './risk-assessment';

export interface RegisterEmployer {
  readonly employerId: string;
  readonly rfc: string;
  /** Razón social (company) or full name (individual). */
  readonly legalName: string;
  readonly kind: EmployerKind;
  readonly sector: Sector;
  readonly contact: ContactProps;
  readonly address: AddressProps;
  /** Required for a COMPANY; optional for an INDIVIDUAL, who may act in their own name. */
  readonly legalRepresentative?: LegalRepresentativeProps | null;
}

/**
 * Changes an employer reports. Omitted = unchanged. Each value replaces the whole part (an address
 * without a colonia clears the colonia); `legalRepresentative: null` removes it (individuals only).
 */
export interface ReportedChanges {
  readonly legalName?: string;
  readonly address?: AddressProps;
  readonly contact?: ContactProps;
  readonly legalRepresentative?: LegalRepresentativeProps | null;
}

export const REPORTABLE_FIELDS = ['legalName', 'address', 'contact', 'legalRepresentative'] as const;

export interface EmployerOptions {
  /** States whose worksites can receive permits; defaults to CHP, CAM, TAB, ROO. */
  readonly eligibleStates?: readonly string[];
}

export type PermitIneligibilityReason =
  | 'EMPLOYER_NOT_ACTIVE'
  | 'EMPLOYER_NOT_RATED_A'
  | 'WORKSITE_NOT_FOUND'
  | 'WORKSITE_CLOSED'
  | 'WORKSITE_STATE_NOT_ELIGIBLE'
  | 'WORKSITE_AT_CAPACITY';

export interface PermitEligibility {
  readonly eligible: boolean;
  readonly reasons: readonly PermitIneligibilityReason[];
}

interface HistoryContext {
  readonly now: Date;
  readonly actor: CallerIdentity;
  readonly reason: string | null;
  readonly auditId?: string | null;
}

function policyOf(options: EmployerOptions): PermitEligibilityPolicy {
  return options.eligibleStates
    ? PermitEligibilityPolicy.of(options.eligibleStates)
    : PermitEligibilityPolicy.DEFAULT;
}

function legalRepresentativeFor(
  kind: EmployerKind,
  props: LegalRepresentativeProps | null | undefined,
): LegalRepresentative | null {
  if (props === undefined || props === null) {
    if (kind === 'COMPANY') throw EmployerErrors.LEGAL_REPRESENTATIVE_REQUIRED.create();
    return null;
  }
  return LegalRepresentative.create(props);
}

function fieldDiffs<T extends object>(
  prefix: string,
  before: T | null,
  after: T | null,
): { field: string; from: string | null; to: string | null }[] {
  if (before === null && after === null) return [];
  if (before === null || after === null) {
    return [{ field: prefix, from: before === null ? null : 'set', to: after === null ? null : 'set' }];
  }
  const diffs: { field: string; from: string | null; to: string | null }[] = [];
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    const from = before[key] as unknown;
    const to = after[key] as unknown;
    if (from !== to) {
      diffs.push({
        field: `${prefix}.${key}`,
        from: from === null || from === undefined ? null : String(from),
        to: to === null || to === undefined ? null : String(to),
      });
    }
  }
  return diffs;
}

/**
 * An employer in the TVTF program: its registration, standing, worksites and change history.
 *
 * The aggregate is the consistency boundary: every rule about an employer and its worksites is
 * checked here, every change is one command that increments `version` once, appends to the
 * history, and raises domain events for the application to pull. No I/O, no clock, no id
 * generation: the caller passes `now`, ids and sequence numbers.
 */
export class Employer {
  private events: EmployerDomainEvent[] = [];

  private constructor(
    private readonly s: EmployerState,
    /**
     * The version this instance was loaded at (0 for a new registration): the repository's
     * expected version for the optimistic-concurrency check when it saves.
     */
    readonly persistedVersion: number,
    private readonly policy: PermitEligibilityPolicy,
  ) {}

  // ---------------------------------------------------------------- registration

  /** An employer registers itself; it starts PENDING_VERIFICATION, without rating or registration number. */
  static register(
    command: RegisterEmployer,
    registeredBy: CallerIdentity,
    now: Date,
    options: EmployerOptions = {},
  ): Employer {
    const id = assertId(command?.employerId, 'employerId');
    const actor = recordedCaller(registeredBy, 'registeredBy.id');
    const rfc = Rfc.parse(command.rfc);
    const kind = requireOneOf(command.kind, EMPLOYER_KINDS, 'kind', EmployerErrors.INVALID_KIND);
    if (kind !== rfc.kind) {
      throw EmployerErrors.KIND_MISMATCH.create({ kind, expectedKind: rfc.kind });
    }
    const employer = new Employer(
      {
        id,
        version: 0,
        rfc,
        kind,
        legalName: validLegalName(command.legalName),
        sector: requireOneOf(command.sector, SECTORS, 'sector', EmployerErrors.INVALID_SECTOR),
        contact: Contact.create(command.contact),
        address: Address.create(command.address),
        legalRepresentative: legalRepresentativeFor(kind, command.legalRepresentative),
        status: 'PENDING_VERIFICATION',
        rating: null,
        registrationNumber: null,
        registered: { at: iso(now), by: actor, reason: null },
        verified: null,
        rejected: null,
        deregistered: null,
        suspension: null,
        worksites: new Map(),
        audits: [],
        risk: null,
        recordedHistory: [],
      },
      0,
      policyOf(options),
    );
    employer.recordHistory({ now, actor, reason: null }, 'status', null, 'PENDING_VERIFICATION');
    employer.raise({
      type: 'EmployerRegistered',
      employerId: id,
      occurredAt: iso(now),
      kind,
      sector: employer.s.sector,
      state: employer.s.address.state,
      municipality: employer.s.address.municipality,
    });
    employer.commit();
    return employer;
  }

  // ---------------------------------------------------------------- officer decisions

  /** An officer verified the employer: ACTIVE, rated A, with the registration number issued. */
  verify(officer: CallerIdentity, registrationNumber: RegistrationNumber, now: Date): void {
    const actor = recordedCaller(officer, 'officer.id');
    const next = this.transition('VERIFY');
    if (!(registrationNumber instanceof RegistrationNumber)) {
      throw EmployerErrors.INVALID_REGISTRATION_NUMBER.create({
        field: 'registrationNumber',
        constraint: 'REQUIRED',
      });
    }
    if (registrationNumber.state !== this.s.address.state) {
      throw EmployerErrors.REGISTRATION_NUMBER_STATE_MISMATCH.create({
        registrationState: registrationNumber.state,
        employerState: this.s.address.state,
      });
    }
    const ctx: HistoryContext = { now, actor, reason: null };
    this.recordHistory(ctx, 'status', this.s.status, next);
    this.recordHistory(ctx, 'rating', null, 'A');
    this.recordHistory(ctx, 'registrationNumber', null, registrationNumber.value);
    this.s.status = next;
    this.s.rating = 'A';
    this.s.registrationNumber = registrationNumber;
    this.s.verified = { at: iso(now), by: actor, reason: null };
    this.raise({
      type: 'EmployerVerified',
      employerId: this.id,
      occurredAt: iso(now),
      registrationNumber: registrationNumber.value,
      rating: 'A',
      sector: this.s.sector,
      state: this.s.address.state,
      verifiedBy: actor.id,
      publicName: this.publicName,
    });
    this.commit();
  }

  reject(officer: CallerIdentity, reason: string, now: Date): void {
    const actor = recordedCaller(officer, 'officer.id');
    const next = this.transition('REJECT');
    const why = requireReason(reason);
    this.recordHistory({ now, actor, reason: why }, 'status', this.s.status, next);
    this.s.status = next;
    this.s.rejected = { at: iso(now), by: actor, reason: why };
    this.raise({
      type: 'EmployerRejected',
      employerId: this.id,
      occurredAt: iso(now),
      reason: why,
      rejectedBy: actor.id,
    });
    this.commit();
  }

  /** An officer suspends (cause OFFICER_DECISION): no new permits; existing permits stay valid. */
  suspend(officer: CallerIdentity, reason: string, now: Date): void {
    const actor = recordedCaller(officer, 'officer.id');
    const next = this.transition('SUSPEND');
    const why = requireReason(reason);
    this.recordHistory({ now, actor, reason: why }, 'status', this.s.status, next);
    this.s.status = next;
    this.s.suspension = {
      cause: 'OFFICER_DECISION',
      reason: why,
      since: iso(now),
      actorId: actor.id,
      auditIds: [],
    };
    this.raise({
      type: 'EmployerSuspended',
      employerId: this.id,
      occurredAt: iso(now),
      cause: 'OFFICER_DECISION',
      reason: why,
      actorId: actor.id,
      auditId: null,
    });
    this.commit();
  }

  /**
   * An officer lifts a suspension, whatever its cause (for CRITICAL_FINDINGS this is the
   * officer review). The rating is untouched: an employer rated B stays unable to receive
   * permits until a re-audit passes.
   */
  reinstate(officer: CallerIdentity, reason: string, now: Date): void {
    const actor = recordedCaller(officer, 'officer.id');
    const next = this.transition('REINSTATE');
    const why = requireReason(reason);
    this.recordHistory({ now, actor, reason: why }, 'status', this.s.status, next);
    this.s.status = next;
    this.s.suspension = null;
    this.raise({
      type: 'EmployerReinstated',
      employerId: this.id,
      occurredAt: iso(now),
      reason: why,
      actorId: actor.id,
    });
    this.commit();
  }

  /** The employer leaves the program (on its own request or an officer's decision); open worksites close. */
  deregister(actor: CallerIdentity, reason: string, now: Date): void {
    const who = recordedCaller(actor);
    const next = this.transition('DEREGISTER');
    const why = requireReason(reason);
    const ctx: HistoryContext = { now, actor: who, reason: why };
    this.recordHistory(ctx, 'status', this.s.status, next);
    this.s.status = next;
    this.s.suspension = null;
    this.s.deregistered = { at: iso(now), by: who, reason: why };
    this.raise({
      type: 'EmployerDeregistered',
      employerId: this.id,
      occurredAt: iso(now),
      reason: why,
      actorId: who.id,
    });
    for (const worksite of this.s.worksites.values()) {
      if (worksite.isClosed) continue;
      this.recordHistory(ctx, 'worksite.status', 'OPEN', 'CLOSED', worksite.id);
      worksite.close(why, now);
      this.raise({
        type: 'WorksiteClosed',
        employerId: this.id,
        occurredAt: iso(now),
        worksiteId: worksite.id,
        reason: why,
      });
    }
    this.commit();
  }

  // ---------------------------------------------------------------- reported changes

  /**
   * The employer reports a change of legal name, address, contact or legal representative.
   * Returns the changed field paths; reporting the current values again changes nothing
   * (no version, no event), so a retried request is harmless.
   */
  reportChange(actor: CallerIdentity, changes: ReportedChanges, reason: string, now: Date): string[] {
    const who = recordedCaller(actor);
    this.transition('REPORT_CHANGE');
    const why = requireReason(reason);
    const reported = REPORTABLE_FIELDS.filter((f) => changes?.[f] !== undefined);
    if (reported.length === 0) {
      throw EmployerErrors.NO_CHANGES.create({ allowed: REPORTABLE_FIELDS });
    }

    const legalName = changes.legalName !== undefined ? validLegalName(changes.legalName) : this.s.legalName;
    const address = changes.address !== undefined ? Address.create(changes.address) : this.s.address;
    const contact = changes.contact !== undefined ? Contact.create(changes.contact) : this.s.contact;
    const legalRepresentative =
      changes.legalRepresentative !== undefined
        ? legalRepresentativeFor(this.s.kind, changes.legalRepresentative)
        : this.s.legalRepresentative;

    const diffs = [
      ...(legalName !== this.s.legalName
        ? [{ field: 'legalName', from: this.s.legalName, to: legalName }]
        : []),
      ...fieldDiffs('address', this.s.address.toProps(), address.toProps()),
      ...fieldDiffs('contact', this.s.contact.toProps(), contact.toProps()),
      ...fieldDiffs(
        'legalRepresentative',
        this.s.legalRepresentative?.toProps() ?? null,
        legalRepresentative?.toProps() ?? null,
      ),
    ];
    if (diffs.length === 0) return [];

    const ctx: HistoryContext = { now, actor: who, reason: why };
    for (const d of diffs) this.recordHistory(ctx, d.field, d.from, d.to);
    Object.assign(this.s, { legalName, address, contact, legalRepresentative });
    const changedFields = diffs.map((d) => d.field);
    this.raise({
      type: 'EmployerUpdated',
      employerId: this.id,
      occurredAt: iso(now),
      changedFields,
      state: address.state,
      municipality: address.municipality,
      publicName: this.publicName,
    });
    this.commit();
    return changedFields;
  }

  // ---------------------------------------------------------------- worksites

  addWorksite(actor: CallerIdentity, worksite: NewWorksite, now: Date): WorksiteView {
    const who = recordedCaller(actor);
    this.transition('ADD_WORKSITE');
    const created = Worksite.create(worksite, now);
    if (this.s.worksites.has(created.id)) {
      throw EmployerErrors.WORKSITE_ALREADY_EXISTS.create({ worksiteId: created.id });
    }
    this.s.worksites.set(created.id, created);
    this.recordHistory({ now, actor: who, reason: null }, 'worksite.status', null, 'OPEN', created.id);
    this.raise({
      type: 'WorksiteAdded',
      employerId: this.id,
      occurredAt: iso(now),
      worksite: created.summary(this.policy),
    });
    this.commit();
    return created.view(this.policy);
  }

  /**
   * Edits an open worksite. Returns the changed fields; unchanged values are a no-op. Lowering
   * the capacity below the current headcount is allowed (it is a declaration of fact) and shows
   * as `overCapacity`.
   */
  updateWorksite(
    actor: CallerIdentity,
    worksiteId: string,
    changes: WorksiteChanges,
    reason: string,
    now: Date,
  ): WorksiteField[] {
    const who = recordedCaller(actor);
    this.transition('UPDATE_WORKSITE');
    const worksite = this.openWorksite(worksiteId);
    const why = requireReason(reason);
    if (!changes || !WORKSITE_FIELDS.some((f) => changes[f] !== undefined)) {
      throw EmployerErrors.NO_CHANGES.create({ allowed: WORKSITE_FIELDS });
    }
    const diffs = worksite.diff(changes);
    if (diffs.length === 0) return [];
    const ctx: HistoryContext = { now, actor: who, reason: why };
    const before = diffs.map((d) => worksite.valueOf(d.field));
    worksite.apply(diffs);
    diffs.forEach((d, i) =>
      this.recordHistory(ctx, `worksite.${d.field}`, before[i], worksite.valueOf(d.field), worksite.id),
    );
    const changedFields = diffs.map((d) => d.field);
    this.raise({
      type: 'WorksiteUpdated',
      employerId: this.id,
      occurredAt: iso(now),
      worksite: worksite.summary(this.policy),
      changedFields,
    });
    this.commit();
    return changedFields;
  }

  closeWorksite(actor: CallerIdentity, worksiteId: string, reason: string, now: Date): void {
    const who = recordedCaller(actor);
    this.transition('CLOSE_WORKSITE');
    const worksite = this.openWorksite(worksiteId);
    const why = requireReason(reason);
    this.recordHistory({ now, actor: who, reason: why }, 'worksite.status', 'OPEN', 'CLOSED', worksite.id);
    worksite.close(why, now);
    this.raise({
      type: 'WorksiteClosed',
      employerId: this.id,
      occurredAt: iso(now),
      worksiteId: worksite.id,
      reason: why,
    });
    this.commit();
  }

  // ---------------------------------------------------------------- facts from other contexts

  /**
   * Applies an audit outcome reported by the audits context. The rating and suspension follow
   * from outcomes, never from manual edits:
   *
   * | classification (see classifyAuditOutcome) | ACTIVE                              | SUSPENDED                                   |
   * |-------------------------------------------|-------------------------------------|---------------------------------------------|
   * | CRITICAL                                  | rating B; SUSPENDED, CRITICAL_FINDINGS | rating B; audit added to the suspension (stays suspended, cause unchanged) |
   * | SERIOUS                                   | rating B                            | rating B                                    |
   * | PASSED_RE_AUDIT                           | B → A                               | B → A; stays suspended (an officer reinstates) |
   * | NO_RATING_EFFECT                          | —                                   | —                                           |
   *
   * PENDING_VERIFICATION, REJECTED, DEREGISTERED: recorded only (NOT_IN_PROGRAM).
   * An outcome completed before one already applied: recorded only (STALE).
   * The same audit id again: nothing (duplicate: true), so redelivered events are harmless.
   */
  applyAuditOutcome(outcome: AuditOutcome, now: Date): AuditOutcomeApplication {
    const audit = validateAuditOutcome(outcome);
    const existing = this.s.audits.find((a) => a.auditId === audit.auditId);
    if (existing) return { duplicate: true, record: existing };

    const classification = classifyAuditOutcome(audit);
    const decision = decideAuditConsequences(
      {
        status: this.s.status,
        rating: this.s.rating,
        suspended: this.s.suspension !== null,
        audits: this.s.audits,
      },
      audit,
      classification,
    );
    const effects = decision.applied ? this.carryOut(audit, decision.consequences, now) : [];
    const record: AuditRecord = {
      auditId: audit.auditId,
      kind: audit.kind,
      outcome: audit.outcome,
      classification,
      findingCodes: audit.findings.map((f) => f.code),
      completedAt: iso(audit.completedAt),
      recordedAt: iso(now),
      effects,
      ignoredBecause: decision.applied ? null : decision.ignoredBecause,
    };
    this.s.audits.push(record);
    this.commit();
    return { duplicate: false, record };
  }

  /** Stores the latest risk score for officers; an older or repeated computation is ignored. */
  recordRiskChange(change: RiskChange, now: Date): boolean {
    const risk = validateRiskChange(change);
    if (this.s.risk !== null && Date.parse(this.s.risk.computedAt) >= risk.computedAt.getTime()) return false;
    this.s.risk = {
      score: risk.score,
      tier: risk.tier,
      factors: risk.factors.map((f) => ({ ...f })),
      computedAt: iso(risk.computedAt),
      recordedAt: iso(now),
    };
    this.commit();
    return true;
  }

  /** A permit was issued for a worker at this worksite. Idempotent per permit id; returns whether it counted. */
  recordPermitIssued(worksiteId: string, permitId: string): boolean {
    const worksite = this.existingWorksite(worksiteId);
    const changed = worksite.recordPermitIssued(assertId(permitId, 'permitId'));
    if (changed) this.commit();
    return changed;
  }

  /** A permit at this worksite ended (revoked, expired, employment ended…). Idempotent per permit id. */
  recordPermitEnded(worksiteId: string, permitId: string): boolean {
    const worksite = this.existingWorksite(worksiteId);
    const changed = worksite.recordPermitEnded(assertId(permitId, 'permitId'));
    if (changed) this.commit();
    return changed;
  }

  // ---------------------------------------------------------------- queries

  /** The TVTF rule: only an ACTIVE employer rated A receives new permits. */
  canReceivePermits(): boolean {
    return this.s.status === 'ACTIVE' && this.s.rating === 'A';
  }

  canReceivePermitAt(worksiteId: string): boolean {
    return this.permitEligibilityAt(worksiteId).eligible;
  }

  /** Whether a new permit may be issued for this worksite, and every reason why not. */
  permitEligibilityAt(worksiteId: string): PermitEligibility {
    const reasons: PermitIneligibilityReason[] = [];
    if (this.s.status !== 'ACTIVE') reasons.push('EMPLOYER_NOT_ACTIVE');
    if (this.s.rating !== 'A') reasons.push('EMPLOYER_NOT_RATED_A');
    const worksite = this.s.worksites.get(worksiteId);
    if (!worksite) {
      reasons.push('WORKSITE_NOT_FOUND');
    } else {
      if (worksite.isClosed) reasons.push('WORKSITE_CLOSED');
      if (!worksite.isEligibleForPermits(this.policy)) reasons.push('WORKSITE_STATE_NOT_ELIGIBLE');
      if (worksite.remainingCapacity === 0) reasons.push('WORKSITE_AT_CAPACITY');
    }
    return { eligible: reasons.length === 0, reasons };
  }

  get id(): string {
    return this.s.id;
  }
  get version(): number {
    return this.s.version;
  }
  get rfc(): Rfc {
    return this.s.rfc;
  }
  get kind(): EmployerKind {
    return this.s.kind;
  }
  get legalName(): string {
    return this.s.legalName;
  }
  /** The name the public may see: a company's legal name; none for an individual (personal data). */
  get publicName(): string | null {
    return this.s.kind === 'COMPANY' ? this.s.legalName : null;
  }
  get sector(): Sector {
    return this.s.sector;
  }
  get contact(): Contact {
    return this.s.contact;
  }
  get address(): Address {
    return this.s.address;
  }
  get legalRepresentative(): LegalRepresentative | null {
    return this.s.legalRepresentative;
  }
  get status(): EmployerStatus {
    return this.s.status;
  }
  /** null until verified. */
  get rating(): ComplianceRating | null {
    return this.s.rating;
  }
  get registrationNumber(): RegistrationNumber | null {
    return this.s.registrationNumber;
  }
  get suspension(): Suspension | null {
    return this.s.suspension;
  }
  /** When the employer registered (ISO-8601). */
  get registeredAt(): string {
    return this.s.registered.at;
  }
  get verifiedAt(): string | null {
    return this.s.verified?.at ?? null;
  }
  get rejectionReason(): string | null {
    return this.s.rejected?.reason ?? null;
  }
  get deregisteredAt(): string | null {
    return this.s.deregistered?.at ?? null;
  }
  get risk(): RiskAssessment | null {
    return this.s.risk;
  }
  get audits(): readonly AuditRecord[] {
    return [...this.s.audits];
  }
  /**
   * The history entries this instance recorded since it was loaded (or built), in order: what
   * the repository appends to the change history with the next write. The whole history is read
   * from the repository when asked for.
   */
  get recordedHistory(): readonly ChangeHistoryEntry[] {
    return [...this.s.recordedHistory];
  }
  /** The actions a person may request now (for the API to offer, and to return with a 409). */
  get allowedActions(): EmployerAction[] {
    return allowedActions(this.s.status);
  }
  get worksites(): WorksiteView[] {
    return [...this.s.worksites.values()].map((w) => w.view(this.policy));
  }
  worksite(worksiteId: string): WorksiteView {
    return this.existingWorksite(worksiteId).view(this.policy);
  }

  /** Hands over the events raised since the last pull, and forgets them. */
  pullEvents(): EmployerDomainEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  // ---------------------------------------------------------------- persistence

  toSnapshot(): EmployerSnapshot {
    return snapshotOf(this.s);
  }

  /**
   * Rebuilds an employer from stored data, re-checking its invariants (employer-snapshot.mapping.ts).
   * Unreadable data raises EMPLOYER.SNAPSHOT_INVALID (a 500: the store holds something the domain
   * never wrote).
   */
  static fromSnapshot(snapshot: EmployerSnapshot, options: EmployerOptions = {}): Employer {
    const state = stateOf(snapshot);
    return new Employer(state, state.version, policyOf(options));
  }

  // ---------------------------------------------------------------- internals

  /** Checks the lifecycle table; returns the status the action leads to. */
  private transition(action: EmployerAction): EmployerStatus {
    return nextStatus(action, this.s.status);
  }

  private existingWorksite(worksiteId: string): Worksite {
    const worksite = this.s.worksites.get(worksiteId);
    if (!worksite) throw EmployerErrors.WORKSITE_NOT_FOUND.create({ worksiteId: String(worksiteId) });
    return worksite;
  }

  private openWorksite(worksiteId: string): Worksite {
    const worksite = this.existingWorksite(worksiteId);
    if (worksite.isClosed) throw EmployerErrors.WORKSITE_CLOSED.create({ worksiteId: worksite.id });
    return worksite;
  }

  /** Carries out what the audit-outcome rules decided: history, state and events, in order. */
  private carryOut(audit: AuditOutcome, consequences: readonly AuditConsequence[], now: Date): AuditEffect[] {
    const ctx = (reason: string): HistoryContext => ({
      now,
      actor: SYSTEM_CALLER,
      reason,
      auditId: audit.auditId,
    });
    for (const consequence of consequences) {
      if (consequence.kind === 'RATE') {
        const from = this.s.rating;
        this.recordHistory(ctx(consequence.reason), 'rating', from, consequence.to);
        this.s.rating = consequence.to;
        this.raise({
          type: 'EmployerRatingChanged',
          employerId: this.id,
          occurredAt: iso(now),
          from: from as ComplianceRating,
          to: consequence.to,
          reason: consequence.reason,
          auditId: audit.auditId,
        });
      } else if (consequence.kind === 'SUSPEND') {
        const next = this.transition('SUSPEND');
        this.recordHistory(ctx(consequence.reason), 'status', this.s.status, next);
        this.s.status = next;
        this.s.suspension = {
          cause: 'CRITICAL_FINDINGS',
          reason: consequence.reason,
          since: iso(now),
          actorId: null,
          auditIds: [audit.auditId],
        };
        this.raise({
          type: 'EmployerSuspended',
          employerId: this.id,
          occurredAt: iso(now),
          cause: 'CRITICAL_FINDINGS',
          reason: consequence.reason,
          actorId: null,
          auditId: audit.auditId,
        });
      } else if (this.s.suspension !== null) {
        this.recordHistory(ctx(consequence.reason), 'suspension.auditIds', null, audit.auditId);
        this.s.suspension = {
          ...this.s.suspension,
          auditIds: [...this.s.suspension.auditIds, audit.auditId],
        };
      }
    }
    return consequences.map((c) => c.effect);
  }

  private recordHistory(
    ctx: HistoryContext,
    field: string,
    from: string | null,
    to: string | null,
    worksiteId: string | null = null,
  ): void {
    const personalData = isPersonalDataField(field, this.s.kind);
    this.s.recordedHistory.push({
      version: this.s.version + 1,
      at: iso(ctx.now),
      actor: { id: ctx.actor.id, role: ctx.actor.role },
      field,
      worksiteId,
      personalData,
      from: personalData ? null : from,
      to: personalData ? null : to,
      summary: describeChange(from, to, personalData),
      reason: ctx.reason,
      auditId: ctx.auditId ?? null,
    });
  }

  private raise(event: EmployerDomainEvent): void {
    this.events.push(event);
  }

  /** Ends a command that changed something: one version per command. */
  private commit(): void {
    this.s.version += 1;
  }
}
