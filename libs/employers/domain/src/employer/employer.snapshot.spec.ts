import { EmployerErrors } from '../errors/employer-errors';
import {
  aContact,
  anAuditOutcome,
  anEmployer,
  anEmployerUser,
  anOfficer,
  aRegistrationNumber,
  aRiskChange,
  aWorksite,
  day,
  nextId,
} from '../testing';
import { Employer } from './employer.aggregate';
import type { EmployerSnapshot } from './employer.snapshot';

/** An employer that has been through a bit of everything. */
function aBusyEmployer(): Employer {
  const employer = anEmployer()
    .individual()
    .active()
    .inState('TAB')
    .withWorksite(aWorksite().withCapacity(3).withActivePermits(2))
    .withWorksite(aWorksite().inState('VER'))
    .build();
  const [first, second] = employer.worksites;
  employer.recordPermitEnded(first.id, nextId('permit'));
  employer.closeWorksite(anEmployerUser(), second.id, 'Season over', day(1));
  employer.reportChange(
    anEmployerUser(),
    { contact: aContact().withPhone('+52 993 111 2233').build() },
    'New phone',
    day(2),
  );
  employer.recordRiskChange(aRiskChange().withScore(72, 'HIGH').computedAt(day(3)).build(), day(3));
  employer.applyAuditOutcome(anAuditOutcome().withCriticalFinding().completedAt(day(30)).build(), day(30));
  return employer;
}

describe('snapshots', () => {
  it('round-trips through plain JSON without losing anything', () => {
    // Given
    const employer = aBusyEmployer();
    const snapshot = employer.toSnapshot();
    // When
    const stored = JSON.parse(JSON.stringify(snapshot)) as EmployerSnapshot;
    const rebuilt = Employer.fromSnapshot(stored);
    // Then
    expect(rebuilt.toSnapshot()).toEqual(snapshot);
    expect(rebuilt.status).toBe('SUSPENDED');
    expect(rebuilt.worksites.map((w) => [w.headcount, w.status])).toEqual([
      [2, 'OPEN'],
      [0, 'CLOSED'],
    ]);
    expect(rebuilt.canReceivePermits()).toBe(employer.canReceivePermits());
  });

  it('behaves the same after rebuilding: idempotency memory survives (permits, audits)', () => {
    const employer = aBusyEmployer();
    const [first] = employer.worksites;
    const audit = employer.audits[0];
    const rebuilt = Employer.fromSnapshot(JSON.parse(JSON.stringify(employer.toSnapshot())));

    expect(
      rebuilt.applyAuditOutcome({ ...anAuditOutcome().build(), auditId: audit.auditId }, day(31)).duplicate,
    ).toBe(true);
    const permitId = nextId('permit');
    rebuilt.recordPermitEnded(first.id, permitId);
    expect(rebuilt.recordPermitIssued(first.id, permitId)).toBe(false);
  });

  it('is detached from the aggregate: mutating a snapshot does not change the employer', () => {
    const employer = anEmployer().active().withWorksite(aWorksite()).build();
    const snapshot = employer.toSnapshot() as unknown as {
      audits: unknown[];
      worksites: { activePermitIds: string[] }[];
    };
    snapshot.audits.push({});
    snapshot.worksites[0].activePermitIds.push('permit-x');
    expect(employer.toSnapshot().audits).toHaveLength(employer.audits.length);
    expect(employer.worksites[0].headcount).toBe(0);
  });

  it('leaves the change history out of the snapshot: a rebuilt employer records only what it changes', () => {
    const employer = anEmployer().active().build();
    expect(employer.recordedHistory.length).toBeGreaterThan(0);
    expect(employer.toSnapshot()).not.toHaveProperty('history');
    const rebuilt = Employer.fromSnapshot(employer.toSnapshot());
    expect(rebuilt.recordedHistory).toEqual([]);
    rebuilt.suspend(anOfficer(), 'Investigation', day(1));
    expect(rebuilt.recordedHistory.map((h) => [h.version, h.field, h.to])).toEqual([
      [employer.version + 1, 'status', 'SUSPENDED'],
    ]);
  });

  it('reads a version-1 snapshot (history inside) by dropping its history', () => {
    const v2 = anEmployer().active().buildSnapshot();
    const v1 = { ...v2, schemaVersion: 1, history: [{ field: 'status' }] } as unknown as typeof v2;
    const rebuilt = Employer.fromSnapshot(v1);
    expect(rebuilt.status).toBe('ACTIVE');
    expect(rebuilt.recordedHistory).toEqual([]);
    expect(rebuilt.toSnapshot().schemaVersion).toBe(2);
  });

  it('starts a rebuilt employer with no pending events and its stored version as the persisted version', () => {
    const snapshot = anEmployer().active().buildSnapshot();
    const rebuilt = Employer.fromSnapshot(snapshot);
    expect(rebuilt.pullEvents()).toEqual([]);
    expect(rebuilt.version).toBe(snapshot.version);
    expect(rebuilt.persistedVersion).toBe(snapshot.version);

    rebuilt.suspend(anOfficer(), 'Investigation', day(1));
    expect(rebuilt.version).toBe(snapshot.version + 1);
    expect(rebuilt.persistedVersion).toBe(snapshot.version);
  });

  it.each([
    ['an unknown schema version', { schemaVersion: 99 }],
    ['a version below 1', { version: 0 }],
    ['an unknown status', { status: 'ARCHIVED' }],
    ['an invalid RFC', { rfc: 'XAXX010101000' }],
    ['a kind that does not match the RFC', { kind: 'INDIVIDUAL' }],
    ['an unreadable contact', { contact: { name: '', email: '', phone: '' } }],
  ])('refuses %s with SNAPSHOT_INVALID (500)', (_case, corruption) => {
    const snapshot = {
      ...anEmployer().company().active().buildSnapshot(),
      ...corruption,
    } as EmployerSnapshot;
    expect(() => Employer.fromSnapshot(snapshot)).toThrow(
      expect.objectContaining({ code: EmployerErrors.SNAPSHOT_INVALID.code, status: 500 }),
    );
  });
});

describe('version', () => {
  it('is 1 after registration and grows by exactly one per state-changing command', () => {
    const employer = anEmployer().pendingVerification().withWorksite(aWorksite()).build();
    expect(employer.version).toBe(2); // registered, worksite added
    const worksiteId = employer.worksites[0].id;

    const steps: [string, () => unknown][] = [
      [
        'verify',
        () =>
          employer.verify(anOfficer(), aRegistrationNumber().inState(employer.address.state).build(), day(1)),
      ],
      [
        'report change',
        () =>
          employer.reportChange(anEmployerUser(), { legalName: 'Otra Finca S.A. de C.V.' }, 'Rename', day(2)),
      ],
      [
        'update worksite',
        () => employer.updateWorksite(anEmployerUser(), worksiteId, { capacity: 41 }, 'More beds', day(3)),
      ],
      ['permit issued', () => employer.recordPermitIssued(worksiteId, nextId('permit'))],
      ['risk change', () => employer.recordRiskChange(aRiskChange().computedAt(day(4)).build(), day(4))],
      [
        'critical audit: rating + suspension in one command',
        () => employer.applyAuditOutcome(anAuditOutcome().withCriticalFinding().build(), day(31)),
      ],
      ['reinstate', () => employer.reinstate(anOfficer(), 'Reviewed', day(32))],
      [
        'deregister (closes the worksite too)',
        () => employer.deregister(anOfficer(), 'Left the program', day(33)),
      ],
    ];
    for (const [, step] of steps) {
      const before = employer.version;
      step();
      expect(employer.version).toBe(before + 1);
    }
  });

  it('does not change when a command is refused', () => {
    const employer = anEmployer().active().build();
    const version = employer.version;
    expect(() => employer.reinstate(anOfficer(), 'Not suspended', day(1))).toThrow();
    expect(employer.version).toBe(version);
  });
});

describe('risk changes', () => {
  it('stores the latest score, tier and factors for officers', () => {
    const employer = anEmployer().active().build();
    const change = aRiskChange().withScore(81, 'HIGH').computedAt(day(5)).build();

    expect(employer.recordRiskChange(change, day(5))).toBe(true);

    expect(employer.risk).toEqual({
      score: 81,
      tier: 'HIGH',
      factors: change.factors,
      computedAt: day(5).toISOString(),
      recordedAt: day(5).toISOString(),
    });
    expect(employer.pullEvents()).toEqual([]);
  });

  it('ignores an older or repeated computation', () => {
    const employer = anEmployer().active().build();
    employer.recordRiskChange(aRiskChange().withScore(81, 'HIGH').computedAt(day(5)).build(), day(5));
    const version = employer.version;

    expect(
      employer.recordRiskChange(aRiskChange().withScore(10, 'LOW').computedAt(day(4)).build(), day(6)),
    ).toBe(false);
    expect(
      employer.recordRiskChange(aRiskChange().withScore(10, 'LOW').computedAt(day(5)).build(), day(6)),
    ).toBe(false);

    expect(employer.risk?.score).toBe(81);
    expect(employer.version).toBe(version);
  });

  it.each([
    ['a score above 100', aRiskChange().withScore(101)],
    [
      'a factor code in lower case',
      aRiskChange().withFactors({ factor: 'sector', points: 1, explanation: 'Coffee' }),
    ],
  ])('refuses %s', (_case, builder) => {
    const employer = anEmployer().active().build();
    expect(() => employer.recordRiskChange(builder.build(), day(5))).toThrow(
      expect.objectContaining({ code: EmployerErrors.INVALID_RISK_CHANGE.code }),
    );
  });
});
