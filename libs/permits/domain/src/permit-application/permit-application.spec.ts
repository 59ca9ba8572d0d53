import { given } from '@frontera/shared-kernel/testing';
import { PermitErrors } from '../errors/permit-errors';
import {
  anEmployerStanding,
  anEmployerUser,
  anOfficer,
  aPermit,
  aPermitApplication,
  aStandingWorksite,
  aWorker,
  day,
  T0,
  testEligibilityRules,
} from '../testing';
import { PermitApplication } from './permit-application.aggregate';
import {
  allowedApplicationActions,
  APPLICATION_ACTIONS,
  APPLICATION_LIFECYCLE,
  nextApplicationStatus,
  type ApplicationAction,
} from './permit-application-lifecycle';
import type { PermitApplicationSnapshot } from './permit-application.snapshot';
import { APPLICATION_STATUSES, type ApplicationStatus } from './permit-application.types';

const rules = testEligibilityRules();
const officer = anOfficer('officer-7');

describe('PermitApplication.submit', () => {
  it('Given an eligible employer, worksite and worker, When the employer applies, Then the application is SUBMITTED in the worksite state', () => {
    const standing = anEmployerStanding()
      .withWorksite(aStandingWorksite().inState('TAB', 'Cunduacán'))
      .build();
    const worker = aWorker().build();
    const builder = aPermitApplication().forEmployer(standing).forWorker(worker);
    const application = PermitApplication.submit(
      builder.buildCommand(),
      builder.context(),
      rules,
      anEmployerUser(),
      T0,
    );
    expect(application.status).toBe('SUBMITTED');
    expect(application.state).toBe('TAB');
    expect(application.kind).toBe('NEW');
    expect(application.version).toBe(1);
    expect(application.allowedActions).toEqual(['APPROVE', 'REJECT', 'WITHDRAW']);
    expect(application.pullEvents()).toEqual([
      {
        type: 'ApplicationSubmitted',
        applicationId: application.id,
        employerId: standing.employerId,
        worksiteId: standing.worksites[0].worksiteId,
        workerId: worker.id,
        occurredAt: T0.toISOString(),
        kind: 'NEW',
        state: 'TAB',
        occupation: 'Cortador de café',
        replacesPermitId: null,
        actorId: 'employer-user-1',
      },
    ]);
  });

  it('refuses an ineligible application with every failed rule, and creates nothing', () => {
    const builder = aPermitApplication()
      .forEmployer(anEmployerStanding().ratedB().build())
      .forWorker(aWorker().ofNationality('HND').bornOn('2011-05-01').build())
      .offering(200);
    let error: unknown;
    try {
      PermitApplication.submit(builder.buildCommand(), builder.context(), rules, anEmployerUser(), T0);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 'APPLICATION.NOT_ELIGIBLE',
      status: 422,
      params: {
        count: 4,
        codes: ['NATIONALITY_NOT_ELIGIBLE', 'UNDER_AGE', 'EMPLOYER_NOT_RATED_A', 'WAGE_BELOW_MINIMUM'],
      },
    });
  });

  it('refuses a declaration of fee payment as a failed rule, not as bad input', () => {
    const builder = aPermitApplication().with({ noRecruitmentFeeDeclared: false });
    expect(() =>
      PermitApplication.submit(builder.buildCommand(), builder.context(), rules, anEmployerUser(), T0),
    ).toThrow(
      expect.objectContaining({
        code: 'APPLICATION.NOT_ELIGIBLE',
        params: expect.objectContaining({ codes: ['RECRUITMENT_FEE'] }),
      }),
    );
  });

  it.each([
    [
      'an unknown kind',
      { kind: 'SEASONAL' },
      'APPLICATION.INVALID_DATA',
      { field: 'kind', constraint: 'UNKNOWN_VALUE' },
    ],
    [
      'a missing occupation',
      { occupation: '  ' },
      'APPLICATION.INVALID_DATA',
      { field: 'occupation', constraint: 'REQUIRED' },
    ],
    [
      'a too long occupation',
      { occupation: 'x'.repeat(121) },
      'APPLICATION.INVALID_DATA',
      { field: 'occupation', constraint: 'TOO_LONG' },
    ],
    [
      'a wage with three decimals',
      { dailyWage: 350.125 },
      'APPLICATION.INVALID_DATA',
      { field: 'dailyWage', constraint: 'INVALID_FORMAT' },
    ],
    [
      'a wage of zero',
      { dailyWage: 0 },
      'APPLICATION.INVALID_DATA',
      { field: 'dailyWage', constraint: 'OUT_OF_RANGE' },
    ],
    [
      'an impossible start date',
      { startDate: '2026-02-30' },
      'APPLICATION.INVALID_DATA',
      { field: 'startDate', constraint: 'NOT_A_DATE' },
    ],
    [
      'a declaration that is not a boolean',
      { noRecruitmentFeeDeclared: 'yes' },
      'APPLICATION.INVALID_DATA',
      { field: 'noRecruitmentFeeDeclared', constraint: 'NOT_A_BOOLEAN' },
    ],
    [
      'a TRANSFER without its permit',
      { kind: 'TRANSFER' },
      'APPLICATION.INVALID_DATA',
      { field: 'transferFromPermitId', constraint: 'REQUIRED' },
    ],
    [
      'a RENEWAL without its permit',
      { kind: 'RENEWAL' },
      'APPLICATION.INVALID_DATA',
      { field: 'renewsPermitId', constraint: 'REQUIRED' },
    ],
    [
      'a NEW application naming a permit to transfer',
      { transferFromPermitId: 'permit-1' },
      'APPLICATION.KIND_MISMATCH',
      { field: 'transferFromPermitId', kind: 'NEW' },
    ],
    [
      'a TRANSFER naming a renewal',
      { kind: 'TRANSFER', transferFromPermitId: 'p-1', renewsPermitId: 'p-2' },
      'APPLICATION.KIND_MISMATCH',
      { field: 'renewsPermitId' },
    ],
    [
      'an injection-shaped worker id',
      { workerId: '{"$ne":null}' },
      'PERMIT.INVALID_ID',
      { field: 'workerId' },
    ],
  ])('refuses %s with 422', (_case, overrides, code, params) => {
    const builder = aPermitApplication().with(overrides as never);
    expect(() =>
      PermitApplication.submit(builder.buildCommand(), builder.context(), rules, anEmployerUser(), T0),
    ).toThrow(expect.objectContaining({ code, status: 422, params: expect.objectContaining(params) }));
  });

  it('takes a TRANSFER of a transferable permit from another employer', () => {
    const old = aPermit().forEmployer('emp-sanctioned').transferable().build();
    const application = aPermitApplication().forEmployer('emp-new').transferFrom(old).build();
    expect(application.kind).toBe('TRANSFER');
    expect(application.replacesPermitId).toBe(old.id);
    expect(application.workerId).toBe(old.workerId);
  });

  it('refuses a TRANSFER of a permit that is not transferable', () => {
    const old = aPermit().forEmployer('emp-other').build();
    expect(() => aPermitApplication().forEmployer('emp-new').transferFrom(old).build()).toThrow(
      expect.objectContaining({
        code: 'APPLICATION.NOT_ELIGIBLE',
        params: expect.objectContaining({ codes: ['PERMIT_NOT_TRANSFERABLE'] }),
      }),
    );
  });
});

describe('PermitApplication decisions', () => {
  it('Given a submitted application, When an officer approves, Then it is APPROVED and returns what issuance needs', () => {
    const builder = aPermitApplication().atWorksite('ws-9', 'ROO');
    given(builder.build())
      .when((a) => a.approve(officer, 'Documents verified in person', day(1), builder.context(), rules))
      .then((application, approved, events) => {
        expect(application.status).toBe('APPROVED');
        expect(approved).toEqual({
          applicationId: application.id,
          kind: 'NEW',
          employerId: 'emp-1',
          worksiteId: 'ws-9',
          workerId: 'worker-1',
          state: 'ROO',
          occupation: 'Cortador de café',
          dailyWage: 350,
          startDate: '2026-03-16',
          replacesPermitId: null,
          approvedAt: day(1).toISOString(),
          approvedBy: officer,
        });
        expect(Object.isFrozen(approved)).toBe(true);
        expect(events).toEqual([
          expect.objectContaining({
            type: 'ApplicationApproved',
            reason: 'Documents verified in person',
            actorId: 'officer-7',
          }),
        ]);
        expect(application.approvedApplication()).toEqual(approved);
      });
  });

  it('checks eligibility again at approval: an employer rated B since submission is refused, nothing changes', () => {
    const builder = aPermitApplication();
    const application = builder.build();
    const now = builder.context();
    const error = given(application)
      .when((a) =>
        a.approve(
          officer,
          'OK',
          day(1),
          { ...now, employer: now.employer && { ...now.employer, rating: 'B' } },
          rules,
        ),
      )
      .thenFails(PermitErrors.APPLICATION_NOT_ELIGIBLE, { codes: ['EMPLOYER_NOT_RATED_A'] });
    expect(error.status).toBe(422);
    expect(application.status).toBe('SUBMITTED');
  });

  it('records the worksite state again at approval', () => {
    const builder = aPermitApplication().atWorksite('ws-1', 'CHP');
    const application = builder.build();
    const context = builder.context();
    const worksite = context.worksite && { ...context.worksite, state: 'CAM' };
    const approved = application.approve(officer, 'OK', day(1), { ...context, worksite }, rules);
    expect(approved.state).toBe('CAM');
    expect(application.recordedHistory.map((h) => h.field)).toEqual(['status', 'state', 'status']);
  });

  it('rejects with a reason', () => {
    given(aPermitApplication())
      .when((a) => a.reject(officer, 'The worker did not appear', day(1)))
      .thenEvents([
        { type: 'ApplicationRejected', reason: 'The worker did not appear', actorId: 'officer-7' },
      ]);
  });

  it('is withdrawn by the employer with a reason', () => {
    given(aPermitApplication())
      .when((a) => a.withdraw(anEmployerUser('clerk-2'), 'Harvest postponed', day(1)))
      .then((application, _r, events) => {
        expect(application.status).toBe('WITHDRAWN');
        expect(application.decision).toMatchObject({
          outcome: 'WITHDRAWN',
          by: { id: 'clerk-2', role: 'employer' },
          reason: 'Harvest postponed',
        });
        expect(events.map((e) => e.type)).toEqual(['ApplicationWithdrawn']);
      });
  });

  it('refuses a decision without a reason', () => {
    given(aPermitApplication())
      .when((a) => a.reject(officer, '', day(1)))
      .thenFails(PermitErrors.INVALID_REASON, { field: 'reason', constraint: 'REQUIRED' });
  });

  it('answers APPLICATION.NOT_APPROVED for the terms of an application that is not approved', () => {
    expect(() => aPermitApplication().rejected().build().approvedApplication()).toThrow(
      expect.objectContaining({
        code: 'APPLICATION.NOT_APPROVED',
        status: 409,
        params: expect.objectContaining({ currentState: 'REJECTED' }),
      }),
    );
  });
});

describe('application lifecycle table', () => {
  const pairs = APPLICATION_ACTIONS.flatMap((action) =>
    APPLICATION_STATUSES.map((status) => ({
      action,
      status,
      next: (APPLICATION_LIFECYCLE[action] as Partial<Record<ApplicationStatus, ApplicationStatus>>)[status],
    })),
  );
  const invoke: Record<
    ApplicationAction,
    (a: PermitApplication, builderContext: ReturnType<typeof aPermitApplication>) => unknown
  > = {
    APPROVE: (a, b) => a.approve(officer, 'Verified', day(1), b.context(), rules),
    REJECT: (a) => a.reject(officer, 'Incomplete', day(1)),
    WITHDRAW: (a) => a.withdraw(anEmployerUser(), 'Postponed', day(1)),
  };

  it('decides only SUBMITTED applications; every decision is final', () => {
    expect(allowedApplicationActions('SUBMITTED')).toEqual(['APPROVE', 'REJECT', 'WITHDRAW']);
    for (const status of ['APPROVED', 'REJECTED', 'WITHDRAWN'] as const)
      expect(allowedApplicationActions(status)).toEqual([]);
  });

  it.each(pairs)('$action on a $status application → $next', ({ action, status, next }) => {
    const builder = aPermitApplication().inStatus(status);
    const application = builder.build();
    const before = application.toSnapshot();
    if (next === undefined) {
      expect(() => invoke[action](application, builder)).toThrow(
        expect.objectContaining({
          code: 'APPLICATION.TRANSITION_NOT_ALLOWED',
          status: 409,
          params: { action, currentState: status, allowedActions: allowedApplicationActions(status) },
        }),
      );
      expect(application.toSnapshot()).toEqual(before);
      expect(application.pullEvents()).toEqual([]);
    } else {
      invoke[action](application, builder);
      expect(application.status).toBe(next);
      expect(application.version).toBe(before.version + 1);
      expect(nextApplicationStatus(action, status)).toBe(next);
    }
  });
});

describe('worker merges and snapshots', () => {
  it('follows the surviving worker record, once', () => {
    given(aPermitApplication().forWorker('worker-merged'))
      .when((a) => a.workerMerged('worker-merged', 'worker-survivor', day(2)))
      .then((application, changed) => {
        expect(changed).toBe(true);
        expect(application.workerId).toBe('worker-survivor');
        expect(application.recordedHistory.at(-1)).toMatchObject({
          field: 'workerId',
          from: 'worker-merged',
          to: 'worker-survivor',
          actor: { role: 'system' },
        });
      });
    given(aPermitApplication().forWorker('worker-other'))
      .when((a) => a.workerMerged('worker-merged', 'worker-survivor', day(2)))
      .thenNoEvents();
  });

  it.each(['SUBMITTED', 'APPROVED', 'REJECTED', 'WITHDRAWN'] as const)(
    'round-trips a %s application',
    (status) => {
      const application = aPermitApplication().inStatus(status).build();
      const snapshot = application.toSnapshot();
      const again = PermitApplication.fromSnapshot(
        JSON.parse(JSON.stringify(snapshot)) as PermitApplicationSnapshot,
      );
      expect(again.toSnapshot()).toEqual(snapshot);
      expect(again.persistedVersion).toBe(application.version);
    },
  );

  it.each([
    ['another schema version', (s: PermitApplicationSnapshot) => ({ ...s, schemaVersion: 2 })],
    ['an unknown status', (s: PermitApplicationSnapshot) => ({ ...s, status: 'PENDING' })],
    ['a decided status without a decision', (s: PermitApplicationSnapshot) => ({ ...s, status: 'APPROVED' })],
    [
      'a NEW application replacing a permit',
      (s: PermitApplicationSnapshot) => ({ ...s, replacesPermitId: 'p-1' }),
    ],
    ['a wage of three decimals', (s: PermitApplicationSnapshot) => ({ ...s, dailyWage: 1.234 })],
    ['an unknown state', (s: PermitApplicationSnapshot) => ({ ...s, state: 'ZZZ' })],
  ])('refuses %s with APPLICATION.SNAPSHOT_INVALID (500)', (_case, corrupt) => {
    const snapshot = corrupt(aPermitApplication().build().toSnapshot()) as PermitApplicationSnapshot;
    expect(() => PermitApplication.fromSnapshot(snapshot)).toThrow(
      expect.objectContaining({ code: 'APPLICATION.SNAPSHOT_INVALID', status: 500 }),
    );
  });
});
