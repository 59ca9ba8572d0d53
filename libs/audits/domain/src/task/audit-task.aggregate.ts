import {
  AppError,
  AUDIT_KINDS,
  AUDIT_OUTCOMES,
  CalendarDate,
  isMexicanState,
  LIMITS,
  ROLES,
  SYSTEM_CALLER,
  type AuditKind,
  type CallerIdentity,
  type MexicanState,
  type RiskTier,
} from '@frontera/shared-kernel';
import { DEFAULT_AUDIT_PROGRAM, type AuditProgram } from '../config/audit-program.config';
import { AuditErrors } from '../errors/audit-errors';
import {
  decideOutcome,
  defaultCorrectiveActionDeadline,
  type OutcomeDecision,
} from '../findings/audit-outcome.rules';
import { FINDING_CODES, findingDefinition } from '../findings/finding-catalogue';
import { historyEntry, type HistoryEntry } from '../shared/history';
import { recordedCaller } from '../shared/recorded-caller';
import {
  assertId,
  iso,
  optionalId,
  requireInstant,
  requireInteger,
  requireLongText,
  requireOneOf,
  requireReason,
  requireText,
} from '../shared/validation';
import { allowedTaskActions, nextTaskStatus, type AuditTaskAction } from './audit-task-lifecycle';
import type {
  AuditFindingSummary,
  AuditOutcomeFindingSummary,
  AuditTaskDomainEvent,
} from './audit-task.events';
import { taskTerms, type TaskTerms } from './audit-task.policy';
import {
  AUDIT_TASK_SNAPSHOT_SCHEMA_VERSION,
  type AuditTaskSnapshot,
  type RecordedFinding,
  type TaskAssignment,
  type TaskCancellation,
  type TaskCompletion,
} from './audit-task.snapshot';
import {
  ASSIGNMENT_MODES,
  AUDIT_PRIORITIES,
  AUDIT_TASK_STATUSES,
  isOpenTaskStatus,
  PRIORITY_LEVELS,
  ROSTER_CHECKS,
  TASK_ORIGIN_TYPES,
  type AssignmentMode,
  type AuditPriority,
  type AuditTaskStatus,
  type ChecklistEntry,
  type RosterCheck,
  type RosterEntry,
  type TaskOrigin,
} from './audit-task.types';

/** The largest expected roster a task carries (a worksite's held permits). */
export const MAX_ROSTER_SIZE = 10_000;
/** The most findings one audit may record. */
export const MAX_FINDINGS = 1_000;
/** Findings about more workers than this are a typing error. */
export const MAX_WORKERS_AFFECTED = 100_000;

/** Snapshot paths holding personal data (free text), for the repository to encrypt at rest. */
export const AUDIT_TASK_PERSONAL_DATA_PATHS = ['findings[].notes'] as const;

const PERMIT_NUMBER = /^[A-Z0-9*-]{1,40}$/;
const INVALID = AuditErrors.TASK_INVALID_DATA;

/** What the service passes to create a task: where, what, why, and the expected roster. */
export interface CreateAuditTask {
  /** The caller's id generator (for plan-made tasks: derived from the due audit's key, so a retry finds it). */
  readonly taskId: string;
  readonly employerId: string;
  readonly worksiteId: string;
  readonly state: MexicanState;
  /** The worksite's municipality, as the employers context names it (assignment by area). */
  readonly municipality: string;
  readonly kind: AuditKind;
  readonly origin: TaskOrigin;
  /** Catalogue codes the task concerns (a complaint's indicators): a forced-labour one makes it CRITICAL. */
  readonly indicators?: readonly string[];
  /** The employer's current tier (PERIODIC priority). */
  readonly tier?: RiskTier | null;
  /** The plan's due day (`YYYY-MM-DD`) for PERIODIC, RANDOM and FOLLOW_UP tasks. */
  readonly dueOn?: string | null;
  /** Permit ids and numbers of the worksite's held permits, from permit events (no personal data). */
  readonly roster: readonly RosterEntry[];
}

/** The policy's choice (or a supervisor's, checked by `checkManualAssignment`). */
export interface InspectorChoice {
  readonly inspectorId: string;
  readonly mode: AssignmentMode;
}

export interface RecordFinding {
  /** The caller's id generator; recording the same id again is a no-op (a retried request). */
  readonly findingId: string;
  readonly code: string;
  /** Affected permits (on the expected roster); for per-worker findings. */
  readonly permitIds?: readonly string[];
  /** Affected workers, ≥ permitIds (workers without a permit count too); default permitIds.length. */
  readonly workersAffected?: number;
  /** Free text (personal data possible: encrypted, never in events). */
  readonly notes?: string | null;
}

export interface CompleteAudit {
  /** `YYYY-MM-DD`: VIOLATIONS default to the gravest violation's period; REFERRAL may set one. */
  readonly correctiveActionDeadline?: string | null;
}

/** What an employer may see of an audit: the outcome of a completed audit only (see {@link employerViewOf}). */
export interface EmployerAuditView {
  readonly taskId: string;
  readonly employerId: string;
  readonly worksiteId: string;
  readonly status: 'COMPLETED';
  readonly outcome: OutcomeDecision['outcome'];
  /** One entry per finding code, with the number of workers affected — never which workers. */
  readonly findings: readonly AuditFindingSummary[];
  /** `YYYY-MM-DD`: when the violations must be corrected (the employer must know it). */
  readonly correctiveActionDeadline: string | null;
  /** `YYYY-MM-DD`: the day the audit was completed (the visit happened; no future date). */
  readonly completedOn: string;
}

interface TaskState {
  id: string;
  version: number;
  employerId: string;
  worksiteId: string;
  state: MexicanState;
  municipality: string;
  kind: AuditKind;
  origin: TaskOrigin;
  priority: AuditPriority;
  status: AuditTaskStatus;
  dueAt: Date;
  dueOn: CalendarDate;
  createdAt: string;
  inspectorId: string | null;
  assignment: TaskAssignment | null;
  startedAt: string | null;
  checklist: ChecklistEntry[];
  findings: RecordedFinding[];
  completion: TaskCompletion | null;
  cancellation: TaskCancellation | null;
  escalatedAt: string | null;
  recordedHistory: HistoryEntry[];
}

interface Ctx {
  readonly now: Date;
  readonly actor: CallerIdentity;
  readonly action: AuditTaskAction | 'CREATE';
  readonly reason: string | null;
  readonly relatedId?: string | null;
}

/**
 * The checklist refreshed to the expected roster: exactly the expected permits (sorted by permit id),
 * each keeping the check it had when it was already on the checklist (its number as expected now),
 * NOT_CHECKED when new. Permits no longer expected leave the checklist. Pure.
 */
export function refreshedRoster(
  current: readonly ChecklistEntry[],
  expected: readonly RosterEntry[],
): ChecklistEntry[] {
  const checks = new Map(current.map((e) => [e.permitId, e.check]));
  const byPermit = new Map<string, ChecklistEntry>();
  for (const entry of expected) {
    byPermit.set(entry.permitId, {
      permitId: entry.permitId,
      permitNumber: entry.permitNumber,
      check: checks.get(entry.permitId) ?? 'NOT_CHECKED',
    });
  }
  return [...byPermit.values()].sort((a, b) => a.permitId.localeCompare(b.permitId));
}

function sameRoster(a: readonly ChecklistEntry[], b: readonly ChecklistEntry[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (e, i) =>
        e.permitId === b[i].permitId && e.permitNumber === b[i].permitNumber && e.check === b[i].check,
    )
  );
}

/** Validated roster entries (permit id and number), without checks. */
function rosterEntries(entries: readonly RosterEntry[]): RosterEntry[] {
  return roster(entries).map(({ permitId, permitNumber }) => ({ permitId, permitNumber }));
}

function roster(entries: readonly RosterEntry[] | undefined): ChecklistEntry[] {
  if (entries === undefined || entries === null) return [];
  if (!Array.isArray(entries)) throw INVALID.create({ field: 'roster', constraint: 'REQUIRED' });
  if (entries.length > MAX_ROSTER_SIZE) {
    throw INVALID.create({ field: 'roster', constraint: 'OUT_OF_RANGE', min: 0, max: MAX_ROSTER_SIZE });
  }
  const byPermit = new Map<string, ChecklistEntry>();
  entries.forEach((entry, i) => {
    const permitId = assertId(entry?.permitId, `roster[${i}].permitId`);
    if (typeof entry.permitNumber !== 'string' || !PERMIT_NUMBER.test(entry.permitNumber)) {
      throw INVALID.create({
        field: `roster[${i}].permitNumber`,
        constraint: 'INVALID_FORMAT',
        format: 'TVTF-SSS-YY-XXXX-XXXX-C',
      });
    }
    byPermit.set(permitId, { permitId, permitNumber: entry.permitNumber, check: 'NOT_CHECKED' });
  });
  return [...byPermit.values()].sort((a, b) => a.permitId.localeCompare(b.permitId));
}

function origin(value: TaskOrigin, kind: AuditKind): TaskOrigin {
  const type = requireOneOf(value?.type, TASK_ORIGIN_TYPES, 'origin.type', INVALID);
  const refId = optionalId(value.refId, 'origin.refId');
  const expected: Record<AuditKind, readonly string[]> = {
    PERIODIC: ['PLAN', 'RETALIATION'],
    COMPLAINT: ['COMPLAINT', 'RETALIATION'],
    FOLLOW_UP: ['FOLLOW_UP'],
    RANDOM: ['RANDOM_SAMPLE'],
  };
  if (!expected[kind].includes(type)) {
    throw INVALID.create({ field: 'origin.type', constraint: 'UNKNOWN_VALUE', allowed: expected[kind] });
  }
  if ((type === 'PLAN' || type === 'RANDOM_SAMPLE') !== (refId === null)) {
    throw INVALID.create({
      field: 'origin.refId',
      constraint: refId === null ? 'REQUIRED' : 'UNKNOWN_VALUE',
      allowed: [],
    });
  }
  return { type, refId };
}

/**
 * An audit task: one visit to one worksite of one employer — kind, origin, priority, due date, the
 * assigned inspector, the checklist (the worksite's expected roster: permit ids and numbers only), the
 * findings recorded from the catalogue, and the outcome the rules derive from them. Its lifecycle is the
 * one table in audit-task-lifecycle.ts.
 *
 * Unannounced visits: the due date and the assignment are for the audits service and its staff only;
 * what an employer may see is {@link employerViewOf}, which exists for completed tasks only.
 */
export class AuditTask {
  private events: AuditTaskDomainEvent[] = [];

  private constructor(
    private readonly s: TaskState,
    readonly persistedVersion: number,
    private readonly program: AuditProgram,
  ) {}

  // ---------------------------------------------------------------- creation

  /**
   * A due audit becomes a task, PENDING_ASSIGNMENT (the assignment policy runs next). Priority and due
   * date follow `taskTerms`: a forced-labour indicator makes it CRITICAL, due within 48 hours.
   */
  static create(
    command: CreateAuditTask,
    now: Date,
    program: AuditProgram = DEFAULT_AUDIT_PROGRAM,
  ): AuditTask {
    requireInstant(now);
    if (!command || typeof command !== 'object') throw new TypeError('create needs a command');
    const kind = requireOneOf(command.kind, AUDIT_KINDS, 'kind', INVALID);
    if (!isMexicanState(command.state)) {
      throw INVALID.create({ field: 'state', constraint: 'UNKNOWN_VALUE', allowed: [] });
    }
    const indicators = (command.indicators ?? []).map((code, i) => {
      if (!findingDefinition(code))
        throw AuditErrors.TASK_UNKNOWN_FINDING.create({
          findingCode: String(code).slice(0, 64),
          field: `indicators[${i}]`,
        });
      return code;
    });
    const taskOrigin = origin(command.origin, kind);
    const dueOn = command.dueOn ? CalendarDate.parse(command.dueOn, 'dueOn', INVALID) : null;
    if (
      (kind === 'PERIODIC' || kind === 'RANDOM' || kind === 'FOLLOW_UP') &&
      taskOrigin.type !== 'RETALIATION' &&
      dueOn === null
    ) {
      throw INVALID.create({ field: 'dueOn', constraint: 'REQUIRED' });
    }
    const terms: TaskTerms = taskTerms(
      { kind, originType: taskOrigin.type, indicators, tier: command.tier ?? null, dueOn },
      now,
      program,
    );
    const task = new AuditTask(
      {
        id: assertId(command.taskId, 'taskId'),
        version: 0,
        employerId: assertId(command.employerId, 'employerId'),
        worksiteId: assertId(command.worksiteId, 'worksiteId'),
        state: command.state,
        municipality: requireText(command.municipality, 'municipality', LIMITS.NAME, INVALID),
        kind,
        origin: taskOrigin,
        priority: terms.priority,
        status: 'PENDING_ASSIGNMENT',
        dueAt: terms.dueAt,
        dueOn: terms.dueOn,
        createdAt: iso(now),
        inspectorId: null,
        assignment: null,
        startedAt: null,
        checklist: roster(command.roster),
        findings: [],
        completion: null,
        cancellation: null,
        escalatedAt: null,
        recordedHistory: [],
      },
      0,
      program,
    );
    task.record(
      { now, actor: SYSTEM_CALLER, action: 'CREATE', reason: terms.because, relatedId: taskOrigin.refId },
      'status',
      null,
      'PENDING_ASSIGNMENT',
    );
    task.raise({
      type: 'AuditTaskCreated',
      ...task.eventBase(now),
      kind,
      priority: terms.priority,
      priorityLevel: PRIORITY_LEVELS[terms.priority],
      state: task.s.state,
      originType: taskOrigin.type,
      originId: taskOrigin.refId,
      dueAt: iso(terms.dueAt),
      dueOn: terms.dueOn.toString(),
      rosterSize: task.s.checklist.length,
    });
    task.commit();
    return task;
  }

  // ---------------------------------------------------------------- assignment

  /**
   * Assigns a PENDING_ASSIGNMENT task to the inspector the assignment policy chose (`chooseInspector`,
   * AUTOMATIC) or a supervisor picked (`checkManualAssignment`, MANUAL). The policy is the
   * application's to run: the task cannot see inspectors or their load.
   */
  assign(choice: InspectorChoice, caller: CallerIdentity, now: Date): void {
    requireInstant(now);
    const actor = recordedCaller(caller);
    const next = this.transition('ASSIGN');
    const inspectorId = assertId(choice?.inspectorId, 'inspectorId');
    const mode = requireOneOf(choice.mode, ASSIGNMENT_MODES, 'mode', INVALID);
    const ctx: Ctx = { now, actor, action: 'ASSIGN', reason: null, relatedId: inspectorId };
    this.record(ctx, 'inspectorId', null, inspectorId);
    this.changeStatus(ctx, next);
    this.s.inspectorId = inspectorId;
    this.s.assignment = { inspectorId, mode, at: iso(now), by: actor };
    this.raise({ type: 'AuditTaskAssigned', ...this.eventBase(now), inspectorId, mode, actorId: actor.id });
    this.commit();
  }

  /** A supervisor gives an ASSIGNED or IN_PROGRESS task to another inspector, with a reason. */
  reassign(choice: InspectorChoice, caller: CallerIdentity, reason: string, now: Date): void {
    requireInstant(now);
    const actor = recordedCaller(caller);
    this.transition('REASSIGN');
    const inspectorId = assertId(choice?.inspectorId, 'inspectorId');
    const mode = requireOneOf(choice.mode, ASSIGNMENT_MODES, 'mode', INVALID);
    const why = requireReason(reason);
    const previous = this.s.inspectorId as string;
    if (inspectorId === previous) throw AuditErrors.TASK_SAME_INSPECTOR.create({ inspectorId });
    this.record(
      { now, actor, action: 'REASSIGN', reason: why, relatedId: inspectorId },
      'inspectorId',
      previous,
      inspectorId,
    );
    this.s.inspectorId = inspectorId;
    this.s.assignment = { inspectorId, mode, at: iso(now), by: actor };
    this.raise({
      type: 'AuditTaskReassigned',
      ...this.eventBase(now),
      inspectorId,
      mode,
      previousInspectorId: previous,
      reason: why,
      actorId: actor.id,
    });
    this.commit();
  }

  /** Back to PENDING_ASSIGNMENT (the inspector was deactivated and nobody else qualifies). */
  release(caller: CallerIdentity, reason: string, now: Date): void {
    requireInstant(now);
    const actor = recordedCaller(caller);
    const next = this.transition('RELEASE');
    const why = requireReason(reason);
    const previous = this.s.inspectorId as string;
    const ctx: Ctx = { now, actor, action: 'RELEASE', reason: why, relatedId: previous };
    this.record(ctx, 'inspectorId', previous, null);
    this.changeStatus(ctx, next);
    this.s.inspectorId = null;
    this.s.assignment = null;
    this.raise({
      type: 'AuditTaskReleased',
      ...this.eventBase(now),
      previousInspectorId: previous,
      reason: why,
      actorId: actor.id,
    });
    this.commit();
  }

  // ---------------------------------------------------------------- the inspector's work

  /**
   * The assigned inspector starts the visit (the application checks it is theirs: isAssignedInspector).
   * `roster`, when given, is the worksite's expected roster now (the held permits of the read model):
   * the checklist is refreshed to it ({@link refreshedRoster}), so the inspector checks who should be
   * there today rather than when the task was created (decision 0034).
   */
  start(caller: CallerIdentity, now: Date, roster?: readonly RosterEntry[]): void {
    requireInstant(now);
    const actor = recordedCaller(caller);
    const next = this.transition('START');
    if (roster !== undefined) {
      const refreshed = refreshedRoster(this.s.checklist, rosterEntries(roster));
      if (!sameRoster(refreshed, this.s.checklist)) {
        this.record(
          { now, actor, action: 'START', reason: null },
          'checklist',
          String(this.s.checklist.length),
          String(refreshed.length),
        );
        this.s.checklist = refreshed;
      }
    }
    this.changeStatus({ now, actor, action: 'START', reason: null }, next);
    this.s.startedAt = iso(now);
    this.raise({
      type: 'AuditStarted',
      ...this.eventBase(now),
      kind: this.s.kind,
      inspectorId: this.s.inspectorId as string,
    });
    this.commit();
  }

  /** Marks a permit of the expected roster PRESENT or ABSENT. Returns false when it already was. */
  checkRoster(permitId: string, check: RosterCheck, caller: CallerIdentity, now: Date): boolean {
    requireInstant(now);
    const actor = recordedCaller(caller);
    this.transition('CHECK_ROSTER');
    const id = assertId(permitId, 'permitId');
    const value = requireOneOf(check, ROSTER_CHECKS, 'check', INVALID);
    const index = this.s.checklist.findIndex((e) => e.permitId === id);
    if (index < 0) throw AuditErrors.TASK_NOT_ON_ROSTER.create({ permitId: id });
    const entry = this.s.checklist[index];
    if (entry.check === value) return false;
    this.record(
      { now, actor, action: 'CHECK_ROSTER', reason: null, relatedId: id },
      `checklist.${id}`,
      entry.check,
      value,
    );
    this.s.checklist[index] = { ...entry, check: value };
    this.commit();
    return true;
  }

  /**
   * Records a finding from the catalogue. Per-worker findings need the affected permits (on the
   * roster) or a number of workers; worksite findings (unsafe housing, isolation…) take neither.
   * Recording the same finding id again is a no-op (false).
   */
  recordFinding(finding: RecordFinding, caller: CallerIdentity, now: Date): boolean {
    requireInstant(now);
    const actor = recordedCaller(caller);
    this.transition('RECORD_FINDING');
    const findingId = assertId(finding?.findingId, 'findingId');
    if (this.s.findings.some((f) => f.findingId === findingId)) return false;
    if (this.s.findings.length >= MAX_FINDINGS) {
      throw INVALID.create({ field: 'findings', constraint: 'OUT_OF_RANGE', min: 0, max: MAX_FINDINGS });
    }
    const definition = typeof finding.code === 'string' ? findingDefinition(finding.code) : undefined;
    if (!definition)
      throw AuditErrors.TASK_UNKNOWN_FINDING.create({ findingCode: String(finding.code).slice(0, 64) });
    const permitIds = [
      ...new Set((finding.permitIds ?? []).map((id, i) => assertId(id, `permitIds[${i}]`))),
    ].sort();
    const onRoster = new Set(this.s.checklist.map((e) => e.permitId));
    const stranger = permitIds.find((id) => !onRoster.has(id));
    if (stranger !== undefined) throw AuditErrors.TASK_NOT_ON_ROSTER.create({ permitId: stranger });
    const workersAffected =
      finding.workersAffected === undefined || finding.workersAffected === null
        ? permitIds.length
        : requireInteger(
            finding.workersAffected,
            'workersAffected',
            permitIds.length,
            MAX_WORKERS_AFFECTED,
            INVALID,
          );
    if (definition.perWorker && workersAffected === 0) {
      throw AuditErrors.TASK_FINDING_NEEDS_WORKERS.create({ findingCode: definition.code });
    }
    if (!definition.perWorker && (permitIds.length > 0 || workersAffected > 0)) {
      throw INVALID.create({ field: 'permitIds', constraint: 'OUT_OF_RANGE', min: 0, max: 0 });
    }
    const notes =
      finding.notes === undefined || finding.notes === null || finding.notes.trim() === ''
        ? null
        : requireLongText(finding.notes, 'notes', LIMITS.DESCRIPTION, INVALID);
    this.record(
      { now, actor, action: 'RECORD_FINDING', reason: null, relatedId: findingId },
      'findings',
      null,
      definition.code,
    );
    this.s.findings.push({
      findingId,
      code: definition.code,
      permitIds,
      workersAffected,
      notes,
      recordedAt: iso(now),
      recordedBy: actor,
    });
    this.raise({
      type: 'AuditFindingRecorded',
      ...this.eventBase(now),
      findingId,
      code: definition.code,
      severity: definition.severity,
      forcedLabourIndicator: definition.forcedLabourIndicator,
      workersAffected,
    });
    this.commit();
    return true;
  }

  /** Removes a finding recorded by mistake, with a reason (recorded in the history). */
  removeFinding(findingId: string, caller: CallerIdentity, reason: string, now: Date): void {
    requireInstant(now);
    const actor = recordedCaller(caller);
    this.transition('REMOVE_FINDING');
    const id = assertId(findingId, 'findingId');
    const why = requireReason(reason);
    const finding = this.s.findings.find((f) => f.findingId === id);
    if (!finding) throw AuditErrors.TASK_FINDING_NOT_FOUND.create({ findingId: id });
    this.record(
      { now, actor, action: 'REMOVE_FINDING', reason: why, relatedId: id },
      'findings',
      finding.code,
      null,
    );
    this.s.findings = this.s.findings.filter((f) => f.findingId !== id);
    this.raise({ type: 'AuditFindingRemoved', ...this.eventBase(now), findingId: id, code: finding.code });
    this.commit();
  }

  /**
   * Completes the visit. The outcome follows from the findings (decideOutcome): COMPLIANT; VIOLATIONS
   * with a corrective-action deadline (the one given, or today + the gravest violation's period), at
   * which the plan schedules a FOLLOW_UP; REFERRAL when any forced-labour indicator was recorded (a
   * deadline is optional there: set one to have the labour violations followed up too).
   */
  complete(command: CompleteAudit, caller: CallerIdentity, now: Date): OutcomeDecision {
    requireInstant(now);
    const actor = recordedCaller(caller);
    const next = this.transition('COMPLETE');
    const decision = decideOutcome(this.s.findings);
    const deadline = this.correctiveDeadline(decision, command?.correctiveActionDeadline ?? null, now);
    const ctx: Ctx = { now, actor, action: 'COMPLETE', reason: null };
    this.changeStatus(ctx, next);
    this.record(ctx, 'outcome', null, decision.outcome);
    this.s.completion = {
      outcome: decision.outcome,
      correctiveActionDeadline: deadline?.toString() ?? null,
      at: iso(now),
      by: actor,
    };
    this.raise({
      type: 'AuditCompleted',
      ...this.eventBase(now),
      kind: this.s.kind,
      outcome: decision.outcome,
      findings: this.outcomeFindingSummaries(),
      correctiveActionDeadline: deadline?.toString() ?? null,
      inspectorId: this.s.inspectorId as string,
      state: this.s.state,
      completedAt: iso(now),
    });
    this.commit();
    return decision;
  }

  private correctiveDeadline(
    decision: OutcomeDecision,
    given: string | null,
    now: Date,
  ): CalendarDate | null {
    const limit = this.program.maxCorrectiveActionDays;
    const invalid = (problem: string) =>
      AuditErrors.TASK_INVALID_CORRECTIVE_DEADLINE.create({ problem, limit });
    const today = CalendarDate.fromInstant(now, this.program.utcOffsetMinutes);
    if (given === null || given === '') {
      if (decision.outcome !== 'VIOLATIONS') return null;
      return defaultCorrectiveActionDeadline(decision.gravestSeverity ?? 'MINOR', today, this.program);
    }
    if (decision.outcome === 'COMPLIANT') throw invalid('NOT_APPLICABLE');
    const deadline = CalendarDate.tryParse(given);
    if (!deadline) throw invalid('NOT_A_DATE');
    if (!deadline.isAfter(today)) throw invalid('TOO_EARLY');
    if (today.daysUntil(deadline) > limit) throw invalid('TOO_LATE');
    return deadline;
  }

  // ---------------------------------------------------------------- supervisor and system

  /** A supervisor cancels, with a reason; or the system when the employer is deregistered. */
  cancel(caller: CallerIdentity, reason: string, now: Date): void {
    requireInstant(now);
    const actor = recordedCaller(caller);
    const from = this.s.status;
    const next = this.transition('CANCEL');
    const why = requireReason(reason);
    const ctx: Ctx = { now, actor, action: 'CANCEL', reason: why };
    this.changeStatus(ctx, next);
    this.s.cancellation = { reason: why, at: iso(now), by: actor };
    this.raise({
      type: 'AuditCancelled',
      ...this.eventBase(now),
      kind: this.s.kind,
      fromStatus: from,
      reason: why,
      actorId: actor.id,
      inspectorId: this.s.inspectorId,
    });
    this.commit();
  }

  /**
   * Re-planning (a tier change) moves the due day of an open, not yet started PERIODIC or RANDOM task.
   * CRITICAL, complaint, retaliation and follow-up tasks keep their dates. Returns false when nothing
   * changes; never moves a due day into the past.
   */
  reschedule(dueOn: string, now: Date): boolean {
    requireInstant(now);
    this.transition('RESCHEDULE');
    const requested = CalendarDate.parse(dueOn, 'dueOn', INVALID);
    if (this.s.origin.type !== 'PLAN' && this.s.origin.type !== 'RANDOM_SAMPLE') return false;
    const today = CalendarDate.fromInstant(now, this.program.utcOffsetMinutes);
    const day = CalendarDate.max(requested, today);
    if (day.equals(this.s.dueOn)) return false;
    const ctx: Ctx = { now, actor: SYSTEM_CALLER, action: 'RESCHEDULE', reason: null };
    this.record(ctx, 'dueOn', this.s.dueOn.toString(), day.toString());
    this.s.dueOn = day;
    this.s.dueAt = day.addDays(1).startInstant(this.program.utcOffsetMinutes);
    this.s.escalatedAt = null;
    this.raise({
      type: 'AuditTaskRescheduled',
      ...this.eventBase(now),
      dueAt: iso(this.s.dueAt),
      dueOn: day.toString(),
    });
    this.commit();
    return true;
  }

  /**
   * The overdue sweep (bucket `overdueOn`) escalates an open task once it is past due: AuditOverdue,
   * and the task is on the supervisors' overdue list (`escalatedAt`). Idempotent: false, changing
   * nothing, when not yet due, already escalated, or no longer open.
   */
  markOverdue(now: Date): boolean {
    requireInstant(now);
    if (!isOpenTaskStatus(this.s.status) || this.s.escalatedAt !== null) return false;
    this.transition('MARK_OVERDUE');
    if (now.getTime() < this.s.dueAt.getTime()) return false;
    this.record(
      { now, actor: SYSTEM_CALLER, action: 'MARK_OVERDUE', reason: null },
      'escalatedAt',
      null,
      iso(now),
    );
    this.s.escalatedAt = iso(now);
    this.raise({
      type: 'AuditOverdue',
      ...this.eventBase(now),
      kind: this.s.kind,
      priority: this.s.priority,
      status: this.s.status,
      inspectorId: this.s.inspectorId,
      state: this.s.state,
    });
    this.commit();
    return true;
  }

  // ---------------------------------------------------------------- queries

  isOverdueAt(now: Date): boolean {
    return isOpenTaskStatus(this.s.status) && now.getTime() >= this.s.dueAt.getTime();
  }

  /** Whether `inspectorId` (the inspector record, `Caller.inspectorId`) holds the task. */
  isAssignedTo(inspectorId: string | undefined | null): boolean {
    return inspectorId !== undefined && inspectorId !== null && this.s.inspectorId === inspectorId;
  }

  /** One summary per finding code, in catalogue order. */
  findingSummaries(): AuditFindingSummary[] {
    const byCode = new Map<string, number>();
    for (const f of this.s.findings) byCode.set(f.code, (byCode.get(f.code) ?? 0) + f.workersAffected);
    return [...byCode.entries()]
      .map(([code, workersAffected]) => {
        const d = findingDefinition(code);
        if (!d) throw new TypeError(`unknown finding code ${code}`);
        return {
          code,
          severity: d.severity,
          forcedLabourIndicator: d.forcedLabourIndicator,
          workersAffected,
        };
      })
      .sort((a, b) => FINDING_CODES.indexOf(a.code) - FINDING_CODES.indexOf(b.code));
  }

  /**
   * The summaries with, per code, the union of the roster permit ids its findings concern (sorted):
   * what the outcome event carries so that the permits context records outcomes against permits.
   * Never an employer's view (employerViewOf keeps counts only).
   */
  outcomeFindingSummaries(): AuditOutcomeFindingSummary[] {
    const permits = new Map<string, Set<string>>();
    for (const f of this.s.findings) {
      const ids = permits.get(f.code) ?? new Set<string>();
      f.permitIds.forEach((id) => ids.add(id));
      permits.set(f.code, ids);
    }
    return this.findingSummaries().map((summary) => ({
      ...summary,
      permitIds: [...(permits.get(summary.code) ?? [])].sort(),
    }));
  }

  /**
   * The supervisors' overdue list key: the task's state while it is open and escalated (`markOverdue`),
   * null otherwise (not yet escalated, rescheduled, completed or cancelled). A top-level equality key for
   * the repository, so the list is one indexed query per state.
   */
  get overdueListState(): MexicanState | null {
    return isOpenTaskStatus(this.s.status) && this.s.escalatedAt !== null ? this.s.state : null;
  }

  /** Sweep bucket of the overdue job: the day `dueAt` falls on; null once escalated or no longer open. */
  get overdueOn(): string | null {
    if (!isOpenTaskStatus(this.s.status) || this.s.escalatedAt !== null) return null;
    return CalendarDate.fromInstant(this.s.dueAt, this.program.utcOffsetMinutes).toString();
  }

  get id(): string {
    return this.s.id;
  }
  get version(): number {
    return this.s.version;
  }
  get employerId(): string {
    return this.s.employerId;
  }
  get worksiteId(): string {
    return this.s.worksiteId;
  }
  get state(): MexicanState {
    return this.s.state;
  }
  get municipality(): string {
    return this.s.municipality;
  }
  get kind(): AuditKind {
    return this.s.kind;
  }
  get origin(): TaskOrigin {
    return { ...this.s.origin };
  }
  get priority(): AuditPriority {
    return this.s.priority;
  }
  get priorityLevel(): number {
    return PRIORITY_LEVELS[this.s.priority];
  }
  get status(): AuditTaskStatus {
    return this.s.status;
  }
  /** Internal (staff only): never in an employer-facing view. */
  get dueOn(): string {
    return this.s.dueOn.toString();
  }
  /** Internal (staff only): never in an employer-facing view. */
  get dueAt(): Date {
    return new Date(this.s.dueAt.getTime());
  }
  get inspectorId(): string | null {
    return this.s.inspectorId;
  }
  get assignment(): TaskAssignment | null {
    return this.s.assignment && { ...this.s.assignment };
  }
  get startedAt(): string | null {
    return this.s.startedAt;
  }
  get checklist(): readonly ChecklistEntry[] {
    return this.s.checklist.map((e) => ({ ...e }));
  }
  get findings(): readonly RecordedFinding[] {
    return this.s.findings.map((f) => ({ ...f, permitIds: [...f.permitIds] }));
  }
  get completion(): TaskCompletion | null {
    return this.s.completion && { ...this.s.completion };
  }
  get cancellation(): TaskCancellation | null {
    return this.s.cancellation && { ...this.s.cancellation };
  }
  get escalatedAt(): string | null {
    return this.s.escalatedAt;
  }
  /** `YYYY-MM-DD` (the program's offset) the task was completed, null when not completed. */
  get completedOn(): string | null {
    return (
      this.s.completion &&
      CalendarDate.fromInstant(new Date(this.s.completion.at), this.program.utcOffsetMinutes).toString()
    );
  }
  get allowedActions(): AuditTaskAction[] {
    return allowedTaskActions(this.s.status);
  }
  get recordedHistory(): readonly HistoryEntry[] {
    return [...this.s.recordedHistory];
  }

  pullEvents(): AuditTaskDomainEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  // ---------------------------------------------------------------- persistence

  toSnapshot(): AuditTaskSnapshot {
    const s = this.s;
    return {
      schemaVersion: AUDIT_TASK_SNAPSHOT_SCHEMA_VERSION,
      id: s.id,
      version: s.version,
      employerId: s.employerId,
      worksiteId: s.worksiteId,
      state: s.state,
      municipality: s.municipality,
      kind: s.kind,
      origin: { ...s.origin },
      priority: s.priority,
      status: s.status,
      dueAt: iso(s.dueAt),
      dueOn: s.dueOn.toString(),
      createdAt: s.createdAt,
      inspectorId: s.inspectorId,
      assignment: s.assignment && { ...s.assignment, by: { ...s.assignment.by } },
      startedAt: s.startedAt,
      checklist: s.checklist.map((e) => ({ ...e })),
      findings: s.findings.map((f) => ({
        ...f,
        permitIds: [...f.permitIds],
        recordedBy: { ...f.recordedBy },
      })),
      completion: s.completion && { ...s.completion, by: { ...s.completion.by } },
      cancellation: s.cancellation && { ...s.cancellation, by: { ...s.cancellation.by } },
      escalatedAt: s.escalatedAt,
      overdueOn: this.overdueOn,
    };
  }

  /** Rebuilds a task from stored data; unreadable data raises AUDIT_TASK.SNAPSHOT_INVALID (500). */
  static fromSnapshot(snapshot: AuditTaskSnapshot, program: AuditProgram = DEFAULT_AUDIT_PROGRAM): AuditTask {
    const invalid = (problem: string) => AuditErrors.TASK_SNAPSHOT_INVALID.create({ problem });
    if (!snapshot || typeof snapshot !== 'object') throw invalid('not an object');
    if (snapshot.schemaVersion !== AUDIT_TASK_SNAPSHOT_SCHEMA_VERSION) {
      throw invalid(`unsupported schemaVersion ${String(snapshot.schemaVersion)}`);
    }
    if (!Number.isInteger(snapshot.version) || snapshot.version < 1)
      throw invalid('version must be an integer ≥ 1');
    if (!AUDIT_TASK_STATUSES.includes(snapshot.status))
      throw invalid(`unknown status ${String(snapshot.status)}`);
    if (!AUDIT_PRIORITIES.includes(snapshot.priority))
      throw invalid(`unknown priority ${String(snapshot.priority)}`);
    if (!isMexicanState(snapshot.state)) throw invalid(`unknown state ${String(snapshot.state)}`);
    const assigned = snapshot.status === 'ASSIGNED' || snapshot.status === 'IN_PROGRESS';
    if (assigned && snapshot.inspectorId === null) throw invalid('an assigned task has no inspector');
    if (snapshot.status === 'PENDING_ASSIGNMENT' && snapshot.inspectorId !== null) {
      throw invalid('a pending task has an inspector');
    }
    if ((snapshot.status === 'COMPLETED') !== (snapshot.completion !== null))
      throw invalid('status and completion disagree');
    if ((snapshot.status === 'CANCELLED') !== (snapshot.cancellation !== null)) {
      throw invalid('status and cancellation disagree');
    }
    if (snapshot.completion && !AUDIT_OUTCOMES.includes(snapshot.completion.outcome)) {
      throw invalid(`unknown outcome ${String(snapshot.completion.outcome)}`);
    }
    const caller = (by: CallerIdentity | undefined, field: string): CallerIdentity => {
      if (!by || typeof by.id !== 'string' || !ROLES.includes(by.role))
        throw invalid(`${field} is not a caller`);
      return { id: by.id, role: by.role };
    };
    try {
      const kind = requireOneOf(snapshot.kind, AUDIT_KINDS, 'kind', INVALID);
      const dueAt = new Date(snapshot.dueAt);
      if (Number.isNaN(dueAt.getTime())) throw invalid('dueAt is not an instant');
      const checklist = roster(snapshot.checklist).map((entry) => {
        const stored = snapshot.checklist.find((e) => e.permitId === entry.permitId) as ChecklistEntry;
        return { ...entry, check: requireOneOf(stored.check, ROSTER_CHECKS, 'checklist.check', INVALID) };
      });
      const findings = (snapshot.findings ?? []).map((f, i) => {
        if (!findingDefinition(f.code)) throw invalid(`unknown finding code at findings[${i}]`);
        return {
          findingId: assertId(f.findingId, `findings[${i}].findingId`),
          code: f.code,
          permitIds: [...f.permitIds],
          workersAffected: requireInteger(
            f.workersAffected,
            `findings[${i}].workersAffected`,
            0,
            MAX_WORKERS_AFFECTED,
            INVALID,
          ),
          notes:
            f.notes === null
              ? null
              : requireLongText(f.notes, `findings[${i}].notes`, LIMITS.DESCRIPTION, INVALID),
          recordedAt: f.recordedAt,
          recordedBy: caller(f.recordedBy, `findings[${i}].recordedBy`),
        };
      });
      const state: TaskState = {
        id: assertId(snapshot.id, 'id'),
        version: snapshot.version,
        employerId: assertId(snapshot.employerId, 'employerId'),
        worksiteId: assertId(snapshot.worksiteId, 'worksiteId'),
        state: snapshot.state,
        municipality: requireText(snapshot.municipality, 'municipality', LIMITS.NAME, INVALID),
        kind,
        origin: origin(snapshot.origin, kind),
        priority: snapshot.priority,
        status: snapshot.status,
        dueAt,
        dueOn: CalendarDate.parse(snapshot.dueOn, 'dueOn', INVALID),
        createdAt: snapshot.createdAt,
        inspectorId: optionalId(snapshot.inspectorId, 'inspectorId'),
        assignment: snapshot.assignment && {
          inspectorId: assertId(snapshot.assignment.inspectorId, 'assignment.inspectorId'),
          mode: requireOneOf(snapshot.assignment.mode, ASSIGNMENT_MODES, 'assignment.mode', INVALID),
          at: snapshot.assignment.at,
          by: caller(snapshot.assignment.by, 'assignment.by'),
        },
        startedAt: snapshot.startedAt,
        checklist,
        findings,
        completion: snapshot.completion && {
          ...snapshot.completion,
          by: caller(snapshot.completion.by, 'completion.by'),
        },
        cancellation: snapshot.cancellation && {
          ...snapshot.cancellation,
          by: caller(snapshot.cancellation.by, 'cancellation.by'),
        },
        escalatedAt: snapshot.escalatedAt,
        recordedHistory: [],
      };
      return new AuditTask(state, state.version, program);
    } catch (error) {
      if (AuditErrors.TASK_SNAPSHOT_INVALID.is(error)) throw error;
      if (error instanceof AppError) throw invalid(`${error.code} (${String(error.params['field'] ?? '')})`);
      throw invalid(error instanceof Error ? error.message : String(error));
    }
  }

  // ---------------------------------------------------------------- internals

  private transition(action: AuditTaskAction): AuditTaskStatus {
    return nextTaskStatus(action, this.s.status);
  }

  private changeStatus(ctx: Ctx, next: AuditTaskStatus): void {
    this.record(ctx, 'status', this.s.status, next);
    this.s.status = next;
  }

  private eventBase(now: Date) {
    return {
      taskId: this.s.id,
      employerId: this.s.employerId,
      worksiteId: this.s.worksiteId,
      occurredAt: iso(now),
    };
  }

  private record(ctx: Ctx, field: string, from: string | null, to: string | null): void {
    this.s.recordedHistory.push(historyEntry({ ...ctx, version: this.s.version + 1 }, field, from, to));
  }

  private raise(event: AuditTaskDomainEvent): void {
    this.events.push(event);
  }

  private commit(): void {
    this.s.version += 1;
  }
}

/**
 * The one view of an audit an employer may see (docs/domain/audits.md#unannounced-visits): for a
 * COMPLETED audit, its outcome, finding codes with the number of workers affected, the
 * corrective-action deadline and the day it was completed; for any other status, null — an employer
 * never learns that a visit is planned, when it is due, who is assigned, or why it was opened (the
 * kind is left out too: COMPLAINT would tell the employer that someone complained), nor which workers
 * a finding concerns (counts only, so nobody can be singled out).
 */
export function employerViewOf(task: AuditTask): EmployerAuditView | null {
  const completion = task.completion;
  const completedOn = task.completedOn;
  if (task.status !== 'COMPLETED' || completion === null || completedOn === null) return null;
  return {
    taskId: task.id,
    employerId: task.employerId,
    worksiteId: task.worksiteId,
    status: 'COMPLETED',
    outcome: completion.outcome,
    findings: task.findingSummaries(),
    correctiveActionDeadline: completion.correctiveActionDeadline,
    completedOn,
  };
}
