import { PermitErrors } from '../errors/permit-errors';
import type { WorkerStatus } from './worker.types';

/**
 * What may happen to a worker record, per status — the one table. Every command keeps an ACTIVE
 * record ACTIVE except MERGE_INTO; a MERGED record is frozen: {@link nextWorkerStatus} refuses any
 * action with 409 `WORKER.MERGED`, naming the surviving record to use instead.
 */
export const WORKER_LIFECYCLE = {
  CORRECT: { ACTIVE: 'ACTIVE' },
  FLAG_POSSIBLE_DUPLICATE: { ACTIVE: 'ACTIVE' },
  MARK_DISTINCT: { ACTIVE: 'ACTIVE' },
  MERGE_INTO: { ACTIVE: 'MERGED' },
  ABSORB: { ACTIVE: 'ACTIVE' },
} as const satisfies Record<string, Partial<Record<WorkerStatus, WorkerStatus>>>;

export type WorkerAction = keyof typeof WORKER_LIFECYCLE;
export const WORKER_ACTIONS = Object.keys(WORKER_LIFECYCLE) as WorkerAction[];

function targetOf(action: WorkerAction, status: WorkerStatus): WorkerStatus | undefined {
  const row: Partial<Record<WorkerStatus, WorkerStatus>> = WORKER_LIFECYCLE[action];
  return row[status];
}

export function allowedWorkerActions(status: WorkerStatus): WorkerAction[] {
  return WORKER_ACTIONS.filter((action) => targetOf(action, status) !== undefined);
}

/** The status after `action`; a merged record refuses with WORKER.MERGED (409). */
export function nextWorkerStatus(
  action: WorkerAction,
  status: WorkerStatus,
  record: { workerId: string; survivorId: string | null },
): WorkerStatus {
  const next = targetOf(action, status);
  if (next === undefined) {
    throw PermitErrors.WORKER_MERGED.create({
      workerId: record.workerId,
      survivorId: record.survivorId ?? '',
      action,
      currentState: status,
      allowedActions: allowedWorkerActions(status),
    });
  }
  return next;
}
