import { given } from '@frontera/shared-kernel/testing';
import { auditProgram } from '../config/audit-program.config';
import { AuditErrors } from '../errors/audit-errors';
import { aComplaint, anAuditTask, aReferral, aSupervisor, at, day, T0 } from '../testing';
import { defaultAgenciesFor, Referral, type ReferralSnapshot } from './referral.aggregate';
import {
  allowedReferralActions,
  REFERRAL_ACTIONS,
  REFERRAL_LIFECYCLE,
  type ReferralAction,
} from './referral-lifecycle';
import { REFERRAL_STATUSES, type ReferralStatus } from './referral.types';
import {
  applyReferralCountDeltas,
  counterKeyOf,
  countReferrals,
  referralCountDeltas,
  referralTotals,
  type ReferralCounts,
} from './referral-statistics';

const supervisor = aSupervisor('supervisor-8');
const referredTask = () =>
  anAuditTask()
    .forEmployer('emp-4')
    .withFinding({ code: 'WAGE_BELOW_MINIMUM', permitIds: ['permit-0001'] })
    .withFinding({ code: 'DEBT_BONDAGE', permitIds: ['permit-0002'] })
    .completed()
    .build();

describe('referrals', () => {
  it('Given a REFERRAL audit, When referred to FEVIMTRA, Then the acknowledgement is due in 3 days (end of day)', () => {
    const task = referredTask();
    const referral = Referral.fromAudit(
      { referralId: 'ref-1', agency: 'FEDERAL_PROSECUTOR' },
      task,
      supervisor,
      T0,
    );
    expect(referral.pullEvents()).toEqual([
      {
        type: 'ReferralCreated',
        referralId: 'ref-1',
        agency: 'FEDERAL_PROSECUTOR',
        employerId: 'emp-4',
        state: 'CHP',
        indicators: ['DEBT_BONDAGE'],
        occurredAt: T0.toISOString(),
        sourceType: 'AUDIT',
        taskId: task.id,
        complaintId: null,
        acknowledgementDueAt: '2026-03-06T06:00:00.000Z',
        actorId: 'supervisor-8',
      },
    ]);
    expect(referral.escalatesOn).toBe('2026-03-06');
    expect(
      Referral.fromAudit({ referralId: 'ref-2', agency: 'LABOUR_AUTHORITY' }, task, supervisor, T0)
        .acknowledgementDueAt,
    ).toEqual(at('2026-03-08T06:00:00.000Z'));
  });

  it('refers only an audit whose outcome is REFERRAL', () => {
    const violations = anAuditTask().withFinding({ code: 'UNSAFE_HOUSING' }).completed().build();
    expect(() =>
      Referral.fromAudit({ referralId: 'ref-1', agency: 'LABOUR_AUTHORITY' }, violations, supervisor, T0),
    ).toThrow(
      expect.objectContaining({
        code: AuditErrors.REFERRAL_NOT_REFERRED.code,
        params: { taskId: violations.id },
      }),
    );
    expect(() => defaultAgenciesFor(anAuditTask().inProgress().build())).toThrow(
      expect.objectContaining({ code: AuditErrors.REFERRAL_NOT_REFERRED.code }),
    );
  });

  it('proposes FEVIMTRA and victim services, and the labour authority when labour violations were found too', () => {
    expect(defaultAgenciesFor(referredTask())).toEqual([
      'FEDERAL_PROSECUTOR',
      'VICTIM_SERVICES',
      'LABOUR_AUTHORITY',
    ]);
    expect(defaultAgenciesFor(anAuditTask().withFinding({ code: 'ISOLATION' }).completed().build())).toEqual([
      'FEDERAL_PROSECUTOR',
      'VICTIM_SERVICES',
    ]);
  });

  it('may come from a complaint: its forced-labour indicators, its employer or none', () => {
    const complaint = aComplaint()
      .aboutPlace('Rancho sin nombre')
      .inState('TAB')
      .withIndicators(['WAGE_BELOW_MINIMUM', 'DEBT_BONDAGE'])
      .build();
    const referral = Referral.fromComplaint(
      { referralId: 'ref-3', agency: 'STATE_PROSECUTOR', reason: 'Riesgo para la víctima' },
      complaint,
      supervisor,
      T0,
    );
    expect(referral.recordedHistory).toMatchObject([
      { action: 'CREATE', field: 'status', reason: 'Riesgo para la víctima', relatedId: complaint.id },
    ]);
    expect(referral.pullEvents()).toMatchObject([
      {
        type: 'ReferralCreated',
        sourceType: 'COMPLAINT',
        complaintId: complaint.id,
        taskId: null,
        employerId: null,
        state: 'TAB',
        indicators: ['DEBT_BONDAGE'],
      },
    ]);
  });

  it('Given a complaint, When a supervisor refers it with no reason, Then 422 INVALID_REASON and nothing is made', () => {
    const complaint = aComplaint().withIndicators(['DEBT_BONDAGE']).build();
    for (const reason of [undefined, null, '', '   ']) {
      expect(() =>
        Referral.fromComplaint(
          { referralId: 'ref-4', agency: 'FEDERAL_PROSECUTOR', reason },
          complaint,
          supervisor,
          T0,
        ),
      ).toThrow(expect.objectContaining({ code: AuditErrors.INVALID_REASON.code }));
    }
  });

  it.each(['RECEIVED', 'TRIAGED'] as const)(
    'Given a %s complaint, Then a referral may be made from it, due per agency',
    (status) => {
      const complaint = aComplaint().withIndicators(['ISOLATION']).inStatus(status).build();
      const referral = Referral.fromComplaint(
        { referralId: 'ref-5', agency: 'VICTIM_SERVICES', reason: 'Atención inmediata' },
        complaint,
        supervisor,
        T0,
      );
      expect(referral.source).toEqual({ type: 'COMPLAINT', id: complaint.id });
      expect(referral.status).toBe('AWAITING_ACKNOWLEDGEMENT');
      expect(referral.escalatesOn).not.toBeNull();
    },
  );

  it.each(['CLOSED', 'DISMISSED'] as const)(
    'Given a %s complaint, When a supervisor refers it, Then 409 COMPLAINT.TRANSITION_NOT_ALLOWED',
    (status) => {
      const complaint = aComplaint().withIndicators(['ISOLATION']).inStatus(status).build();
      let error: unknown;
      try {
        Referral.fromComplaint(
          { referralId: 'ref-6', agency: 'LABOUR_AUTHORITY', reason: 'Tarde' },
          complaint,
          supervisor,
          T0,
        );
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({
        code: AuditErrors.COMPLAINT_TRANSITION_NOT_ALLOWED.code,
        status: 409,
        params: { action: 'RECORD_REFERRAL', currentState: status },
      });
    },
  );

  it('the acknowledgement deadline is configurable per agency', () => {
    const referral = Referral.fromAudit(
      { referralId: 'ref-1', agency: 'VICTIM_SERVICES' },
      referredTask(),
      supervisor,
      T0,
      auditProgram({ acknowledgementDays: { VICTIM_SERVICES: 1 } }),
    );
    expect(referral.escalatesOn).toBe('2026-03-04');
  });

  it('an unacknowledged referral escalates once its deadline passes, once', () => {
    const referral = aReferral().build();
    expect(referral.escalate(at('2026-03-06T05:59:00Z'))).toBe(false);
    expect(referral.escalate(at('2026-03-06T06:00:00Z'))).toBe(true);
    expect(referral.pullEvents()).toMatchObject([
      { type: 'ReferralOverdue', acknowledgementDueAt: '2026-03-06T06:00:00.000Z' },
    ]);
    expect(referral.escalatesOn).toBeNull();
    expect(referral.escalate(at('2026-03-07T06:00:00Z'))).toBe(false);
    expect(aReferral().acknowledged().build().escalate(day(30))).toBe(false);
  });

  it('records the acknowledgement (late after the deadline) and the final outcome', () => {
    given(aReferral())
      .when((r) => r.acknowledge({ agencyReference: 'CI-FEVIMTRA-118/2026' }, supervisor, day(10)))
      .thenEvents([{ type: 'ReferralAcknowledged', late: true }]);
    given(aReferral().acknowledged())
      .when((r) => r.close({ outcome: 'VICTIMS_ASSISTED', victimsAssisted: 4 }, supervisor, day(40)))
      .then((r, _res, events) => {
        expect(r.closure).toMatchObject({ outcome: 'VICTIMS_ASSISTED', victimsAssisted: 4 });
        expect(events).toMatchObject([
          { type: 'ReferralClosed', outcome: 'VICTIMS_ASSISTED', acknowledgedOnClose: false },
        ]);
      });
    given(aReferral())
      .when((r) => r.close({ outcome: 'NO_ACTION' }, supervisor, day(1)))
      .then((r, _res, events) => {
        expect(r.acknowledgement).toMatchObject({ late: false });
        expect(events).toMatchObject([{ acknowledgedOnClose: true, victimsAssisted: null }]);
      });
    given(aReferral())
      .when((r) => r.close({ outcome: 'SOLVED' as never }, supervisor, day(1)))
      .thenFails(AuditErrors.REFERRAL_INVALID_DATA, { field: 'outcome' });
  });

  describe('lifecycle, for every status × action', () => {
    const invoke: Record<ReferralAction, (r: Referral) => unknown> = {
      ACKNOWLEDGE: (r) => r.acknowledge({}, supervisor, day(1)),
      ESCALATE: (r) => r.escalate(day(20)),
      CLOSE: (r) => r.close({ outcome: 'CASE_OPENED' }, supervisor, day(1)),
    };
    const pairs = REFERRAL_ACTIONS.flatMap((action) =>
      REFERRAL_STATUSES.map((status) => ({
        action,
        status,
        next: (REFERRAL_LIFECYCLE[action] as Partial<Record<ReferralStatus, ReferralStatus>>)[status],
      })),
    );
    it.each(pairs.filter((p) => p.next !== undefined))(
      'Given $status, When $action, Then $next',
      ({ action, status, next }) => {
        const referral = aReferral().inStatus(status).build();
        const version = referral.version;
        invoke[action](referral);
        expect(referral.status).toBe(next);
        expect(referral.version).toBe(version + 1);
      },
    );
    it.each(pairs.filter((p) => p.next === undefined && p.action !== 'ESCALATE'))(
      'Given $status, When $action, Then 409',
      ({ action, status }) => {
        const referral = aReferral().inStatus(status).build();
        expect(() => invoke[action](referral)).toThrow(
          expect.objectContaining({
            code: AuditErrors.REFERRAL_TRANSITION_NOT_ALLOWED.code,
            params: { action, currentState: status, allowedActions: allowedReferralActions(status) },
          }),
        );
      },
    );
    it.each(['ACKNOWLEDGED', 'CLOSED'] as const)(
      'ESCALATE of a %s referral is false and changes nothing',
      (status) => {
        const referral = aReferral().inStatus(status).build();
        const before = referral.toSnapshot();
        expect(referral.escalate(day(20))).toBe(false);
        expect(referral.toSnapshot()).toEqual(before);
      },
    );
  });

  it.each(REFERRAL_STATUSES)('round-trips a %s snapshot', (status) => {
    const referral = aReferral().inStatus(status).build();
    const snapshot = referral.toSnapshot();
    expect(
      Referral.fromSnapshot(JSON.parse(JSON.stringify(snapshot)) as ReferralSnapshot).toSnapshot(),
    ).toEqual(snapshot);
    expect(() => Referral.fromSnapshot({ ...snapshot, agency: 'POLICE' as never })).toThrow(
      expect.objectContaining({ code: AuditErrors.REFERRAL_SNAPSHOT_INVALID.code, status: 500 }),
    );
  });
});

describe('referral statistics: countable by agency, indicator, state and outcome, without personal data', () => {
  it('counts from events alone, and replaying them gives the counts of the referrals as they stand', () => {
    const referrals = [
      aReferral().to('FEDERAL_PROSECUTOR').build(),
      aReferral().to('VICTIM_SERVICES').build(),
      aReferral().to('FEDERAL_PROSECUTOR').fromComplaint().build(),
      aReferral().to('LABOUR_AUTHORITY').fromComplaint().build(),
    ];
    let counts: ReferralCounts = {};
    const apply = (r: Referral) => {
      for (const event of r.pullEvents())
        counts = applyReferralCountDeltas(counts, referralCountDeltas(event));
    };
    // the counts of the referrals as created, then the events of what happens to them next
    const replayed = referrals.map((r) => Referral.fromSnapshot(r.toSnapshot()));
    counts = countReferrals(replayed.map((r) => r.toSnapshot()));
    replayed[0].acknowledge({}, supervisor, day(1));
    replayed[0].close({ outcome: 'CASE_OPENED', victimsAssisted: 2 }, supervisor, day(20));
    replayed[1].escalate(day(20));
    replayed[2].close({ outcome: 'NO_ACTION' }, supervisor, day(2));
    replayed.forEach(apply);
    const snapshotCounts = countReferrals(replayed.map((r) => r.toSnapshot()));
    const withoutMilestones = Object.fromEntries(
      Object.entries(counts).filter(([id]) => !id.startsWith('MILESTONE')),
    );
    expect(withoutMilestones).toEqual(snapshotCounts);
    expect(counts['MILESTONE|FEDERAL_PROSECUTOR|CHP|ACKNOWLEDGED']).toBe(2);
    expect(counts['MILESTONE|VICTIM_SERVICES|CHP|ESCALATED']).toBe(1);

    expect(referralTotals(counts)).toEqual({
      total: 4,
      byAgency: { FEDERAL_PROSECUTOR: 2, VICTIM_SERVICES: 1, LABOUR_AUTHORITY: 1 },
      byState: { CHP: 4 },
      byOutcome: { OPEN: 2, CASE_OPENED: 1, NO_ACTION: 1 },
      byIndicator: { DEBT_BONDAGE: 2, RETENTION_OF_IDENTITY_DOCUMENTS: 2, ISOLATION: 2 },
      byMilestone: { ACKNOWLEDGED: 2, ESCALATED: 1 },
    });
    expect(JSON.stringify(counts)).not.toMatch(/emp-|task-|complaint-|referral-/);
  });

  it('every cell names its state, so one state’s counters are read apart; a fact from a contract event counts alike', () => {
    const facts = [
      { type: 'ReferralCreated', agency: 'VICTIM_SERVICES', state: 'TAB', indicators: ['ISOLATION'] },
      { type: 'ReferralCreated', agency: 'VICTIM_SERVICES', state: 'CHP', indicators: ['ISOLATION'] },
      {
        type: 'ReferralClosed',
        agency: 'VICTIM_SERVICES',
        state: 'TAB',
        indicators: ['ISOLATION'],
        outcome: 'VICTIMS_ASSISTED',
        acknowledgedOnClose: true,
      },
      { type: 'ReferralOverdue', agency: 'VICTIM_SERVICES', state: 'CHP', indicators: ['ISOLATION'] },
    ] as const;
    let counts: ReferralCounts = {};
    for (const fact of facts) {
      const deltas = referralCountDeltas(fact);
      for (const d of deltas) expect(d.key.state).toBe(fact.state);
      counts = applyReferralCountDeltas(counts, deltas);
    }
    const ofState = (state: string) =>
      Object.fromEntries(Object.entries(counts).filter(([id]) => id.split('|')[2] === state));
    expect(referralTotals(ofState('TAB'))).toEqual({
      total: 1,
      byAgency: { VICTIM_SERVICES: 1 },
      byState: { TAB: 1 },
      byOutcome: { VICTIMS_ASSISTED: 1 },
      byIndicator: { ISOLATION: 1 },
      byMilestone: { ACKNOWLEDGED: 1 },
    });
    expect(referralTotals(ofState('CHP'))).toMatchObject({
      total: 1,
      byOutcome: { OPEN: 1 },
      byMilestone: { ESCALATED: 1 },
    });
    // a closure takes the referral out of OPEN: no counter is left at zero
    expect(Object.values(counts).every((n) => n > 0)).toBe(true);
    for (const delta of facts.flatMap((f) => referralCountDeltas(f)))
      expect(counterKeyOf(delta.id)).toEqual(delta.key);
    expect(counterKeyOf('STATE|NOBODY|CHP|OPEN')).toBeNull();
    expect(counterKeyOf('INDICATOR|VICTIM_SERVICES|CHP|OPEN')).toBeNull();
  });

  it('each delta names its counter by equality key', () => {
    const referral = aReferral().to('STATE_PROSECUTOR').build();
    referral.close({ outcome: 'SANCTION_IMPOSED' }, supervisor, day(1));
    const [closed] = referral.pullEvents();
    expect(referralCountDeltas(closed).map((d) => [d.id, d.delta])).toEqual([
      ['STATE|STATE_PROSECUTOR|CHP|OPEN', -1],
      ['INDICATOR|STATE_PROSECUTOR|CHP|RETENTION_OF_IDENTITY_DOCUMENTS|OPEN', -1],
      ['INDICATOR|STATE_PROSECUTOR|CHP|DEBT_BONDAGE|OPEN', -1],
      ['STATE|STATE_PROSECUTOR|CHP|SANCTION_IMPOSED', 1],
      ['INDICATOR|STATE_PROSECUTOR|CHP|RETENTION_OF_IDENTITY_DOCUMENTS|SANCTION_IMPOSED', 1],
      ['INDICATOR|STATE_PROSECUTOR|CHP|DEBT_BONDAGE|SANCTION_IMPOSED', 1],
      ['MILESTONE|STATE_PROSECUTOR|CHP|ACKNOWLEDGED', 1],
    ]);
  });
});
