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

/** The reason recorded on tasks an inspector's deactivation moved (history and task events). */
export const INSPECTOR_DEACTIVATED_REASON = 'INSPECTOR_DEACTIVATED';

/** Most ASSIGNED tasks of one inspector released per deactivation (capacity bounds them far below). */
export const MAX_RELEASED = 500;

export interface ReleaseResult {
  /** Handed to another qualifying inspector (automatic reassignment). */
  readonly reassigned: number;
  /** Back to PENDING_ASSIGNMENT: nobody qualified; on the supervisors' list. */
  readonly released: number;
}

/**
 * A deactivated inspector's ASSIGNED tasks (not yet started: a visit under way stays with its
 * inspector until a supervisor reassigns it) go back to automatic assignment: to the inspector
 * `chooseInspector` picks now, or PENDING_ASSIGNMENT when nobody qualifies. Once per task and
 * deactivation (the event id names the inspector's version), so running it again changes nothing.
 */
export async function releaseTasksOf(
  deps: AuditsCommandDeps,
  inspector: { readonly id: string; readonly version: number },
  correlationId: string,
): Promise<ReleaseResult> {
  const assigned = await deps.tasks.ofInspector(inspector.id, { status: 'ASSIGNED' }, MAX_RELEASED);
  let reassigned = 0;
  let released = 0;
  for (const { id } of assigned) {
    const { result } = await taskRunner(deps).apply(
      id,
      { eventId: `release:${id}:${inspector.id}:${inspector.version}`, correlationId },
      async (task, now) => {
        if (task.status !== 'ASSIGNED' || task.inspectorId !== inspector.id) return null;
        const { choice } = await decideAssignment(deps, task);
        if (choice && choice.inspectorId !== inspector.id) {
          task.reassign(choice, SYSTEM_CALLER, INSPECTOR_DEACTIVATED_REASON, now);
          return 'REASSIGNED' as const;
        }
        task.release(SYSTEM_CALLER, INSPECTOR_DEACTIVATED_REASON, now);
        return 'RELEASED' as const;
      },
    );
    if (result === 'REASSIGNED') reassigned += 1;
    if (result === 'RELEASED') released += 1;
  }
  return { reassigned, released };
}
