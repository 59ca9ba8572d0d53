import type { RiskTier } from '@frontera/shared-kernel';

export const AUDIT_TASK_STATUSES = [
  'PENDING_ASSIGNMENT',
  'ASSIGNED',
  'IN_PROGRESS',
  'COMPLETED',
  'CANCELLED',
] as const;
export type AuditTaskStatus = (typeof AUDIT_TASK_STATUSES)[number];

/** Open: still to be done (counts towards the assigned inspector's load; cancelled on deregistration). */
export const OPEN_TASK_STATUSES: readonly AuditTaskStatus[] = Object.freeze([
  'PENDING_ASSIGNMENT',
  'ASSIGNED',
  'IN_PROGRESS',
]);

export function isOpenTaskStatus(status: AuditTaskStatus): boolean {
  return OPEN_TASK_STATUSES.includes(status);
}

/** A task's priority, highest first. */
export const AUDIT_PRIORITIES = ['CRITICAL', 'HIGH', 'NORMAL', 'LOW'] as const;
export type AuditPriority = (typeof AUDIT_PRIORITIES)[number];

/**
 * The contracts' 1–5 scale (`AuditTaskCreatedV1.priority`): CRITICAL is its highest value (the
 * specification's proposal); 1 is left unused.
 */
export const PRIORITY_LEVELS: Readonly<Record<AuditPriority, number>> = Object.freeze({
  CRITICAL: 5,
  HIGH: 4,
  NORMAL: 3,
  LOW: 2,
});

/** What made the task. */
export const TASK_ORIGIN_TYPES = ['PLAN', 'COMPLAINT', 'FOLLOW_UP', 'RANDOM_SAMPLE', 'RETALIATION'] as const;
export type TaskOriginType = (typeof TASK_ORIGIN_TYPES)[number];

export interface TaskOrigin {
  readonly type: TaskOriginType;
  /**
   * COMPLAINT: the complaint; FOLLOW_UP: the audit whose corrective-action deadline it checks;
   * RETALIATION: the trigger (complaint or audit) of the pattern; PLAN and RANDOM_SAMPLE: null.
   */
  readonly refId: string | null;
}

/** A permit expected at the worksite (from permit events): id and number only, no personal data. */
export interface RosterEntry {
  readonly permitId: string;
  readonly permitNumber: string;
}

export const ROSTER_CHECKS = ['NOT_CHECKED', 'PRESENT', 'ABSENT'] as const;
export type RosterCheck = (typeof ROSTER_CHECKS)[number];

export interface ChecklistEntry extends RosterEntry {
  readonly check: RosterCheck;
}

/** How the inspector was chosen: by the assignment policy, or by a supervisor. */
export const ASSIGNMENT_MODES = ['AUTOMATIC', 'MANUAL'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

export type { RiskTier };
