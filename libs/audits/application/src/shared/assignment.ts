import {
  chooseInspector,
  type AssignmentDecision,
  type AuditTask,
  type InspectorCandidate,
} from '@frontera/audits-domain';
import type { EventMetadata } from '@frontera/shared-application';
import { SYSTEM_CALLER } from '@frontera/shared-kernel';
import { taskRunner, type AuditsCommandDeps } from './audits-command.runners';

/** Most inspectors of one state considered for an assignment. */
export const MAX_CANDIDATES = 500;

/** The inspector of the employer's latest completed audit (rotation), or null. */
export async function previousInspectorOf(
  deps: AuditsCommandDeps,
  employerId: string,
): Promise<string | null> {
  const completed = await deps.tasks.completedOfEmployer(employerId, 200);
  const latest = [...completed]
    .filter((task) => task.completion !== null)
    .sort((a, b) => (a.completion?.at ?? '').localeCompare(b.completion?.at ?? ''))
    .at(-1);
  return latest?.inspectorId ?? null;
}

/** The inspectors of the task's state with their load (open tasks counted by the service). */
export async function candidatesFor(deps: AuditsCommandDeps, task: AuditTask): Promise<InspectorCandidate[]> {
  const inspectors = await deps.inspectors.inState(task.state, {}, MAX_CANDIDATES);
  return Promise.all(
    inspectors.map(async (inspector) => ({
      ...inspector.assignmentFacts(),
      openTasks: await deps.tasks.countOpenOf(inspector.id),
    })),
  );
}

/** The assignment policy's decision for a task as it is now (load and rotation from the read models). */
export async function decideAssignment(
  deps: AuditsCommandDeps,
  task: AuditTask,
): Promise<AssignmentDecision> {
  const [candidates, previousInspectorId] = await Promise.all([
    candidatesFor(deps, task),
    previousInspectorOf(deps, task.employerId),
  ]);
  return chooseInspector(
    {
      employerId: task.employerId,
      state: task.state,
      municipality: task.municipality,
      previousInspectorId,
      currentInspectorId: task.inspectorId,
    },
    candidates,
  );
}

/**
 * Assigns a PENDING_ASSIGNMENT task automatically (chooseInspector), once per `cause`; when nobody
 * qualifies the task stays PENDING_ASSIGNMENT, on the supervisors' list. Returns the inspector chosen.
 */
export async function assignAutomatically(
  deps: AuditsCommandDeps,
  taskId: string,
  cause: EventMetadata,
): Promise<string | null> {
  const runner = taskRunner(deps);
  const { result } = await runner.apply(taskId, cause, async (task, now) => {
    if (task.status !== 'PENDING_ASSIGNMENT') return null;
    const { choice } = await decideAssignment(deps, task);
    if (!choice) return null;
    task.assign(choice, SYSTEM_CALLER, now);
    return choice.inspectorId;
  });
  return result ?? null;
}
