import { CalendarDate } from '@frontera/shared-kernel';
import { given } from '@frontera/shared-kernel/testing';
import { auditProgram } from '../config/audit-program.config';
import { AuditErrors } from '../errors/audit-errors';
import {
  anAuditTask,
  anInspectorUser,
  aRoster,
  aSupervisor,
  at,
  day,
  hoursAfter,
  T0,
  theSystem,
} from '../testing';
import { AuditTask, employerViewOf, type CreateAuditTask } from './audit-task.aggregate';
import { taskTerms } from './audit-task.policy';
import type { AuditTaskSnapshot } from './audit-task.snapshot';
import { AUDIT_TASK_STATUSES } from './audit-task.types';

const inspector = anInspectorUser('inspector-user-7');
const supervisor = aSupervisor('supervisor-3');
const program = auditProgram();

const command = (overrides: Partial<CreateAuditTask> = {}): CreateAuditTask => ({
  taskId: 'task-1',
  employerId: 'emp-1',
  worksiteId: 'ws-1',
  state: 'CHP',
  municipality: 'Tapachula',
  kind: 'COMPLAINT',
  origin: { type: 'COMPLAINT', refId: 'complaint-1' },
  roster: aRoster(2),
  ...overrides,
});

describe('priority and due date from indicators, kind and tier', () => {
  it('Given a complaint with a forced-labour indicator, Then CRITICAL, due within 48 hours to the minute', () => {
    given(AuditTask.create(command({ indicators: ['WAGE_BELOW_MINIMUM', 'DEBT_BONDAGE'] }), T0))
      .when((task) => task)
      .then((task) => {
        expect(task.priority).toBe('CRITICAL');
        expect(task.priorityLevel).toBe(5);
        expect(task.dueAt).toEqual(hoursAfter(T0, 48));
        expect(task.dueOn).toBe('2026-03-04');
        expect(task.overdueOn).toBe('2026-03-04');
      });
  });

  it('raises AuditTaskCreated with the contract priority level, the origin and the roster size', () => {
    const task = AuditTask.create(command({ indicators: ['ISOLATION'] }), T0);
    expect(task.pullEvents()).toEqual([
      {
        type: 'AuditTaskCreated',
        taskId: 'task-1',
        employerId: 'emp-1',
        worksiteId: 'ws-1',
        occurredAt: T0.toISOString(),
        kind: 'COMPLAINT',
        priority: 'CRITICAL',
        priorityLevel: 5,
        state: 'CHP',
        originType: 'COMPLAINT',
        originId: 'complaint-1',
        dueAt: hoursAfter(T0, 48).toISOString(),
        dueOn: '2026-03-04',
        rosterSize: 2,
      },
    ]);
    expect(task.status).toBe('PENDING_ASSIGNMENT');
  });

  it.each([
    ['a complaint without indicators', { indicators: ['WAGE_BELOW_MINIMUM'] }, 'HIGH', '2026-03-16'],
    [
      'a periodic audit of a HIGH-tier employer',
      { kind: 'PERIODIC', origin: { type: 'PLAN', refId: null }, tier: 'HIGH', dueOn: '2026-03-20' },
      'HIGH',
      '2026-03-20',
    ],
    [
      'a periodic audit of a MEDIUM-tier employer',
      { kind: 'PERIODIC', origin: { type: 'PLAN', refId: null }, tier: 'MEDIUM', dueOn: '2026-03-20' },
      'NORMAL',
      '2026-03-20',
    ],
    [
      'a periodic audit of a LOW-tier employer',
      { kind: 'PERIODIC', origin: { type: 'PLAN', refId: null }, tier: 'LOW', dueOn: '2026-03-20' },
      'LOW',
      '2026-03-20',
    ],
    [
      'a retaliation audit',
      { kind: 'PERIODIC', origin: { type: 'RETALIATION', refId: 'task-0' } },
      'HIGH',
      '2026-03-09',
    ],
    [
      'a follow-up',
      { kind: 'FOLLOW_UP', origin: { type: 'FOLLOW_UP', refId: 'task-0' }, dueOn: '2026-04-15' },
      'NORMAL',
      '2026-04-15',
    ],
    [
      'a random audit',
      { kind: 'RANDOM', origin: { type: 'RANDOM_SAMPLE', refId: null }, dueOn: '2026-04-01' },
      'NORMAL',
      '2026-04-01',
    ],
    [
      'a periodic audit whose planned day has passed',
      { kind: 'PERIODIC', origin: { type: 'PLAN', refId: null }, tier: 'LOW', dueOn: '2026-02-01' },
      'LOW',
      '2026-03-02',
    ],
  ] as const)('%s → %s, due on %s (by the end of that day)', (_case, overrides, priority, dueOn) => {
    const task = AuditTask.create(command(overrides as Partial<CreateAuditTask>), T0);
    expect(task.priority).toBe(priority);
    expect(task.dueOn).toBe(dueOn);
    // due by the end of the day (UTC−6): overdue from the next day's local midnight, swept in that day's bucket
    const nextDay = (CalendarDate.tryParse(dueOn) as CalendarDate).addDays(1).toString();
    expect(task.dueAt.toISOString()).toBe(`${nextDay}T06:00:00.000Z`);
    expect(task.overdueOn).toBe(nextDay);
  });

  it('a forced-labour indicator makes any kind CRITICAL; the 48 hours are configurable', () => {
    const terms = taskTerms(
      { kind: 'PERIODIC', originType: 'RETALIATION', indicators: ['DEBT_BONDAGE'] },
      T0,
      auditProgram({ criticalDueHours: 24 }),
    );
    expect(terms).toMatchObject({
      priority: 'CRITICAL',
      because: 'FORCED_LABOUR_INDICATOR',
      dueAt: hoursAfter(T0, 24),
    });
  });

  it('refuses bad input without creating anything', () => {
    expect(() => AuditTask.create(command({ indicators: ['NOT_A_CODE'] }), T0)).toThrow(
      expect.objectContaining({ code: AuditErrors.TASK_UNKNOWN_FINDING.code }),
    );
    expect(() =>
      AuditTask.create(command({ kind: 'PERIODIC', origin: { type: 'COMPLAINT', refId: 'c-1' } }), T0),
    ).toThrow(
      expect.objectContaining({
        code: AuditErrors.TASK_INVALID_DATA.code,
        params: expect.objectContaining({ field: 'origin.type' }),
      }),
    );
    expect(() =>
      AuditTask.create(command({ kind: 'PERIODIC', origin: { type: 'PLAN', refId: null } }), T0),
    ).toThrow(
      expect.objectContaining({
        params: expect.objectContaining({ field: 'dueOn', constraint: 'REQUIRED' }),
      }),
    );
    expect(() =>
      AuditTask.create(command({ roster: [{ permitId: 'p-1', permitNumber: 'Ana López' }] }), T0),
    ).toThrow(
      expect.objectContaining({ params: expect.objectContaining({ field: 'roster[0].permitNumber' }) }),
    );
    expect(() => AuditTask.create(command({ state: 'XX' as never }), T0)).toThrow(
      expect.objectContaining({ params: expect.objectContaining({ field: 'state' }) }),
    );
  });

  it('carries the expected roster as a checklist of permit ids and numbers, sorted, duplicates merged', () => {
    const roster = [...aRoster(3)].reverse();
    const task = AuditTask.create(command({ roster: [...roster, roster[0]] }), T0);
    expect(task.checklist).toEqual(aRoster(3).map((e) => ({ ...e, check: 'NOT_CHECKED' })));
  });
});

describe('assignment', () => {
  it('Given a pending task, When assigned automatically, Then ASSIGNED to that inspector with the mode', () => {
    given(anAuditTask())
      .when((task) => task.assign({ inspectorId: 'inspector-9', mode: 'AUTOMATIC' }, theSystem(), day(1)))
      .thenEvents([
        { type: 'AuditTaskAssigned', inspectorId: 'inspector-9', mode: 'AUTOMATIC', actorId: 'system' },
      ]);
  });

  it('Given an assigned task, When a supervisor reassigns with a reason, Then the history says who, why, from whom', () => {
    given(anAuditTask().assigned('inspector-1'))
      .when((task) =>
        task.reassign(
          { inspectorId: 'inspector-2', mode: 'MANUAL' },
          supervisor,
          'Conflict declared late',
          day(1),
        ),
      )
      .then((task, _result, events) => {
        expect(events).toMatchObject([
          {
            type: 'AuditTaskReassigned',
            inspectorId: 'inspector-2',
            mode: 'MANUAL',
            previousInspectorId: 'inspector-1',
            reason: 'Conflict declared late',
          },
        ]);
        expect(task.inspectorId).toBe('inspector-2');
        expect(task.recordedHistory.at(-1)).toMatchObject({
          action: 'REASSIGN',
          field: 'inspectorId',
          from: 'inspector-1',
          to: 'inspector-2',
          reason: 'Conflict declared late',
          actor: { id: 'supervisor-3', role: 'supervisor' },
        });
      });
  });

  it('refuses a reassignment to the same inspector or without a reason', () => {
    given(anAuditTask().assigned('inspector-1'))
      .when((task) =>
        task.reassign({ inspectorId: 'inspector-1', mode: 'MANUAL' }, supervisor, 'Again', day(1)),
      )
      .thenFails(AuditErrors.TASK_SAME_INSPECTOR, { inspectorId: 'inspector-1' });
    given(anAuditTask().assigned('inspector-1'))
      .when((task) => task.reassign({ inspectorId: 'inspector-2', mode: 'MANUAL' }, supervisor, ' ', day(1)))
      .thenFails(AuditErrors.INVALID_REASON, { field: 'reason', constraint: 'REQUIRED' });
  });

  it('a released task goes back to the supervisors’ list, without inspector', () => {
    given(anAuditTask().assigned('inspector-1'))
      .when((task) => task.release(theSystem(), 'Inspector deactivated', day(1)))
      .then((task, _r, events) => {
        expect(task.status).toBe('PENDING_ASSIGNMENT');
        expect(task.inspectorId).toBeNull();
        expect(events).toMatchObject([{ type: 'AuditTaskReleased', previousInspectorId: 'inspector-1' }]);
      });
  });
});

describe("the inspector's work", () => {
  it('starting the visit records when (the AUDIT_VISIT retaliation trigger)', () => {
    given(anAuditTask().assigned('inspector-4'))
      .when((task) => task.start(inspector, day(3)))
      .then((task, _r, events) => {
        expect(task.startedAt).toBe(day(3).toISOString());
        expect(events).toEqual([
          {
            type: 'AuditStarted',
            taskId: task.id,
            employerId: 'emp-1',
            worksiteId: 'ws-1',
            occurredAt: day(3).toISOString(),
            kind: 'PERIODIC',
            inspectorId: 'inspector-4',
          },
        ]);
      });
  });

  it('checks the roster: present or absent, only permits on it, a repeat is a no-op', () => {
    const task = anAuditTask().inProgress().build();
    expect(task.checkRoster('permit-0001', 'ABSENT', inspector, day(1))).toBe(true);
    expect(task.checkRoster('permit-0001', 'ABSENT', inspector, day(1))).toBe(false);
    expect(task.checklist[0]).toMatchObject({ permitId: 'permit-0001', check: 'ABSENT' });
    expect(() => task.checkRoster('permit-9999', 'PRESENT', inspector, day(1))).toThrow(
      expect.objectContaining({
        code: AuditErrors.TASK_NOT_ON_ROSTER.code,
        params: { permitId: 'permit-9999' },
      }),
    );
  });

  it('records a per-worker finding by permit, with more workers than permits (workers without one)', () => {
    given(anAuditTask().inProgress())
      .when((task) =>
        task.recordFinding(
          {
            findingId: 'f-1',
            code: 'WAGE_BELOW_MINIMUM',
            permitIds: ['permit-0002', 'permit-0001'],
            workersAffected: 5,
            notes: 'Pagan 200 pesos al día',
          },
          inspector,
          day(1),
        ),
      )
      .then((task, recorded, events) => {
        expect(recorded).toBe(true);
        expect(task.findings[0]).toMatchObject({
          code: 'WAGE_BELOW_MINIMUM',
          permitIds: ['permit-0001', 'permit-0002'],
          workersAffected: 5,
        });
        expect(events).toMatchObject([
          {
            type: 'AuditFindingRecorded',
            code: 'WAGE_BELOW_MINIMUM',
            severity: 'SERIOUS',
            workersAffected: 5,
          },
        ]);
        expect(JSON.stringify(events)).not.toContain('200 pesos');
        expect(JSON.stringify(task.recordedHistory)).not.toContain('200 pesos');
      });
  });

  it.each([
    [
      'a per-worker finding without workers',
      { code: 'WITHHELD_WAGES' },
      AuditErrors.TASK_FINDING_NEEDS_WORKERS.code,
    ],
    [
      'a permit not on the roster',
      { code: 'WITHHELD_WAGES', permitIds: ['permit-9999'] },
      AuditErrors.TASK_NOT_ON_ROSTER.code,
    ],
    [
      'fewer workers than permits',
      { code: 'WITHHELD_WAGES', permitIds: ['permit-0001', 'permit-0002'], workersAffected: 1 },
      AuditErrors.TASK_INVALID_DATA.code,
    ],
    [
      'workers on a worksite finding',
      { code: 'UNSAFE_HOUSING', workersAffected: 3 },
      AuditErrors.TASK_INVALID_DATA.code,
    ],
    ['a code outside the catalogue', { code: 'BAD_COFFEE' }, AuditErrors.TASK_UNKNOWN_FINDING.code],
  ])('refuses %s, changing nothing', (_case, finding, code) => {
    given(anAuditTask().inProgress())
      .when((task) => task.recordFinding({ findingId: 'f-1', ...finding }, inspector, day(1)))
      .thenFails(code);
  });

  it('records a worksite finding with no workers; the same finding id again is a no-op', () => {
    const task = anAuditTask().inProgress().build();
    expect(task.recordFinding({ findingId: 'f-1', code: 'UNSAFE_HOUSING' }, inspector, day(1))).toBe(true);
    const version = task.version;
    expect(task.recordFinding({ findingId: 'f-1', code: 'UNSAFE_HOUSING' }, inspector, day(1))).toBe(false);
    expect(task.version).toBe(version);
  });

  it('removes a finding recorded by mistake, with a reason', () => {
    given(anAuditTask().inProgress().withFinding({ code: 'NO_WRITTEN_CONTRACT', workersAffected: 1 }))
      .when((task) =>
        task.removeFinding(task.findings[0].findingId, inspector, 'Contract shown later', day(1)),
      )
      .then((task, _r, events) => {
        expect(task.findings).toEqual([]);
        expect(events).toMatchObject([{ type: 'AuditFindingRemoved', code: 'NO_WRITTEN_CONTRACT' }]);
      });
    given(anAuditTask().inProgress())
      .when((task) => task.removeFinding('f-404', inspector, 'Mistake', day(1)))
      .thenFails(AuditErrors.TASK_FINDING_NOT_FOUND, { findingId: 'f-404' });
  });
});

describe('outcome on completion', () => {
  it('no findings → COMPLIANT, no deadline', () => {
    given(anAuditTask().inProgress('inspector-4'))
      .when((task) => task.complete({}, inspector, day(2)))
      .thenEvents([
        {
          type: 'AuditCompleted',
          kind: 'PERIODIC',
          outcome: 'COMPLIANT',
          findings: [],
          correctiveActionDeadline: null,
          inspectorId: 'inspector-4',
          completedAt: day(2).toISOString(),
        },
      ]);
  });

  it('labour violations → VIOLATIONS with the default deadline of the gravest (SERIOUS: 30 days); summaries per code', () => {
    given(
      anAuditTask()
        .inProgress()
        .withFinding({ code: 'WAGE_BELOW_MINIMUM', permitIds: ['permit-0001'] })
        .withFinding({ code: 'WAGE_BELOW_MINIMUM', permitIds: ['permit-0002'], workersAffected: 2 })
        .withFinding({ code: 'NO_WRITTEN_CONTRACT', workersAffected: 4 }),
    )
      .when((task) => task.complete({}, inspector, day(2)))
      .thenEvents([
        {
          type: 'AuditCompleted',
          outcome: 'VIOLATIONS',
          correctiveActionDeadline: '2026-04-03',
          findings: [
            {
              code: 'WAGE_BELOW_MINIMUM',
              severity: 'SERIOUS',
              forcedLabourIndicator: false,
              workersAffected: 3,
            },
            {
              code: 'NO_WRITTEN_CONTRACT',
              severity: 'MINOR',
              forcedLabourIndicator: false,
              workersAffected: 4,
            },
          ],
        },
      ]);
  });

  it('the inspector may set the deadline, within 1 to 180 days from today', () => {
    const violations = () => anAuditTask().inProgress().withFinding({ code: 'UNSAFE_HOUSING' });
    given(violations())
      .when((task) => task.complete({ correctiveActionDeadline: '2026-03-20' }, inspector, day(0)))
      .then((task) => expect(task.completion?.correctiveActionDeadline).toBe('2026-03-20'));
    for (const [deadline, problem] of [
      ['2026-03-02', 'TOO_EARLY'],
      ['2026-09-01', 'TOO_LATE'],
      ['2026-02-30', 'NOT_A_DATE'],
    ]) {
      given(violations())
        .when((task) => task.complete({ correctiveActionDeadline: deadline }, inspector, day(0)))
        .thenFails(AuditErrors.TASK_INVALID_CORRECTIVE_DEADLINE, { problem, limit: 180 });
    }
    given(anAuditTask().inProgress())
      .when((task) => task.complete({ correctiveActionDeadline: '2026-03-20' }, inspector, day(0)))
      .thenFails(AuditErrors.TASK_INVALID_CORRECTIVE_DEADLINE, { problem: 'NOT_APPLICABLE' });
  });

  it('any forced-labour indicator → REFERRAL (with the labour findings listed); a deadline is optional', () => {
    given(
      anAuditTask()
        .inProgress()
        .withFinding({ code: 'WAGE_BELOW_MINIMUM', permitIds: ['permit-0001'] })
        .withFinding({ code: 'DEBT_BONDAGE', permitIds: ['permit-0001', 'permit-0002'] }),
    )
      .when((task) => task.complete({}, inspector, day(2)))
      .then((task, decision, events) => {
        expect(decision).toMatchObject({ outcome: 'REFERRAL', forcedLabourIndicators: ['DEBT_BONDAGE'] });
        expect(task.completion).toMatchObject({ outcome: 'REFERRAL', correctiveActionDeadline: null });
        expect(events).toMatchObject([
          {
            outcome: 'REFERRAL',
            findings: [
              { code: 'WAGE_BELOW_MINIMUM', workersAffected: 1 },
              { code: 'DEBT_BONDAGE', severity: 'CRITICAL', forcedLabourIndicator: true, workersAffected: 2 },
            ],
          },
        ]);
      });
  });
});

describe('cancellation, re-planning and overdue escalation', () => {
  it.each(['PENDING_ASSIGNMENT', 'ASSIGNED', 'IN_PROGRESS'] as const)(
    'the employer is deregistered: a %s task is cancelled by the system',
    (status) => {
      given(anAuditTask().inStatus(status))
        .when((task) => task.cancel(theSystem(), 'EMPLOYER_DEREGISTERED', day(1)))
        .thenEvents([
          { type: 'AuditCancelled', fromStatus: status, reason: 'EMPLOYER_DEREGISTERED', actorId: 'system' },
        ]);
    },
  );

  it('re-planning moves the open periodic task’s due day, never into the past; other origins keep theirs', () => {
    const task = anAuditTask().periodic('LOW', '2026-08-01').build();
    expect(task.reschedule('2026-03-30', day(1))).toBe(true);
    expect(task.dueOn).toBe('2026-03-30');
    expect(task.pullEvents()).toMatchObject([{ type: 'AuditTaskRescheduled', dueOn: '2026-03-30' }]);
    expect(task.reschedule('2026-03-30', day(1))).toBe(false);
    expect(task.reschedule('2026-01-01', day(1))).toBe(true);
    expect(task.dueOn).toBe('2026-03-03');
    const complaint = anAuditTask().complaint().build();
    expect(complaint.reschedule('2026-03-30', day(1))).toBe(false);
  });

  it('the overdue sweep escalates once past due, by its bucket day, and never reveals a date in the event', () => {
    const task = anAuditTask().periodic('MEDIUM', '2026-04-01').assigned('inspector-2').build();
    expect(task.overdueOn).toBe('2026-04-02');
    expect(task.isOverdueAt(at('2026-04-02T05:59:00Z'))).toBe(false);
    expect(task.markOverdue(at('2026-04-02T05:59:00Z'))).toBe(false);
    expect(task.markOverdue(at('2026-04-02T06:00:00Z'))).toBe(true);
    const events = task.pullEvents();
    expect(events).toEqual([
      {
        type: 'AuditOverdue',
        taskId: task.id,
        employerId: 'emp-1',
        worksiteId: 'ws-1',
        occurredAt: '2026-04-02T06:00:00.000Z',
        kind: 'PERIODIC',
        priority: 'NORMAL',
        status: 'ASSIGNED',
        inspectorId: 'inspector-2',
        state: 'CHP',
      },
    ]);
    expect(JSON.stringify(events)).not.toContain('2026-04-01');
    expect(task.escalatedAt).toBe('2026-04-02T06:00:00.000Z');
    expect(task.overdueOn).toBeNull();
    expect(task.markOverdue(at('2026-04-03T06:00:00Z'))).toBe(false);
  });
});

describe('visits are unannounced: the employer view', () => {
  it.each(AUDIT_TASK_STATUSES.filter((s) => s !== 'COMPLETED'))(
    'Given a %s task, Then employerViewOf is null: the employer does not learn that a visit is planned',
    (status) => {
      expect(employerViewOf(anAuditTask().inStatus(status).build())).toBeNull();
    },
  );

  it('Given a completed audit, Then the employer sees its outcome, codes, counts and deadline — no planned date, kind, inspector, priority or worker', () => {
    const task = anAuditTask()
      .complaint([], 'complaint-77')
      .withRoster(2)
      .withFinding({
        code: 'WITHHELD_WAGES',
        permitIds: ['permit-0001', 'permit-0002'],
        notes: 'Señora Pérez no cobra',
      })
      .completed('2026-03-30')
      .build();
    const view = employerViewOf(task);
    expect(view).toEqual({
      taskId: task.id,
      employerId: 'emp-1',
      worksiteId: 'ws-1',
      status: 'COMPLETED',
      outcome: 'VIOLATIONS',
      findings: [
        { code: 'WITHHELD_WAGES', severity: 'SERIOUS', forcedLabourIndicator: false, workersAffected: 2 },
      ],
      correctiveActionDeadline: '2026-03-30',
      completedOn: '2026-03-02',
    });
    const text = JSON.stringify(view);
    for (const hidden of [
      task.dueOn,
      task.dueAt.toISOString(),
      'inspector',
      'COMPLAINT',
      'complaint-77',
      'permit-0001',
      'Pérez',
      'priority',
      'dueOn',
    ]) {
      expect(text).not.toContain(hidden);
    }
  });
});

describe('AuditTask snapshot', () => {
  it.each(AUDIT_TASK_STATUSES)('round-trips a %s task', (status) => {
    const task = anAuditTask()
      .withFinding({ code: 'EXCESSIVE_HOURS', workersAffected: 2, notes: 'Turnos de 14 horas' })
      .inStatus(status)
      .build();
    const snapshot = task.toSnapshot();
    const again = AuditTask.fromSnapshot(JSON.parse(JSON.stringify(snapshot)) as AuditTaskSnapshot, program);
    expect(again.toSnapshot()).toEqual(snapshot);
    expect(again.persistedVersion).toBe(task.version);
    expect(again.recordedHistory).toEqual([]);
  });

  it('keeps the equality keys top-level', () => {
    expect(anAuditTask().assigned('inspector-5').buildSnapshot()).toMatchObject({
      schemaVersion: 1,
      status: 'ASSIGNED',
      employerId: 'emp-1',
      state: 'CHP',
      inspectorId: 'inspector-5',
      overdueOn: '2026-04-02',
    });
  });

  it.each([
    ['another schema version', (s: AuditTaskSnapshot) => ({ ...s, schemaVersion: 2 })],
    ['an unknown status', (s: AuditTaskSnapshot) => ({ ...s, status: 'LOST' })],
    [
      'an assigned task without inspector',
      (s: AuditTaskSnapshot) => ({ ...s, status: 'ASSIGNED', inspectorId: null }),
    ],
    ['COMPLETED without completion', (s: AuditTaskSnapshot) => ({ ...s, status: 'COMPLETED' })],
    [
      'an unknown finding code',
      (s: AuditTaskSnapshot) => ({ ...s, findings: [{ ...s.findings[0], code: 'NOPE' }] }),
    ],
    ['a dueAt that is not an instant', (s: AuditTaskSnapshot) => ({ ...s, dueAt: 'soon' })],
  ])('refuses %s with AUDIT_TASK.SNAPSHOT_INVALID (500)', (_case, corrupt) => {
    const snapshot = corrupt(
      anAuditTask().inProgress().withFinding({ code: 'UNSAFE_HOUSING' }).buildSnapshot(),
    ) as AuditTaskSnapshot;
    expect(() => AuditTask.fromSnapshot(snapshot)).toThrow(
      expect.objectContaining({ code: 'AUDIT_TASK.SNAPSHOT_INVALID', status: 500 }),
    );
  });
});
