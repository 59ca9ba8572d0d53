import { Complaint } from '../complaint/complaint.aggregate';
import { chooseInspector } from '../inspector/assignment.policy';
import { AuditPlan, type ScheduledAudit } from '../plan/audit-plan.aggregate';
import { Referral, defaultAgenciesFor } from '../referral/referral.aggregate';
import { detectRetaliation } from '../retaliation/retaliation.policy';
import { assessRisk } from '../risk/risk-scoring.policy';
import { AuditTask, employerViewOf } from '../task/audit-task.aggregate';
import {
  aComplaint,
  anInspector,
  anInspectorUser,
  aPlanWorksite,
  aRiskProfile,
  aRoster,
  at,
  day,
  hoursAfter,
  T0,
  theSystem,
} from '../testing';

// The flows, end to end through the domain (what the service's integration tests will run on servers).
describe('audits scenarios', () => {
  const inspectors = [
    anInspector().withId('ana').covering('CHP', ['Tapachula']).candidate(3),
    anInspector().withId('beto').covering('CHP').candidate(1),
    anInspector().withId('carla').covering('TAB').candidate(0),
  ];

  it('Given a verified employer, Then a plan and a first task, assigned; violations bring a follow-up at the deadline', () => {
    const assessment = assessRisk(aRiskProfile().inSector('COFFEE').withHeldPermits(12).build(), T0);
    const plan = AuditPlan.start(
      { employerId: 'emp-1', verifiedAt: T0, worksites: [aPlanWorksite()], assessment },
      T0,
    );
    const [due] = plan.dueAudits(T0);
    const task = AuditTask.create({ ...plan.taskRequestFor(due, 'task-1'), roster: aRoster(3) }, T0);
    plan.taskCreated(due.key, task.id, T0);
    const { choice } = chooseInspector(
      { employerId: 'emp-1', state: task.state, municipality: task.municipality, previousInspectorId: null },
      inspectors,
    );
    if (!choice) throw new Error('an inspector qualifies');
    task.assign(choice, theSystem(), T0);
    expect([task.status, task.inspectorId, task.dueOn]).toEqual(['ASSIGNED', 'beto', '2026-04-01']);
    expect(employerViewOf(task)).toBeNull();

    const inspector = anInspectorUser('beto-user');
    task.start(inspector, day(20));
    task.recordFinding(
      { findingId: 'f-1', code: 'NO_WRITTEN_CONTRACT', permitIds: ['permit-0001', 'permit-0002'] },
      inspector,
      day(20),
    );
    task.complete({}, inspector, day(20));
    plan.auditEnded(
      {
        taskId: task.id,
        worksiteId: task.worksiteId,
        kind: task.kind,
        ended: 'COMPLETED',
        at: day(20),
        correctiveActionDeadline: task.completion?.correctiveActionDeadline ?? null,
      },
      day(20),
    );
    expect(employerViewOf(task)).toMatchObject({
      outcome: 'VIOLATIONS',
      correctiveActionDeadline: '2026-05-21',
    });
    const followUp = plan
      .dueAudits(at('2026-05-21T15:00:00Z'))
      .find((e) => e.kind === 'FOLLOW_UP') as ScheduledAudit;
    const next = AuditTask.create(
      { ...plan.taskRequestFor(followUp, 'task-2'), roster: aRoster(3) },
      at('2026-05-21T15:00:00Z'),
    );
    expect(
      chooseInspector(
        { employerId: 'emp-1', state: 'CHP', municipality: 'Tapachula', previousInspectorId: 'beto' },
        inspectors,
      ).choice?.inspectorId,
    ).toBe('ana');
    expect([next.kind, next.dueOn]).toEqual(['FOLLOW_UP', '2026-06-04']);
  });

  it('Given a complaint with a forced-labour indicator against a known employer, Then a CRITICAL audit due within 48 hours, and its REFERRAL outcome is referred', () => {
    const complaint = Complaint.file(
      aComplaint().against('emp-1', 'ws-1').withIndicators(['DEBT_BONDAGE']).fileCommand(),
      T0,
    );
    const task = AuditTask.create(
      {
        ...complaint.triage({ taskId: 'task-9' }, theSystem(), T0),
        municipality: 'Tapachula',
        roster: aRoster(2),
      },
      T0,
    );
    expect([task.priority, task.dueAt]).toEqual(['CRITICAL', hoursAfter(T0, 48)]);
    task.assign({ inspectorId: 'beto', mode: 'AUTOMATIC' }, theSystem(), T0);
    task.start(anInspectorUser(), hoursAfter(T0, 20));
    task.recordFinding(
      { findingId: 'f-1', code: 'DEBT_BONDAGE', permitIds: ['permit-0001'] },
      anInspectorUser(),
      hoursAfter(T0, 21),
    );
    expect(task.complete({}, anInspectorUser(), hoursAfter(T0, 22)).outcome).toBe('REFERRAL');
    const referrals = defaultAgenciesFor(task).map((agency, i) =>
      Referral.fromAudit({ referralId: `ref-${i}`, agency }, task, theSystem(), hoursAfter(T0, 22)),
    );
    expect(referrals.map((r) => [r.agency, r.escalatesOn])).toEqual([
      ['FEDERAL_PROSECUTOR', '2026-03-07'],
      ['VICTIM_SERVICES', '2026-03-09'],
    ]);
    expect(complaint.close(task.id, theSystem(), null, hoursAfter(T0, 22))).toBe(true);
  });

  it('Given a complaint, When the employer ends permits soon after, Then retaliation raises the tier and a priority audit', () => {
    const plan = AuditPlan.start(
      {
        employerId: 'emp-1',
        verifiedAt: T0,
        worksites: [aPlanWorksite()],
        assessment: assessRisk(aRiskProfile().inSector('COMMERCE').build(), T0),
      },
      T0,
    );
    expect(plan.tier).toBe('LOW');
    const patterns = detectRetaliation(
      [{ kind: 'COMPLAINT', id: 'complaint-1', at: day(1).toISOString() }],
      [
        { permitId: 'p-1', endedAt: day(3).toISOString(), endReason: 'EMPLOYMENT_ENDED' },
        { permitId: 'p-2', endedAt: day(4).toISOString(), endReason: 'EMPLOYMENT_ENDED' },
      ],
    );
    const assessment = assessRisk(
      aRiskProfile(day(4)).inSector('COMMERCE').withRetaliationPattern(patterns[0]).build(),
      day(4),
    );
    expect(plan.applyRisk(assessment, day(4))).toMatchObject({ tierChanged: true, published: true });
    expect(plan.tier).toBe('HIGH');
    const [priority] = plan.raisePriorityAudit(patterns[0], day(4));
    const task = AuditTask.create({ ...plan.taskRequestFor(priority, 'task-r'), roster: aRoster(1) }, day(4));
    expect([task.kind, task.origin, task.priority, task.dueOn]).toEqual([
      'COMPLAINT',
      { type: 'RETALIATION', refId: 'complaint-1' },
      'HIGH',
      '2026-03-13',
    ]);
  });
});
