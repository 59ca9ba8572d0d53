import {
  AppError,
  AUDIT_KINDS,
  CalendarDate,
  isMexicanState,
  LIMITS,
  RISK_TIERS,
  type AuditKind,
  type MexicanState,
  type RiskTier,
} from '@frontera/shared-kernel';
import { DEFAULT_AUDIT_PROGRAM, type AuditProgram } from '../config/audit-program.config';
import { AuditErrors } from '../errors/audit-errors';
import type { RetaliationPattern } from '../retaliation/retaliation.policy';
import type { RiskAssessment } from '../risk/risk-scoring.policy';
import {
  assertId,
  instantOf,
  iso,
  optionalId,
  requireInstant,
  requireOneOf,
  requireText,
} from '../shared/validation';
import type { CreateAuditTask } from '../task/audit-task.aggregate';
import { TASK_ORIGIN_TYPES, type TaskOriginType } from '../task/audit-task.types';
import type { AuditPlanDomainEvent } from './audit-plan.events';
import {
  isSelectedForRandomAudit,
  nextRandomDrawDay,
  pickIndex,
  randomAuditCycle,
} from './random-sample.policy';

const INVALID = AuditErrors.PLAN_INVALID_DATA;

export const AUDIT_PLAN_SNAPSHOT_SCHEMA_VERSION = 1;
/** The score move (points) that publishes the risk without a tier change. */
export const RISK_PUBLISH_MIN_DELTA = 5;
/** Retaliation pattern keys a plan remembers (one priority audit per key). */
export const MAX_REMEMBERED_PATTERNS = 500;

export const PLAN_STATUSES = ['ACTIVE', 'CANCELLED'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_EMPLOYER_STATUSES = ['ACTIVE', 'SUSPENDED'] as const;
export type PlanEmployerStatus = (typeof PLAN_EMPLOYER_STATUSES)[number];

export interface PlanWorksiteInput {
  readonly worksiteId: string;
  readonly state: MexicanState;
  readonly municipality: string;
}

export interface PlanWorksite extends PlanWorksiteInput {
  readonly open: boolean;
  /** `YYYY-MM-DD` of its last completed PERIODIC audit, null before the first. */
  readonly lastPeriodicOn: string | null;
  /** How many periodic audits were scheduled for it (the periodic keys' sequence). */
  readonly periodicRound: number;
}

/**
 * An audit the plan will turn into a task, or did (`taskId`). Keys are stable and carry no date:
 * `PERIODIC:<worksite>:<n>`, `FOLLOW_UP:<task>`, `RANDOM:<cycle>`, `RETALIATION:<pattern>:<worksite>`;
 * derive the task id from the plan and the key (a name-based UUID, a hash) so a retried sweep creates
 * the same task.
 */
export interface ScheduledAudit {
  readonly key: string;
  readonly kind: AuditKind;
  readonly originType: TaskOriginType;
  readonly originId: string | null;
  readonly worksiteId: string;
  /** `YYYY-MM-DD`: the sweep creates the task on this day. Internal. */
  readonly createOn: string;
  /** `YYYY-MM-DD`: the task's due day. Internal. */
  readonly dueOn: string;
  readonly taskId: string | null;
}

export interface StartPlan {
  readonly employerId: string;
  /** When the employer was verified (the employer.verified event). */
  readonly verifiedAt: Date | string;
  /** Its worksites known at verification (may be none yet). */
  readonly worksites: readonly PlanWorksiteInput[];
  /** The first risk assessment (`assessRisk` of the profile at verification). */
  readonly assessment: RiskAssessment;
}

/** What the application does after a risk assessment is applied. */
export interface RiskApplication {
  readonly tierChanged: boolean;
  /** EmployerRiskChanged was raised (publish frontera.audit.risk.changed). */
  readonly published: boolean;
  /** Open, plan-made tasks whose due day the new cadence moves: `task.reschedule(dueOn, now)`. */
  readonly reschedule: readonly { readonly taskId: string; readonly dueOn: string }[];
}

/** An audit task of the employer ended (AuditCompleted or AuditCancelled). */
export interface AuditEnded {
  readonly taskId: string;
  readonly worksiteId: string;
  readonly kind: AuditKind;
  readonly ended: 'COMPLETED' | 'CANCELLED';
  readonly at: Date | string;
  /** COMPLETED with VIOLATIONS (or REFERRAL with one): the FOLLOW_UP is created on that day. */
  readonly correctiveActionDeadline?: string | null;
}

/** The tasks the application must cancel (deregistration, a closed worksite) — those the plan made. */
export interface PlanCancellation {
  readonly changed: boolean;
  readonly cancelTaskIds: readonly string[];
}

export interface AuditPlanSnapshot {
  readonly schemaVersion: typeof AUDIT_PLAN_SNAPSHOT_SCHEMA_VERSION;
  /** The employer id: one plan per employer. */
  readonly id: string;
  readonly version: number;
  readonly status: PlanStatus;
  readonly employerStatus: PlanEmployerStatus;
  readonly verifiedOn: string;
  readonly tier: RiskTier;
  readonly cadenceDays: number;
  readonly assessment: RiskAssessment;
  readonly published: { readonly score: number; readonly tier: RiskTier } | null;
  readonly worksites: readonly PlanWorksite[];
  readonly scheduled: readonly ScheduledAudit[];
  readonly lastRandomCycle: string | null;
  /**
   * `YYYY-MM-DD`: the day of the next random draw (a random day of the next cycle, set by each draw;
   * today when the plan starts or turns LOW). Internal; part of the `taskOn` bucket while the tier is LOW.
   */
  readonly randomDrawOn?: string | null;
  readonly raisedPatterns: readonly string[];
  /** Sweep bucket (`YYYY-MM-DD`): the next day a task is to be created; null when none. Internal. */
  readonly taskOn: string | null;
}

interface PlanState {
  id: string;
  version: number;
  status: PlanStatus;
  employerStatus: PlanEmployerStatus;
  verifiedOn: CalendarDate;
  assessment: RiskAssessment;
  published: { score: number; tier: RiskTier } | null;
  worksites: PlanWorksite[];
  scheduled: ScheduledAudit[];
  lastRandomCycle: string | null;
  randomDrawOn: string | null;
  raisedPatterns: string[];
}

function worksiteInput(value: PlanWorksiteInput, field: string): PlanWorksiteInput {
  if (!isMexicanState(value?.state))
    throw INVALID.create({ field: `${field}.state`, constraint: 'UNKNOWN_VALUE', allowed: [] });
  return {
    worksiteId: assertId(value.worksiteId, `${field}.worksiteId`),
    state: value.state,
    municipality: requireText(value.municipality, `${field}.municipality`, LIMITS.NAME, INVALID),
  };
}

function assessmentOf(value: RiskAssessment, employerId: string): RiskAssessment {
  if (!value || typeof value !== 'object')
    throw INVALID.create({ field: 'assessment', constraint: 'REQUIRED' });
  if (value.employerId !== employerId) {
    throw INVALID.create({
      field: 'assessment.employerId',
      constraint: 'UNKNOWN_VALUE',
      allowed: [employerId],
    });
  }
  requireOneOf(value.tier, RISK_TIERS, 'assessment.tier', INVALID);
  if (typeof value.score !== 'number' || value.score < 0 || value.score > 100) {
    throw INVALID.create({ field: 'assessment.score', constraint: 'OUT_OF_RANGE', min: 0, max: 100 });
  }
  instantOf(value.computedAt, 'assessment.computedAt', INVALID);
  if (!Array.isArray(value.factors))
    throw INVALID.create({ field: 'assessment.factors', constraint: 'REQUIRED' });
  return value;
}

/**
 * An employer's audit plan — one per employer (its id is the employer's): the schedule of every audit
 * the audits service will turn into a task. Each open worksite has exactly one periodic audit scheduled
 * at any time — the first due within 30 days of verification (or of the worksite being added), then one
 * cadence of the risk tier after the last one (HIGH 30, MEDIUM 90, LOW 180 days) — plus follow-ups at
 * corrective-action deadlines, random audits of LOW-tier employers and priority audits raised by
 * retaliation. A tier change replaces the schedule in place (never a second one). A suspended employer's
 * plan continues; a deregistered employer's plan is cancelled with its open tasks.
 *
 * Facts from other contexts are never refused: once CANCELLED, every method is a no-op. Days are the
 * program's calendar days; a sweep reads the plans whose `taskOn` bucket is today.
 */
export class AuditPlan {
  private events: AuditPlanDomainEvent[] = [];

  private constructor(
    private readonly s: PlanState,
    readonly persistedVersion: number,
    private readonly program: AuditProgram,
  ) {}

  /** An employer was verified: its plan starts (the repository's unique id makes a redelivery find it). */
  static start(command: StartPlan, now: Date, program: AuditProgram = DEFAULT_AUDIT_PROGRAM): AuditPlan {
    requireInstant(now);
    const employerId = assertId(command?.employerId, 'employerId');
    const verifiedAt = instantOf(command.verifiedAt, 'verifiedAt', INVALID);
    const assessment = assessmentOf(command.assessment, employerId);
    if (!Array.isArray(command.worksites))
      throw INVALID.create({ field: 'worksites', constraint: 'REQUIRED' });
    const worksites = command.worksites.map((w, i) => worksiteInput(w, `worksites[${i}]`));
    const plan = new AuditPlan(
      {
        id: employerId,
        version: 0,
        status: 'ACTIVE',
        employerStatus: 'ACTIVE',
        verifiedOn: CalendarDate.fromInstant(verifiedAt, program.utcOffsetMinutes),
        assessment,
        published: null,
        worksites: [],
        scheduled: [],
        lastRandomCycle: null,
        randomDrawOn: CalendarDate.fromInstant(now, program.utcOffsetMinutes).toString(),
        raisedPatterns: [],
      },
      0,
      program,
    );
    plan.raise({
      type: 'AuditPlanStarted',
      ...plan.base(now),
      tier: assessment.tier,
      worksites: worksites.length,
    });
    for (const w of worksites) plan.addWorksite(w, now);
    plan.publishRisk(null, now);
    plan.commit();
    return plan;
  }

  // ---------------------------------------------------------------- risk

  /**
   * The risk was recomputed (an event arrived): the latest assessment is kept for the API; a tier change
   * reschedules every periodic audit at once (scheduled ones move; open, not started tasks are returned
   * for `task.reschedule`), and a tier change or a move of ≥ 5 points raises EmployerRiskChanged. An
   * assessment computed before the current one is ignored.
   */
  applyRisk(assessment: RiskAssessment, now: Date): RiskApplication {
    requireInstant(now);
    const none: RiskApplication = { tierChanged: false, published: false, reschedule: [] };
    if (this.s.status === 'CANCELLED') return none;
    const next = assessmentOf(assessment, this.s.id);
    if (Date.parse(next.computedAt) < Date.parse(this.s.assessment.computedAt)) return none;
    const previous = this.s.assessment;
    this.s.assessment = next;
    const tierChanged = previous.tier !== next.tier;
    const reschedule = tierChanged ? this.replan(previous.tier, now) : [];
    this.keepRandomDrawAhead(now);
    const published = this.publishRisk(previous.tier, now);
    this.commit();
    return { tierChanged, published, reschedule };
  }

  private publishRisk(previousTier: RiskTier | null, now: Date): boolean {
    const a = this.s.assessment;
    const last = this.s.published;
    if (last !== null && last.tier === a.tier && Math.abs(last.score - a.score) < RISK_PUBLISH_MIN_DELTA)
      return false;
    this.s.published = { score: a.score, tier: a.tier };
    this.raise({
      type: 'EmployerRiskChanged',
      ...this.base(now),
      score: a.score,
      tier: a.tier,
      previousTier,
      factors: a.factors.map((f) => ({
        code: f.code,
        weight: f.weight,
        points: f.points,
        explanation: f.explanation.es,
      })),
      computedAt: a.computedAt,
    });
    return true;
  }

  /** Re-planning: the same periodic audits, with the new cadence from each worksite's last one. */
  private replan(previousTier: RiskTier, now: Date): { taskId: string; dueOn: string }[] {
    const today = this.today(now);
    const reschedule: { taskId: string; dueOn: string }[] = [];
    this.s.scheduled = this.s.scheduled.map((entry) => {
      if (entry.originType !== 'PLAN') return entry;
      const worksite = this.s.worksites.find((w) => w.worksiteId === entry.worksiteId);
      if (!worksite || worksite.lastPeriodicOn === null) return entry; // the first audit keeps its 30 days
      const dueOn = CalendarDate.max(
        (CalendarDate.tryParse(worksite.lastPeriodicOn) as CalendarDate).addDays(this.cadenceDays),
        today,
      );
      if (dueOn.toString() === entry.dueOn) return entry;
      if (entry.taskId !== null) reschedule.push({ taskId: entry.taskId, dueOn: dueOn.toString() });
      return { ...entry, dueOn: dueOn.toString(), createOn: this.createOnFor(dueOn, today).toString() };
    });
    this.raise({
      type: 'AuditPlanRescheduled',
      ...this.base(now),
      tier: this.s.assessment.tier,
      previousTier,
      cadenceDays: this.cadenceDays,
    });
    return reschedule;
  }

  // ---------------------------------------------------------------- employer facts

  /** A worksite was added (or updated, or reopened): a new one gets its first audit within 30 days. */
  worksiteAdded(input: PlanWorksiteInput, now: Date): boolean {
    requireInstant(now);
    if (this.s.status === 'CANCELLED') return false;
    const changed = this.addWorksite(worksiteInput(input, 'worksite'), now);
    if (changed) this.commit();
    return changed;
  }

  /** A worksite's state or municipality changed (its tasks' area is the application's to update). */
  worksiteUpdated(input: PlanWorksiteInput, now: Date): boolean {
    return this.worksiteAdded(input, now);
  }

  /** A worksite closed: its scheduled audits go; the open tasks the plan made are returned to cancel. */
  worksiteClosed(worksiteId: string, now: Date): PlanCancellation {
    requireInstant(now);
    const id = assertId(worksiteId, 'worksiteId');
    const worksite = this.s.worksites.find((w) => w.worksiteId === id);
    if (this.s.status === 'CANCELLED' || !worksite || !worksite.open)
      return { changed: false, cancelTaskIds: [] };
    const cancelTaskIds = this.s.scheduled
      .filter((e) => e.worksiteId === id && e.taskId !== null)
      .map((e) => e.taskId as string);
    this.s.scheduled = this.s.scheduled.filter((e) => e.worksiteId !== id);
    this.s.worksites = this.s.worksites.map((w) => (w.worksiteId === id ? { ...w, open: false } : w));
    this.commit();
    return { changed: true, cancelTaskIds };
  }

  /** Suspended: the plan continues — suspension is when visits matter most. */
  employerSuspended(now: Date): boolean {
    return this.setEmployerStatus('SUSPENDED', now);
  }

  employerReinstated(now: Date): boolean {
    return this.setEmployerStatus('ACTIVE', now);
  }

  /**
   * Deregistered: the plan is CANCELLED and nothing more is scheduled. Returns the open tasks the plan
   * made; the application cancels every open task of the employer (complaint tasks too), by its
   * repository's employer query, with `task.cancel(SYSTEM_CALLER, 'EMPLOYER_DEREGISTERED', now)`.
   */
  employerDeregistered(now: Date): PlanCancellation {
    requireInstant(now);
    if (this.s.status === 'CANCELLED') return { changed: false, cancelTaskIds: [] };
    const cancelTaskIds = this.s.scheduled.filter((e) => e.taskId !== null).map((e) => e.taskId as string);
    this.s.status = 'CANCELLED';
    this.s.scheduled = [];
    this.raise({ type: 'AuditPlanCancelled', ...this.base(now), reason: 'EMPLOYER_DEREGISTERED' });
    this.commit();
    return { changed: true, cancelTaskIds };
  }

  // ---------------------------------------------------------------- the sweep

  /** The audits whose task is to be created by `now`'s day (the sweep of bucket `taskOn`), oldest first. */
  dueAudits(now: Date): ScheduledAudit[] {
    requireInstant(now);
    if (this.s.status === 'CANCELLED') return [];
    const today = this.today(now).toString();
    return this.s.scheduled
      .filter((e) => e.taskId === null && e.createOn <= today)
      .sort((a, b) => a.createOn.localeCompare(b.createOn) || a.key.localeCompare(b.key))
      .map((e) => ({ ...e }));
  }

  /** What `AuditTask.create` needs for a due audit, but the roster (the application's read model). */
  taskRequestFor(due: ScheduledAudit, taskId: string): Omit<CreateAuditTask, 'roster'> {
    const entry = this.s.scheduled.find((e) => e.key === due?.key);
    if (!entry) throw AuditErrors.PLAN_UNKNOWN_DUE_AUDIT.create({ key: String(due?.key ?? '') });
    const worksite = this.s.worksites.find((w) => w.worksiteId === entry.worksiteId) as PlanWorksite;
    return {
      taskId: assertId(taskId, 'taskId'),
      employerId: this.s.id,
      worksiteId: worksite.worksiteId,
      state: worksite.state,
      municipality: worksite.municipality,
      kind: entry.kind,
      origin: { type: entry.originType, refId: entry.originId },
      tier: this.s.assessment.tier,
      dueOn: entry.dueOn,
    };
  }

  /**
   * The task of a due audit was created (write the task first, then the plan: a retried sweep creates
   * the same task id and finds it). RECORDED, ALREADY_RECORDED (a retry), or PLAN_CANCELLED: the plan
   * was cancelled meanwhile, so the application cancels the new task.
   */
  taskCreated(key: string, taskId: string, now: Date): 'RECORDED' | 'ALREADY_RECORDED' | 'PLAN_CANCELLED' {
    requireInstant(now);
    const id = assertId(taskId, 'taskId');
    if (this.s.status === 'CANCELLED') return 'PLAN_CANCELLED';
    const entry = this.s.scheduled.find((e) => e.key === key);
    if (!entry) throw AuditErrors.PLAN_UNKNOWN_DUE_AUDIT.create({ key: String(key) });
    if (entry.taskId === id) return 'ALREADY_RECORDED';
    if (entry.taskId !== null) throw AuditErrors.PLAN_UNKNOWN_DUE_AUDIT.create({ key: String(key) });
    this.s.scheduled = this.s.scheduled.map((e) => (e.key === key ? { ...e, taskId: id } : e));
    this.commit();
    return 'RECORDED';
  }

  /**
   * A task of the employer ended. A completed PERIODIC audit schedules the next one a cadence later; a
   * cancelled one, a cadence after its due day (never before tomorrow), so the plan continues. Any other
   * audit the plan made leaves the schedule. A corrective-action deadline schedules the FOLLOW_UP,
   * created on that day and due `followUpWindowDays` later (whatever the kind: complaint audits too).
   * Idempotent (false when nothing changes).
   */
  auditEnded(ended: AuditEnded, now: Date): boolean {
    requireInstant(now);
    if (this.s.status === 'CANCELLED') return false;
    const taskId = assertId(ended?.taskId, 'taskId');
    const worksiteId = assertId(ended.worksiteId, 'worksiteId');
    requireOneOf(ended.kind, AUDIT_KINDS, 'kind', INVALID);
    const at = instantOf(ended.at, 'at', INVALID);
    const today = this.today(now);
    let changed = false;
    const entry = this.s.scheduled.find((e) => e.taskId === taskId);
    if (entry) {
      this.s.scheduled = this.s.scheduled.filter((e) => e !== entry);
      changed = true;
      const worksite = this.s.worksites.find((w) => w.worksiteId === entry.worksiteId);
      if (entry.originType === 'PLAN' && worksite?.open) {
        if (ended.ended === 'COMPLETED') {
          const completedOn = CalendarDate.fromInstant(at, this.program.utcOffsetMinutes);
          this.updateWorksite(worksite.worksiteId, { lastPeriodicOn: completedOn.toString() });
          this.schedulePeriodic(
            worksite.worksiteId,
            CalendarDate.max(completedOn.addDays(this.cadenceDays), today),
            now,
          );
        } else {
          const dueOn = CalendarDate.parse(entry.dueOn, 'dueOn', INVALID).addDays(this.cadenceDays);
          this.schedulePeriodic(worksite.worksiteId, CalendarDate.max(dueOn, today.addDays(1)), now);
        }
      }
    }
    if (this.keepRandomDrawAhead(now)) changed = true;
    const deadline = ended.ended === 'COMPLETED' ? (ended.correctiveActionDeadline ?? null) : null;
    const key = `FOLLOW_UP:${taskId}`;
    const site = this.s.worksites.find((w) => w.worksiteId === worksiteId);
    if (deadline !== null && site?.open && !this.s.scheduled.some((e) => e.key === key)) {
      const createOn = CalendarDate.parse(deadline, 'correctiveActionDeadline', INVALID);
      this.schedule(
        { key, kind: 'FOLLOW_UP', originType: 'FOLLOW_UP', originId: taskId, worksiteId },
        createOn,
        createOn.addDays(this.program.followUpWindowDays),
        now,
      );
      changed = true;
    }
    if (changed) this.commit();
    return changed;
  }

  // ---------------------------------------------------------------- random and priority audits

  /**
   * This cycle's random draw for the employer (once per cycle, `randomAuditCycle`; later calls in the
   * same cycle schedule nothing): a LOW-tier employer with an open worksite is selected when `draw`
   * (uniform in [0, 1), the caller's) is below the configured rate; `worksiteDraw` picks the worksite;
   * `dayDraw` the day of the next cycle's draw (`nextRandomDrawDay`: the plan's bucket moves there).
   * Returns the scheduled RANDOM audit (created today, due in `randomDueDays`), or null.
   */
  drawRandomAudit(
    draws: { readonly draw: number; readonly worksiteDraw: number; readonly dayDraw?: number },
    now: Date,
  ): ScheduledAudit | null {
    requireInstant(now);
    if (this.s.status === 'CANCELLED') return null;
    const today = this.today(now);
    const cycle = randomAuditCycle(today, this.program);
    const nextDraw = nextRandomDrawDay(today, draws?.dayDraw ?? 0, this.program).toString();
    if (this.s.lastRandomCycle === cycle) {
      // Drawn already this cycle (it turned LOW again, or a stale bucket): only move the bucket on.
      if (this.s.randomDrawOn === null || this.s.randomDrawOn <= today.toString()) {
        this.s.randomDrawOn = nextDraw;
        this.commit();
      }
      return null;
    }
    this.s.randomDrawOn = nextDraw;
    const open = this.openWorksites();
    const selected =
      isSelectedForRandomAudit(this.s.assessment.tier, draws?.draw, this.program.randomAuditRate) &&
      open.length > 0;
    const index = open.length > 0 ? pickIndex(draws.worksiteDraw, open.length) : 0;
    this.s.lastRandomCycle = cycle;
    this.raise({
      type: 'RandomAuditDrawn',
      ...this.base(now),
      cycle,
      tier: this.s.assessment.tier,
      selected,
    });
    let entry: ScheduledAudit | null = null;
    if (selected) {
      entry = this.schedule(
        {
          key: `RANDOM:${cycle}`,
          kind: 'RANDOM',
          originType: 'RANDOM_SAMPLE',
          originId: null,
          worksiteId: open[index].worksiteId,
        },
        today,
        today.addDays(this.program.randomDueDays),
        now,
      );
    }
    this.commit();
    return entry && { ...entry };
  }

  /**
   * A retaliation pattern (detectRetaliation) raises a priority audit at each open worksite, once per
   * pattern key: created today, HIGH priority, due within `retaliationDueDays` (CRITICAL with 48 hours
   * if the application adds forced-labour indicators). Kind COMPLAINT after a complaint, PERIODIC after
   * a visit; origin RETALIATION. Returns what was scheduled ([] for a pattern already raised).
   */
  raisePriorityAudit(pattern: RetaliationPattern, now: Date): ScheduledAudit[] {
    requireInstant(now);
    if (this.s.status === 'CANCELLED') return [];
    if (typeof pattern?.key !== 'string' || pattern.key.length > 200) {
      throw INVALID.create({ field: 'pattern.key', constraint: 'REQUIRED' });
    }
    if (this.s.raisedPatterns.includes(pattern.key)) return [];
    const triggerId = assertId(pattern.trigger?.id, 'pattern.trigger.id');
    const kind: AuditKind = pattern.trigger.kind === 'COMPLAINT' ? 'COMPLAINT' : 'PERIODIC';
    const today = this.today(now);
    this.s.raisedPatterns = [...this.s.raisedPatterns, pattern.key].slice(-MAX_REMEMBERED_PATTERNS);
    this.raise({
      type: 'RetaliationDetected',
      ...this.base(now),
      patternKey: pattern.key,
      triggerKind: pattern.trigger.kind,
      triggerId,
      endedPermits: pattern.endingsAfter,
      state: this.openWorksites()[0]?.state ?? null,
    });
    const entries = this.openWorksites().map((w) =>
      this.schedule(
        {
          key: `RETALIATION:${pattern.key}:${w.worksiteId}`,
          kind,
          originType: 'RETALIATION',
          originId: triggerId,
          worksiteId: w.worksiteId,
        },
        today,
        today.addDays(this.program.retaliationDueDays),
        now,
      ),
    );
    this.commit();
    return entries.map((e) => ({ ...e }));
  }

  // ---------------------------------------------------------------- queries

  /**
   * Sweep bucket: the next day a task is to be created, or a LOW-tier plan's random draw is due
   * (`randomDrawDueOn`), whichever is first (internal: never shown to employers).
   */
  get taskOn(): string | null {
    if (this.s.status === 'CANCELLED') return null;
    const pending = this.s.scheduled.filter((e) => e.taskId === null).map((e) => e.createOn);
    const draw = this.randomDrawDueOn;
    if (draw !== null) pending.push(draw);
    return pending.length === 0 ? null : pending.reduce((a, b) => (a <= b ? a : b));
  }

  /** The day of the next random draw while the plan is active and its tier LOW; null otherwise. */
  get randomDrawDueOn(): string | null {
    if (this.s.status === 'CANCELLED' || this.s.assessment.tier !== 'LOW') return null;
    return this.s.randomDrawOn;
  }

  /** Whether the sweep should draw now (`drawRandomAudit`): a LOW plan whose draw day has come. */
  isRandomDrawDue(now: Date): boolean {
    const due = this.randomDrawDueOn;
    return due !== null && due <= this.today(now).toString();
  }

  get id(): string {
    return this.s.id;
  }
  get employerId(): string {
    return this.s.id;
  }
  get version(): number {
    return this.s.version;
  }
  get status(): PlanStatus {
    return this.s.status;
  }
  get employerStatus(): PlanEmployerStatus {
    return this.s.employerStatus;
  }
  get tier(): RiskTier {
    return this.s.assessment.tier;
  }
  get cadenceDays(): number {
    return this.program.cadenceDays[this.s.assessment.tier];
  }
  /** The latest assessment: score, tier and every factor with its weight and evidence (the API's explanation). */
  get assessment(): RiskAssessment {
    return this.s.assessment;
  }
  get worksites(): readonly PlanWorksite[] {
    return this.s.worksites.map((w) => ({ ...w }));
  }
  /** Internal: planned days; never shown to employers. */
  get scheduled(): readonly ScheduledAudit[] {
    return this.s.scheduled.map((e) => ({ ...e }));
  }
  get lastRandomCycle(): string | null {
    return this.s.lastRandomCycle;
  }

  pullEvents(): AuditPlanDomainEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  toSnapshot(): AuditPlanSnapshot {
    const s = this.s;
    return {
      schemaVersion: AUDIT_PLAN_SNAPSHOT_SCHEMA_VERSION,
      id: s.id,
      version: s.version,
      status: s.status,
      employerStatus: s.employerStatus,
      verifiedOn: s.verifiedOn.toString(),
      tier: s.assessment.tier,
      cadenceDays: this.cadenceDays,
      assessment: JSON.parse(JSON.stringify(s.assessment)) as RiskAssessment,
      published: s.published && { ...s.published },
      worksites: s.worksites.map((w) => ({ ...w })),
      scheduled: s.scheduled.map((e) => ({ ...e })),
      lastRandomCycle: s.lastRandomCycle,
      randomDrawOn: s.randomDrawOn,
      raisedPatterns: [...s.raisedPatterns],
      taskOn: this.taskOn,
    };
  }

  static fromSnapshot(snapshot: AuditPlanSnapshot, program: AuditProgram = DEFAULT_AUDIT_PROGRAM): AuditPlan {
    const invalid = (problem: string) => AuditErrors.PLAN_SNAPSHOT_INVALID.create({ problem });
    if (!snapshot || typeof snapshot !== 'object') throw invalid('not an object');
    if (snapshot.schemaVersion !== AUDIT_PLAN_SNAPSHOT_SCHEMA_VERSION) {
      throw invalid(`unsupported schemaVersion ${String(snapshot.schemaVersion)}`);
    }
    if (!Number.isInteger(snapshot.version) || snapshot.version < 1)
      throw invalid('version must be an integer ≥ 1');
    if (!PLAN_STATUSES.includes(snapshot.status)) throw invalid(`unknown status ${String(snapshot.status)}`);
    if (!PLAN_EMPLOYER_STATUSES.includes(snapshot.employerStatus)) {
      throw invalid(`unknown employerStatus ${String(snapshot.employerStatus)}`);
    }
    try {
      const id = assertId(snapshot.id, 'id');
      const worksites = (snapshot.worksites ?? []).map((w, i) => ({
        ...worksiteInput(w, `worksites[${i}]`),
        open: w.open === true,
        lastPeriodicOn:
          w.lastPeriodicOn === null
            ? null
            : CalendarDate.parse(w.lastPeriodicOn, `worksites[${i}].lastPeriodicOn`, INVALID).toString(),
        periodicRound: Number.isInteger(w.periodicRound) && w.periodicRound >= 0 ? w.periodicRound : 0,
      }));
      const scheduled = (snapshot.scheduled ?? []).map((e, i) => {
        if (typeof e.key !== 'string' || e.key === '') throw invalid(`scheduled[${i}].key is missing`);
        if (!worksites.some((w) => w.worksiteId === e.worksiteId))
          throw invalid(`scheduled[${i}] names an unknown worksite`);
        return {
          key: e.key,
          kind: requireOneOf(e.kind, AUDIT_KINDS, `scheduled[${i}].kind`, INVALID),
          originType: requireOneOf(e.originType, TASK_ORIGIN_TYPES, `scheduled[${i}].originType`, INVALID),
          originId: optionalId(e.originId, `scheduled[${i}].originId`),
          worksiteId: e.worksiteId,
          createOn: CalendarDate.parse(e.createOn, `scheduled[${i}].createOn`, INVALID).toString(),
          dueOn: CalendarDate.parse(e.dueOn, `scheduled[${i}].dueOn`, INVALID).toString(),
          taskId: optionalId(e.taskId, `scheduled[${i}].taskId`),
        };
      });
      const state: PlanState = {
        id,
        version: snapshot.version,
        status: snapshot.status,
        employerStatus: snapshot.employerStatus,
        verifiedOn: CalendarDate.parse(snapshot.verifiedOn, 'verifiedOn', INVALID),
        assessment: assessmentOf(snapshot.assessment, id),
        published: snapshot.published && {
          score: snapshot.published.score,
          tier: requireOneOf(snapshot.published.tier, RISK_TIERS, 'published.tier', INVALID),
        },
        worksites,
        scheduled,
        lastRandomCycle: snapshot.lastRandomCycle ?? null,
        randomDrawOn:
          snapshot.randomDrawOn === undefined || snapshot.randomDrawOn === null
            ? null
            : CalendarDate.parse(snapshot.randomDrawOn, 'randomDrawOn', INVALID).toString(),
        raisedPatterns: [...(snapshot.raisedPatterns ?? [])],
      };
      return new AuditPlan(state, state.version, program);
    } catch (error) {
      if (AuditErrors.PLAN_SNAPSHOT_INVALID.is(error)) throw error;
      if (error instanceof AppError) throw invalid(`${error.code} (${String(error.params['field'] ?? '')})`);
      throw invalid(error instanceof Error ? error.message : String(error));
    }
  }

  // ---------------------------------------------------------------- internals

  /**
   * A LOW plan's draw day never lies behind today (a plan that turned LOW, or one stored before the
   * random sample was built): otherwise its bucket would be a day the sweep no longer looks at. True
   * when it moved.
   */
  private keepRandomDrawAhead(now: Date): boolean {
    if (this.s.status === 'CANCELLED' || this.s.assessment.tier !== 'LOW') return false;
    const today = this.today(now).toString();
    if (this.s.randomDrawOn !== null && this.s.randomDrawOn >= today) return false;
    this.s.randomDrawOn = today;
    return true;
  }

  private today(now: Date): CalendarDate {
    return CalendarDate.fromInstant(now, this.program.utcOffsetMinutes);
  }

  private openWorksites(): PlanWorksite[] {
    return this.s.worksites.filter((w) => w.open);
  }

  private createOnFor(dueOn: CalendarDate, today: CalendarDate): CalendarDate {
    return CalendarDate.max(dueOn.addDays(-this.program.taskLeadDays), today);
  }

  private addWorksite(input: PlanWorksiteInput, now: Date): boolean {
    const today = this.today(now);
    const known = this.s.worksites.find((w) => w.worksiteId === input.worksiteId);
    if (known?.open) {
      if (known.state === input.state && known.municipality === input.municipality) return false;
      this.updateWorksite(input.worksiteId, { state: input.state, municipality: input.municipality });
      return true;
    }
    if (known) {
      this.updateWorksite(input.worksiteId, { ...input, open: true });
    } else {
      this.s.worksites = [
        ...this.s.worksites,
        { ...input, open: true, lastPeriodicOn: null, periodicRound: 0 },
      ];
    }
    const from = CalendarDate.max(this.s.verifiedOn, today);
    this.schedulePeriodic(input.worksiteId, from.addDays(this.program.firstAuditWithinDays), now);
    return true;
  }

  private updateWorksite(worksiteId: string, changes: Partial<PlanWorksite>): void {
    this.s.worksites = this.s.worksites.map((w) => (w.worksiteId === worksiteId ? { ...w, ...changes } : w));
  }

  /** Replaces the worksite's periodic audit (one per open worksite, always). */
  private schedulePeriodic(worksiteId: string, dueOn: CalendarDate, now: Date): void {
    const worksite = this.s.worksites.find((w) => w.worksiteId === worksiteId) as PlanWorksite;
    const round = worksite.periodicRound + 1;
    this.updateWorksite(worksiteId, { periodicRound: round });
    this.s.scheduled = this.s.scheduled.filter(
      (e) => !(e.originType === 'PLAN' && e.worksiteId === worksiteId && e.taskId === null),
    );
    this.schedule(
      {
        key: `PERIODIC:${worksiteId}:${round}`,
        kind: 'PERIODIC',
        originType: 'PLAN',
        originId: null,
        worksiteId,
      },
      this.createOnFor(dueOn, this.today(now)),
      dueOn,
      now,
    );
  }

  private schedule(
    what: Pick<ScheduledAudit, 'key' | 'kind' | 'originType' | 'originId' | 'worksiteId'>,
    createOn: CalendarDate,
    dueOn: CalendarDate,
    now: Date,
  ): ScheduledAudit {
    const entry: ScheduledAudit = {
      ...what,
      createOn: createOn.toString(),
      dueOn: dueOn.toString(),
      taskId: null,
    };
    this.s.scheduled = [...this.s.scheduled, entry];
    this.raise({
      type: 'AuditScheduled',
      ...this.base(now),
      key: entry.key,
      kind: entry.kind,
      originType: entry.originType,
      worksiteId: entry.worksiteId,
      createOn: entry.createOn,
      dueOn: entry.dueOn,
    });
    return entry;
  }

  private setEmployerStatus(status: PlanEmployerStatus, now: Date): boolean {
    requireInstant(now);
    if (this.s.status === 'CANCELLED' || this.s.employerStatus === status) return false;
    this.s.employerStatus = status;
    this.commit();
    return true;
  }

  private base(now: Date) {
    return { employerId: this.s.id, occurredAt: iso(now) };
  }

  private raise(event: AuditPlanDomainEvent): void {
    this.events.push(event);
  }

  private commit(): void {
    this.s.version += 1;
  }
}
