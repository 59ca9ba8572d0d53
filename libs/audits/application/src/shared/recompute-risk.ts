import {
  detectRetaliation,
  type AuditTask,
  type RetaliationPattern,
  type RetaliationTrigger,
} from '@frontera/audits-domain';
import type { EventMetadata } from '@frontera/shared-application';
import { planRunner, taskRunner } from './audits-command.runners';
import { createDueTasks, type DueTasksDeps } from './due-tasks';
import { assessEmployer, type PermitRiskFacts } from './risk-profile';
import type { ReceivedComplaint } from '../ports/repositories.port';

/** Tasks and complaints read per recomputation (the most recent history that matters). */
export const RISK_HISTORY_LIMIT = 200;

export interface RiskRecomputation {
  readonly tierChanged: boolean;
  readonly riskPublished: boolean;
  readonly rescheduled: number;
  /** Retaliation patterns detected now (whether raised before or not). */
  readonly patterns: number;
  /** Priority audits the patterns scheduled now (0 for patterns raised before). */
  readonly priorityAudits: number;
  /** Tasks created at once for them. */
  readonly tasksCreated: number;
}

const NONE: RiskRecomputation = {
  tierChanged: false,
  riskPublished: false,
  rescheduled: 0,
  patterns: 0,
  priorityAudits: 0,
  tasksCreated: 0,
};

/**
 * The retaliation triggers of an employer: the complaints naming it (when received) and the visits
 * of its audits (when started).
 */
function retaliationTriggers(
  complaints: readonly ReceivedComplaint[],
  visited: readonly AuditTask[],
): RetaliationTrigger[] {
  return [
    ...complaints.map((c) => ({ kind: 'COMPLAINT' as const, id: c.complaintId, at: c.receivedAt })),
    ...visited
      .filter((t) => t.startedAt !== null)
      .map((t) => ({ kind: 'AUDIT_VISIT' as const, id: t.id, at: t.startedAt as string })),
  ];
}

/**
 * An event relevant to the employer's risk arrived (an audit outcome, a permit fact, a shared-contact
 * signal): the risk is recomputed at once from everything the service keeps — the employer profile,
 * the completed audits, the permit read model and the retaliation patterns detected over it — and
 * applied to the plan (a tier change replans and reschedules the open tasks; a tier change or a move of
 * ≥ 5 points publishes frontera.audit.risk.changed). A retaliation pattern not raised before schedules
 * a priority audit at each open worksite, whose tasks are created and assigned at once (not at the next
 * sweep). Every step is its own write remembering a key derived from the event id, and the tasks'
 * ids derive from the plan's keys: a redelivery finishes what a crash interrupted, never twice.
 */
export async function recomputeRisk(
  deps: DueTasksDeps,
  employerId: string,
  metadata: EventMetadata,
): Promise<RiskRecomputation> {
  if (!(await deps.plans.findById(employerId))) return NONE;
  const stored = await deps.profiles.find(employerId);
  if (!stored) return NONE;
  const [completed, inProgress, facts, complaints] = await Promise.all([
    deps.tasks.completedOfEmployer(employerId, RISK_HISTORY_LIMIT),
    deps.tasks.ofEmployerInStatus(employerId, 'IN_PROGRESS', RISK_HISTORY_LIMIT),
    deps.permitFacts.find(employerId),
    deps.complaints.receivedAgainst(employerId, RISK_HISTORY_LIMIT),
  ]);
  const triggers = retaliationTriggers(complaints, [...completed, ...inProgress]);
  const patterns: RetaliationPattern[] = detectRetaliation(
    triggers,
    facts?.facts.endings ?? [],
    deps.retaliation,
  );
  const permits: PermitRiskFacts = {
    facts: facts?.facts ?? null,
    retaliationPatterns: patterns,
    openComplaints: complaints
      .filter((c) => c.open)
      .map(({ complaintId, receivedAt, forcedLabourIndicator }) => ({
        complaintId,
        receivedAt,
        forcedLabourIndicator,
      })),
  };
  const runner = planRunner(deps);
  const correlationId = metadata.correlationId;
  const risk = await runner.apply(
    employerId,
    { eventId: `risk:${metadata.eventId}`, correlationId },
    (plan, now) =>
      plan.applyRisk(assessEmployer(stored.profile, completed, now, deps.riskModel, permits), now),
  );
  const application = risk.result;
  let rescheduled = 0;
  for (const { taskId, dueOn } of application?.reschedule ?? []) {
    const moved = await taskRunner(deps).apply(
      taskId,
      { eventId: `reschedule:${metadata.eventId}`, correlationId },
      (task, now) => (task.allowedActions.includes('RESCHEDULE') ? task.reschedule(dueOn, now) : false),
    );
    if (moved.changed) rescheduled += 1;
  }
  let priorityAudits = 0;
  let tasksCreated = 0;
  if (patterns.length > 0) {
    const raised = await runner.apply(
      employerId,
      { eventId: `retaliation:${metadata.eventId}`, correlationId },
      (plan, now) => patterns.flatMap((pattern) => plan.raisePriorityAudit(pattern, now)),
    );
    priorityAudits = raised.result?.length ?? 0;
    // At once, and also on a redelivery (a crash after the plan's write): the task ids derive from the keys.
    const priority = (due: { originType: string }) => due.originType === 'RETALIATION';
    tasksCreated = (await createDueTasks(deps, employerId, deps.clock.now(), correlationId, priority))
      .created;
  }
  return {
    tierChanged: application?.tierChanged ?? false,
    riskPublished: application?.published ?? false,
    rescheduled,
    patterns: patterns.length,
    priorityAudits,
    tasksCreated,
  };
}
