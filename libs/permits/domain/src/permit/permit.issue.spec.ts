import { PermitErrors } from '../errors/permit-errors';
import { aPermit, aPermitApplication, aRandomPart, at, aVerificationToken, day, T0 } from '../testing';
import { Permit } from './permit.aggregate';
import { permitPolicy, utcOffsetOfState } from './permit.config';
import { PermitNumber } from './permit-number.value-object';

function issue(
  overrides: {
    state?: 'CHP' | 'ROO' | 'TAB' | 'CAM';
    startDate?: string;
    now?: Date;
    options?: Parameters<typeof Permit.issue>[1];
  } = {},
) {
  const state = overrides.state ?? 'CHP';
  const { approved } = aPermitApplication()
    .atWorksite('ws-1', state)
    .startingOn(overrides.startDate ?? '2026-03-16')
    .buildApproved();
  const token = aVerificationToken();
  const permit = Permit.issue(
    {
      permitId: 'permit-1',
      application: approved,
      number: PermitNumber.issue({ state, year: 2026, random: 'K7Q9M2XW' }),
      verificationToken: token,
    },
    overrides.options ?? {},
    overrides.now ?? T0,
  );
  return { permit, approved, token };
}

describe('Permit.issue', () => {
  it('Given an approved application, When the permit is issued, Then it is ACTIVE for one year from the start date', () => {
    const { permit, approved } = issue();
    expect(permit.status).toBe('ACTIVE');
    expect(permit.version).toBe(1);
    expect(permit.applicationId).toBe(approved.applicationId);
    expect(permit.validFrom.toString()).toBe('2026-03-16');
    expect(permit.validUntil.toISOString()).toBe('2027-03-16T06:00:00.000Z'); // local midnight, UTC−6
    expect(permit.expiryDay.toString()).toBe('2027-03-16');
    expect(permit.lastValidDay.toString()).toBe('2027-03-15');
    expect(permit.number.value).toMatch(/^TVTF-CHP-26-K7Q9-M2XW-/);
  });

  it('raises PermitIssued with ids, number and validity — never the verification token', () => {
    const { permit, token } = issue();
    const events = permit.pullEvents();
    expect(events).toEqual([
      expect.objectContaining({
        type: 'PermitIssued',
        permitId: 'permit-1',
        employerId: 'emp-1',
        worksiteId: 'ws-1',
        workerId: 'worker-1',
        state: 'CHP',
        kind: 'NEW',
        occupation: 'Cortador de café',
        validFrom: '2026-03-16',
        validUntil: '2027-03-16T06:00:00.000Z',
        transferredFromPermitId: null,
        actorId: 'officer-1',
      }),
    ]);
    expect(JSON.stringify(events)).not.toContain(token);
    expect(JSON.stringify(permit.recordedHistory)).not.toContain(token);
  });

  it('starts on the issue day when the start date has passed', () => {
    expect(issue({ startDate: '2026-01-05' }).permit.validFrom.toString()).toBe('2026-03-02');
  });

  it('takes the issue day in the state’s time: 23:30 in Chiapas is still that day', () => {
    const lateEvening = at('2026-03-20T05:30:00Z'); // 23:30 on 19 March in Chiapas (UTC−6)
    expect(issue({ startDate: '2026-03-01', now: lateEvening }).permit.validFrom.toString()).toBe(
      '2026-03-19',
    );
  });

  it('uses UTC−5 in Quintana Roo', () => {
    expect(utcOffsetOfState('ROO')).toBe(-300);
    expect(issue({ state: 'ROO' }).permit.validUntil.toISOString()).toBe('2027-03-16T05:00:00.000Z');
  });

  it('has a configurable validity (years and days)', () => {
    expect(issue({ options: { validity: { days: 10 } } }).permit.expiryDay.toString()).toBe('2026-03-26');
    expect(issue({ options: { validity: { years: 2 } } }).permit.expiryDay.toString()).toBe('2028-03-16');
  });

  it('gives a leap-day start a full year', () => {
    const { permit } = issue({ startDate: '2028-02-29' });
    expect(permit.expiryDay.toString()).toBe('2029-03-01');
    expect(permit.lastValidDay.toString()).toBe('2029-02-28');
  });

  it('is valid from the start of its first day until validUntil', () => {
    const { permit } = issue();
    expect(permit.isValidAt(at('2026-03-16T05:59:59Z'))).toBe(false);
    expect(permit.isValidAt(at('2026-03-16T06:00:00Z'))).toBe(true);
    expect(permit.isValidAt(at('2027-03-16T05:59:59Z'))).toBe(true);
    expect(permit.isValidAt(at('2027-03-16T06:00:00Z'))).toBe(false);
  });

  it('answers public verification with validity, status and last valid day only', () => {
    const { permit } = issue();
    expect(permit.publicView(at('2026-04-01T12:00:00Z'))).toEqual({
      permitNumber: permit.number.value,
      valid: true,
      status: 'ACTIVE',
      lastValidDay: '2027-03-15',
      employerId: 'emp-1',
      workerId: 'worker-1',
    });
    expect(permit.publicView(at('2027-03-16T06:00:00Z')).valid).toBe(false);
  });

  it('refuses a RENEWAL application (it renews its permit instead)', () => {
    const old = aPermit().build();
    const { approved } = aPermitApplication().renewing(old).buildApproved();
    expect(() =>
      Permit.issue(
        {
          permitId: 'p-2',
          application: approved,
          number: PermitNumber.issue({ state: 'CHP', year: 2026, random: aRandomPart() }),
          verificationToken: aVerificationToken(),
        },
        {},
        T0,
      ),
    ).toThrow(
      expect.objectContaining({
        code: PermitErrors.RENEWAL_NOT_ISSUED.code,
        params: { applicationId: approved.applicationId, permitId: old.id },
      }),
    );
  });

  it('refuses a number of another state and a weak token', () => {
    const { approved } = aPermitApplication().atWorksite('ws-1', 'TAB').buildApproved();
    const base = { permitId: 'p-3', application: approved, verificationToken: aVerificationToken() };
    expect(() =>
      Permit.issue(
        { ...base, number: PermitNumber.issue({ state: 'CHP', year: 2026, random: aRandomPart() }) },
        {},
        T0,
      ),
    ).toThrow(
      expect.objectContaining({
        code: 'PERMIT.NUMBER_STATE_MISMATCH',
        params: { numberState: 'CHP', worksiteState: 'TAB' },
      }),
    );
    expect(() =>
      Permit.issue(
        {
          ...base,
          number: PermitNumber.issue({ state: 'TAB', year: 2026, random: aRandomPart() }),
          verificationToken: 'short',
        },
        {},
        T0,
      ),
    ).toThrow(expect.objectContaining({ code: 'PERMIT.INVALID_VERIFICATION_TOKEN' }));
  });

  it('issues a TRANSFER permit naming the permit it replaces', () => {
    const old = aPermit().forEmployer('emp-sanctioned').transferable().build();
    const permit = aPermit().forEmployer('emp-new').issuedByTransferFrom(old).build();
    expect(permit.kind).toBe('TRANSFER');
    expect(permit.transferredFromPermitId).toBe(old.id);
    expect(permit.workerId).toBe(old.workerId);
  });
});

describe('permitPolicy (options)', () => {
  it('defaults to one year and a 30-day notice', () => {
    expect(permitPolicy()).toMatchObject({ validity: { years: 1, days: 0 }, noticeDays: 30 });
  });

  it.each([
    [{ validity: {} }, 'validity'],
    [{ validity: { years: 6 } }, 'validity.years'],
    [{ validity: { days: -1 } }, 'validity.days'],
    [{ validity: { years: 1.5 } }, 'validity.years'],
    [{ noticeDays: 400 }, 'noticeDays'],
  ])('refuses %j (%s)', (options, field) => {
    expect(() => permitPolicy(options)).toThrow(
      expect.objectContaining({ code: 'PERMIT.INVALID_OPTIONS', params: expect.objectContaining({ field }) }),
    );
  });
});

describe('sweep bucket keys', () => {
  it('are the expiry day and 30 days before it, as YYYY-MM-DD equality keys', () => {
    const { permit } = issue();
    expect(permit.expiresOn).toBe('2027-03-16');
    expect(permit.noticeOn).toBe('2027-02-14');
    expect(permit.toSnapshot()).toMatchObject({ expiresOn: '2027-03-16', noticeOn: '2027-02-14' });
  });

  it('follow the configured notice period', () => {
    expect(issue({ options: { noticeDays: 7 } }).permit.noticeOn).toBe('2027-03-09');
  });

  it.each(['REVOKED', 'EXPIRED', 'ENDED'] as const)('are null once %s (nothing left to sweep)', (status) => {
    const permit = aPermit().inStatus(status).build();
    expect(permit.expiresOn).toBeNull();
    expect(permit.noticeOn).toBeNull();
  });

  it('stay for a SUSPENDED permit (it still runs out)', () => {
    const permit = aPermit().suspended().build();
    expect(permit.expiresOn).toBe('2027-03-02');
  });

  it('never fall in the past: a permit with less than the notice period left gets its notice the next day', () => {
    const permit = aPermit().withValidity({ days: 1 }).build();
    expect(permit.expiresOn).toBe('2026-03-03');
    expect(permit.noticeOn).toBe('2026-03-03');
    expect(permit.isValidAt(day(0))).toBe(true);
    expect(aPermit().withValidity({ days: 20 }).build().noticeOn).toBe('2026-03-03');
  });
});
