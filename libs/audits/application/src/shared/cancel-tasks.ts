import { SYSTEM_CALLER } from '@frontera/shared-kernel';
import type { EventMetadata } from '@frontera/shared-application';
import { taskRunner, type AuditsCommandDeps } from './audits-command.runners';

/**
 * Cancels tasks as a consequence of a fact (a closed worksite, a deregistration), each once per
 * causing event: a task already finished is left as it is (a late fact never fails). Returns how
 * many were cancelled.
 */
export async function cancelTasksFor(
  deps: AuditsCommandDeps,
  taskIds: readonly string[],
  reason: string,
  cause: EventMetadata,
): Promise<number> {
  const runner = taskRunner(deps);
  let cancelled = 0;
  for (const taskId of new Set(taskIds)) {
    const result = await runner.apply(
      taskId,
      { eventId: `cancel:${cause.eventId}`, correlationId: cause.correlationId },
      (task, now) => {
        if (!task.allowedActions.includes('CANCEL')) return false;
        task.cancel(SYSTEM_CALLER, reason, now);
        return true;
      },
    );
    if (result.changed) cancelled += 1;
  }
  return cancelled;
}
