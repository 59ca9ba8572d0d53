import { AppError } from '@frontera/shared-kernel';
import { PermitErrors } from '../errors/permit-errors';
import { eligibilityFacts, T0, testEligibilityRules, type EligibilityFactsBuilder } from '../testing';
import { ELIGIBILITY_CODES } from './eligibility-failures';
import { ageOn, assertEligible, checkEligibility, ELIGIBILITY_RULES } from './eligibility.policy';

const rules = testEligibilityRules();
const codesOf = (builder: EligibilityFactsBuilder, r = rules) =>
  checkEligibility(builder.build(), r).failures.map((f) => f.code);

describe('checkEligibility: the eligible case', () => {
  it('Given a Guatemalan aged 30, an ACTIVE employer rated A, an open Chiapas worksite with room, no fee and a fair wage, Then it is eligible', () => {
    expect(checkEligibility(eligibilityFacts().build(), rules)).toEqual({ eligible: true, failures: [] });
  });

  it('accepts Belizean nationals too', () => {
    expect(codesOf(eligibilityFacts().ofNationality('BLZ'))).toEqual([]);
  });
});

/** Every rule failing alone: the way to break it, and exactly the failures expected. */
const ALONE: [string, string, string[], (b: EligibilityFactsBuilder) => EligibilityFactsBuilder][] = [
  ['a Honduran national', 'NATIONALITY', ['NATIONALITY_NOT_ELIGIBLE'], (b) => b.ofNationality('HND')],
  ['a Mexican national', 'NATIONALITY', ['NATIONALITY_NOT_ELIGIBLE'], (b) => b.ofNationality('MEX')],
  ['a 15-year-old', 'AGE', ['UNDER_AGE'], (b) => b.bornOn('2010-06-01')],
  [
    'an employer pending verification (rated A: not possible, but alone)',
    'EMPLOYER_STATUS',
    ['EMPLOYER_NOT_ACTIVE'],
    (b) => b.employerIn('PENDING_VERIFICATION'),
  ],
  ['a suspended employer', 'EMPLOYER_STATUS', ['EMPLOYER_NOT_ACTIVE'], (b) => b.employerIn('SUSPENDED')],
  [
    'a deregistered employer',
    'EMPLOYER_STATUS',
    ['EMPLOYER_NOT_ACTIVE'],
    (b) => b.employerIn('DEREGISTERED'),
  ],
  ['a rejected employer', 'EMPLOYER_STATUS', ['EMPLOYER_NOT_ACTIVE'], (b) => b.employerIn('REJECTED')],
  [
    'an employer unknown to the read model',
    'EMPLOYER_STATUS',
    ['EMPLOYER_NOT_FOUND'],
    (b) => b.unknownEmployer(),
  ],
  ['an employer rated B', 'EMPLOYER_RATING', ['EMPLOYER_NOT_RATED_A'], (b) => b.employerRated('B')],
  ['a worksite that is not the employer’s', 'WORKSITE', ['WORKSITE_NOT_FOUND'], (b) => b.unknownWorksite()],
  ['a closed worksite', 'WORKSITE', ['WORKSITE_CLOSED'], (b) => b.closedWorksite()],
  ['a worksite in Oaxaca', 'WORKSITE', ['WORKSITE_STATE_NOT_ELIGIBLE'], (b) => b.worksiteInState('OAX')],
  ['a worksite at capacity', 'WORKSITE_CAPACITY', ['WORKSITE_AT_CAPACITY'], (b) => b.atCapacity()],
  [
    'a worksite over capacity (capacity lowered)',
    'WORKSITE_CAPACITY',
    ['WORKSITE_AT_CAPACITY'],
    (b) => b.withActivePermits(12, 10),
  ],
  [
    'a worker holding an ACTIVE permit',
    'ONE_ACTIVE_PERMIT',
    ['WORKER_HAS_ACTIVE_PERMIT'],
    (b) => b.holdingPermit('ACTIVE'),
  ],
  [
    'a worker holding a SUSPENDED permit',
    'ONE_ACTIVE_PERMIT',
    ['WORKER_HAS_ACTIVE_PERMIT'],
    (b) => b.holdingPermit('SUSPENDED'),
  ],
  [
    'no declaration of no recruitment fee',
    'NO_RECRUITMENT_FEE',
    ['RECRUITMENT_FEE'],
    (b) => b.withoutFeeDeclaration(),
  ],
  ['a wage a centavo below the minimum', 'MINIMUM_WAGE', ['WAGE_BELOW_MINIMUM'], (b) => b.offering(315.03)],
];

describe('checkEligibility: every rule failing alone', () => {
  it.each(ALONE)('%s fails %s with exactly %j', (_case, rule, codes, breakIt) => {
    const result = checkEligibility(breakIt(eligibilityFacts()).build(), rules);
    expect(result.eligible).toBe(false);
    expect(result.failures.map((f) => f.code)).toEqual(codes);
    expect(result.failures.every((f) => f.rule === rule)).toBe(true);
  });

  it('covers every rule of a NEW application', () => {
    const covered = new Set(ALONE.map((row) => row[1]));
    expect(ELIGIBILITY_RULES.filter((rule) => !covered.has(rule))).toEqual(['TRANSFER', 'RENEWAL']);
  });

  it.each([
    ['an EXPIRED permit', 'EXPIRED'],
    ['a REVOKED permit', 'REVOKED'],
    ['an ENDED permit', 'ENDED'],
  ] as const)('does not count %s the worker once held', (_case, status) => {
    expect(codesOf(eligibilityFacts().holdingPermit(status))).toEqual([]);
  });

  it('accepts a wage exactly at the minimum', () => {
    expect(codesOf(eligibilityFacts().offering(315.04))).toEqual([]);
  });

  it('accepts the last place below capacity', () => {
    expect(codesOf(eligibilityFacts().withActivePermits(49, 50))).toEqual([]);
  });

  it('uses the configured states, not a fixed list', () => {
    const facts = eligibilityFacts().worksiteInState('OAX');
    expect(codesOf(facts, testEligibilityRules({ eligibleStates: ['CHP', 'OAX'] }))).toEqual([]);
    expect(codesOf(eligibilityFacts(), testEligibilityRules({ eligibleStates: ['TAB'] }))).toEqual([
      'WORKSITE_STATE_NOT_ELIGIBLE',
    ]);
  });

  it('treats facts of another employer or worksite as unknown', () => {
    const facts = eligibilityFacts().build();
    const other = {
      ...facts,
      employer: facts.employer && { ...facts.employer, employerId: 'emp-other' },
      worksite: facts.worksite && { ...facts.worksite, worksiteId: 'ws-other' },
    };
    expect(checkEligibility(other, rules).failures.map((f) => f.code)).toEqual([
      'EMPLOYER_NOT_FOUND',
      'WORKSITE_NOT_FOUND',
    ]);
  });
});

describe('checkEligibility: several rules failing together, all reported in rule order', () => {
  it('reports a Honduran 15-year-old at a closed Oaxaca worksite of a suspended employer rated B, with a fee and a low wage', () => {
    const facts = eligibilityFacts()
      .ofNationality('HND')
      .bornOn('2010-12-01')
      .employerIn('SUSPENDED')
      .employerRated('B')
      .closedWorksite()
      .worksiteInState('OAX')
      .atCapacity()
      .holdingPermit('ACTIVE')
      .withoutFeeDeclaration()
      .offering(100);
    expect(codesOf(facts)).toEqual([
      'NATIONALITY_NOT_ELIGIBLE',
      'UNDER_AGE',
      'EMPLOYER_NOT_ACTIVE',
      'EMPLOYER_NOT_RATED_A',
      'WORKSITE_CLOSED',
      'WORKSITE_STATE_NOT_ELIGIBLE',
      'WORKSITE_AT_CAPACITY',
      'WORKER_HAS_ACTIVE_PERMIT',
      'RECRUITMENT_FEE',
      'WAGE_BELOW_MINIMUM',
    ]);
  });

  it.each([
    [
      ['EMPLOYER_NOT_ACTIVE', 'EMPLOYER_NOT_RATED_A'],
      (b: EligibilityFactsBuilder) => b.employerIn('PENDING_VERIFICATION').employerRated(null),
    ],
    [
      ['NATIONALITY_NOT_ELIGIBLE', 'WAGE_BELOW_MINIMUM'],
      (b: EligibilityFactsBuilder) => b.ofNationality('SLV').offering(200),
    ],
    [
      ['UNDER_AGE', 'RECRUITMENT_FEE'],
      (b: EligibilityFactsBuilder) => b.bornOn('2011-01-01').withoutFeeDeclaration(),
    ],
    [
      ['EMPLOYER_NOT_FOUND', 'WORKSITE_NOT_FOUND'],
      (b: EligibilityFactsBuilder) => b.unknownEmployer().unknownWorksite(),
    ],
    [
      ['EMPLOYER_NOT_RATED_A', 'WORKSITE_AT_CAPACITY', 'WORKER_HAS_ACTIVE_PERMIT'],
      (b: EligibilityFactsBuilder) => b.employerRated('B').atCapacity().holdingPermit(),
    ],
  ])('combination %# reports %j', (codes, breakIt) => {
    expect(codesOf(breakIt(eligibilityFacts()))).toEqual(codes);
  });
});

describe('age at the start date (whole years, leap days)', () => {
  it.each([
    ['16 on the start date', '2010-03-16', '2026-03-16', true],
    ['16 the day after the start date', '2010-03-17', '2026-03-16', false],
    ['born 29 Feb 2008, start 28 Feb 2024 (a leap year): 15', '2008-02-29', '2024-02-28', false],
    ['born 29 Feb 2008, start 29 Feb 2024: 16', '2008-02-29', '2024-02-29', true],
    ['born 29 Feb 2008, start 28 Feb 2025 (common year): 16', '2008-02-29', '2025-02-28', true],
    ['born 28 Feb 2009, start 28 Feb 2025: 16', '2009-02-28', '2025-02-28', true],
    ['born 29 Feb 2012, start 28 Feb 2028: 15', '2012-02-29', '2028-02-28', false],
    ['born 29 Feb 2012, start 29 Feb 2028: 16', '2012-02-29', '2028-02-29', true],
    ['born 1 Mar 2010, start 28 Feb 2026: 15', '2010-03-01', '2026-02-28', false],
    ['born 31 Dec 2009, start 1 Jan 2026: 16', '2009-12-31', '2026-01-01', true],
  ])('%s → eligible %p', (_case, born, start, eligible) => {
    expect(codesOf(eligibilityFacts().bornOn(born).startingOn(start)).includes('UNDER_AGE')).toBe(!eligible);
  });

  it('computes whole years', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(() => ageOn('2008-02-30', '2026-03-01')).toThrow(TypeError);
  });

  it('uses the configured minimum age', () => {
    const facts = eligibilityFacts().bornOn('2009-01-01').startingOn('2026-03-16');
    expect(codesOf(facts, testEligibilityRules({ minimumAge: 18 }))).toEqual(['UNDER_AGE']);
  });
});

describe('transfer rules', () => {
  it('Given a transferable ACTIVE permit of a sanctioned employer inside its window, Then the transfer is eligible and the old permit does not count', () => {
    expect(codesOf(eligibilityFacts().transfer())).toEqual([]);
  });

  it.each([
    ['the old permit was never made transferable', { transferableUntil: null }, ['PERMIT_NOT_TRANSFERABLE']],
    [
      'the transfer window closed',
      { transferableUntil: new Date(T0.getTime() - 1).toISOString() },
      ['TRANSFER_WINDOW_CLOSED'],
    ],
    ['the window closes exactly now', { transferableUntil: T0.toISOString() }, ['TRANSFER_WINDOW_CLOSED']],
    ['the old permit is SUSPENDED', { status: 'SUSPENDED' as const }, ['REPLACED_PERMIT_NOT_ACTIVE']],
    ['the old permit EXPIRED', { status: 'EXPIRED' as const }, ['REPLACED_PERMIT_NOT_ACTIVE']],
    [
      'the old permit is another worker’s',
      { workerId: 'worker-someone-else' },
      ['REPLACED_PERMIT_NOT_FOUND'],
    ],
    ['the old permit is already this employer’s', { employerId: 'emp-1' }, ['TRANSFER_TO_SAME_EMPLOYER']],
  ])('%s → %j', (_case, permit, codes) => {
    expect(codesOf(eligibilityFacts().transfer(permit))).toEqual(codes);
  });

  it('refuses a transfer whose permit is not found', () => {
    expect(codesOf(eligibilityFacts().transfer().withoutReplacedPermit())).toEqual([
      'REPLACED_PERMIT_NOT_FOUND',
    ]);
  });

  it('still counts another ACTIVE permit than the one transferred', () => {
    expect(codesOf(eligibilityFacts().transfer().holdingPermit('ACTIVE', 'permit-second'))).toEqual([
      'WORKER_HAS_ACTIVE_PERMIT',
    ]);
  });

  it('still requires the new employer to be ACTIVE and rated A', () => {
    expect(codesOf(eligibilityFacts().transfer().employerRated('B'))).toEqual(['EMPLOYER_NOT_RATED_A']);
  });
});

describe('renewal rules', () => {
  it('Given its own ACTIVE permit at this worksite, Then the renewal is eligible even with the worksite full (its permit is counted already)', () => {
    expect(codesOf(eligibilityFacts().renewal().atCapacity())).toEqual([]);
  });

  it.each([
    ['the renewed permit is SUSPENDED', { status: 'SUSPENDED' as const }, ['REPLACED_PERMIT_NOT_ACTIVE']],
    ['the renewed permit is REVOKED', { status: 'REVOKED' as const }, ['REPLACED_PERMIT_NOT_ACTIVE']],
    [
      'the renewed permit is another employer’s',
      { employerId: 'emp-other' },
      ['RENEWED_PERMIT_OF_ANOTHER_EMPLOYER'],
    ],
    [
      'the renewed permit is at another worksite',
      { worksiteId: 'ws-other' },
      ['RENEWED_PERMIT_OF_ANOTHER_WORKSITE'],
    ],
    ['the renewed permit is another worker’s', { workerId: 'worker-x' }, ['REPLACED_PERMIT_NOT_FOUND']],
  ])('%s → %j', (_case, permit, codes) => {
    expect(codesOf(eligibilityFacts().renewal(permit))).toEqual(codes);
  });

  it('applies the offer rules to the new offer', () => {
    expect(codesOf(eligibilityFacts().renewal().offering(300).withoutFeeDeclaration())).toEqual([
      'RECRUITMENT_FEE',
      'WAGE_BELOW_MINIMUM',
    ]);
  });
});

describe('failures and APPLICATION.NOT_ELIGIBLE', () => {
  const result = checkEligibility(
    eligibilityFacts().ofNationality('HND').bornOn('2011-01-01').offering(100).build(),
    rules,
  );

  it('explain each failure in Spanish and English, naming the field, without the worker’s data', () => {
    expect(result.failures).toEqual([
      expect.objectContaining({
        code: 'NATIONALITY_NOT_ELIGIBLE',
        field: 'worker.nationality',
        params: { allowed: ['GTM', 'BLZ'] },
        message: {
          es: 'El permiso de trabajador fronterizo solo se otorga a nacionales de GTM, BLZ.',
          en: 'The border worker permit is only issued to nationals of GTM, BLZ.',
        },
      }),
      expect.objectContaining({ code: 'UNDER_AGE', field: 'worker.dateOfBirth', params: { minimumAge: 16 } }),
      expect.objectContaining({
        code: 'WAGE_BELOW_MINIMUM',
        field: 'dailyWage',
        params: { minimumDailyWage: '315.04' },
      }),
    ]);
    const serialised = JSON.stringify(result);
    expect(serialised).not.toContain('2011-01-01');
    expect(serialised).not.toContain('HND');
  });

  it('assertEligible throws one 422 listing every failure as extension members and errors[]', () => {
    let error: unknown;
    try {
      assertEligible(result);
    } catch (e) {
      error = e;
    }
    expect(PermitErrors.APPLICATION_NOT_ELIGIBLE.is(error)).toBe(true);
    const appError = error as AppError;
    expect(appError.status).toBe(422);
    expect(appError.params).toEqual({
      count: 3,
      codes: ['NATIONALITY_NOT_ELIGIBLE', 'UNDER_AGE', 'WAGE_BELOW_MINIMUM'],
    });
    expect(appError.text('en').detail).toBe(
      'The application fails 3 programme rule(s): NATIONALITY_NOT_ELIGIBLE, UNDER_AGE, WAGE_BELOW_MINIMUM. Each one is explained in "failures".',
    );
    expect(appError.extensions['failures']).toHaveLength(3);
    expect(appError.fieldErrors.map((f) => [f.field, f.code])).toEqual([
      ['worker.nationality', 'NATIONALITY_NOT_ELIGIBLE'],
      ['worker.dateOfBirth', 'UNDER_AGE'],
      ['dailyWage', 'WAGE_BELOW_MINIMUM'],
    ]);
  });

  it('assertEligible passes an eligible result', () => {
    expect(() => assertEligible(checkEligibility(eligibilityFacts().build(), rules))).not.toThrow();
  });

  it('every failure code can be produced by some facts', () => {
    const produced = new Set<string>();
    const cases = [
      ...ALONE.map((row) => row[3](eligibilityFacts())),
      eligibilityFacts().transfer({ transferableUntil: null }),
      eligibilityFacts().transfer({ transferableUntil: T0.toISOString() }),
      eligibilityFacts().transfer({ status: 'SUSPENDED' }),
      eligibilityFacts().transfer({ employerId: 'emp-1' }),
      eligibilityFacts().transfer().withoutReplacedPermit(),
      eligibilityFacts().renewal({ employerId: 'emp-x' }),
      eligibilityFacts().renewal({ worksiteId: 'ws-x' }),
    ];
    for (const facts of cases) for (const code of codesOf(facts)) produced.add(code);
    expect(ELIGIBILITY_CODES.filter((code) => !produced.has(code))).toEqual([]);
  });
});
