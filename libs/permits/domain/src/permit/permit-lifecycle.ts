import { PermitErrors } from '../errors/permit-errors';
import type { PermitStatus } from './permit.types';

/**
 * What may happen to a permit, per status — THE one table. Status-changing actions map to another
 * status; RENEW and MAKE_TRANSFERABLE keep it. A pair not in the table is refused by
 * {@link nextPermitStatus} with 409 PERMIT.TRANSITION_NOT_ALLOWED, naming the current status and
 * the allowed actions.
 *
 * | action \ status   | ACTIVE                | SUSPENDED             | REVOKED | EXPIRED | ENDED |
 * | ----------------- | --------------------- | --------------------- | ------- | ------- | ----- |
 * | SUSPEND           | → SUSPENDED           |                       |         |         |       |
 * | REINSTATE         |                       | → ACTIVE              |         |         |       |
 * | REVOKE            | → REVOKED             | → REVOKED             |         |         |       |
 * | END               | → ENDED               | → ENDED               |         |         |       |
 * | EXPIRE            | → EXPIRED             | → EXPIRED             |         |         |       |
 * | RENEW             | (stays, new validity) |                       |         |         |       |
 * | MAKE_TRANSFERABLE | (stays, transferable) | (stays, transferable) |         |         |       |
 * | TRANSFER_OUT      | → ENDED (TRANSFERRED) |                       |         |         |       |
 *
 * Beyond the program's outline (docs/domain/permits.md): a suspended permit can still be revoked,
 * still runs out and its employment can still end; it also becomes transferable when its employer is
 * sanctioned (the victim-centred rule must not depend on the permit's own suspension), but it moves
 * only once reinstated. Idempotent repeats (EXPIRE an EXPIRED permit, TRANSFER_OUT to the same new
 * permit) are answered by the aggregate before this table and change nothing.
 */
export const PERMIT_LIFECYCLE = {
  SUSPEND: { ACTIVE: 'SUSPENDED' },
  REINSTATE: { SUSPENDED: 'ACTIVE' },
  REVOKE: { ACTIVE: 'REVOKED', SUSPENDED: 'REVOKED' },
  END: { ACTIVE: 'ENDED', SUSPENDED: 'ENDED' },
  EXPIRE: { ACTIVE: 'EXPIRED', SUSPENDED: 'EXPIRED' },
  RENEW: { ACTIVE: 'ACTIVE' },
  MAKE_TRANSFERABLE: { ACTIVE: 'ACTIVE', SUSPENDED: 'SUSPENDED' },
  TRANSFER_OUT: { ACTIVE: 'ENDED' },
} as const satisfies Record<string, Partial<Record<PermitStatus, PermitStatus>>>;

export type PermitAction = keyof typeof PERMIT_LIFECYCLE;
export const PERMIT_ACTIONS = Object.keys(PERMIT_LIFECYCLE) as PermitAction[];

function targetOf(action: PermitAction, status: PermitStatus): PermitStatus | undefined {
  const row: Partial<Record<PermitStatus, PermitStatus>> = PERMIT_LIFECYCLE[action];
  return row[status];
}

/** The actions allowed in `status`, in table order. */
export function allowedPermitActions(status: PermitStatus): PermitAction[] {
  return PERMIT_ACTIONS.filter((action) => targetOf(action, status) !== undefined);
}

export function isPermitActionAllowed(action: PermitAction, status: PermitStatus): boolean {
  return targetOf(action, status) !== undefined;
}

/** The status after `action`; throws PERMIT.TRANSITION_NOT_ALLOWED when the table does not allow it. */
export function nextPermitStatus(action: PermitAction, status: PermitStatus): PermitStatus {
  const next = targetOf(action, status);
  if (next === undefined) {
    throw PermitErrors.TRANSITION_NOT_ALLOWED.create({
      action,
      currentState: status,
      allowedActions: allowedPermitActions(status),
    });
  }
  return next;
}
