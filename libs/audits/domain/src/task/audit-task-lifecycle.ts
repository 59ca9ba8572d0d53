import { AuditErrors } from '../errors/audit-errors';
import type { AuditTaskStatus } from './audit-task.types';

/**
 * What may happen to an audit task, per status — THE one table. Status-changing actions map to
 * another status; the others keep it. A pair not in the table is refused by {@link nextTaskStatus}
 * with 409 AUDIT_TASK.TRANSITION_NOT_ALLOWED, naming the current status and the allowed actions.
 *
 * | action \ status                           | PENDING_ASSIGNMENT | ASSIGNED             | IN_PROGRESS          | COMPLETED | CANCELLED |
 * | ----------------------------------------- | ------------------ | -------------------- | -------------------- | --------- | --------- |
 * | ASSIGN (automatic, supervisor)            | → ASSIGNED         |                      |                      |           |           |
 * | REASSIGN (supervisor, reason)             |                    | stays, new inspector | stays, new inspector |           |           |
 * | RELEASE (supervisor or system, reason)    |                    | → PENDING_ASSIGNMENT |                      |           |           |
 * | START (inspector)                         |                    | → IN_PROGRESS        |                      |           |           |
 * | CHECK_ROSTER (inspector)                  |                    |                      | stays                |           |           |
 * | RECORD_FINDING (inspector)                |                    |                      | stays                |           |           |
 * | REMOVE_FINDING (inspector, reason)        |                    |                      | stays                |           |           |
 * | COMPLETE (inspector; outcome from rules)  |                    |                      | → COMPLETED          |           |           |
 * | CANCEL (supervisor, reason; deregistered) | → CANCELLED        | → CANCELLED          | → CANCELLED          |           |           |
 * | RESCHEDULE (system: re-planning)          | stays, new due day | stays, new due day   |                      |           |           |
 * | MARK_OVERDUE (system: overdue sweep)      | stays, escalated   | stays, escalated     | stays, escalated     |           |           |
 *
 * Beyond the specification's table: RELEASE (an inspector deactivated with nobody to take over puts
 * the task back on the supervisors' list), the inspector's work while IN_PROGRESS (roster checks,
 * findings), RESCHEDULE (a tier change moves the open periodic task) and MARK_OVERDUE (the escalation
 * job). MARK_OVERDUE of an already escalated or a finished task is answered by the aggregate before
 * this table (false, nothing changes), so a late sweep never fails.
 */
export const AUDIT_TASK_LIFECYCLE = {
  ASSIGN: { PENDING_ASSIGNMENT: 'ASSIGNED' },
  REASSIGN: { ASSIGNED: 'ASSIGNED', IN_PROGRESS: 'IN_PROGRESS' },
  RELEASE: { ASSIGNED: 'PENDING_ASSIGNMENT' },
  START: { ASSIGNED: 'IN_PROGRESS' },
  CHECK_ROSTER: { IN_PROGRESS: 'IN_PROGRESS' },
  RECORD_FINDING: { IN_PROGRESS: 'IN_PROGRESS' },
  REMOVE_FINDING: { IN_PROGRESS: 'IN_PROGRESS' },
  COMPLETE: { IN_PROGRESS: 'COMPLETED' },
  CANCEL: { PENDING_ASSIGNMENT: 'CANCELLED', ASSIGNED: 'CANCELLED', IN_PROGRESS: 'CANCELLED' },
  RESCHEDULE: { PENDING_ASSIGNMENT: 'PENDING_ASSIGNMENT', ASSIGNED: 'ASSIGNED' },
  MARK_OVERDUE: {
    PENDING_ASSIGNMENT: 'PENDING_ASSIGNMENT',
    ASSIGNED: 'ASSIGNED',
    IN_PROGRESS: 'IN_PROGRESS',
  },
} as const satisfies Record<string, Partial<Record<AuditTaskStatus, AuditTaskStatus>>>;

export type AuditTaskAction = keyof typeof AUDIT_TASK_LIFECYCLE;
export const AUDIT_TASK_ACTIONS = Object.keys(AUDIT_TASK_LIFECYCLE) as AuditTaskAction[];

function targetOf(action: AuditTaskAction, status: AuditTaskStatus): AuditTaskStatus | undefined {
  const row: Partial<Record<AuditTaskStatus, AuditTaskStatus>> = AUDIT_TASK_LIFECYCLE[action];
  return row[status];
}

/** The actions allowed in `status`, in table order. */
export function allowedTaskActions(status: AuditTaskStatus): AuditTaskAction[] {
  return AUDIT_TASK_ACTIONS.filter((action) => targetOf(action, status) !== undefined);
}

export function isTaskActionAllowed(action: AuditTaskAction, status: AuditTaskStatus): boolean {
  return targetOf(action, status) !== undefined;
}

/** The status after `action`; throws AUDIT_TASK.TRANSITION_NOT_ALLOWED when the table does not allow it. */
export function nextTaskStatus(action: AuditTaskAction, status: AuditTaskStatus): AuditTaskStatus {
  const next = targetOf(action, status);
  if (next === undefined) {
    throw AuditErrors.TASK_TRANSITION_NOT_ALLOWED.create({
      action,
      currentState: status,
      allowedActions: allowedTaskActions(status),
    });
  }
  return next;
}
