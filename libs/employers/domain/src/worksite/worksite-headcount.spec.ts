import { EmployerErrors } from '../errors/employer-errors';
import { anEmployer, anEmployerUser, anOfficer, aWorksite, day, nextId } from '../testing';

describe('worksite headcount from permit events', () => {
  it('Given a worksite, When permits are issued, Then the headcount counts each permit once (idempotent per permit id)', () => {
    // Given
    const employer = anEmployer().active().withWorksite(aWorksite().withCapacity(3)).build();
    const worksiteId = employer.worksites[0].id;
    const permitId = nextId('permit');
    // When
    const first = employer.recordPermitIssued(worksiteId, permitId);
    const redelivered = employer.recordPermitIssued(worksiteId, permitId);
    // Then
    expect([first, redelivered]).toEqual([true, false]);
    expect(employer.worksite(worksiteId)).toMatchObject({
      headcount: 1,
      remainingCapacity: 2,
      overCapacity: false,
    });
  });

  it('When a permit ends, Then it stops counting; a repeated "ended" changes nothing', () => {
    const employer = anEmployer().active().withWorksite(aWorksite().withActivePermits(2)).build();
    const worksiteId = employer.worksites[0].id;
    const permitId = nextId('permit');
    employer.recordPermitIssued(worksiteId, permitId);
    const version = employer.version;

    expect(employer.recordPermitEnded(worksiteId, permitId)).toBe(true);
    expect(employer.recordPermitEnded(worksiteId, permitId)).toBe(false);

    expect(employer.worksite(worksiteId).headcount).toBe(2);
    expect(employer.version).toBe(version + 1);
  });

  it('When "ended" arrives before "issued" (reordered delivery), Then the late "issued" is not counted', () => {
    const employer = anEmployer().active().withWorksite(aWorksite()).build();
    const worksiteId = employer.worksites[0].id;
    const permitId = nextId('permit');

    employer.recordPermitEnded(worksiteId, permitId);
    employer.recordPermitIssued(worksiteId, permitId);

    expect(employer.worksite(worksiteId).headcount).toBe(0);
  });

  it('raises no domain events for headcount (permits owns those facts) but bumps the version', () => {
    const employer = anEmployer().active().withWorksite(aWorksite()).build();
    const version = employer.version;
    employer.recordPermitIssued(employer.worksites[0].id, nextId('permit'));
    expect(employer.pullEvents()).toEqual([]);
    expect(employer.version).toBe(version + 1);
  });

  it('flags a worksite over capacity when the declared capacity is lowered below the headcount', () => {
    const employer = anEmployer()
      .active()
      .withWorksite(aWorksite().withCapacity(5).withActivePermits(4))
      .build();
    const worksiteId = employer.worksites[0].id;

    employer.updateWorksite(
      anEmployerUser(),
      worksiteId,
      { capacity: 3 },
      'Dormitory B closed for repairs',
      day(1),
    );

    expect(employer.worksite(worksiteId)).toMatchObject({
      headcount: 4,
      capacity: 3,
      overCapacity: true,
      remainingCapacity: 0,
    });
    expect(employer.permitEligibilityAt(worksiteId)).toEqual({
      eligible: false,
      reasons: ['WORKSITE_AT_CAPACITY'],
    });
  });

  it('refuses permits for an unknown worksite', () => {
    const employer = anEmployer().active().build();
    expect(() => employer.recordPermitIssued('ws-nowhere', nextId('permit'))).toThrow(
      expect.objectContaining({ code: EmployerErrors.WORKSITE_NOT_FOUND.code }),
    );
  });
});

describe('canReceivePermits / canReceivePermitAt', () => {
  it('Given an ACTIVE employer rated A with room at an eligible open worksite, Then it can receive a permit there', () => {
    const employer = anEmployer()
      .active()
      .inState('CHP')
      .withWorksite(aWorksite().withCapacity(2).withActivePermits(1))
      .build();
    const worksiteId = employer.worksites[0].id;
    expect(employer.canReceivePermits()).toBe(true);
    expect(employer.canReceivePermitAt(worksiteId)).toBe(true);
    expect(employer.permitEligibilityAt(worksiteId)).toEqual({ eligible: true, reasons: [] });
  });

  it('Given the worksite is full (headcount = capacity), Then no more permits there', () => {
    const employer = anEmployer()
      .active()
      .withWorksite(aWorksite().withCapacity(2).withActivePermits(2))
      .build();
    expect(employer.canReceivePermitAt(employer.worksites[0].id)).toBe(false);
    expect(employer.worksites[0].overCapacity).toBe(false);
  });

  it.each([
    [
      'pending verification',
      anEmployer().pendingVerification(),
      ['EMPLOYER_NOT_ACTIVE', 'EMPLOYER_NOT_RATED_A'],
    ],
    ['rated B', anEmployer().active().ratedB(), ['EMPLOYER_NOT_RATED_A']],
    ['suspended', anEmployer().suspended(), ['EMPLOYER_NOT_ACTIVE']],
  ])('Given an employer %s, Then it cannot receive permits, and says why', (_case, builder, reasons) => {
    const employer = builder.withWorksite(aWorksite()).build();
    expect(employer.canReceivePermits()).toBe(false);
    expect(employer.permitEligibilityAt(employer.worksites[0].id).reasons).toEqual(reasons);
  });

  it('lists every reason at once', () => {
    const employer = anEmployer()
      .active()
      .withWorksite(aWorksite().inState('VER').withCapacity(1).withActivePermits(1))
      .build();
    const worksiteId = employer.worksites[0].id;
    employer.closeWorksite(anEmployerUser(), worksiteId, 'Season over', day(1));
    employer.suspend(anOfficer(), 'Investigation', day(2));
    expect(employer.permitEligibilityAt(worksiteId).reasons).toEqual([
      'EMPLOYER_NOT_ACTIVE',
      'WORKSITE_CLOSED',
      'WORKSITE_STATE_NOT_ELIGIBLE',
      'WORKSITE_AT_CAPACITY',
    ]);
    expect(employer.permitEligibilityAt('ws-unknown').reasons).toContain('WORKSITE_NOT_FOUND');
  });
});
