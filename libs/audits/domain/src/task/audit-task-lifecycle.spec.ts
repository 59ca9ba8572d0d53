import { AuditErrors } from '../errors/audit-errors';
import { anAuditTask, anInspectorUser, aSupervisor, daysAfter } from '../testing';
import type { AuditTask } from './audit-task.aggregate';
import {
  allowedTaskActions,
  AUDIT_TASK_ACTIONS,
  AUDIT_TASK_LIFECYCLE,
  isTaskActionAllowed,
  nextTaskStatus,
  type AuditTaskAction,
} from './audit-task-lifecycle';
import { AUDIT_TASK_STATUSES, type AuditTaskStatus } from './audit-task.types';

const pairs = AUDIT_TASK_ACTIONS.flatMap((action) =>
  AUDIT_TASK_STATUSES.map((status) => ({
    action,
    status,
    next: (AUDIT_TASK_LIFECYCLE[action] as Partial<Record<AuditTaskStatus, AuditTaskStatus>>)[status],
  })),
);

const inspector = anInspectorUser();
/** How to ask the aggregate for each action, after the task's due date where that matters. */
const invoke: Record<AuditTaskAction, (task: AuditTask) => unknown> = {
  ASSIGN: (t) =>
    t.assign({ inspectorId: 'inspector-2', mode: 'AUTOMATIC' }, aSupervisor(), daysAfter(t.dueAt, -5)),
  REASSIGN: (t) =>
    t.reassign(
      { inspectorId: 'inspector-2', mode: 'MANUAL' },
      aSupervisor(),
      'Inspector on leave',
      daysAfter(t.dueAt, -5),
    ),
  RELEASE: (t) => t.release(aSupervisor(), 'Inspector deactivated', daysAfter(t.dueAt, -5)),
  START: (t) => t.start(inspector, daysAfter(t.dueAt, -5)),
  CHECK_ROSTER: (t) => t.checkRoster('permit-0002', 'PRESENT', inspector, daysAfter(t.dueAt, -5)),
  RECORD_FINDING: (t) =>
    t.recordFinding(
      { findingId: 'finding-x', code: 'NO_WRITTEN_CONTRACT', permitIds: ['permit-0003'] },
      inspector,
      daysAfter(t.dueAt, -5),
    ),
  REMOVE_FINDING: (t) =>
    t.removeFinding(
      t.findings[0]?.findingId ?? 'finding-none',
      inspector,
      'Recorded twice',
      daysAfter(t.dueAt, -5),
    ),
  COMPLETE: (t) => t.complete({}, inspector, daysAfter(t.dueAt, -5)),
  CANCEL: (t) => t.cancel(aSupervisor(), 'Worksite closed by the owner', daysAfter(t.dueAt, -5)),
  RESCHEDULE: (t) => t.reschedule('2026-03-20', daysAfter(t.dueAt, -25)),
  MARK_OVERDUE: (t) => t.markOverdue(daysAfter(t.dueAt, 1)),
};

/** A periodic task in `status`, with one finding recorded when it went through IN_PROGRESS. */
const aTaskIn = (status: AuditTaskStatus) =>
  anAuditTask()
    .periodic()
    .withFinding({ code: 'WAGE_BELOW_MINIMUM', permitIds: ['permit-0001'] })
    .inStatus(status)
    .build();

describe('audit task lifecycle table', () => {
  it('covers every action and status; every target is a status', () => {
    expect(pairs).toHaveLength(AUDIT_TASK_ACTIONS.length * AUDIT_TASK_STATUSES.length);
    for (const { next } of pairs) if (next !== undefined) expect(AUDIT_TASK_STATUSES).toContain(next);
  });

  it('encodes PENDING_ASSIGNMENT → ASSIGNED → IN_PROGRESS → COMPLETED, CANCELLED from any open status', () => {
    expect(allowedTaskActions('PENDING_ASSIGNMENT')).toEqual([
      'ASSIGN',
      'CANCEL',
      'RESCHEDULE',
      'MARK_OVERDUE',
    ]);
    expect(allowedTaskActions('ASSIGNED')).toEqual([
      'REASSIGN',
      'RELEASE',
      'START',
      'CANCEL',
      'RESCHEDULE',
      'MARK_OVERDUE',
    ]);
    expect(allowedTaskActions('IN_PROGRESS')).toEqual([
      'REASSIGN',
      'CHECK_ROSTER',
      'RECORD_FINDING',
      'REMOVE_FINDING',
      'COMPLETE',
      'CANCEL',
      'MARK_OVERDUE',
    ]);
    expect(allowedTaskActions('COMPLETED')).toEqual([]);
    expect(allowedTaskActions('CANCELLED')).toEqual([]);
  });

  it.each(pairs)('table: $action from $status → $next', ({ action, status, next }) => {
    expect(isTaskActionAllowed(action, status)).toBe(next !== undefined);
    if (next !== undefined) {
      expect(nextTaskStatus(action, status)).toBe(next);
    } else {
      expect(() => nextTaskStatus(action, status)).toThrow(
        expect.objectContaining({
          code: AuditErrors.TASK_TRANSITION_NOT_ALLOWED.code,
          status: 409,
          params: { action, currentState: status, allowedActions: allowedTaskActions(status) },
        }),
      );
    }
  });
});

describe('AuditTask aggregate follows the table, for every status × action', () => {
  it.each(pairs.filter((p) => p.next !== undefined))(
    'Given a $status task, When $action, Then it is $next with one version more and a history entry',
    ({ action, status, next }) => {
      const task = aTaskIn(status);
      const version = task.version;
      invoke[action](task);
      expect(task.status).toBe(next);
      expect(task.version).toBe(version + 1);
      expect(task.recordedHistory.at(-1)?.version).toBe(version + 1);
    },
  );

  // MARK_OVERDUE of a finished task is answered before the table (false): a late sweep never fails.
  const refusals = pairs.filter((p) => p.next === undefined && p.action !== 'MARK_OVERDUE');
  it.each(refusals)(
    'Given a $status task, When $action, Then 409 with the current state and allowed actions, nothing changes',
    ({ action, status }) => {
      const task = aTaskIn(status);
      const before = task.toSnapshot();
      expect(() => invoke[action](task)).toThrow(
        expect.objectContaining({
          code: AuditErrors.TASK_TRANSITION_NOT_ALLOWED.code,
          params: expect.objectContaining({
            action,
            currentState: status,
            allowedActions: allowedTaskActions(status),
          }),
        }),
      );
      expect(task.toSnapshot()).toEqual(before);
      expect(task.pullEvents()).toEqual([]);
    },
  );

  it.each(['COMPLETED', 'CANCELLED'] as const)(
    'MARK_OVERDUE of a %s task is false and changes nothing',
    (status) => {
      const task = aTaskIn(status);
      const before = task.toSnapshot();
      expect(invoke.MARK_OVERDUE(task)).toBe(false);
      expect(task.toSnapshot()).toEqual(before);
      expect(task.pullEvents()).toEqual([]);
    },
  );

  it('exposes the allowed actions of its status', () => {
    expect(anAuditTask().assigned().build().allowedActions).toEqual(allowedTaskActions('ASSIGNED'));
  });
});
