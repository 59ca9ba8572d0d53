import { aPermit } from '../testing';
import { Permit } from './permit.aggregate';
import type { PermitSnapshot } from './permit.snapshot';

describe('Permit snapshot', () => {
  it.each(['ACTIVE', 'SUSPENDED', 'REVOKED', 'EXPIRED', 'ENDED'] as const)(
    'round-trips a %s permit',
    (status) => {
      const permit = aPermit().transferable().inStatus(status).build();
      const snapshot = permit.toSnapshot();
      const again = Permit.fromSnapshot(JSON.parse(JSON.stringify(snapshot)) as PermitSnapshot);
      expect(again.toSnapshot()).toEqual(snapshot);
      expect(again.persistedVersion).toBe(permit.version);
      expect(again.recordedHistory).toEqual([]);
    },
  );

  it('stores the compact number, the token for the card, and the equality keys top-level', () => {
    const permit = aPermit().build();
    expect(permit.toSnapshot()).toMatchObject({
      schemaVersion: 1,
      number: permit.number.compact,
      verificationToken: permit.verificationToken.value,
      status: 'ACTIVE',
      state: 'CHP',
      expiresOn: '2027-03-02',
      noticeOn: '2027-01-31',
    });
  });

  it('recomputes the sweep keys with the options in force', () => {
    const snapshot = aPermit().buildSnapshot();
    expect(Permit.fromSnapshot(snapshot, { noticeDays: 10 }).noticeOn).toBe('2027-02-20');
  });

  it.each([
    ['another schema version', (s: PermitSnapshot) => ({ ...s, schemaVersion: 0 })],
    ['an unknown status', (s: PermitSnapshot) => ({ ...s, status: 'VOID' })],
    [
      'a number with a wrong check character',
      (s: PermitSnapshot) => ({ ...s, number: s.number.slice(0, -1) + (s.number.endsWith('A') ? 'B' : 'A') }),
    ],
    ['a number of another state', (s: PermitSnapshot) => ({ ...s, state: 'TAB' })],
    ['ENDED without a reason', (s: PermitSnapshot) => ({ ...s, status: 'ENDED' })],
    ['a validUntil that is not an instant', (s: PermitSnapshot) => ({ ...s, validUntil: 'soon' })],
    ['a weak token', (s: PermitSnapshot) => ({ ...s, verificationToken: 'abc' })],
    ['an impossible offset', (s: PermitSnapshot) => ({ ...s, utcOffsetMinutes: 2000 })],
  ])('refuses %s with PERMIT.SNAPSHOT_INVALID (500)', (_case, corrupt) => {
    const snapshot = corrupt(aPermit().buildSnapshot()) as PermitSnapshot;
    expect(() => Permit.fromSnapshot(snapshot)).toThrow(
      expect.objectContaining({ code: 'PERMIT.SNAPSHOT_INVALID', status: 500 }),
    );
  });
});
