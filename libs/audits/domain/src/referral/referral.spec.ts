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
      { referralId: 'ref-3', agency: 'STATE_PROSECUTOR' },
      complaint,
      supervisor,
      T0,
    );
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
    });
    expect(JSON.stringify(counts)).not.toMatch(/emp-|task-|complaint-|referral-/);
  });

  it('each delta names its counter by equality key', () => {
    const referral = aReferral().to('STATE_PROSECUTOR').build();
    referral.close({ outcome: 'SANCTION_IMPOSED' }, supervisor, day(1));
    const [closed] = referral.pullEvents();
    expect(referralCountDeltas(closed).map((d) => [d.id, d.delta])).toEqual([
      ['STATE|STATE_PROSECUTOR|CHP|OPEN', -1],
      ['INDICATOR|STATE_PROSECUTOR|RETENTION_OF_IDENTITY_DOCUMENTS|OPEN', -1],
      ['INDICATOR|STATE_PROSECUTOR|DEBT_BONDAGE|OPEN', -1],
      ['STATE|STATE_PROSECUTOR|CHP|SANCTION_IMPOSED', 1],
      ['INDICATOR|STATE_PROSECUTOR|RETENTION_OF_IDENTITY_DOCUMENTS|SANCTION_IMPOSED', 1],
      ['INDICATOR|STATE_PROSECUTOR|DEBT_BONDAGE|SANCTION_IMPOSED', 1],
      ['MILESTONE|STATE_PROSECUTOR|CHP|ACKNOWLEDGED', 1],
    ]);
  });
});
