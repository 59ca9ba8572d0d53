import { given } from '@frontera/shared-kernel/testing';
import { applyEmployerFact, transferTrigger } from '../employer-standing/employer-standing.read-model';
import { PermitErrors } from '../errors/permit-errors';
import {
  anEmployerStanding,
  anOfficer,
  aPermit,
  aPermitApplication,
  aRandomPart,
  aVerificationToken,
  day,
  daysAfter,
  testEligibilityRules,
} from '../testing';
import { Permit } from './permit.aggregate';
import { PermitNumber } from './permit-number.value-object';

describe('makeTransferable (the employer was sanctioned)', () => {
  it('Given an ACTIVE permit, When its employer is suspended for critical findings, Then it stays valid and becomes transferable', () => {
    const until = daysAfter(day(10), 90);
    given(aPermit())
      .when((p) => p.makeTransferable(until, 'EMPLOYER_SUSPENDED_CRITICAL_FINDINGS', day(10)))
      .then((permit, changed, events) => {
        expect(changed).toBe(true);
        expect(permit.status).toBe('ACTIVE');
        expect(permit.isValidAt(day(11))).toBe(true);
        expect(permit.isTransferableAt(day(11))).toBe(true);
        expect(permit.isTransferableAt(until)).toBe(false);
        expect(permit.transferable).toEqual({
          cause: 'EMPLOYER_SUSPENDED_CRITICAL_FINDINGS',
          until: until.toISOString(),
          since: day(10).toISOString(),
        });
        expect(events).toEqual([
          expect.objectContaining({
            type: 'PermitTransferable',
            cause: 'EMPLOYER_SUSPENDED_CRITICAL_FINDINGS',
            transferableUntil: until.toISOString(),
          }),
        ]);
        expect(permit.recordedHistory.at(-1)).toMatchObject({
          action: 'MAKE_TRANSFERABLE',
          actor: { role: 'system' },
          reason: 'EMPLOYER_SUSPENDED_CRITICAL_FINDINGS',
        });
      });
  });

  it('is idempotent for the same or an earlier end, and extends for a later one (suspended, then deregistered)', () => {
    const permit = aPermit().build();
    permit.makeTransferable(daysAfter(day(10), 90), 'EMPLOYER_SUSPENDED_CRITICAL_FINDINGS', day(10));
    permit.pullEvents();
    given(permit)
      .when((p) =>
        p.makeTransferable(daysAfter(day(10), 90), 'EMPLOYER_SUSPENDED_CRITICAL_FINDINGS', day(10)),
      )
      .thenNoEvents();
    given(permit)
      .when((p) => p.makeTransferable(daysAfter(day(10), 30), 'EMPLOYER_DEREGISTERED', day(11)))
      .thenNoEvents();
    given(permit)
      .when((p) => p.makeTransferable(daysAfter(day(20), 90), 'EMPLOYER_DEREGISTERED', day(20)))
      .thenEvents([{ type: 'PermitTransferable', cause: 'EMPLOYER_DEREGISTERED' }]);
    expect(permit.transferable?.since).toBe(day(10).toISOString());
  });

  it('makes a SUSPENDED permit transferable too (it moves once reinstated)', () => {
    given(aPermit().suspended())
      .when((p) => p.makeTransferable(daysAfter(day(1), 90), 'EMPLOYER_DEREGISTERED', day(1)))
      .then((permit) => {
        expect(permit.status).toBe('SUSPENDED');
        expect(permit.isTransferableAt(day(2))).toBe(false);
      });
  });

  it('refuses an end in the past and an unknown cause', () => {
    given(aPermit())
      .when((p) => p.makeTransferable(day(0), 'EMPLOYER_DEREGISTERED', day(1)))
      .thenFails(PermitErrors.INVALID_VALIDITY, { field: 'transferableUntil', constraint: 'OUT_OF_RANGE' });
    given(aPermit())
      .when((p) => p.makeTransferable(day(90), 'RATED_B' as never, day(1)))
      .thenFails(PermitErrors.INVALID_DATA, { field: 'cause', constraint: 'UNKNOWN_VALUE' });
  });
});

describe('transferredTo (the new permit was issued elsewhere)', () => {
  it('ends a transferable permit with reason TRANSFERRED, raising PermitTransferred then PermitEnded', () => {
    given(aPermit().transferable())
      .when((p) => p.transferredTo('permit-new', day(30), 'employer-new'))
      .thenEvents([
        { type: 'PermitTransferred', toPermitId: 'permit-new', toEmployerId: 'employer-new' },
        {
          type: 'PermitEnded',
          endReason: 'TRANSFERRED',
          transferredToPermitId: 'permit-new',
          reason: null,
          actorId: null,
        },
      ]);
  });

  it('is idempotent for the same new permit, and refuses another one', () => {
    given(aPermit().transferable())
      .when((p) => {
        p.transferredTo('permit-new', day(30), 'employer-new');
        p.pullEvents();
        return p.transferredTo('permit-new', day(31), 'employer-new');
      })
      .then((permit, again, events) => {
        expect(again).toBe(false);
        expect(events).toEqual([]);
        expect(permit.status).toBe('ENDED');
        expect(permit.endReason).toBe('TRANSFERRED');
      });
    given(aPermit().transferred())
      .when((p) => p.transferredTo('permit-another', day(31), 'employer-new'))
      .thenFails(PermitErrors.TRANSITION_NOT_ALLOWED, { action: 'TRANSFER_OUT', currentState: 'ENDED' });
  });

  it('refuses a permit that was never made transferable (409)', () => {
    given(aPermit())
      .when((p) => p.transferredTo('permit-new', day(30), 'employer-new'))
      .thenFails(PermitErrors.NOT_TRANSFERABLE);
  });

  it('does not re-check the window: the transfer was approved inside it', () => {
    given(aPermit().transferable(10))
      .when((p) => p.transferredTo('permit-new', day(30), 'employer-new'))
      .then((permit) => expect(permit.endReason).toBe('TRANSFERRED'));
  });
});

describe('the whole transfer, victim-centred', () => {
  it('Given an employer suspended for critical findings, its worker moves to another ACTIVE employer without a new registration', () => {
    // Given: employer A's worker holds a permit; A is suspended for critical findings (the employer event).
    const employerA = anEmployerStanding().active().build();
    const old = aPermit()
      .forEmployer(employerA.employerId)
      .atWorksite(employerA.worksites[0].worksiteId)
      .build();
    const { standing: suspended } = applyEmployerFact(employerA, {
      type: 'EmployerSuspended',
      employerId: employerA.employerId,
      occurredAt: day(5).toISOString(),
      cause: 'CRITICAL_FINDINGS',
    });
    const cause = transferTrigger(employerA, suspended);
    expect(cause).toBe('EMPLOYER_SUSPENDED_CRITICAL_FINDINGS');
    if (cause === null) throw new Error('a suspension for critical findings triggers transfers');
    old.makeTransferable(daysAfter(day(5), 90), cause, day(5));
    expect(old.status).toBe('ACTIVE');

    // When: employer B applies for a transfer, an officer approves, the new permit issues.
    const employerB = anEmployerStanding().active().build();
    const application = aPermitApplication().forEmployer(employerB).transferFrom(old).build();
    const builderContext = aPermitApplication().forEmployer(employerB).transferFrom(old).context();
    const approved = application.approve(
      anOfficer(),
      'Worker requested the transfer',
      day(12),
      builderContext,
      testEligibilityRules(),
    );
    const fresh = Permit.issue(
      {
        permitId: 'permit-at-b',
        application: approved,
        number: PermitNumber.issue({ state: approved.state, year: 2026, random: aRandomPart() }),
        verificationToken: aVerificationToken(),
      },
      {},
      day(12),
    );
    old.transferredTo(fresh.id, day(12), fresh.employerId);

    // Then: the worker has one valid permit, at B; the old one ended TRANSFERRED.
    expect(fresh.workerId).toBe(old.workerId);
    expect(fresh.employerId).toBe(employerB.employerId);
    expect(fresh.transferredFromPermitId).toBe(old.id);
    expect(fresh.isValidAt(day(13))).toBe(false); // valid from the start date, 16 March
    expect(fresh.isValidAt(day(14))).toBe(true);
    expect(old.status).toBe('ENDED');
    expect(old.endReason).toBe('TRANSFERRED');
    expect(old.transferredToPermitId).toBe('permit-at-b');
  });

  it('refuses the transfer once the window has closed', () => {
    const old = aPermit().forEmployer('emp-a').transferable(10).build();
    const builder = aPermitApplication().forEmployer('emp-b').transferFrom(old);
    const application = builder.build();
    expect(() =>
      application.approve(anOfficer(), 'Late', day(20), builder.context(), testEligibilityRules()),
    ).toThrow(
      expect.objectContaining({
        code: 'APPLICATION.NOT_ELIGIBLE',
        params: expect.objectContaining({ codes: ['TRANSFER_WINDOW_CLOSED'] }),
      }),
    );
  });
});

describe('worker merges', () => {
  it('the permit follows the surviving worker record, in any status, once', () => {
    given(aPermit().forWorker('worker-merged').expired())
      .when((p) => p.workerMerged('worker-merged', 'worker-survivor', day(400)))
      .then((permit, changed) => {
        expect(changed).toBe(true);
        expect(permit.workerId).toBe('worker-survivor');
        expect(permit.replacedPermitFacts().workerId).toBe('worker-survivor');
      });
    given(aPermit().forWorker('worker-a'))
      .when((p) => p.workerMerged('worker-merged', 'worker-survivor', day(1)))
      .thenNoEvents();
  });
});
