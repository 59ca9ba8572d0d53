import { PermitErrors } from '../errors/permit-errors';
import type { ApplicationStatus } from './permit-application.types';

/**
 * What may happen to an application, per status — the one table. An officer in the worksite's state
 * approves or rejects a SUBMITTED application; the employer may withdraw it. Every decision is final.
 *
 * | action \ status     | SUBMITTED   | APPROVED | REJECTED | WITHDRAWN |
 * | ------------------- | ----------- | -------- | -------- | --------- |
 * | APPROVE (officer)   | → APPROVED  |          |          |           |
 * | REJECT (officer)    | → REJECTED  |          |          |           |
 * | WITHDRAW (employer) | → WITHDRAWN |          |          |           |
 */
export const APPLICATION_LIFECYCLE = {
  APPROVE: { SUBMITTED: 'APPROVED' },
  REJECT: { SUBMITTED: 'REJECTED' },
  WITHDRAW: { SUBMITTED: 'WITHDRAWN' },
} as const satisfies Record<string, Partial<Record<ApplicationStatus, ApplicationStatus>>>;

export type ApplicationAction = keyof typeof APPLICATION_LIFECYCLE;
export const APPLICATION_ACTIONS = Object.keys(APPLICATION_LIFECYCLE) as ApplicationAction[];

function targetOf(action: ApplicationAction, status: ApplicationStatus): ApplicationStatus | undefined {
  const row: Partial<Record<ApplicationStatus, ApplicationStatus>> = APPLICATION_LIFECYCLE[action];
  return row[status];
}

export function allowedApplicationActions(status: ApplicationStatus): ApplicationAction[] {
  return APPLICATION_ACTIONS.filter((action) => targetOf(action, status) !== undefined);
}

/** The status after `action`; 409 APPLICATION.TRANSITION_NOT_ALLOWED when the table does not allow it. */
export function nextApplicationStatus(
  action: ApplicationAction,
  status: ApplicationStatus,
): ApplicationStatus {
  const next = targetOf(action, status);
  if (next === undefined) {
    throw PermitErrors.APPLICATION_TRANSITION_NOT_ALLOWED.create({
      action,
      currentState: status,
      allowedActions: allowedApplicationActions(status),
    });
  }
  return next;
}
