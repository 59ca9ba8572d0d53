import { AuditErrors } from '../errors/audit-errors';

export const INSPECTOR_STATUSES = ['ACTIVE', 'INACTIVE'] as const;
export type InspectorStatus = (typeof INSPECTOR_STATUSES)[number];

/**
 * What a supervisor may do to an inspector record, per status — the one table.
 *
 * | action \ status   | ACTIVE     | INACTIVE |
 * | ----------------- | ---------- | -------- |
 * | UPDATE_AREAS      | stays      | stays    |
 * | SET_CAPACITY      | stays      | stays    |
 * | DECLARE_CONFLICT  | stays      | stays    |
 * | WITHDRAW_CONFLICT | stays      | stays    |
 * | DEACTIVATE        | → INACTIVE |          |
 * | ACTIVATE          |            | → ACTIVE |
 *
 * An inactive inspector receives no task; deactivating one does not touch its tasks here — the
 * application reassigns (or releases) its open tasks afterwards.
 */
export const INSPECTOR_LIFECYCLE = {
  UPDATE_AREAS: { ACTIVE: 'ACTIVE', INACTIVE: 'INACTIVE' },
  SET_CAPACITY: { ACTIVE: 'ACTIVE', INACTIVE: 'INACTIVE' },
  DECLARE_CONFLICT: { ACTIVE: 'ACTIVE', INACTIVE: 'INACTIVE' },
  WITHDRAW_CONFLICT: { ACTIVE: 'ACTIVE', INACTIVE: 'INACTIVE' },
  DEACTIVATE: { ACTIVE: 'INACTIVE' },
  ACTIVATE: { INACTIVE: 'ACTIVE' },
} as const satisfies Record<string, Partial<Record<InspectorStatus, InspectorStatus>>>;

export type InspectorAction = keyof typeof INSPECTOR_LIFECYCLE;
export const INSPECTOR_ACTIONS = Object.keys(INSPECTOR_LIFECYCLE) as InspectorAction[];

function targetOf(action: InspectorAction, status: InspectorStatus): InspectorStatus | undefined {
  const row: Partial<Record<InspectorStatus, InspectorStatus>> = INSPECTOR_LIFECYCLE[action];
  return row[status];
}

export function allowedInspectorActions(status: InspectorStatus): InspectorAction[] {
  return INSPECTOR_ACTIONS.filter((action) => targetOf(action, status) !== undefined);
}

export function nextInspectorStatus(action: InspectorAction, status: InspectorStatus): InspectorStatus {
  const next = targetOf(action, status);
  if (next === undefined) {
    throw AuditErrors.INSPECTOR_TRANSITION_NOT_ALLOWED.create({
      action,
      currentState: status,
      allowedActions: allowedInspectorActions(status),
    });
  }
  return next;
}
