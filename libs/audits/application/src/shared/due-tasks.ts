import { AuditTask, MAX_ROSTER_SIZE, type RosterEntry, type ScheduledAudit } from '@frontera/audits-domain';
import { SYSTEM_CALLER } from '@frontera/shared-kernel';
import { taskIntegrationEvents } from '../events/integration-events';
import { assignAutomatically } from './assignment';
import { planRunner, taskRunner } from './audits-command.runners';
import type { AuditsDeps } from './audits-deps';

/** A task id derived from the plan and the due audit's key: a retried sweep creates the same task. */
export type DueTaskIds = (planId: string, key: string) => string;

export interface DueTasksDeps extends AuditsDeps {
  readonly dueTaskId: DueTaskIds;
}

/** The worksite's expected roster from the permit read model (ids and numbers, no personal data). */
export function expectedRoster(
  deps: Pick<AuditsDeps, 'permitFacts'>,
  employerId: string,
  worksiteId: string,
): Promise<RosterEntry[]> {
  return deps.permitFacts.rosterOf(employerId, worksiteId, MAX_ROSTER_SIZE);
}

/**
 * Every due audit of one plan (created on `now`'s day or before) turned into a task — the task
 * first, with an id derived from the plan's key and the worksite's expected roster, then the plan's
 * record of it (once per key) — and each assigned by the assignment policy (or left
 * PENDING_ASSIGNMENT). What the sweep runs per plan, and what a retaliation pattern runs at once for
 * its priority audits (`which`).
 */
export async function createDueTasks(
  deps: DueTasksDeps,
  planId: string,
  now: Date,
  correlationId: string,
  which: (due: ScheduledAudit) => boolean = () => true,
): Promise<{ created: number; assigned: number }> {
  const plan = await deps.plans.findById(planId);
  if (!plan) return { created: 0, assigned: 0 };
  let created = 0;
  let assigned = 0;
  for (const due of plan.dueAudits(now).filter(which)) {
    const taskId = deps.dueTaskId(plan.id, due.key);
    if (await createTask(deps, planId, due, taskId, correlationId)) created += 1;
    const inspectorId = await assignAutomatically(deps, taskId, {
      eventId: `assign:${taskId}`,
      correlationId,
    });
    if (inspectorId !== null) assigned += 1;
  }
  return { created, assigned };
}

/** The task of a due audit, then the plan's record of it; true when the task is new. */
async function createTask(
  deps: DueTasksDeps,
  planId: string,
  due: ScheduledAudit,
  taskId: string,
  correlationId: string,
): Promise<boolean> {
  const { tasks, program } = deps;
  const origin = { correlationId };
  let isNew = false;
  let planCancelled = false;
  await planRunner(deps).apply(planId, { eventId: `task:${due.key}`, correlationId }, async (plan, now) => {
    if (!(await tasks.findById(taskId))) {
      const roster = await expectedRoster(deps, plan.employerId, due.worksiteId);
      const task = AuditTask.create({ ...plan.taskRequestFor(due, taskId), roster }, now, program);
      isNew = (await tasks.insert(task, taskIntegrationEvents(task.pullEvents(), origin))) === 'INSERTED';
    }
    const recorded = plan.taskCreated(due.key, taskId, now);
    planCancelled = recorded === 'PLAN_CANCELLED';
    return recorded;
  });
  if (planCancelled) {
    await taskRunner(deps).apply(
      taskId,
      { eventId: `plan-cancelled:${taskId}`, correlationId },
      (task, now) => {
        if (task.allowedActions.includes('CANCEL')) task.cancel(SYSTEM_CALLER, 'EMPLOYER_DEREGISTERED', now);
      },
    );
  }
  return isNew;
}
