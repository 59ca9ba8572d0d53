import { CalendarDate } from '@frontera/shared-kernel';
import { planRunner, referralRunner, taskRunner } from '../../shared/audits-command.runners';
import { createDueTasks, type DueTaskIds, type DueTasksDeps } from '../../shared/due-tasks';

export type { DueTaskIds };

/** A uniform draw in [0, 1) (a CSPRNG in the service; a seeded source in tests: reproducible). */
export type RandomDraw = () => number;

export interface SweepPlansDeps extends DueTasksDeps {
  /** The random sample's source: the draw, the worksite and the next cycle's draw day. */
  readonly randomDraw: RandomDraw;
}

export interface SweepPlansCommand {
  readonly now: Date;
  readonly correlationId: string;
  /** How many days before today to sweep too (buckets a stopped service missed). */
  readonly catchUpDays: number;
  readonly signal?: AbortSignal;
}

export interface SweepFailure {
  /** The plan (or, for the overdue escalation, the task) left for the next run. */
  readonly planId: string;
  readonly code: string;
}

export interface SweepPlansResult {
  readonly from: string;
  readonly to: string;
  readonly plans: number;
  readonly created: number;
  readonly assigned: number;
  readonly pendingAssignment: number;
  /** LOW-tier plans drawn for the random sample by this run, and how many of them were selected. */
  readonly randomDrawn: number;
  readonly randomSelected: number;
  /** Open tasks past their due time escalated by this run (frontera.audit.task.overdue). */
  readonly escalated: number;
  /** Referrals past their acknowledgement deadline escalated by this run (frontera.audit.referral.overdue). */
  readonly referralsEscalated: number;
  readonly failed: number;
  readonly failures: readonly SweepFailure[];
  readonly aborted: boolean;
}

/** Plans read per bucket query. */
export const SWEEP_BATCH = 200;

/**
 * The task sweep: the plans whose `taskOn` bucket is one of the days from `today − catchUpDays` to
 * today (equality keys, one day at a time, never a range), each due audit turned into a task — the
 * task first, with an id derived from the plan's key (a retry finds it), then the plan records it
 * (once per key) — and each new task assigned by the assignment policy (or left PENDING_ASSIGNMENT).
 * A LOW-tier plan is in the same buckets on its random draw day (`randomDrawDueOn`): drawn once per
 * cycle with the injected `randomDraw`; a selected plan's RANDOM audit becomes a task in the same run.
 * A plan that fails is counted and left for the next run (its bucket did not move).
 */
export class SweepPlansHandler {
  constructor(private readonly deps: SweepPlansDeps) {}

  async execute(command: SweepPlansCommand): Promise<SweepPlansResult> {
    const today = CalendarDate.fromInstant(command.now, this.deps.program.utcOffsetMinutes);
    const first = today.addDays(-command.catchUpDays);
    const counts = {
      plans: 0,
      created: 0,
      assigned: 0,
      pendingAssignment: 0,
      randomDrawn: 0,
      randomSelected: 0,
      escalated: 0,
      referralsEscalated: 0,
    };
    const failures: SweepFailure[] = [];
    const seen = new Set<string>();
    let aborted = false;
    for (let day = first; day.daysUntil(today) >= 0 && !aborted; day = day.addDays(1)) {
      for (;;) {
        const ids = (await this.deps.plans.idsDueOn(day.toString(), SWEEP_BATCH)).filter(
          (id) => !seen.has(id),
        );
        if (ids.length === 0) break;
        for (const planId of ids) {
          if (command.signal?.aborted) {
            aborted = true;
            break;
          }
          seen.add(planId);
          counts.plans += 1;
          try {
            const result = await this.sweepPlan(planId, command);
            counts.created += result.created;
            counts.assigned += result.assigned;
            counts.randomDrawn += result.drawn;
            counts.randomSelected += result.selected;
            counts.pendingAssignment += result.created - result.assigned;
          } catch (error) {
            failures.push({ planId, code: codeOf(error) });
          }
        }
        if (aborted) break;
      }
      if (!aborted) counts.escalated += await this.escalate(day.toString(), command, failures);
      if (!aborted)
        counts.referralsEscalated += await this.escalateReferrals(day.toString(), command, failures);
    }
    return {
      from: first.toString(),
      to: today.toString(),
      ...counts,
      failed: failures.length,
      failures,
      aborted,
    };
  }

  private async sweepPlan(
    planId: string,
    command: SweepPlansCommand,
  ): Promise<{ created: number; assigned: number; drawn: number; selected: number }> {
    const plan = await this.deps.plans.findById(planId);
    if (!plan) return { created: 0, assigned: 0, drawn: 0, selected: 0 };
    let drawn = 0;
    let selected = 0;
    if (plan.isRandomDrawDue(command.now)) {
      // The random sample: a LOW plan whose draw day came (a random day of its cycle) is drawn once
      // per cycle; a selected one gets a RANDOM audit created today, made a task just below.
      const { result } = await planRunner(this.deps).apply(
        planId,
        { eventId: `random:${plan.randomDrawDueOn}`, correlationId: command.correlationId },
        (p, now) => {
          const r = this.deps.randomDraw;
          const before = p.lastRandomCycle;
          const entry = p.drawRandomAudit({ draw: r(), worksiteDraw: r(), dayDraw: r() }, now);
          return { drew: p.lastRandomCycle !== before, entry };
        },
      );
      if (result?.drew) drawn += 1;
      if (result?.entry) selected += 1;
    }
    // The due audits of the plan as stored now (a selected RANDOM audit included) become tasks.
    const { created, assigned } = await createDueTasks(this.deps, planId, command.now, command.correlationId);
    return { created, assigned, drawn, selected };
  }

  /**
   * The overdue escalation of one `overdueOn` bucket: each open task past its due time is escalated
   * once (markOverdue is idempotent; a task due later today stays in the bucket for a later run). A
   * bucket is re-read only while it yields tasks not seen in this run.
   */
  private async escalate(day: string, command: SweepPlansCommand, failures: SweepFailure[]): Promise<number> {
    const seen = new Set<string>();
    let escalated = 0;
    for (;;) {
      const ids = (await this.deps.tasks.idsOverdueOn(day, SWEEP_BATCH)).filter((id) => !seen.has(id));
      if (ids.length === 0 || command.signal?.aborted) return escalated;
      for (const taskId of ids) {
        seen.add(taskId);
        try {
          const { changed } = await taskRunner(this.deps).apply(
            taskId,
            { eventId: `overdue:${taskId}`, correlationId: command.correlationId },
            (task, now) => task.markOverdue(now),
          );
          if (changed) escalated += 1;
        } catch (error) {
          failures.push({ planId: taskId, code: codeOf(error) });
        }
      }
    }
  }

  /** The escalation of one `escalatesOn` bucket: each unacknowledged referral past its deadline, once. */
  private async escalateReferrals(
    day: string,
    command: SweepPlansCommand,
    failures: SweepFailure[],
  ): Promise<number> {
    const seen = new Set<string>();
    let escalated = 0;
    for (;;) {
      const ids = (await this.deps.referrals.idsEscalatingOn(day, SWEEP_BATCH)).filter((id) => !seen.has(id));
      if (ids.length === 0 || command.signal?.aborted) return escalated;
      for (const referralId of ids) {
        seen.add(referralId);
        try {
          const { changed } = await referralRunner(this.deps).apply(
            referralId,
            { eventId: `escalate:${referralId}`, correlationId: command.correlationId },
            (referral, now) => referral.escalate(now),
          );
          if (changed) escalated += 1;
        } catch (error) {
          failures.push({ planId: referralId, code: codeOf(error) });
        }
      }
    }
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'UNKNOWN';
}
