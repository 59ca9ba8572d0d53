import type { AuditKind, AuditOutcome, FindingSeverity, MexicanState } from '@frontera/shared-kernel';
import type { AssignmentMode, AuditPriority, AuditTaskStatus, TaskOriginType } from './audit-task.types';

/*
 * Domain events of the audit task aggregate (topic keyed by employer id): ids and non-personal
 * attributes only — finding notes never appear. Planned dates (`dueOn`, `dueAt`) appear only in
 * AuditTaskCreated and AuditTaskRescheduled, for the audits service's own consumers and the
 * contract's `dueDate`: employers have no access to these topics and no employer-facing view carries
 * them (employerViewOf).
 */

interface AuditTaskEventBase {
  readonly taskId: string;
  readonly employerId: string;
  readonly worksiteId: string;
  /** ISO-8601, the `now` of the command. */
  readonly occurredAt: string;
}

export interface AuditTaskCreated extends AuditTaskEventBase {
  readonly type: 'AuditTaskCreated';
  readonly kind: AuditKind;
  readonly priority: AuditPriority;
  /** The contracts' 1–5 scale (PRIORITY_LEVELS). */
  readonly priorityLevel: number;
  readonly state: MexicanState;
  readonly originType: TaskOriginType;
  readonly originId: string | null;
  /** ISO-8601: when the task becomes overdue. Internal: never shown to employers. */
  readonly dueAt: string;
  /** `YYYY-MM-DD`. Internal: never shown to employers. */
  readonly dueOn: string;
  readonly rosterSize: number;
}

export interface AuditTaskAssigned extends AuditTaskEventBase {
  readonly type: 'AuditTaskAssigned';
  readonly inspectorId: string;
  readonly mode: AssignmentMode;
  readonly actorId: string;
}

export interface AuditTaskReassigned extends AuditTaskEventBase {
  readonly type: 'AuditTaskReassigned';
  readonly inspectorId: string;
  /** AUTOMATIC when the policy chose the new inspector (a deactivation), MANUAL when a supervisor did. */
  readonly mode: AssignmentMode;
  readonly previousInspectorId: string;
  readonly reason: string;
  readonly actorId: string;
}

/** Back to PENDING_ASSIGNMENT (the inspector was deactivated and nobody qualifies). */
export interface AuditTaskReleased extends AuditTaskEventBase {
  readonly type: 'AuditTaskReleased';
  readonly previousInspectorId: string;
  readonly reason: string;
  readonly actorId: string;
}

/** The inspector started the visit on site (a retaliation trigger: AUDIT_VISIT). */
export interface AuditStarted extends AuditTaskEventBase {
  readonly type: 'AuditStarted';
  readonly kind: AuditKind;
  readonly inspectorId: string;
}

export interface AuditFindingRecorded extends AuditTaskEventBase {
  readonly type: 'AuditFindingRecorded';
  readonly findingId: string;
  readonly code: string;
  readonly severity: FindingSeverity;
  readonly forcedLabourIndicator: boolean;
  readonly workersAffected: number;
}

export interface AuditFindingRemoved extends AuditTaskEventBase {
  readonly type: 'AuditFindingRemoved';
  readonly findingId: string;
  readonly code: string;
}

/** One summary per finding code: what the employers context rates from, without personal data. */
export interface AuditFindingSummary {
  readonly code: string;
  readonly severity: FindingSeverity;
  readonly forcedLabourIndicator: boolean;
  /** Sum over the findings of that code; 0 for findings about the worksite. */
  readonly workersAffected: number;
}

/** In the outcome event (internal to the contexts, never an employer's view): the roster permits of that code's findings. */
export interface AuditOutcomeFindingSummary extends AuditFindingSummary {
  /** The union of the roster permit ids of that code's findings, sorted; empty for worksite findings. */
  readonly permitIds: readonly string[];
}

export interface AuditCompleted extends AuditTaskEventBase {
  readonly type: 'AuditCompleted';
  readonly kind: AuditKind;
  readonly outcome: AuditOutcome;
  readonly findings: readonly AuditOutcomeFindingSummary[];
  /** `YYYY-MM-DD`; VIOLATIONS always, REFERRAL when the inspector set one, else null. */
  readonly correctiveActionDeadline: string | null;
  readonly inspectorId: string;
  readonly state: MexicanState;
  /** ISO-8601. */
  readonly completedAt: string;
}

export interface AuditCancelled extends AuditTaskEventBase {
  readonly type: 'AuditCancelled';
  readonly kind: AuditKind;
  /** The status it was cancelled in. */
  readonly fromStatus: AuditTaskStatus;
  readonly reason: string;
  readonly actorId: string;
  readonly inspectorId: string | null;
}

/** Internal: a re-planning moved the due day of an open task. */
export interface AuditTaskRescheduled extends AuditTaskEventBase {
  readonly type: 'AuditTaskRescheduled';
  readonly dueAt: string;
  readonly dueOn: string;
}

/** The overdue sweep escalated the task (to the supervisors' list): no date in it. */
export interface AuditOverdue extends AuditTaskEventBase {
  readonly type: 'AuditOverdue';
  readonly kind: AuditKind;
  readonly priority: AuditPriority;
  readonly status: AuditTaskStatus;
  readonly inspectorId: string | null;
  readonly state: MexicanState;
}

export type AuditTaskDomainEvent =
  | AuditTaskCreated
  | AuditTaskAssigned
  | AuditTaskReassigned
  | AuditTaskReleased
  | AuditStarted
  | AuditFindingRecorded
  | AuditFindingRemoved
  | AuditCompleted
  | AuditCancelled
  | AuditTaskRescheduled
  | AuditOverdue;

export type AuditTaskDomainEventType = AuditTaskDomainEvent['type'];

export const AUDIT_TASK_DOMAIN_EVENT_TYPES = [
  'AuditTaskCreated',
  'AuditTaskAssigned',
  'AuditTaskReassigned',
  'AuditTaskReleased',
  'AuditStarted',
  'AuditFindingRecorded',
  'AuditFindingRemoved',
  'AuditCompleted',
  'AuditCancelled',
  'AuditTaskRescheduled',
  'AuditOverdue',
] as const satisfies readonly AuditTaskDomainEventType[];
