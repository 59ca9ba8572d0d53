import { aPermit, daysAfter, minutesAfter, T0 } from '../testing';
import { permitVerificationEntry, verificationStatusAt } from './permit-verification';

describe('the verification entry of a permit', () => {
  const worker = { initials: 'J. L. P. L.', birthYear: 1996 };

  it('holds what the public answer shows and the lookups, nothing more', () => {
    const permit = aPermit().build();

    const entry = permitVerificationEntry(permit, worker, 'Finca La Esperanza S.A. de C.V.');

    expect(entry).toEqual({
      permitId: permit.id,
      permitVersion: permit.version,
      compactNumber: permit.number.compact,
      verificationToken: permit.verificationToken.value,
      status: 'ACTIVE',
      validFrom: permit.validFrom.startInstant(permit.utcOffsetMinutes).toISOString(),
      validUntil: permit.validUntil.toISOString(),
      lastValidDay: permit.lastValidDay.toString(),
      employerPublicName: 'Finca La Esperanza S.A. de C.V.',
      workerInitials: 'J. L. P. L.',
      workerBirthYear: 1996,
    });
  });

  it.each([['active'], ['suspended'], ['revoked'], ['expired'], ['ended']] as const)(
    'a %s permit: valid exactly when Permit.isValidAt says so, at every moment around its validity',
    (status) => {
      const permit = aPermit()[status]().build();
      const entry = permitVerificationEntry(permit, worker, null);
      const first = permit.validFrom.startInstant(permit.utcOffsetMinutes);
      const moments = [
        T0,
        minutesAfter(first, -1),
        first,
        minutesAfter(first, 1),
        daysAfter(first, 100),
        minutesAfter(permit.validUntil, -1),
        permit.validUntil,
        daysAfter(permit.validUntil, 1),
      ];
      for (const now of moments) {
        expect(verificationStatusAt(entry, now)).toEqual({
          valid: permit.isValidAt(now),
          status: permit.status,
          lastValidDay: permit.lastValidDay.toString(),
        });
      }
    },
  );

  it('an ACTIVE permit past its validity is not valid, even before the sweep marks it EXPIRED', () => {
    const permit = aPermit().build();
    const entry = permitVerificationEntry(permit, worker, null);

    expect(verificationStatusAt(entry, minutesAfter(permit.validUntil, -1)).valid).toBe(true);
    expect(verificationStatusAt(entry, permit.validUntil)).toMatchObject({ valid: false, status: 'ACTIVE' });
  });
});
