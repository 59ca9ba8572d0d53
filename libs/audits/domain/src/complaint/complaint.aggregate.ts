import {
  AppError,
  CalendarDate,
  isMexicanState,
  LIMITS,
  REFERRAL_AGENCIES,
  ROLES,
  type CallerIdentity,
  type MexicanState,
  type ReferralAgency,
} from '@frontera/shared-kernel';
import { DEFAULT_AUDIT_PROGRAM, type AuditProgram } from '../config/audit-program.config';
import { AuditErrors } from '../errors/audit-errors';
import { FINDING_CODES, findingDefinition, isForcedLabourIndicator } from '../findings/finding-catalogue';
import { historyEntry, type HistoryEntry } from '../shared/history';
import { recordedCaller } from '../shared/recorded-caller';
import {
  assertId,
  iso,
  optionalId,
  optionalText,
  requireInstant,
  requireLongText,
  requireOneOf,
  requireReason,
  requireText,
} from '../shared/validation';
import type { CreateAuditTask } from '../task/audit-task.aggregate';
import { assertSecretHash, sameSecretHash } from './complaint-secret';
import {
  allowedComplaintActions,
  COMPLAINT_STATUSES,
  nextComplaintStatus,
  OPEN_COMPLAINT_STATUSES,
  type ComplaintAction,
  type ComplaintStatus,
} from './complaint-lifecycle';
import type { ComplaintDomainEvent } from './complaint.events';
import {
  COMPLAINT_CHANNELS,
  CONTACT_LANGUAGES,
  type ComplainantStatus,
  type ComplaintChannel,
  type ContactLanguage,
} from './complaint.types';
import { ReceiptCode } from './receipt-code.value-object';

const INVALID = AuditErrors.COMPLAINT_INVALID_DATA;

/** Additions a complainant may make to one complaint (a bound against abuse; more go through staff). */
export const MAX_INFORMATION_ADDITIONS = 20;

export const COMPLAINT_SNAPSHOT_SCHEMA_VERSION = 1;

/**
 * Who files a complaint and adds information: the public has no token and no role (the kernel's ROLES
 * are people with accounts and the system), so histories record these entries under this identity —
 * Frontera's system role, id `complainant` — never anything about the person.
 */
export const COMPLAINANT_ACTOR: CallerIdentity = Object.freeze({ id: 'complainant', role: 'system' });

/**
 * Snapshot paths the repository encrypts at rest: the contact data (personal by definition) and the
 * free texts, which may name workers, victims or the complainant (docs/architecture.md, Personal data).
 */
export const COMPLAINT_CONTACT_PATHS = ['contact.name', 'contact.phone', 'contact.email'] as const;
export const COMPLAINT_PERSONAL_DATA_PATHS = [
  ...COMPLAINT_CONTACT_PATHS,
  'description',
  'subject.place',
  'additionalInformation[].text',
] as const;

/** The complaint names a registered employer (and perhaps a worksite), or describes a place in free text. */
export type ComplaintSubject =
  | { readonly employerId: string; readonly worksiteId?: string | null }
  | { readonly place: string; readonly municipality?: string | null };

export interface ComplaintContact {
  readonly name?: string | null;
  readonly phone?: string | null;
  readonly email?: string | null;
  readonly language?: ContactLanguage | null;
}

export interface FileComplaint {
  readonly complaintId: string;
  /** `ReceiptCode.issue({ year, random })`, drawn by the caller. */
  readonly receiptCode: ReceiptCode | string;
  /** The hash of the caller-generated secret (see complaint-secret.ts). */
  readonly secretHash: string;
  readonly channel: ComplaintChannel;
  readonly subject: ComplaintSubject;
  /** The state the complaint is about (the employer's or worksite's for a named employer: the service knows it). */
  readonly state: MexicanState;
  readonly description: string;
  /** Catalogue codes the complainant reports (labour findings or forced-labour indicators). */
  readonly indicators?: readonly string[];
  /** Absent or null: anonymous. */
  readonly contact?: ComplaintContact | null;
}

export interface TriageComplaint {
  /** The COMPLAINT task's id (the caller's id generator). */
  readonly taskId: string;
  /** Required when the complaint names a place; otherwise the named employer. */
  readonly employerId?: string | null;
  /** Required unless the complaint named one. */
  readonly worksiteId?: string | null;
}

/** What the service completes (municipality and roster from its read models) to create the COMPLAINT audit. */
export type ComplaintAuditRequest = Pick<
  CreateAuditTask,
  'taskId' | 'employerId' | 'worksiteId' | 'state' | 'kind' | 'origin' | 'indicators'
>;

/** What the complainant sees with receipt code and secret: this complaint's status, nothing else. */
export interface ComplainantView {
  readonly receiptCode: string;
  readonly status: ComplainantStatus;
  /** `YYYY-MM-DD`. */
  readonly receivedOn: string;
  /** How many times information was added (by the complainant). */
  readonly informationAdded: number;
  /** Whether more information may still be added. */
  readonly acceptsInformation: boolean;
}

interface StoredSubject {
  readonly employerId: string | null;
  readonly worksiteId: string | null;
  readonly place: string | null;
  readonly municipality: string | null;
}

interface StoredContact {
  readonly name: string | null;
  readonly phone: string | null;
  readonly email: string | null;
  readonly language: ContactLanguage | null;
}

export interface AddedInformation {
  readonly at: string;
  readonly text: string;
}

export interface ComplaintTriage {
  readonly taskId: string;
  readonly automatic: boolean;
  readonly at: string;
  readonly by: CallerIdentity;
}

/**
 * A complaint as stored. `receiptCode` is the compact form (unique index, lookup key); the secret's hash
 * is stored for the check; COMPLAINT_PERSONAL_DATA_PATHS are encrypted by the repository. Top-level for
 * equality queries: `status`, `state`, `employerId` (the employer's open complaints).
 */
export interface ComplaintSnapshot {
  readonly schemaVersion: typeof COMPLAINT_SNAPSHOT_SCHEMA_VERSION;
  readonly id: string;
  readonly version: number;
  readonly receiptCode: string;
  readonly secretHash: string;
  readonly channel: ComplaintChannel;
  readonly subject: StoredSubject;
  readonly employerId: string | null;
  readonly state: MexicanState;
  readonly description: string;
  readonly indicators: readonly string[];
  readonly contact: StoredContact | null;
  readonly status: ComplaintStatus;
  readonly receivedAt: string;
  readonly additionalInformation: readonly AddedInformation[];
  readonly triage: ComplaintTriage | null;
  readonly referralIds: readonly string[];
  readonly closedAt: string | null;
  readonly statusReason: string | null;
}

interface ComplaintState {
  id: string;
  version: number;
  receiptCode: ReceiptCode;
  secretHash: string;
  channel: ComplaintChannel;
  subject: StoredSubject;
  state: MexicanState;
  description: string;
  indicators: string[];
  contact: StoredContact | null;
  status: ComplaintStatus;
  receivedAt: string;
  additionalInformation: AddedInformation[];
  triage: ComplaintTriage | null;
  referralIds: string[];
  closedAt: string | null;
  statusReason: string | null;
  recordedHistory: HistoryEntry[];
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const PHONE = /^\+?[0-9]{8,15}$/;

function subjectOf(value: ComplaintSubject): StoredSubject {
  if (!value || typeof value !== 'object') throw INVALID.create({ field: 'subject', constraint: 'REQUIRED' });
  if ('employerId' in value && value.employerId !== undefined && value.employerId !== null) {
    return {
      employerId: assertId(value.employerId, 'subject.employerId'),
      worksiteId: optionalId(value.worksiteId, 'subject.worksiteId'),
      place: null,
      municipality: null,
    };
  }
  const place = 'place' in value ? value.place : undefined;
  return {
    employerId: null,
    worksiteId: null,
    place: requireText(place, 'subject.place', LIMITS.REASON, INVALID),
    municipality: optionalText(
      'municipality' in value ? value.municipality : null,
      'subject.municipality',
      LIMITS.NAME,
      INVALID,
    ),
  };
}

function contactOf(value: ComplaintContact | null | undefined): StoredContact | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object') throw INVALID.create({ field: 'contact', constraint: 'REQUIRED' });
  const name = optionalText(value.name, 'contact.name', LIMITS.FULL_NAME, INVALID);
  const phoneText = optionalText(value.phone, 'contact.phone', LIMITS.PHONE, INVALID);
  const phone = phoneText === null ? null : phoneText.replace(/[\s().-]/g, '').replace(/^00/, '+');
  if (phone !== null && !PHONE.test(phone)) {
    throw INVALID.create({ field: 'contact.phone', constraint: 'INVALID_FORMAT', format: '+502 5555 1234' });
  }
  const email = optionalText(value.email, 'contact.email', LIMITS.EMAIL, INVALID);
  if (email !== null && !EMAIL.test(email)) {
    throw INVALID.create({
      field: 'contact.email',
      constraint: 'INVALID_FORMAT',
      format: 'name@example.org',
    });
  }
  const language =
    value.language === undefined || value.language === null
      ? null
      : requireOneOf(value.language, CONTACT_LANGUAGES, 'contact.language', INVALID);
  if (name === null && phone === null && email === null) return null;
  return { name, phone, email, language };
}

function indicatorsOf(value: readonly string[] | undefined): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw INVALID.create({ field: 'indicators', constraint: 'REQUIRED' });
  value.forEach((code, i) => {
    if (!findingDefinition(code)) {
      throw INVALID.create({
        field: `indicators[${i}]`,
        constraint: 'UNKNOWN_VALUE',
        allowed: FINDING_CODES,
      });
    }
  });
  return [...new Set(value)].sort((a, b) => FINDING_CODES.indexOf(a) - FINDING_CODES.indexOf(b));
}

/**
 * A complaint, filed by anyone without an account, anonymously if they wish: the channel, the employer
 * named or a place described in free text, a description, the indicators reported, and contact data only
 * if the complainant gives it (personal data: encrypted by the repository, never in events, logs or
 * histories). The complainant keeps a receipt code and a secret (the service stores the secret's hash) to
 * follow the status and add information; triage creates a COMPLAINT audit. Its lifecycle is the one table
 * in complaint-lifecycle.ts.
 */
export class Complaint {
  private events: ComplaintDomainEvent[] = [];

  private constructor(
    private readonly s: ComplaintState,
    readonly persistedVersion: number,
    private readonly program: AuditProgram,
  ) {}

  static file(command: FileComplaint, now: Date, program: AuditProgram = DEFAULT_AUDIT_PROGRAM): Complaint {
    requireInstant(now);
    if (!command || typeof command !== 'object') throw new TypeError('file needs a command');
    if (!isMexicanState(command.state))
      throw INVALID.create({ field: 'state', constraint: 'UNKNOWN_VALUE', allowed: [] });
    const receiptCode =
      command.receiptCode instanceof ReceiptCode
        ? command.receiptCode
        : ReceiptCode.parse(command.receiptCode);
    const complaint = new Complaint(
      {
        id: assertId(command.complaintId, 'complaintId'),
        version: 0,
        receiptCode,
        secretHash: assertSecretHash(command.secretHash),
        channel: requireOneOf(command.channel, COMPLAINT_CHANNELS, 'channel', INVALID),
        subject: subjectOf(command.subject),
        state: command.state,
        description: requireLongText(command.description, 'description', LIMITS.DESCRIPTION, INVALID),
        indicators: indicatorsOf(command.indicators),
        contact: contactOf(command.contact),
        status: 'RECEIVED',
        receivedAt: iso(now),
        additionalInformation: [],
        triage: null,
        referralIds: [],
        closedAt: null,
        statusReason: null,
        recordedHistory: [],
      },
      0,
      program,
    );
    const s = complaint.s;
    complaint.record(now, COMPLAINANT_ACTOR, 'FILE', null, 'status', null, 'RECEIVED');
    if (s.contact !== null)
      complaint.record(now, COMPLAINANT_ACTOR, 'FILE', null, 'contact', null, null, true);
    complaint.raise({
      type: 'ComplaintReceived',
      complaintId: s.id,
      occurredAt: iso(now),
      employerId: s.subject.employerId,
      worksiteId: s.subject.worksiteId,
      state: s.state,
      channel: s.channel,
      indicators: [...s.indicators],
      forcedLabourIndicator: complaint.hasForcedLabourIndicator,
      anonymous: s.contact === null,
    });
    complaint.commit();
    return complaint;
  }

  // ---------------------------------------------------------------- the complainant

  /** Whether `presentedHash` (the hash of the secret the complainant typed) is this complaint's. */
  matchesSecret(presentedHash: unknown): boolean {
    return sameSecretHash(this.s.secretHash, presentedHash);
  }

  /** The complainant adds information (after the service checked receipt code and secret). */
  addInformation(text: string, now: Date): void {
    requireInstant(now);
    this.transition('ADD_INFORMATION');
    const added = requireLongText(text, 'text', LIMITS.DESCRIPTION, INVALID);
    if (this.s.additionalInformation.length >= MAX_INFORMATION_ADDITIONS) {
      throw INVALID.create({
        field: 'text',
        constraint: 'OUT_OF_RANGE',
        min: 0,
        max: MAX_INFORMATION_ADDITIONS,
      });
    }
    this.record(now, COMPLAINANT_ACTOR, 'ADD_INFORMATION', null, 'additionalInformation', null, null, true);
    this.s.additionalInformation.push({ at: iso(now), text: added });
    this.raise({
      type: 'ComplaintInformationAdded',
      complaintId: this.s.id,
      occurredAt: iso(now),
      employerId: this.s.subject.employerId,
      additions: this.s.additionalInformation.length,
    });
    this.commit();
  }

  /**
   * What the complainant sees: this complaint's receipt code, a coarse status (RECEIVED, UNDER_REVIEW,
   * CLOSED — a dismissal reads CLOSED), the day it was received and how often information was added.
   * Nothing about the audit, its dates, the inspector, the employer's other complaints or anyone else's.
   */
  complainantView(): ComplainantView {
    const status: ComplainantStatus =
      this.s.status === 'RECEIVED' ? 'RECEIVED' : this.s.status === 'TRIAGED' ? 'UNDER_REVIEW' : 'CLOSED';
    return {
      receiptCode: this.s.receiptCode.value,
      status,
      receivedOn: CalendarDate.fromInstant(
        new Date(this.s.receivedAt),
        this.program.utcOffsetMinutes,
      ).toString(),
      informationAdded: this.s.additionalInformation.length,
      acceptsInformation: allowedComplaintActions(this.s.status).includes('ADD_INFORMATION'),
    };
  }

  // ---------------------------------------------------------------- triage and after

  /** Triage may run without a person when the complaint names a registered employer. */
  get canTriageAutomatically(): boolean {
    return this.s.subject.employerId !== null;
  }

  /**
   * Triage (a supervisor, or the system when the complaint names a known employer) creates a COMPLAINT
   * audit: returns the request the service completes with the worksite's municipality and roster for
   * `AuditTask.create` (its indicators make it CRITICAL, due within 48 hours, when any is a forced-labour
   * indicator). A place complaint needs the supervisor to name the employer and worksite
   * (COMPLAINT.EMPLOYER_REQUIRED).
   */
  triage(command: TriageComplaint, caller: CallerIdentity, now: Date): ComplaintAuditRequest {
    requireInstant(now);
    const actor = recordedCaller(caller);
    const next = this.transition('TRIAGE');
    const taskId = assertId(command?.taskId, 'taskId');
    const employerId = optionalId(command.employerId, 'employerId') ?? this.s.subject.employerId;
    const worksiteId = optionalId(command.worksiteId, 'worksiteId') ?? this.s.subject.worksiteId;
    if (employerId === null || worksiteId === null) {
      throw AuditErrors.COMPLAINT_EMPLOYER_REQUIRED.create({ complaintId: this.s.id });
    }
    const automatic = actor.role === 'system';
    this.record(now, actor, 'TRIAGE', null, 'status', this.s.status, next, false, taskId);
    this.s.status = next;
    this.s.triage = { taskId, automatic, at: iso(now), by: actor };
    if (this.s.subject.employerId === null) {
      this.record(now, actor, 'TRIAGE', null, 'subject.employerId', null, employerId, false, taskId);
    }
    this.s.subject = { ...this.s.subject, employerId, worksiteId };
    this.raise({
      type: 'ComplaintTriaged',
      complaintId: this.s.id,
      occurredAt: iso(now),
      employerId,
      worksiteId,
      taskId,
      automatic,
      actorId: actor.id,
    });
    this.commit();
    return {
      taskId,
      employerId,
      worksiteId,
      state: this.s.state,
      kind: 'COMPLAINT',
      origin: { type: 'COMPLAINT', refId: this.s.id },
      indicators: [...this.s.indicators],
    };
  }

  /** A supervisor dismisses a complaint that needs no audit (not an employer in the program, a duplicate…). */
  dismiss(caller: CallerIdentity, reason: string, now: Date): void {
    requireInstant(now);
    const actor = recordedCaller(caller);
    const next = this.transition('DISMISS');
    const why = requireReason(reason);
    this.record(now, actor, 'DISMISS', why, 'status', this.s.status, next);
    this.s.status = next;
    this.s.statusReason = why;
    this.s.closedAt = iso(now);
    this.raise({
      type: 'ComplaintDismissed',
      complaintId: this.s.id,
      occurredAt: iso(now),
      employerId: this.s.subject.employerId,
      reason: why,
      actorId: actor.id,
    });
    this.commit();
  }

  /** A referral was created from this complaint (`Referral.fromComplaint`); idempotent by referral id. */
  recordReferral(referralId: string, agency: ReferralAgency, caller: CallerIdentity, now: Date): boolean {
    requireInstant(now);
    const actor = recordedCaller(caller);
    this.transition('RECORD_REFERRAL');
    const id = assertId(referralId, 'referralId');
    const to = requireOneOf(agency, REFERRAL_AGENCIES, 'agency', INVALID);
    if (this.s.referralIds.includes(id)) return false;
    this.record(now, actor, 'RECORD_REFERRAL', null, 'referralIds', null, to, false, id);
    this.s.referralIds.push(id);
    this.raise({
      type: 'ComplaintReferred',
      complaintId: this.s.id,
      occurredAt: iso(now),
      employerId: this.s.subject.employerId,
      referralId: id,
      agency: to,
      actorId: actor.id,
    });
    this.commit();
    return true;
  }

  /**
   * Closed when its audit ends (the system, with the task id: idempotent for the triaged task, false for
   * another task or when already closed) or by a supervisor (`taskId` null, with a reason).
   */
  close(taskId: string | null, caller: CallerIdentity, reason: string | null, now: Date): boolean {
    requireInstant(now);
    const actor = recordedCaller(caller);
    if (taskId !== null && (this.s.triage?.taskId !== taskId || this.s.status === 'CLOSED')) return false;
    const next = this.transition('CLOSE');
    const why = taskId === null ? requireReason(reason) : null;
    this.record(now, actor, 'CLOSE', why, 'status', this.s.status, next, false, taskId);
    this.s.status = next;
    this.s.statusReason = why;
    this.s.closedAt = iso(now);
    this.raise({
      type: 'ComplaintClosed',
      complaintId: this.s.id,
      occurredAt: iso(now),
      employerId: this.s.subject.employerId,
      taskId,
      actorId: actor.id,
    });
    this.commit();
    return true;
  }

  // ---------------------------------------------------------------- queries

  get id(): string {
    return this.s.id;
  }
  get version(): number {
    return this.s.version;
  }
  get receiptCode(): ReceiptCode {
    return this.s.receiptCode;
  }
  get channel(): ComplaintChannel {
    return this.s.channel;
  }
  get employerId(): string | null {
    return this.s.subject.employerId;
  }
  get worksiteId(): string | null {
    return this.s.subject.worksiteId;
  }
  get state(): MexicanState {
    return this.s.state;
  }
  get indicators(): readonly string[] {
    return [...this.s.indicators];
  }
  get hasForcedLabourIndicator(): boolean {
    return this.s.indicators.some(isForcedLabourIndicator);
  }
  get anonymous(): boolean {
    return this.s.contact === null;
  }
  get status(): ComplaintStatus {
    return this.s.status;
  }
  get isOpen(): boolean {
    return OPEN_COMPLAINT_STATUSES.includes(this.s.status);
  }
  get receivedAt(): string {
    return this.s.receivedAt;
  }
  get triageRecord(): ComplaintTriage | null {
    return this.s.triage && { ...this.s.triage };
  }
  get referralIds(): readonly string[] {
    return [...this.s.referralIds];
  }
  /** For supervisors (personal data: the application decides who reads it). */
  get description(): string {
    return this.s.description;
  }
  /** For supervisors (personal data). */
  get contact(): StoredContact | null {
    return this.s.contact && { ...this.s.contact };
  }
  get allowedActions(): ComplaintAction[] {
    return allowedComplaintActions(this.s.status);
  }
  get recordedHistory(): readonly HistoryEntry[] {
    return [...this.s.recordedHistory];
  }

  pullEvents(): ComplaintDomainEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  // ---------------------------------------------------------------- persistence

  toSnapshot(): ComplaintSnapshot {
    const s = this.s;
    return {
      schemaVersion: COMPLAINT_SNAPSHOT_SCHEMA_VERSION,
      id: s.id,
      version: s.version,
      receiptCode: s.receiptCode.compact,
      secretHash: s.secretHash,
      channel: s.channel,
      subject: { ...s.subject },
      employerId: s.subject.employerId,
      state: s.state,
      description: s.description,
      indicators: [...s.indicators],
      contact: s.contact && { ...s.contact },
      status: s.status,
      receivedAt: s.receivedAt,
      additionalInformation: s.additionalInformation.map((a) => ({ ...a })),
      triage: s.triage && { ...s.triage, by: { ...s.triage.by } },
      referralIds: [...s.referralIds],
      closedAt: s.closedAt,
      statusReason: s.statusReason,
    };
  }

  static fromSnapshot(snapshot: ComplaintSnapshot, program: AuditProgram = DEFAULT_AUDIT_PROGRAM): Complaint {
    const invalid = (problem: string) => AuditErrors.COMPLAINT_SNAPSHOT_INVALID.create({ problem });
    if (!snapshot || typeof snapshot !== 'object') throw invalid('not an object');
    if (snapshot.schemaVersion !== COMPLAINT_SNAPSHOT_SCHEMA_VERSION) {
      throw invalid(`unsupported schemaVersion ${String(snapshot.schemaVersion)}`);
    }
    if (!Number.isInteger(snapshot.version) || snapshot.version < 1)
      throw invalid('version must be an integer ≥ 1');
    if (!COMPLAINT_STATUSES.includes(snapshot.status))
      throw invalid(`unknown status ${String(snapshot.status)}`);
    if (!isMexicanState(snapshot.state)) throw invalid(`unknown state ${String(snapshot.state)}`);
    if ((snapshot.status === 'RECEIVED') !== (snapshot.triage === null) && snapshot.status !== 'DISMISSED') {
      throw invalid('status and triage disagree');
    }
    const by = snapshot.triage?.by;
    if (snapshot.triage && (!by || typeof by.id !== 'string' || !ROLES.includes(by.role))) {
      throw invalid('triage.by is not a caller');
    }
    try {
      const subject = snapshot.subject;
      const state: ComplaintState = {
        id: assertId(snapshot.id, 'id'),
        version: snapshot.version,
        receiptCode: ReceiptCode.parse(snapshot.receiptCode),
        secretHash: assertSecretHash(snapshot.secretHash),
        channel: requireOneOf(snapshot.channel, COMPLAINT_CHANNELS, 'channel', INVALID),
        subject: {
          employerId: optionalId(subject?.employerId, 'subject.employerId'),
          worksiteId: optionalId(subject?.worksiteId, 'subject.worksiteId'),
          place: subject?.place ?? null,
          municipality: subject?.municipality ?? null,
        },
        state: snapshot.state,
        description: requireLongText(snapshot.description, 'description', LIMITS.DESCRIPTION, INVALID),
        indicators: indicatorsOf(snapshot.indicators),
        contact: contactOf(snapshot.contact),
        status: snapshot.status,
        receivedAt: snapshot.receivedAt,
        additionalInformation: (snapshot.additionalInformation ?? []).map((a) => ({
          at: a.at,
          text: a.text,
        })),
        triage: snapshot.triage && {
          taskId: assertId(snapshot.triage.taskId, 'triage.taskId'),
          automatic: snapshot.triage.automatic === true,
          at: snapshot.triage.at,
          by: { id: (by as CallerIdentity).id, role: (by as CallerIdentity).role },
        },
        referralIds: (snapshot.referralIds ?? []).map((id, i) => assertId(id, `referralIds[${i}]`)),
        closedAt: snapshot.closedAt,
        statusReason: snapshot.statusReason,
        recordedHistory: [],
      };
      if (state.subject.employerId === null && state.subject.place === null)
        throw invalid('subject names nothing');
      return new Complaint(state, state.version, program);
    } catch (error) {
      if (AuditErrors.COMPLAINT_SNAPSHOT_INVALID.is(error)) throw error;
      if (error instanceof AppError)
        throw invalid(`${error.code} (${String(error.params['field'] ?? error.params['problem'] ?? '')})`);
      throw invalid(error instanceof Error ? error.message : String(error));
    }
  }

  // ---------------------------------------------------------------- internals

  private transition(action: ComplaintAction): ComplaintStatus {
    return nextComplaintStatus(action, this.s.status);
  }

  private record(
    now: Date,
    actor: CallerIdentity,
    action: ComplaintAction | 'FILE',
    reason: string | null,
    field: string,
    from: string | null,
    to: string | null,
    personalData = false,
    relatedId: string | null = null,
  ): void {
    this.s.recordedHistory.push(
      historyEntry(
        { version: this.s.version + 1, now, actor, action, reason, relatedId },
        field,
        from,
        to,
        personalData,
      ),
    );
  }

  private raise(event: ComplaintDomainEvent): void {
    this.events.push(event);
  }

  private commit(): void {
    this.s.version += 1;
  }
}
