import { given } from '@frontera/shared-kernel/testing';
import { PermitErrors } from '../errors/permit-errors';
import { anOfficer, aPermit, aPermitApplication, at, day, daysAfter, minutesAfter } from '../testing';

describe('expire (the scheduled sweep)', () => {
  it('Given an ACTIVE permit, When the sweep runs at validUntil, Then it is EXPIRED, recorded by the system', () => {
    const permit = aPermit().build();
    given(permit)
      .when((p) => p.expire(p.validUntil))
      .thenEvents([
        { type: 'PermitExpired', permitId: permit.id, validUntil: permit.validUntil.toISOString() },
      ]);
    expect(permit.status).toBe('EXPIRED');
    expect(permit.recordedHistory.at(-1)).toMatchObject({
      action: 'EXPIRE',
      from: 'ACTIVE',
      to: 'EXPIRED',
      actor: { id: 'system', role: 'system' },
    });
  });

  it('expires a SUSPENDED permit too', () => {
    given(aPermit().suspended())
      .when((p) => p.expire(minutesAfter(p.validUntil, 5)))
      .then((p) => expect(p.status).toBe('EXPIRED'));
  });

  it('refuses before validUntil with 409 PERMIT.NOT_YET_EXPIRED naming the expiry day', () => {
    given(aPermit())
      .when((p) => p.expire(minutesAfter(p.validUntil, -1)))
      .thenFails(PermitErrors.NOT_YET_EXPIRED, { expiresOn: '2027-03-02' });
  });

  it('is idempotent: a second sweep of an EXPIRED permit changes nothing', () => {
    given(aPermit().expired())
      .when((p) => p.expire(daysAfter(p.validUntil, 1)))
      .then((permit, expired, events) => {
        expect(expired).toBe(false);
        expect(events).toEqual([]);
        expect(permit.status).toBe('EXPIRED');
      });
  });

  it('refuses to expire a REVOKED or ENDED permit (the table)', () => {
    given(aPermit().revoked())
      .when((p) => p.expire(daysAfter(p.validUntil, 1)))
      .thenFails(PermitErrors.TRANSITION_NOT_ALLOWED, { action: 'EXPIRE', currentState: 'REVOKED' });
  });
});

describe('noticeExpiry (the "expires in 30 days" sweep)', () => {
  it('raises PermitExpiring once, from noticeOn, and then clears the notice bucket', () => {
    const permit = aPermit().build();
    expect(permit.noticeOn).toBe('2027-01-31');
    const onNoticeDay = at('2027-01-31T06:00:00Z'); // local midnight in Chiapas
    given(permit)
      .when((p) => p.noticeExpiry(onNoticeDay))
      .thenEvents([
        {
          type: 'PermitExpiring',
          permitId: permit.id,
          expiresOn: '2027-03-02',
          validUntil: '2027-03-02T06:00:00.000Z',
        },
      ]);
    expect(permit.noticeOn).toBeNull();
    expect(permit.expiresOn).toBe('2027-03-02');
    given(permit)
      .when((p) => p.noticeExpiry(daysAfter(onNoticeDay, 1)))
      .thenNoEvents();
  });

  it('does nothing before noticeOn, or for a permit no longer held', () => {
    given(aPermit())
      .when((p) => p.noticeExpiry(at('2027-01-31T05:59:00Z')))
      .then((_p, raised, events) => {
        expect(raised).toBe(false);
        expect(events).toEqual([]);
      });
    given(aPermit().revoked())
      .when((p) => p.noticeExpiry(at('2027-02-10T12:00:00Z')))
      .thenNoEvents();
  });

  it('notices a SUSPENDED permit too', () => {
    given(aPermit().suspended())
      .when((p) => p.noticeExpiry(at('2027-02-10T12:00:00Z')))
      .thenEvents([{ type: 'PermitExpiring' }]);
  });
});

describe('renew', () => {
  it('Given an ACTIVE permit and an approved RENEWAL, When renewed, Then it is valid one more year from its expiry, with the new offer', () => {
    const permit = aPermit().build();
    const { approved } = aPermitApplication()
      .renewing(permit)
      .offering(380)
      .withOccupation('Capataz')
      .startingOn('2027-02-15')
      .buildApproved();
    const terms = permit.renewalTermsFor(approved);
    expect(terms).toEqual({
      occupation: 'Capataz',
      dailyWage: 380,
      validUntil: at('2028-03-02T06:00:00.000Z'),
    });
    given(permit)
      .when((p) => p.renew(terms, anOfficer('officer-7'), day(300)))
      .thenEvents([
        {
          type: 'PermitRenewed',
          occupation: 'Capataz',
          previousValidUntil: '2027-03-02T06:00:00.000Z',
          validUntil: '2028-03-02T06:00:00.000Z',
          actorId: 'officer-7',
        },
      ]);
    expect(permit.status).toBe('ACTIVE');
    expect(permit.renewals).toBe(1);
    expect(permit.dailyWage.amount).toBe(380);
    expect(permit.expiresOn).toBe('2028-03-02');
    expect(permit.recordedHistory.filter((h) => h.action === 'RENEW').map((h) => h.field)).toEqual([
      'validUntil',
      'occupation',
      'dailyWage',
    ]);
  });

  it('starts the new validity at the renewal start date when it is after the current expiry', () => {
    const permit = aPermit().build();
    const { approved } = aPermitApplication().renewing(permit).startingOn('2027-04-01').buildApproved();
    expect(permit.renewalTermsFor(approved).validUntil.toISOString()).toBe('2028-04-01T06:00:00.000Z');
  });

  it('makes a new expiry notice due after a renewal', () => {
    const permit = aPermit().build();
    permit.noticeExpiry(at('2027-02-01T12:00:00Z'));
    expect(permit.noticeOn).toBeNull();
    permit.renew(
      { occupation: 'Cortador', dailyWage: 350, validUntil: at('2028-03-02T06:00:00Z') },
      anOfficer(),
      at('2027-02-02T12:00:00Z'),
    );
    expect(permit.noticeOn).toBe('2028-02-01'); // 30 days before 2 March of a leap year
  });

  it.each([
    [
      'a validUntil not after the current one',
      { validUntil: at('2027-03-02T06:00:00Z') },
      PermitErrors.INVALID_VALIDITY,
      'validUntil',
    ],
    [
      'a validUntil more than six years ahead',
      { validUntil: at('2034-01-01T00:00:00Z') },
      PermitErrors.INVALID_VALIDITY,
      'validUntil',
    ],
    ['a wage below a centavo', { dailyWage: 0 }, PermitErrors.INVALID_OFFER, 'dailyWage'],
    ['an empty occupation', { occupation: '' }, PermitErrors.INVALID_OFFER, 'occupation'],
  ])('refuses %s, changing nothing', (_case, overrides, error, field) => {
    const offer = {
      occupation: 'Cortador',
      dailyWage: 350,
      validUntil: at('2028-03-02T06:00:00Z'),
      ...overrides,
    };
    given(aPermit())
      .when((p) => p.renew(offer, anOfficer(), day(300)))
      .thenFails(error, { field });
  });

  it('renews only an ACTIVE permit', () => {
    given(aPermit().suspended())
      .when((p) =>
        p.renew(
          { occupation: 'Cortador', dailyWage: 350, validUntil: at('2028-03-02T06:00:00Z') },
          anOfficer(),
          day(300),
        ),
      )
      .thenFails(PermitErrors.TRANSITION_NOT_ALLOWED, {
        action: 'RENEW',
        currentState: 'SUSPENDED',
        allowedActions: ['REINSTATE', 'REVOKE', 'END', 'EXPIRE', 'MAKE_TRANSFERABLE'],
      });
  });

  it('takes only an approved RENEWAL of this very permit for its terms', () => {
    const permit = aPermit().build();
    const { approved } = aPermitApplication().buildApproved();
    expect(() => permit.renewalTermsFor(approved)).toThrow(TypeError);
  });
});

describe('reason-only decisions (caller, reason, now)', () => {
  const officer = anOfficer('officer-7');

  it('suspend, reinstate and revoke record actor, time and reason, and raise one event each', () => {
    const permit = aPermit().build();
    given(permit)
      .when((p) => p.suspend(officer, 'Worker reported retention of documents', day(1)))
      .thenEvents([
        { type: 'PermitSuspended', reason: 'Worker reported retention of documents', actorId: 'officer-7' },
      ]);
    expect(permit.isValidAt(day(1))).toBe(false);
    given(permit)
      .when((p) => p.reinstate(officer, 'Documents returned', day(2)))
      .thenEvents([{ type: 'PermitReinstated', actorId: 'officer-7' }]);
    given(permit)
      .when((p) => p.revoke(officer, 'Forged document', day(3)))
      .thenEvents([{ type: 'PermitRevoked', reason: 'Forged document' }]);
    expect(
      permit.recordedHistory
        .filter((h) => h.action !== 'ISSUE')
        .map((h) => [h.action, h.from, h.to, h.reason]),
    ).toEqual([
      ['SUSPEND', 'ACTIVE', 'SUSPENDED', 'Worker reported retention of documents'],
      ['REINSTATE', 'SUSPENDED', 'ACTIVE', 'Documents returned'],
      ['REVOKE', 'ACTIVE', 'REVOKED', 'Forged document'],
    ]);
    expect(permit.statusReason).toBe('Forged document');
  });

  it('endEmployment ends the permit with reason EMPLOYMENT_ENDED', () => {
    given(aPermit())
      .when((p) => p.endEmployment({ id: 'clerk-3', role: 'employer' }, 'Harvest season over', day(40)))
      .then((permit, _r, events) => {
        expect(permit.status).toBe('ENDED');
        expect(permit.endReason).toBe('EMPLOYMENT_ENDED');
        expect(events).toEqual([
          expect.objectContaining({
            type: 'PermitEnded',
            endReason: 'EMPLOYMENT_ENDED',
            reason: 'Harvest season over',
            actorId: 'clerk-3',
            transferredToPermitId: null,
          }),
        ]);
      });
  });

  it('refuses a decision without a reason or with a too long one', () => {
    given(aPermit())
      .when((p) => p.suspend(officer, '', day(1)))
      .thenFails(PermitErrors.INVALID_REASON, { constraint: 'REQUIRED' });
    given(aPermit())
      .when((p) => p.revoke(officer, 'x'.repeat(501), day(1)))
      .thenFails(PermitErrors.INVALID_REASON, { constraint: 'TOO_LONG', max: 500 });
  });
});
