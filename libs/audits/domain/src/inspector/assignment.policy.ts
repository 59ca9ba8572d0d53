import { AuditErrors } from '../errors/audit-errors';
import type { InspectorChoice } from '../task/audit-task.aggregate';
import { areasCover } from './inspector-area.value-object';
import type { InspectorAssignmentFacts } from './inspector.aggregate';

/** The rules an inspector must meet to receive a task, in the order they are checked and reported. */
export const ASSIGNMENT_RULES = ['ACTIVE', 'COVERS_AREA', 'HAS_CAPACITY', 'NO_CONFLICT', 'ROTATION'] as const;
export type AssignmentRule = (typeof ASSIGNMENT_RULES)[number];

/**
 * Rules a supervisor may override when assigning by hand (recorded with the reason): capacity and
 * rotation are workload and good practice; being active, covering the area and having no conflict of
 * interest are not negotiable.
 */
export const OVERRIDABLE_RULES: readonly AssignmentRule[] = Object.freeze(['HAS_CAPACITY', 'ROTATION']);

/** What the policy needs of the task. */
export interface AssignmentRequest {
  readonly employerId: string;
  readonly state: string;
  readonly municipality: string;
  /** The inspector of the employer's previous (completed) audit, from the service's read model. */
  readonly previousInspectorId: string | null;
  /** The inspector holding the task now (reassignment): never chosen again. */
  readonly currentInspectorId?: string | null;
}

/** An inspector and its load: the open tasks (ASSIGNED + IN_PROGRESS) the service counts for it. */
export interface InspectorCandidate extends InspectorAssignmentFacts {
  readonly openTasks: number;
}

export interface CandidateEvaluation {
  readonly inspectorId: string;
  readonly eligible: boolean;
  readonly failedRules: readonly AssignmentRule[];
  readonly openTasks: number;
  readonly capacity: number;
}

export interface AssignmentDecision {
  /** The chosen inspector, or null: the task stays PENDING_ASSIGNMENT on the supervisors' list. */
  readonly choice: InspectorChoice | null;
  /** Every candidate with the rules it failed — eligible ones first, by load: the explanation. */
  readonly evaluations: readonly CandidateEvaluation[];
}

/** The rules `candidate` fails for `request`, in ASSIGNMENT_RULES order. */
export function failedAssignmentRules(
  request: AssignmentRequest,
  candidate: InspectorCandidate,
): AssignmentRule[] {
  const failed: AssignmentRule[] = [];
  if (!candidate.active) failed.push('ACTIVE');
  if (!areasCover(candidate.areas, request.state, request.municipality)) failed.push('COVERS_AREA');
  if (!(candidate.openTasks < candidate.capacity)) failed.push('HAS_CAPACITY');
  if (candidate.conflicts.includes(request.employerId)) failed.push('NO_CONFLICT');
  if (request.previousInspectorId !== null && candidate.inspectorId === request.previousInspectorId) {
    failed.push('ROTATION');
  }
  return failed;
}

function byLoad(a: CandidateEvaluation, b: CandidateEvaluation): number {
  return (
    Number(b.eligible) - Number(a.eligible) ||
    a.openTasks - b.openTasks ||
    a.openTasks / a.capacity - b.openTasks / b.capacity ||
    a.inspectorId.localeCompare(b.inspectorId)
  );
}

/**
 * Automatic assignment (docs/domain/audits.md#assignment-rules), a pure choice: among the inspectors
 * who are active, cover the worksite's area (the state, and the municipality where they are limited
 * to some), have capacity (open tasks below their limit), declared no conflict of interest with the
 * employer, and were not the inspector of its previous audit (rotation), the one with the lowest load
 * (open tasks; ties: the lower share of capacity, then the id, so the choice is deterministic). None →
 * `choice: null`: the task waits as PENDING_ASSIGNMENT and supervisors see it.
 */
export function chooseInspector(
  request: AssignmentRequest,
  candidates: readonly InspectorCandidate[],
): AssignmentDecision {
  const evaluations = candidates
    .filter((c) => c.inspectorId !== request.currentInspectorId)
    .map((candidate) => {
      const failedRules = failedAssignmentRules(request, candidate);
      return {
        inspectorId: candidate.inspectorId,
        eligible: failedRules.length === 0,
        failedRules,
        openTasks: candidate.openTasks,
        capacity: candidate.capacity,
      };
    })
    .sort(byLoad);
  const best = evaluations.find((e) => e.eligible);
  return { choice: best ? { inspectorId: best.inspectorId, mode: 'AUTOMATIC' } : null, evaluations };
}

/**
 * A supervisor's choice (ASSIGN or REASSIGN by hand): refused with 409 AUDIT_TASK.INSPECTOR_NOT_ELIGIBLE
 * (`failedRules`) when the inspector is inactive, does not cover the area or has a conflict of interest;
 * capacity and rotation may be overridden — `overridden` lists them, for the history's reason.
 */
export function checkManualAssignment(
  request: AssignmentRequest,
  candidate: InspectorCandidate,
): { readonly choice: InspectorChoice; readonly overridden: readonly AssignmentRule[] } {
  const failed = failedAssignmentRules(request, candidate);
  const hard = failed.filter((rule) => !OVERRIDABLE_RULES.includes(rule));
  if (hard.length > 0) {
    throw AuditErrors.TASK_INSPECTOR_NOT_ELIGIBLE.create({
      inspectorId: candidate.inspectorId,
      failedRules: hard,
    });
  }
  return { choice: { inspectorId: candidate.inspectorId, mode: 'MANUAL' }, overridden: failed };
}
