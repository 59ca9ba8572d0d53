import { AuditErrors } from '../errors/audit-errors';

export const COMPLAINT_STATUSES = ['RECEIVED', 'TRIAGED', 'CLOSED', 'DISMISSED'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** Not yet closed or dismissed: what the risk score counts as an open complaint. */
export const OPEN_COMPLAINT_STATUSES: readonly ComplaintStatus[] = Object.freeze(['RECEIVED', 'TRIAGED']);

/**
 * What may happen to a complaint, per status — the one table.
 *
 * | action \ status                                   | RECEIVED    | TRIAGED  | CLOSED | DISMISSED |
 * | ------------------------------------------------- | ----------- | -------- | ------ | --------- |
 * | ADD_INFORMATION (complainant: receipt and secret) | stays       | stays    |        |           |
 * | TRIAGE (supervisor; system for a known employer)  | → TRIAGED   |          |        |           |
 * | DISMISS (supervisor, reason)                      | → DISMISSED |          |        |           |
 * | RECORD_REFERRAL (supervisor)                      | stays       | stays    |        |           |
 * | CLOSE (system when its audit ends; supervisor)    |             | → CLOSED |        |           |
 */
export const COMPLAINT_LIFECYCLE = {
  ADD_INFORMATION: { RECEIVED: 'RECEIVED', TRIAGED: 'TRIAGED' },
  TRIAGE: { RECEIVED: 'TRIAGED' },
  DISMISS: { RECEIVED: 'DISMISSED' },
  RECORD_REFERRAL: { RECEIVED: 'RECEIVED', TRIAGED: 'TRIAGED' },
  CLOSE: { TRIAGED: 'CLOSED' },
} as const satisfies Record<string, Partial<Record<ComplaintStatus, ComplaintStatus>>>;

export type ComplaintAction = keyof typeof COMPLAINT_LIFECYCLE;
export const COMPLAINT_ACTIONS = Object.keys(COMPLAINT_LIFECYCLE) as ComplaintAction[];

function targetOf(action: ComplaintAction, status: ComplaintStatus): ComplaintStatus | undefined {
  const row: Partial<Record<ComplaintStatus, ComplaintStatus>> = COMPLAINT_LIFECYCLE[action];
  return row[status];
}

export function allowedComplaintActions(status: ComplaintStatus): ComplaintAction[] {
  return COMPLAINT_ACTIONS.filter((action) => targetOf(action, status) !== undefined);
}

export function nextComplaintStatus(action: ComplaintAction, status: ComplaintStatus): ComplaintStatus {
  const next = targetOf(action, status);
  if (next === undefined) {
    throw AuditErrors.COMPLAINT_TRANSITION_NOT_ALLOWED.create({
      action,
      currentState: status,
      allowedActions: allowedComplaintActions(status),
    });
  }
  return next;
}
