import type { AuditKind, AuditOutcome, CallerIdentity, MexicanState } from '@frontera/shared-kernel';
import type {
  AssignmentMode,
  AuditPriority,
  AuditTaskStatus,
  ChecklistEntry,
  TaskOrigin,
} from './audit-task.types';

export const AUDIT_TASK_SNAPSHOT_SCHEMA_VERSION = 1;

export interface RecordedFinding {
  readonly findingId: string;
  readonly code: string;
  /** The affected permits (on the roster), sorted. */
  readonly permitIds: readonly string[];
  /** ≥ permitIds.length (workers without a permit count too); 0 for findings about the worksite. */
  readonly workersAffected: number;
  /** Free text: may hold personal data — encrypted at rest (AUDIT_TASK_PERSONAL_DATA_PATHS), never in events. */
  readonly notes: string | null;
  readonly recordedAt: string;
  readonly recordedBy: CallerIdentity;
}

export interface TaskAssignment {
  readonly inspectorId: string;
  readonly mode: AssignmentMode;
  readonly at: string;
  readonly by: CallerIdentity;
}

export interface TaskCompletion {
  readonly outcome: AuditOutcome;
  readonly correctiveActionDeadline: string | null;
  readonly at: string;
  readonly by: CallerIdentity;
}

export interface TaskCancellation {
  readonly reason: string;
  readonly at: string;
  readonly by: CallerIdentity;
}

/**
 * An audit task as plain, JSON-safe data. Top-level for the repository's equality queries:
 * `employerId`, `worksiteId`, `state`, `status`, `inspectorId`, `kind`, `priority`, and the sweep
 * bucket `overdueOn` (`YYYY-MM-DD`, null once escalated or finished). `dueOn`/`dueAt` are internal:
 * no employer-facing view carries them. Finding notes are the only personal data.
 */
export interface AuditTaskSnapshot {
  readonly schemaVersion: typeof AUDIT_TASK_SNAPSHOT_SCHEMA_VERSION;
  readonly id: string;
  readonly version: number;
  readonly employerId: string;
  readonly worksiteId: string;
  readonly state: MexicanState;
  readonly municipality: string;
  readonly kind: AuditKind;
  readonly origin: TaskOrigin;
  readonly priority: AuditPriority;
  readonly status: AuditTaskStatus;
  readonly dueAt: string;
  readonly dueOn: string;
  readonly createdAt: string;
  readonly inspectorId: string | null;
  readonly assignment: TaskAssignment | null;
  readonly startedAt: string | null;
  readonly checklist: readonly ChecklistEntry[];
  readonly findings: readonly RecordedFinding[];
  readonly completion: TaskCompletion | null;
  readonly cancellation: TaskCancellation | null;
  readonly escalatedAt: string | null;
  readonly overdueOn: string | null;
}
