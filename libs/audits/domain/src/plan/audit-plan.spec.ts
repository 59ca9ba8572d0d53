import { CalendarDate } from '@frontera/shared-kernel';
import { given } from '@frontera/shared-kernel/testing';
import { auditProgram } from '../config/audit-program.config';
import { AuditErrors } from '../errors/audit-errors';
import { AuditTask } from '../task/audit-task.aggregate';
import {
  anAssessment,
  anAuditPlan,
  anInspectorUser,
  aPlanWorksite,
  aRoster,
  at,
  day,
  daysAfter,
  seededRandom,
  T0,
  theSystem,
} from '../testing';
import { AuditPlan, type AuditPlanSnapshot, type ScheduledAudit } from './audit-plan.aggregate';
import {
  isSelectedForRandomAudit,
  nextRandomDrawDay,
  pickIndex,
  randomAuditCycle,
} from './random-sample.policy';

const periodicOf = (plan: AuditPlan, worksiteId = 'ws-1') =>
  plan.scheduled.filter((e) => e.originType === 'PLAN' && e.worksiteId === worksiteId);

/** The sweep: create every due audit's task, as the service does (task first, then the plan). */
function sweep(plan: AuditPlan, now: Date): AuditTask[] {
  return plan.dueAudits(now).map((due, i) => {
    const task = AuditTask.create(
      { ...plan.taskRequestFor(due, `task-${plan.version}-${i}`), roster: aRoster(2) },
      now,
    );
    expect(plan.taskCreated(due.key, task.id, now)).toBe('RECORDED');
    return task;
  });
}

/** Completes `task` at `when` (assigned, started, findings, completed) and tells the plan. */
function complete(plan: AuditPlan, task: AuditTask, when: Date, findings: string[] = []): void {
  const inspector = anInspectorUser();
  task.assign({ inspectorId: 'inspector-1', mode: 'AUTOMATIC' }, theSystem(), when);
  task.start(inspector, when);
  findings.forEach((code, i) =>
    task.recordFinding(
      { findingId: `f-${i}`, code, workersAffected: code === 'UNSAFE_HOUSING' ? 0 : 1 },
      inspector,
      when,
    ),
  );
  task.complete({}, inspector, when);
  plan.auditEnded(
    {
      taskId: task.id,
      worksiteId: task.worksiteId,
      kind: task.kind,
      ended: 'COMPLETED',
      at: when,
      correctiveActionDeadline: task.completion?.correctiveActionDeadline ?? null,
    },
    when,
  );
}

describe('audit plan: first audit within 30 days of verification, then the cadence of the tier', () => {
  it('Given a verified employer with two worksites, Then each has its first audit due within 30 days, created at once', () => {
    const plan = AuditPlan.start(
      {
        employerId: 'emp-1',
        verifiedAt: T0,
        worksites: [aPlanWorksite('ws-1'), aPlanWorksite('ws-2', 'Huixtla')],
        assessment: anAssessment({ tier: 'LOW' }),
      },
      T0,
    );
    const events = plan.pullEvents();
    expect(events.map((e) => e.type)).toEqual([
      'AuditPlanStarted',
      'AuditScheduled',
      'AuditScheduled',
      'EmployerRiskChanged',
    ]);
    expect(plan.scheduled).toEqual([
      {
        key: 'PERIODIC:ws-1:1',
        kind: 'PERIODIC',
        originType: 'PLAN',
        originId: null,
        worksiteId: 'ws-1',
        createOn: '2026-03-02',
        dueOn: '2026-04-01',
        taskId: null,
      },
      {
        key: 'PERIODIC:ws-2:1',
        kind: 'PERIODIC',
        originType: 'PLAN',
        originId: null,
        worksiteId: 'ws-2',
        createOn: '2026-03-02',
        dueOn: '2026-04-01',
        taskId: null,
      },
    ]);
    expect(plan.taskOn).toBe('2026-03-02');
    const tasks = sweep(plan, T0);
    expect(tasks.map((t) => [t.kind, t.worksiteId, t.dueOn, t.priority, t.municipality])).toEqual([
      ['PERIODIC', 'ws-1', '2026-04-01', 'LOW', 'Tapachula'],
      ['PERIODIC', 'ws-2', '2026-04-01', 'LOW', 'Huixtla'],
    ]);
    // a LOW plan's bucket is now its random draw, due from the day it starts
    expect(plan.randomDrawDueOn).toBe('2026-03-02');
    expect(plan.taskOn).toBe('2026-03-02');
    expect(plan.dueAudits(T0)).toEqual([]);
  });

  it.each([
    ['HIGH', 30, '2026-04-30', '2026-03-31'],
    ['MEDIUM', 90, '2026-06-29', '2026-05-30'],
    ['LOW', 180, '2026-09-27', '2026-08-28'],
  ] as const)(
    'after a %s-tier periodic audit, the next is due %d days later (created 30 days before)',
    (tier, cadence, dueOn, createOn) => {
      const plan = anAuditPlan().withTier(tier).build();
      const [task] = sweep(plan, T0);
      complete(plan, task, day(29));
      expect(plan.cadenceDays).toBe(cadence);
      expect(periodicOf(plan)).toEqual([
        expect.objectContaining({ key: 'PERIODIC:ws-1:2', dueOn, createOn, taskId: null }),
      ]);
      expect(plan.worksites[0].lastPeriodicOn).toBe('2026-03-31');
      // LOW: the random draw (not yet drawn: the plan's start day, moved up to today) comes first
      expect(plan.taskOn).toBe(tier === 'LOW' ? '2026-03-31' : createOn);
    },
  );

  it('the cadence is configurable', () => {
    const plan = anAuditPlan()
      .withTier('HIGH')
      .withProgram({ cadenceDays: { HIGH: 14 }, firstAuditWithinDays: 10 })
      .build();
    expect(periodicOf(plan)[0].dueOn).toBe('2026-03-12');
    const [task] = sweep(plan, T0);
    complete(plan, task, day(5));
    expect(periodicOf(plan)[0].dueOn).toBe('2026-03-21');
  });

  it('a worksite added later gets its first audit within 30 days of being added; a closed one loses its audits', () => {
    const plan = anAuditPlan().build();
    const [task] = sweep(plan, T0);
    expect(plan.worksiteAdded(aPlanWorksite('ws-2', 'Cacahoatán'), day(40))).toBe(true);
    expect(plan.worksiteAdded(aPlanWorksite('ws-2', 'Cacahoatán'), day(40))).toBe(false);
    expect(periodicOf(plan, 'ws-2')).toEqual([expect.objectContaining({ dueOn: '2026-05-11' })]);
    expect(plan.worksiteClosed('ws-1', day(41))).toEqual({ changed: true, cancelTaskIds: [task.id] });
    expect(plan.scheduled.map((e) => e.worksiteId)).toEqual(['ws-2']);
    expect(plan.worksiteClosed('ws-1', day(41))).toEqual({ changed: false, cancelTaskIds: [] });
  });

  it('a periodic task cancelled by a supervisor: the plan continues a cadence after its due day', () => {
    const plan = anAuditPlan().withTier('MEDIUM').build();
    const [task] = sweep(plan, T0);
    task.cancel(anInspectorUser(), 'Road closed by floods', day(3));
    expect(
      plan.auditEnded(
        { taskId: task.id, worksiteId: 'ws-1', kind: 'PERIODIC', ended: 'CANCELLED', at: day(3) },
        day(3),
      ),
    ).toBe(true);
    expect(periodicOf(plan)).toEqual([expect.objectContaining({ dueOn: '2026-06-30', taskId: null })]);
  });
});

describe('re-planning replaces the schedule and never creates a second one', () => {
  it('Given a MEDIUM employer audited once, When its tier becomes HIGH, Then the next audit moves at once and risk.changed is raised', () => {
    const plan = anAuditPlan().withTier('MEDIUM').build();
    const [first] = sweep(plan, T0);
    complete(plan, first, day(10));
    expect(periodicOf(plan)[0].dueOn).toBe('2026-06-10');
    plan.pullEvents();
    const result = plan.applyRisk(anAssessment({ tier: 'HIGH', at: day(11) }), day(11));
    expect(result).toEqual({ tierChanged: true, published: true, reschedule: [] });
    expect(periodicOf(plan)).toEqual([
      expect.objectContaining({ key: 'PERIODIC:ws-1:2', dueOn: '2026-04-11', createOn: '2026-03-13' }),
    ]);
    const events = plan.pullEvents();
    expect(events.map((e) => e.type)).toEqual(['AuditPlanRescheduled', 'EmployerRiskChanged']);
    expect(events[1]).toMatchObject({
      type: 'EmployerRiskChanged',
      tier: 'HIGH',
      previousTier: 'MEDIUM',
      score: 60,
    });
  });

  it('a periodic task already created is rescheduled through the task, and the plan keeps one audit per worksite', () => {
    const plan = anAuditPlan().withTier('LOW').build();
    const [first] = sweep(plan, T0);
    complete(plan, first, day(1));
    const [second] = sweep(plan, daysAfter(T0, 151)); // created 30 days before its day (LOW: 180)
    expect(second.dueOn).toBe('2026-08-30');
    const result = plan.applyRisk(anAssessment({ tier: 'HIGH', at: day(152) }), day(152));
    expect(result.reschedule).toEqual([{ taskId: second.id, dueOn: '2026-08-01' }]);
    expect(second.reschedule(result.reschedule[0].dueOn, day(152))).toBe(true);
    for (const [i, tier] of (['MEDIUM', 'LOW', 'HIGH', 'LOW', 'MEDIUM'] as const).entries()) {
      plan.applyRisk(anAssessment({ tier, at: day(153 + i) }), day(153 + i));
      expect(periodicOf(plan)).toHaveLength(1);
      expect(plan.dueAudits(day(153 + i))).toEqual([]);
    }
  });

  it('the first audit keeps its 30 days whatever the tier', () => {
    const plan = anAuditPlan().withTier('LOW').build();
    plan.applyRisk(anAssessment({ tier: 'HIGH', at: day(1) }), day(1));
    expect(periodicOf(plan)[0].dueOn).toBe('2026-04-01');
  });

  it('publishes without a tier change only when the score moved by 5 points; ignores an older assessment', () => {
    const plan = anAuditPlan().withTier('MEDIUM').build();
    expect(plan.applyRisk(anAssessment({ tier: 'MEDIUM', score: 38, at: day(1) }), day(1))).toMatchObject({
      tierChanged: false,
      published: false,
    });
    expect(plan.applyRisk(anAssessment({ tier: 'MEDIUM', score: 40, at: day(2) }), day(2))).toMatchObject({
      published: true,
    });
    expect(plan.assessment.score).toBe(40);
    expect(plan.applyRisk(anAssessment({ tier: 'HIGH', at: day(1) }), day(3))).toEqual({
      tierChanged: false,
      published: false,
      reschedule: [],
    });
    expect(plan.tier).toBe('MEDIUM');
    expect(() => plan.applyRisk(anAssessment({ employerId: 'emp-2', at: day(4) }), day(4))).toThrow(
      expect.objectContaining({ code: AuditErrors.PLAN_INVALID_DATA.code }),
    );
  });
});

describe('suspension and deregistration', () => {
  it('a suspended employer’s plan continues: its audits are still due', () => {
    const plan = anAuditPlan().build();
    expect(plan.employerSuspended(day(1))).toBe(true);
    expect(plan.employerSuspended(day(1))).toBe(false);
    expect(plan.employerStatus).toBe('SUSPENDED');
    expect(plan.status).toBe('ACTIVE');
    expect(sweep(plan, day(1))).toHaveLength(1);
    expect(plan.employerReinstated(day(2))).toBe(true);
  });

  it('a deregistered employer’s plan is cancelled with its open tasks; later facts change nothing', () => {
    const plan = anAuditPlan().withWorksites('ws-1', 'ws-2').build();
    const tasks = sweep(plan, T0);
    given(plan)
      .when((p) => p.employerDeregistered(day(2)))
      .then((p, result, events) => {
        expect(result).toEqual({ changed: true, cancelTaskIds: tasks.map((t) => t.id) });
        expect(events).toMatchObject([{ type: 'AuditPlanCancelled', reason: 'EMPLOYER_DEREGISTERED' }]);
        expect(p.status).toBe('CANCELLED');
        expect(p.taskOn).toBeNull();
      });
    const version = plan.version;
    expect(plan.employerDeregistered(day(3))).toEqual({ changed: false, cancelTaskIds: [] });
    expect(plan.applyRisk(anAssessment({ tier: 'HIGH', at: day(3) }), day(3)).tierChanged).toBe(false);
    expect(plan.worksiteAdded(aPlanWorksite('ws-3'), day(3))).toBe(false);
    expect(plan.drawRandomAudit({ draw: 0, worksiteDraw: 0 }, day(3))).toBeNull();
    expect(plan.dueAudits(day(40))).toEqual([]);
    expect(plan.taskCreated('PERIODIC:ws-1:1', 'task-late', day(3))).toBe('PLAN_CANCELLED');
    expect(plan.version).toBe(version);
  });
});

describe('follow-ups at the corrective-action deadline', () => {
  it('Given VIOLATIONS with a deadline, Then a FOLLOW_UP is created on that day and due 14 days later, once', () => {
    const plan = anAuditPlan().build();
    const [task] = sweep(plan, T0);
    complete(plan, task, day(5), ['WAGE_BELOW_MINIMUM']);
    expect(task.completion?.correctiveActionDeadline).toBe('2026-04-06');
    const followUp = plan.scheduled.find((e) => e.kind === 'FOLLOW_UP') as ScheduledAudit;
    expect(followUp).toEqual({
      key: `FOLLOW_UP:${task.id}`,
      kind: 'FOLLOW_UP',
      originType: 'FOLLOW_UP',
      originId: task.id,
      worksiteId: 'ws-1',
      createOn: '2026-04-06',
      dueOn: '2026-04-20',
      taskId: null,
    });
    expect(plan.dueAudits(at('2026-04-05T12:00:00Z'))).toEqual([]);
    const [created] = sweep(plan, at('2026-04-06T12:00:00Z'));
    expect([created.kind, created.dueOn, created.origin]).toEqual([
      'FOLLOW_UP',
      '2026-04-20',
      { type: 'FOLLOW_UP', refId: task.id },
    ]);
    // the same completion redelivered schedules nothing more
    expect(
      plan.auditEnded(
        {
          taskId: task.id,
          worksiteId: 'ws-1',
          kind: 'PERIODIC',
          ended: 'COMPLETED',
          at: day(5),
          correctiveActionDeadline: '2026-04-06',
        },
        day(6),
      ),
    ).toBe(false);
  });

  it('a complaint audit with violations gets its follow-up too; a compliant audit none', () => {
    const plan = anAuditPlan().build();
    expect(
      plan.auditEnded(
        {
          taskId: 'task-c',
          worksiteId: 'ws-1',
          kind: 'COMPLAINT',
          ended: 'COMPLETED',
          at: day(3),
          correctiveActionDeadline: '2026-04-01',
        },
        day(3),
      ),
    ).toBe(true);
    expect(plan.scheduled.filter((e) => e.kind === 'FOLLOW_UP').map((e) => e.originId)).toEqual(['task-c']);
    expect(
      plan.auditEnded(
        { taskId: 'task-d', worksiteId: 'ws-1', kind: 'COMPLAINT', ended: 'COMPLETED', at: day(3) },
        day(3),
      ),
    ).toBe(false);
  });
});

describe('random audits of LOW-tier employers', () => {
  it.each([
    ['LOW', 0.01, 0.05, true],
    ['LOW', 0.049, 0.05, true],
    ['LOW', 0.05, 0.05, false],
    ['LOW', 0.5, 0.05, false],
    ['MEDIUM', 0, 0.05, false],
    ['HIGH', 0, 0.05, false],
    ['LOW', 0.99, 1, true],
    ['LOW', 0, 0, false],
  ] as const)('tier %s, draw %d, rate %d → selected %p', (tier, draw, rate, selected) => {
    expect(isSelectedForRandomAudit(tier, draw, rate)).toBe(selected);
  });

  it('refuses a draw outside [0, 1) and picks worksites uniformly', () => {
    expect(() => isSelectedForRandomAudit('LOW', 1, 0.05)).toThrow(
      expect.objectContaining({ code: AuditErrors.PLAN_INVALID_DATA.code }),
    );
    expect([0, 0.33, 0.34, 0.99].map((d) => pickIndex(d, 3))).toEqual([0, 0, 1, 2]);
  });

  it('a selected LOW-tier employer gets one RANDOM audit per cycle, created today and due in 30 days', () => {
    const plan = anAuditPlan().withTier('LOW').withWorksites('ws-1', 'ws-2').build();
    const drawn = plan.drawRandomAudit({ draw: 0.01, worksiteDraw: 0.9 }, day(1));
    expect(drawn).toEqual({
      key: `RANDOM:${randomAuditCycle(CalendarDate.fromInstant(day(1), -360), auditProgram())}`,
      kind: 'RANDOM',
      originType: 'RANDOM_SAMPLE',
      originId: null,
      worksiteId: 'ws-2',
      createOn: '2026-03-03',
      dueOn: '2026-04-02',
      taskId: null,
    });
    expect(plan.drawRandomAudit({ draw: 0.01, worksiteDraw: 0 }, day(2))).toBeNull();
    const random = sweep(plan, day(2)).find((t) => t.kind === 'RANDOM') as AuditTask;
    expect([random.priority, random.dueOn]).toEqual(['NORMAL', '2026-04-02']);
  });

  it('a draw above the rate records the cycle and schedules nothing; a MEDIUM employer is never selected', () => {
    const plan = anAuditPlan().withTier('LOW').build();
    given(plan)
      .when((p) => p.drawRandomAudit({ draw: 0.5, worksiteDraw: 0 }, day(1)))
      .thenEvents([{ type: 'RandomAuditDrawn', selected: false, tier: 'LOW' }]);
    expect(plan.lastRandomCycle).not.toBeNull();
    const medium = anAuditPlan().withTier('MEDIUM').build();
    expect(medium.drawRandomAudit({ draw: 0, worksiteDraw: 0 }, day(1))).toBeNull();
    const rate = anAuditPlan().withTier('LOW').withProgram({ randomAuditRate: 0.5 }).build();
    expect(rate.drawRandomAudit({ draw: 0.4, worksiteDraw: 0 }, day(1))?.kind).toBe('RANDOM');
  });

  it('Given 2,000 LOW plans drawn from one seeded source, Then about the rate are selected, the same seed selects the same plans, once per cycle', () => {
    const program = auditProgram({ randomAuditRate: 0.05 });
    const selectedWith = (seed: number) => {
      const random = seededRandom(seed);
      const uniform = () => random(2 ** 32) / 2 ** 32;
      const selected: number[] = [];
      for (let i = 0; i < 2000; i++) {
        const plan = anAuditPlan().withTier('LOW').withProgram(program).build();
        const draws = { draw: uniform(), worksiteDraw: uniform(), dayDraw: uniform() };
        if (plan.drawRandomAudit(draws, day(1)) !== null) selected.push(i);
        // a second draw in the same cycle never selects again, whatever the draw
        expect(plan.drawRandomAudit({ draw: 0, worksiteDraw: 0, dayDraw: 0 }, day(2))).toBeNull();
      }
      return selected;
    };
    const first = selectedWith(7);
    expect(first.length).toBeGreaterThan(2000 * 0.05 * 0.6);
    expect(first.length).toBeLessThan(2000 * 0.05 * 1.4);
    expect(selectedWith(7)).toEqual(first);
    expect(selectedWith(8)).not.toEqual(first);
  });

  it('each draw moves the plan’s bucket to a random day of the next cycle; the next cycle draws again', () => {
    const program = auditProgram();
    const plan = anAuditPlan().withTier('LOW').build();
    sweep(plan, T0);
    expect(plan.isRandomDrawDue(day(1))).toBe(true);
    plan.drawRandomAudit({ draw: 0.9, worksiteDraw: 0, dayDraw: 0.5 }, day(1));
    const today = CalendarDate.fromInstant(day(1), -360);
    const next = nextRandomDrawDay(today, 0.5, program);
    expect(plan.randomDrawDueOn).toBe(next.toString());
    expect(randomAuditCycle(next, program)).not.toBe(randomAuditCycle(today, program));
    expect(next.epochDay % program.randomCycleDays).toBe(45);
    expect(plan.isRandomDrawDue(day(2))).toBe(false);
    const then = new Date(next.startInstant(-360).getTime() + 12 * 3_600_000);
    expect(plan.isRandomDrawDue(then)).toBe(true);
    expect(plan.drawRandomAudit({ draw: 0, worksiteDraw: 0, dayDraw: 0 }, then)?.kind).toBe('RANDOM');
    expect(plan.scheduled.filter((e) => e.kind === 'RANDOM')).toHaveLength(1);
    expect([0, 0.5, 0.999].map((d) => nextRandomDrawDay(today, d, program).epochDay % 90)).toEqual([
      0, 45, 89,
    ]);
  });

  it('a MEDIUM plan has no draw in its bucket; turning LOW makes the draw due today, drawn or not this cycle the bucket never stays behind', () => {
    const plan = anAuditPlan().withTier('MEDIUM').build();
    sweep(plan, T0);
    expect(plan.randomDrawDueOn).toBeNull();
    expect(plan.taskOn).not.toBe('2026-03-02');
    plan.applyRisk(anAssessment({ tier: 'LOW', at: day(10) }), day(10));
    expect(plan.randomDrawDueOn).toBe(CalendarDate.fromInstant(day(10), -360).toString());
    expect(plan.taskOn).toBe(plan.randomDrawDueOn);
    plan.drawRandomAudit({ draw: 0.9, worksiteDraw: 0, dayDraw: 0 }, day(10));
    // MEDIUM again and back to LOW within the same cycle: no second draw, the bucket moves on
    plan.applyRisk(anAssessment({ tier: 'MEDIUM', at: day(11) }), day(11));
    plan.applyRisk(anAssessment({ tier: 'LOW', at: day(12) }), day(12));
    const version = plan.version;
    expect(plan.drawRandomAudit({ draw: 0, worksiteDraw: 0, dayDraw: 0 }, day(12))).toBeNull();
    expect((plan.randomDrawDueOn ?? '') > CalendarDate.fromInstant(day(12), -360).toString()).toBe(true);
    expect(plan.version).toBe(version);
    expect(plan.scheduled.some((e) => e.kind === 'RANDOM')).toBe(false);
  });

  it('cycles are 90 days by default', () => {
    const program = auditProgram();
    const cycleOf = (n: number) => randomAuditCycle(CalendarDate.fromEpochDay(n), program);
    expect(cycleOf(89)).toBe(cycleOf(0));
    expect(cycleOf(90)).not.toBe(cycleOf(89));
  });
});

describe('retaliation raises a priority audit', () => {
  const pattern = {
    key: 'COMPLAINT:complaint-5',
    trigger: { kind: 'COMPLAINT' as const, id: 'complaint-5', at: day(-10).toISOString() },
    windowDays: 30,
    windowEndsAt: day(20).toISOString(),
    endedPermitIds: ['p-1', 'p-2', 'p-3'],
    endingsAfter: 3,
    endingsBefore: 0,
  };

  it('Given a pattern, Then a HIGH audit at each open worksite, due within 7 days, once per pattern', () => {
    const plan = anAuditPlan().withWorksites('ws-1', 'ws-2').build();
    const raised = plan.raisePriorityAudit(pattern, day(1));
    expect(raised.map((e) => [e.key, e.kind, e.originType, e.originId, e.createOn])).toEqual([
      ['RETALIATION:COMPLAINT:complaint-5:ws-1', 'COMPLAINT', 'RETALIATION', 'complaint-5', '2026-03-03'],
      ['RETALIATION:COMPLAINT:complaint-5:ws-2', 'COMPLAINT', 'RETALIATION', 'complaint-5', '2026-03-03'],
    ]);
    expect(plan.pullEvents()[0]).toMatchObject({
      type: 'RetaliationDetected',
      patternKey: 'COMPLAINT:complaint-5',
      endedPermits: 3,
    });
    expect(plan.raisePriorityAudit(pattern, day(2))).toEqual([]);
    const tasks = sweep(plan, day(1)).filter((t) => t.origin.type === 'RETALIATION');
    expect(tasks.map((t) => [t.priority, t.dueOn])).toEqual([
      ['HIGH', '2026-03-10'],
      ['HIGH', '2026-03-10'],
    ]);
  });
});

describe('visits are unannounced', () => {
  it('the only plan event that leaves the service, EmployerRiskChanged, carries no planned date', () => {
    const plan = anAuditPlan().build();
    plan.applyRisk(anAssessment({ tier: 'HIGH', at: day(1) }), day(1));
    const changed = plan.pullEvents().filter((e) => e.type === 'EmployerRiskChanged');
    const text = JSON.stringify(changed);
    for (const planned of plan.scheduled.flatMap((e) => [e.dueOn, e.createOn]))
      expect(text).not.toContain(planned);
    expect(Object.keys(changed[0]).sort()).toEqual([
      'computedAt',
      'employerId',
      'factors',
      'occurredAt',
      'previousTier',
      'score',
      'tier',
      'type',
    ]);
  });

  it('scheduled keys carry no date (they may appear in an error or a log)', () => {
    const plan = anAuditPlan().build();
    for (const entry of plan.scheduled) expect(entry.key).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(() => plan.taskCreated('PERIODIC:ws-9:1', 'task-1', T0)).toThrow(
      expect.objectContaining({ code: AuditErrors.PLAN_UNKNOWN_DUE_AUDIT.code, status: 409 }),
    );
  });
});

describe('AuditPlan snapshot', () => {
  it('round-trips, with the sweep bucket and the tier top-level', () => {
    const plan = anAuditPlan().withWorksites('ws-1', 'ws-2').build();
    sweep(plan, T0);
    plan.applyRisk(anAssessment({ tier: 'LOW', at: day(1) }), day(1));
    plan.drawRandomAudit({ draw: 0.9, worksiteDraw: 0, dayDraw: 0 }, day(1));
    const snapshot = plan.toSnapshot();
    const nextCycle = nextRandomDrawDay(CalendarDate.fromInstant(day(1), -360), 0, auditProgram());
    expect(snapshot).toMatchObject({
      id: 'emp-1',
      status: 'ACTIVE',
      tier: 'LOW',
      cadenceDays: 180,
      randomDrawOn: nextCycle.toString(),
      taskOn: nextCycle.toString(),
    });
    const again = AuditPlan.fromSnapshot(JSON.parse(JSON.stringify(snapshot)) as AuditPlanSnapshot);
    expect(again.toSnapshot()).toEqual(snapshot);
    expect(again.persistedVersion).toBe(plan.version);
  });

  it.each([
    ['another schema version', (s: AuditPlanSnapshot) => ({ ...s, schemaVersion: 9 })],
    ['an unknown status', (s: AuditPlanSnapshot) => ({ ...s, status: 'PAUSED' })],
    [
      'a scheduled audit of an unknown worksite',
      (s: AuditPlanSnapshot) => ({ ...s, scheduled: [{ ...s.scheduled[0], worksiteId: 'ws-x' }] }),
    ],
    [
      'an assessment of another employer',
      (s: AuditPlanSnapshot) => ({ ...s, assessment: { ...s.assessment, employerId: 'emp-2' } }),
    ],
  ])('refuses %s with AUDIT_PLAN.SNAPSHOT_INVALID', (_case, corrupt) => {
    expect(() =>
      AuditPlan.fromSnapshot(corrupt(anAuditPlan().build().toSnapshot()) as AuditPlanSnapshot),
    ).toThrow(expect.objectContaining({ code: AuditErrors.PLAN_SNAPSHOT_INVALID.code, status: 500 }));
  });
});
