import { checkEligibility } from '../eligibility/eligibility.policy';
import { PermitErrors } from '../errors/permit-errors';
import {
  anEmployerStanding,
  aStandingWorksite,
  day,
  eligibilityFacts,
  testEligibilityRules,
} from '../testing';
import {
  applyEmployerFact,
  employerFactsOf,
  mayApply,
  readEmployerStanding,
  transferTrigger,
  worksiteFactsOf,
  type EmployerFact,
  type EmployerStanding,
} from './employer-standing.read-model';

const at = (n: number) => day(n).toISOString();
const apply = (standing: EmployerStanding | null, fact: EmployerFact) =>
  applyEmployerFact(standing, fact).standing;

describe('applyEmployerFact: each employer event', () => {
  const active = anEmployerStanding()
    .active()
    .withId('emp-1')
    .withWorksite(aStandingWorksite().withId('ws-1'))
    .build();

  it('EmployerRegistered starts a PENDING_VERIFICATION standing with no rating', () => {
    const standing = apply(null, {
      type: 'EmployerRegistered',
      employerId: 'emp-9',
      occurredAt: at(0),
      publicName: 'Finca El Sol S.A.',
    });
    expect(standing).toEqual({
      employerId: 'emp-9',
      status: 'PENDING_VERIFICATION',
      rating: null,
      suspensionCause: null,
      publicName: 'Finca El Sol S.A.',
      registrationNumber: null,
      worksites: [],
      lastFactAt: at(0),
    });
    expect(mayApply(standing)).toBe(false);
  });

  it('EmployerVerified makes it ACTIVE, rated A, with its registration number: it may apply', () => {
    expect(active).toMatchObject({
      status: 'ACTIVE',
      rating: 'A',
      registrationNumber: 'TVTF-EMP-CHP-2026-000001',
    });
    expect(mayApply(active)).toBe(true);
  });

  it.each([
    ['EmployerRejected', { type: 'EmployerRejected' }, { status: 'REJECTED' }],
    [
      'EmployerSuspended by an officer',
      { type: 'EmployerSuspended', cause: 'OFFICER_DECISION' },
      { status: 'SUSPENDED', suspensionCause: 'OFFICER_DECISION' },
    ],
    [
      'EmployerSuspended for critical findings',
      { type: 'EmployerSuspended', cause: 'CRITICAL_FINDINGS' },
      { status: 'SUSPENDED', suspensionCause: 'CRITICAL_FINDINGS' },
    ],
    [
      'EmployerRatingChanged to B',
      { type: 'EmployerRatingChanged', to: 'B' },
      { status: 'ACTIVE', rating: 'B' },
    ],
    [
      'EmployerUpdated with a public name',
      { type: 'EmployerUpdated', publicName: 'Cafetalera del Soconusco' },
      { publicName: 'Cafetalera del Soconusco' },
    ],
    [
      'EmployerUpdated without one',
      { type: 'EmployerUpdated' },
      { publicName: 'Finca La Esperanza S.A. de C.V.' },
    ],
  ])('%s', (_case, fact, expected) => {
    const standing = apply(active, { employerId: 'emp-1', occurredAt: at(1), ...fact } as EmployerFact);
    expect(standing).toMatchObject(expected);
  });

  it('a suspended or B-rated employer may not apply; reinstated and back to A it may again', () => {
    const suspended = apply(active, {
      type: 'EmployerSuspended',
      employerId: 'emp-1',
      occurredAt: at(1),
      cause: 'OFFICER_DECISION',
    });
    expect(mayApply(suspended)).toBe(false);
    const reinstated = apply(suspended, {
      type: 'EmployerReinstated',
      employerId: 'emp-1',
      occurredAt: at(2),
    });
    expect(reinstated).toMatchObject({ status: 'ACTIVE', suspensionCause: null });
    expect(mayApply(reinstated)).toBe(true);
    const ratedB = apply(reinstated, {
      type: 'EmployerRatingChanged',
      employerId: 'emp-1',
      occurredAt: at(3),
      to: 'B',
    });
    expect(mayApply(ratedB)).toBe(false);
    expect(
      mayApply(
        apply(ratedB, { type: 'EmployerRatingChanged', employerId: 'emp-1', occurredAt: at(4), to: 'A' }),
      ),
    ).toBe(true);
  });

  it('EmployerDeregistered closes every worksite', () => {
    const standing = apply(active, { type: 'EmployerDeregistered', employerId: 'emp-1', occurredAt: at(1) });
    expect(standing.status).toBe('DEREGISTERED');
    expect(standing.worksites.every((w) => !w.open)).toBe(true);
  });

  it('WorksiteAdded, WorksiteUpdated and WorksiteClosed keep state, capacity and openness', () => {
    const worksite = {
      worksiteId: 'ws-2',
      state: 'TAB' as const,
      municipality: 'Cunduacán',
      capacity: 20,
      eligibleForPermits: true,
    };
    let standing = apply(active, { type: 'WorksiteAdded', employerId: 'emp-1', occurredAt: at(1), worksite });
    expect(standing.worksites.find((w) => w.worksiteId === 'ws-2')).toEqual({ ...worksite, open: true });
    standing = apply(standing, {
      type: 'WorksiteUpdated',
      employerId: 'emp-1',
      occurredAt: at(2),
      worksite: { ...worksite, capacity: 5 },
    });
    expect(standing.worksites.find((w) => w.worksiteId === 'ws-2')?.capacity).toBe(5);
    standing = apply(standing, {
      type: 'WorksiteClosed',
      employerId: 'emp-1',
      occurredAt: at(3),
      worksiteId: 'ws-2',
    });
    expect(standing.worksites.find((w) => w.worksiteId === 'ws-2')?.open).toBe(false);
    standing = apply(standing, {
      type: 'WorksiteUpdated',
      employerId: 'emp-1',
      occurredAt: at(4),
      worksite: { ...worksite, capacity: 7 },
    });
    expect(standing.worksites.find((w) => w.worksiteId === 'ws-2')).toMatchObject({
      capacity: 7,
      open: false,
    });
  });

  it('starts from a blank standing for an employer whose earlier events predate the service', () => {
    const standing = apply(null, {
      type: 'EmployerVerified',
      employerId: 'emp-old',
      occurredAt: at(0),
      registrationNumber: 'TVTF-EMP-TAB-2025-000007',
      rating: 'A',
    });
    expect(standing).toMatchObject({ employerId: 'emp-old', status: 'ACTIVE', rating: 'A', worksites: [] });
  });

  it('keeps the latest fact time, never moving back', () => {
    const standing = apply(active, {
      type: 'EmployerRatingChanged',
      employerId: 'emp-1',
      occurredAt: at(5),
      to: 'B',
    });
    expect(
      apply(standing, { type: 'EmployerUpdated', employerId: 'emp-1', occurredAt: at(2) }).lastFactAt,
    ).toBe(at(5));
  });

  it.each([
    ['an unknown fact type', { type: 'EmployerMerged', employerId: 'emp-1', occurredAt: at(1) }, 'type'],
    [
      'an unknown suspension cause',
      { type: 'EmployerSuspended', employerId: 'emp-1', occurredAt: at(1), cause: 'LATE_TAXES' },
      'cause',
    ],
    [
      'an unknown rating',
      { type: 'EmployerRatingChanged', employerId: 'emp-1', occurredAt: at(1), to: 'C' },
      'to',
    ],
    [
      'a worksite in no Mexican state',
      {
        type: 'WorksiteAdded',
        employerId: 'emp-1',
        occurredAt: at(1),
        worksite: { worksiteId: 'w', state: 'GT', municipality: 'x', capacity: 1, eligibleForPermits: false },
      },
      'worksite.state',
    ],
    [
      'a negative capacity',
      {
        type: 'WorksiteAdded',
        employerId: 'emp-1',
        occurredAt: at(1),
        worksite: {
          worksiteId: 'w',
          state: 'CHP',
          municipality: 'x',
          capacity: -1,
          eligibleForPermits: true,
        },
      },
      'worksite.capacity',
    ],
    [
      'a time that is not a time',
      { type: 'EmployerRejected', employerId: 'emp-1', occurredAt: 'yesterday' },
      'occurredAt',
    ],
  ])('refuses %s with EMPLOYER_STANDING.INVALID_FACT', (_case, fact, field) => {
    expect(() => applyEmployerFact(active, fact as never)).toThrow(
      expect.objectContaining({
        code: PermitErrors.STANDING_INVALID_FACT.code,
        params: expect.objectContaining({ field }),
      }),
    );
  });

  it('refuses a fact of another employer (a programming error)', () => {
    expect(() =>
      applyEmployerFact(active, { type: 'EmployerRejected', employerId: 'emp-2', occurredAt: at(1) }),
    ).toThrow(TypeError);
  });
});

describe('applyEmployerFact is idempotent: the same fact twice changes nothing', () => {
  const builder = anEmployerStanding().withId('emp-1').withWorksite(aStandingWorksite().withId('ws-1'));
  const cases = [
    ...anEmployerStanding().suspended('CRITICAL_FINDINGS').ratedB().withId('emp-1').facts(),
    ...anEmployerStanding().deregistered().withId('emp-1').facts(),
    { type: 'WorksiteClosed', employerId: 'emp-1', occurredAt: at(3), worksiteId: 'ws-1' } as EmployerFact,
    { type: 'EmployerReinstated', employerId: 'emp-1', occurredAt: at(3) } as EmployerFact,
    { type: 'EmployerUpdated', employerId: 'emp-1', occurredAt: at(3), publicName: null } as EmployerFact,
  ];

  it.each(cases.map((fact) => [fact.type, fact]))('%s', (_type, fact) => {
    const once = apply(builder.build(), fact);
    const twice = applyEmployerFact(once, fact);
    expect(twice.changed).toBe(false);
    expect(twice.standing).toBe(once);
  });

  it('reports a change when something changed', () => {
    expect(
      applyEmployerFact(builder.build(), {
        type: 'EmployerRatingChanged',
        employerId: 'emp-1',
        occurredAt: at(3),
        to: 'B',
      }).changed,
    ).toBe(true);
  });
});

describe('transferTrigger: which changes make the employer’s permits transferable', () => {
  const active = anEmployerStanding().active().withId('emp-1').build();
  const fact = (f: Omit<EmployerFact, 'employerId' | 'occurredAt'>) =>
    ({ employerId: 'emp-1', occurredAt: at(1), ...f }) as EmployerFact;
  const critical = apply(active, fact({ type: 'EmployerSuspended', cause: 'CRITICAL_FINDINGS' } as never));
  const officerSuspended = apply(
    active,
    fact({ type: 'EmployerSuspended', cause: 'OFFICER_DECISION' } as never),
  );
  const deregistered = apply(active, fact({ type: 'EmployerDeregistered' } as never));
  const ratedB = apply(active, fact({ type: 'EmployerRatingChanged', to: 'B' } as never));

  it.each([
    ['ACTIVE → SUSPENDED for critical findings', active, critical, 'EMPLOYER_SUSPENDED_CRITICAL_FINDINGS'],
    ['ACTIVE → DEREGISTERED', active, deregistered, 'EMPLOYER_DEREGISTERED'],
    [
      'SUSPENDED (critical) → DEREGISTERED',
      critical,
      apply(critical, fact({ type: 'EmployerDeregistered' } as never)),
      'EMPLOYER_DEREGISTERED',
    ],
    [
      'SUSPENDED (officer) → DEREGISTERED',
      officerSuspended,
      apply(officerSuspended, fact({ type: 'EmployerDeregistered' } as never)),
      'EMPLOYER_DEREGISTERED',
    ],
    ['unknown → DEREGISTERED (first fact seen)', null, deregistered, 'EMPLOYER_DEREGISTERED'],
    ['ACTIVE → SUSPENDED by an officer', active, officerSuspended, null],
    ['ACTIVE rated A → rated B', active, ratedB, null],
    ['the same critical suspension again', critical, critical, null],
    ['DEREGISTERED again', deregistered, deregistered, null],
    [
      'SUSPENDED (critical) → reinstated',
      critical,
      apply(critical, fact({ type: 'EmployerReinstated' } as never)),
      null,
    ],
  ])('%s → %s', (_case, before, after, expected) => {
    expect(transferTrigger(before, after)).toBe(expected);
  });
});

describe('facts for the eligibility policy', () => {
  const standing = anEmployerStanding()
    .withId('emp-1')
    .withWorksite(aStandingWorksite().withId('ws-1').withCapacity(3))
    .withWorksite(aStandingWorksite().withId('ws-closed').closed())
    .build();

  it('give the employer’s status and rating, and a worksite with the service’s own permit count', () => {
    expect(employerFactsOf(standing)).toEqual({ employerId: 'emp-1', status: 'ACTIVE', rating: 'A' });
    expect(worksiteFactsOf(standing, 'ws-1', 2)).toEqual({
      worksiteId: 'ws-1',
      state: 'CHP',
      open: true,
      capacity: 3,
      activePermits: 2,
    });
    expect(worksiteFactsOf(standing, 'ws-unknown', 0)).toBeNull();
    expect(employerFactsOf(null)).toBeNull();
  });

  it('feed checkEligibility: the standing’s closed worksite and a full one fail', () => {
    const base = eligibilityFacts().build();
    const check = (worksiteId: string, activePermits: number) =>
      checkEligibility(
        {
          ...base,
          application: { ...base.application, worksiteId },
          employer: employerFactsOf(standing),
          worksite: worksiteFactsOf(standing, worksiteId, activePermits),
        },
        testEligibilityRules(),
      ).failures.map((f) => f.code);
    expect(check('ws-1', 2)).toEqual([]);
    expect(check('ws-1', 3)).toEqual(['WORKSITE_AT_CAPACITY']);
    expect(check('ws-closed', 0)).toEqual(['WORKSITE_CLOSED']);
    expect(check('ws-nope', 0)).toEqual(['WORKSITE_NOT_FOUND']);
  });
});

describe('readEmployerStanding (stored form)', () => {
  it('reads back what was stored', () => {
    const standing = anEmployerStanding().suspended('CRITICAL_FINDINGS').build();
    expect(readEmployerStanding(JSON.parse(JSON.stringify(standing)))).toEqual(standing);
  });

  it.each([
    ['not an object', null],
    ['an unknown status', { ...anEmployerStanding().build(), status: 'ZOMBIE' }],
    [
      'a worksite without openness',
      {
        ...anEmployerStanding().build(),
        worksites: [
          { worksiteId: 'w', state: 'CHP', municipality: 'x', capacity: 1, eligibleForPermits: true },
        ],
      },
    ],
  ])('refuses %s with EMPLOYER_STANDING.SNAPSHOT_INVALID (500)', (_case, stored) => {
    expect(() => readEmployerStanding(stored)).toThrow(
      expect.objectContaining({ code: 'EMPLOYER_STANDING.SNAPSHOT_INVALID', status: 500 }),
    );
  });

  it('holds no personal data: ids, statuses, codes and worksite figures only', () => {
    const standing = anEmployerStanding().build();
    expect(Object.keys(standing).sort()).toEqual(
      [
        'employerId',
        'lastFactAt',
        'publicName',
        'rating',
        'registrationNumber',
        'status',
        'suspensionCause',
        'worksites',
      ].sort(),
    );
  });
});
