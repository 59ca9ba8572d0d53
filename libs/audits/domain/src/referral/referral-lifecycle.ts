import { AuditErrors } from '../errors/audit-errors';
import type { ReferralStatus } from './referral.types';

/**
 * What may happen to a referral, per status — the one table.
 *
 * | action \ status                           | AWAITING_ACKNOWLEDGEMENT | ACKNOWLEDGED | CLOSED |
 * | ----------------------------------------- | ------------------------ | ------------ | ------ |
 * | ACKNOWLEDGE (supervisor records it)       | → ACKNOWLEDGED           |              |        |
 * | ESCALATE (system, at the deadline)        | stays, escalated         |              |        |
 * | CLOSE (supervisor, the agency's outcome)  | → CLOSED                 | → CLOSED     |        |
 *
 * CLOSE from AWAITING_ACKNOWLEDGEMENT: an agency that answers with its final outcome has acknowledged
 * it too (recorded as acknowledged at the same moment). ESCALATE of an escalated, acknowledged or closed
 * referral is answered by the aggregate before this table (false), so a late sweep never fails.
 */
export const REFERRAL_LIFECYCLE = {
  ACKNOWLEDGE: { AWAITING_ACKNOWLEDGEMENT: 'ACKNOWLEDGED' },
  ESCALATE: { AWAITING_ACKNOWLEDGEMENT: 'AWAITING_ACKNOWLEDGEMENT' },
  CLOSE: { AWAITING_ACKNOWLEDGEMENT: 'CLOSED', ACKNOWLEDGED: 'CLOSED' },
} as const satisfies Record<string, Partial<Record<ReferralStatus, ReferralStatus>>>;

export type ReferralAction = keyof typeof REFERRAL_LIFECYCLE;
export const REFERRAL_ACTIONS = Object.keys(REFERRAL_LIFECYCLE) as ReferralAction[];

function targetOf(action: ReferralAction, status: ReferralStatus): ReferralStatus | undefined {
  const row: Partial<Record<ReferralStatus, ReferralStatus>> = REFERRAL_LIFECYCLE[action];
  return row[status];
}

export function allowedReferralActions(status: ReferralStatus): ReferralAction[] {
  return REFERRAL_ACTIONS.filter((action) => targetOf(action, status) !== undefined);
}

export function nextReferralStatus(action: ReferralAction, status: ReferralStatus): ReferralStatus {
  const next = targetOf(action, status);
  if (next === undefined) {
    throw AuditErrors.REFERRAL_TRANSITION_NOT_ALLOWED.create({
      action,
      currentState: status,
      allowedActions: allowedReferralActions(status),
    });
  }
  return next;
}
