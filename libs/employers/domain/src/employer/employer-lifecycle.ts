import { EmployerErrors } from '../errors/employer-errors';
import type { EmployerStatus } from '@frontera/shared-kernel';

/**
 * What a person may do to an employer, per status — THE one place that decides it.
 *
 * Status-changing actions map to a different status; actions that only edit data map a status
 * to itself (they are allowed there and leave it unchanged). A pair not in the table is not
 * allowed: {@link nextStatus} throws EMPLOYER.TRANSITION_NOT_ALLOWED with the current status
 * and the actions that are allowed, which the API returns with a 409.
 *
 * Facts reported by other contexts (audit outcomes, risk changes, permits issued or ended)
 * are not requests and are not gated here: the aggregate records them in any status and
 * decides their consequences itself (see Employer.applyAuditOutcome).
 *
 * Beyond the program's outline: the terminal REJECTED status
 * (docs/decisions/0011-rejected-employer-status.md), DEREGISTER from ACTIVE as well as SUSPENDED
 * (docs/decisions/0005-deregistration-is-an-officers-action.md), no ADD_WORKSITE while SUSPENDED
 * (docs/decisions/0012-no-new-worksites-while-suspended.md). DEREGISTERED is terminal too.
 */
export const EMPLOYER_LIFECYCLE = {
  VERIFY: { PENDING_VERIFICATION: 'ACTIVE' },
  REJECT: { PENDING_VERIFICATION: 'REJECTED' },
  SUSPEND: { ACTIVE: 'SUSPENDED' },
  REINSTATE: { SUSPENDED: 'ACTIVE' },
  DEREGISTER: { ACTIVE: 'DEREGISTERED', SUSPENDED: 'DEREGISTERED' },
  REPORT_CHANGE: {
    PENDING_VERIFICATION: 'PENDING_VERIFICATION',
    ACTIVE: 'ACTIVE',
    SUSPENDED: 'SUSPENDED',
  },
  ADD_WORKSITE: { PENDING_VERIFICATION: 'PENDING_VERIFICATION', ACTIVE: 'ACTIVE' },
  UPDATE_WORKSITE: {
    PENDING_VERIFICATION: 'PENDING_VERIFICATION',
    ACTIVE: 'ACTIVE',
    SUSPENDED: 'SUSPENDED',
  },
  CLOSE_WORKSITE: {
    PENDING_VERIFICATION: 'PENDING_VERIFICATION',
    ACTIVE: 'ACTIVE',
    SUSPENDED: 'SUSPENDED',
  },
} as const satisfies Record<string, Partial<Record<EmployerStatus, EmployerStatus>>>;

export type EmployerAction = keyof typeof EMPLOYER_LIFECYCLE;

export const EMPLOYER_ACTIONS = Object.keys(EMPLOYER_LIFECYCLE) as EmployerAction[];

function targetOf(action: EmployerAction, status: EmployerStatus): EmployerStatus | undefined {
  const row: Partial<Record<EmployerStatus, EmployerStatus>> = EMPLOYER_LIFECYCLE[action];
  return row[status];
}

/** The actions allowed in `status`, in table order. */
export function allowedActions(status: EmployerStatus): EmployerAction[] {
  return EMPLOYER_ACTIONS.filter((action) => targetOf(action, status) !== undefined);
}

export function isActionAllowed(action: EmployerAction, status: EmployerStatus): boolean {
  return targetOf(action, status) !== undefined;
}

/** The status after `action`; throws EMPLOYER.TRANSITION_NOT_ALLOWED when the table does not allow it. */
export function nextStatus(action: EmployerAction, status: EmployerStatus): EmployerStatus {
  const next = targetOf(action, status);
  if (next === undefined) {
    throw EmployerErrors.TRANSITION_NOT_ALLOWED.create({
      action,
      currentState: status,
      allowedActions: allowedActions(status),
    });
  }
  return next;
}
