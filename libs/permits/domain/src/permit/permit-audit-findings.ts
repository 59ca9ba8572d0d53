import { FINDING_SEVERITIES, type FindingSeverity } from '@frontera/shared-kernel';
import { PermitErrors } from '../errors/permit-errors';
import { assertId, requireBoolean, requireOneOf } from '../shared/validation';
import { HELD_PERMIT_STATUSES, type PermitStatus } from './permit.types';

/**
 * One finding of a finished audit that concerns the worker of a permit (`frontera.audit.outcome.recorded`,
 * a finding summary whose `permitIds` name the permit): ids and codes only, no personal data.
 */
export interface AuditFindingFacts {
  /** The audit task whose outcome carried the finding. */
  readonly taskId: string;
  /** The finding's code, e.g. `WORKER_WITHOUT_PERMIT`, `DOCUMENTS_RETAINED` (upper snake case). */
  readonly code: string;
  readonly severity: FindingSeverity;
  /** The inspector marked it as an indicator of forced labour (ILO indicators). */
  readonly forcedLabourIndicator: boolean;
}

/** A finding as the permit remembers it (shown to officers and supervisors, never to the public or its employer). */
export interface PermitAuditFinding extends AuditFindingFacts {
  /** ISO-8601 instant the permits service recorded it. */
  readonly recordedAt: string;
}

/** The permit keeps its latest findings (the history keeps them all). */
export const MAX_REMEMBERED_AUDIT_FINDINGS = 50;

const FINDING_CODE = /^[A-Z][A-Z0-9_]{1,63}$/;

/** A finding from the outside, checked (422 PERMIT.INVALID_DATA naming the field). */
export function auditFindingFacts(value: AuditFindingFacts): AuditFindingFacts {
  if (!value || typeof value !== 'object') {
    throw PermitErrors.INVALID_DATA.create({ field: 'finding', constraint: 'REQUIRED' });
  }
  if (typeof value.code !== 'string' || !FINDING_CODE.test(value.code)) {
    throw PermitErrors.INVALID_DATA.create({ field: 'finding.code', constraint: 'PATTERN' });
  }
  return {
    taskId: assertId(value.taskId, 'finding.taskId'),
    code: value.code,
    severity: requireOneOf(value.severity, FINDING_SEVERITIES, 'finding.severity', PermitErrors.INVALID_DATA),
    forcedLabourIndicator: requireBoolean(
      value.forcedLabourIndicator,
      'finding.forcedLabourIndicator',
      PermitErrors.INVALID_DATA,
    ),
  };
}

/** Whether the permit already remembers this finding (one task's finding code is recorded once). */
export function isSameFinding(a: AuditFindingFacts, b: AuditFindingFacts): boolean {
  return a.taskId === b.taskId && a.code === b.code;
}

/**
 * The victim-centred rule for a worker found in forced labour (decision 0036): an audit finding
 * that carries the forced-labour indicator and concerns the worker's permit makes that permit
 * transferable, whatever becomes of the employer — the worker may leave for another employer at
 * once, without waiting for a sanction, and without losing the permit. Only a permit the worker
 * still holds (ACTIVE or SUSPENDED, as for an employer's sanction; a suspended one moves once
 * reinstated); an ended, revoked or expired permit has nothing left to move. A finding without the
 * indicator is recorded and changes nothing else: officers decide on it.
 */
export function forcedLabourMakesTransferable(
  findings: readonly AuditFindingFacts[],
  status: PermitStatus,
): boolean {
  return HELD_PERMIT_STATUSES.includes(status) && findings.some((f) => f.forcedLabourIndicator);
}
