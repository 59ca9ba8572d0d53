import { LIMITS } from '@frontera/shared-kernel';
import { AuditErrors } from '../errors/audit-errors';
import { aRiskProfile, daysAgo, T0 } from '../testing';
import { RISK_FACTOR_CODES, riskModel, type RiskFactorCode } from './risk-model';
import {
  assessRisk,
  compareAssessments,
  tierOf,
  type AnyRiskFactorAssessment,
  type RiskAssessment,
} from './risk-scoring.policy';

const factorOf = (assessment: RiskAssessment, code: RiskFactorCode): AnyRiskFactorAssessment =>
  assessment.factors.find((f) => f.code === code) as AnyRiskFactorAssessment;
const pointsOf = (assessment: RiskAssessment, code: RiskFactorCode) => factorOf(assessment, code).points;

describe('risk scoring, explainable', () => {
  it('Given an employer with nothing against it, Then the score is low and every factor explains itself', () => {
    const assessment = assessRisk(aRiskProfile().inSector('COMMERCE').build(), T0);
    expect(assessment.factors.map((f) => f.code)).toEqual(RISK_FACTOR_CODES);
    expect(assessment).toMatchObject({
      employerId: 'emp-1',
      tier: 'LOW',
      tierFloor: null,
      computedAt: T0.toISOString(),
    });
    for (const f of assessment.factors) {
      expect(f.weight).toBeGreaterThan(0);
      expect(f.points).toBeCloseTo(f.weight * f.intensity, 1);
      expect(f.explanation.es.length).toBeGreaterThan(5);
      expect(f.explanation.en.length).toBeGreaterThan(5);
      expect(f.explanation.es.length).toBeLessThanOrEqual(LIMITS.EXPLANATION);
      expect(f.explanation.en.length).toBeLessThanOrEqual(LIMITS.EXPLANATION);
      expect(f.evidence).toBeDefined();
    }
    // sector 3 + verified 10 days ago, never audited (10 × 10/365 ≈ 0.3)
    expect(assessment.score).toBe(3.3);
    expect(factorOf(assessment, 'TIME_SINCE_LAST_AUDIT').evidence).toEqual({
      since: 'VERIFICATION',
      days: 10,
    });
  });

  it('the score is the sum of the points listed, and the weights add up to 100', () => {
    const assessment = assessRisk(
      aRiskProfile()
        .inSector('COFFEE')
        .withHeldPermits(60, { issuedDaysAgo: 400 })
        .withFinding('WAGE_BELOW_MINIMUM', { daysAgo: 100 })
        .withOpenComplaint()
        .lastAuditedDaysAgo(100)
        .withSharedContactSignal(3)
        .build(),
      T0,
    );
    const sum = assessment.factors.reduce((s, f) => s + f.points, 0);
    expect(assessment.score).toBeCloseTo(sum, 5);
    expect(assessment.factors.reduce((s, f) => s + f.weight, 0)).toBe(100);
  });

  it('Given a coffee farm of 60 workers with debt bondage found a month ago and an open complaint with an indicator, Then HIGH, and the evidence names the finding', () => {
    const assessment = assessRisk(
      aRiskProfile()
        .inSector('COFFEE')
        .withHeldPermits(60, { issuedDaysAgo: 400 })
        .withFinding('DEBT_BONDAGE', { daysAgo: 30, taskId: 'task-77' })
        .withOpenComplaint({ forcedLabourIndicator: true, complaintId: 'complaint-9' })
        .lastAuditedDaysAgo(30)
        .build(),
      T0,
    );
    expect(assessment.tier).toBe('HIGH');
    expect(pointsOf(assessment, 'SECTOR')).toBe(8);
    expect(pointsOf(assessment, 'HEADCOUNT')).toBe(8);
    expect(pointsOf(assessment, 'PAST_FINDINGS')).toBe(23.6); // 6 × ½^(30/365) ÷ 6 = 0.945 × 25
    expect(pointsOf(assessment, 'OPEN_COMPLAINTS')).toBe(10); // one complaint with an indicator counts 2 of 3
    expect(factorOf(assessment, 'PAST_FINDINGS').evidence).toMatchObject({
      findings: [{ taskId: 'task-77', code: 'DEBT_BONDAGE', severity: 'CRITICAL', ageDays: 30 }],
      omitted: 0,
    });
    expect(factorOf(assessment, 'PAST_FINDINGS').explanation.en).toContain('DEBT_BONDAGE');
    expect(factorOf(assessment, 'OPEN_COMPLAINTS').evidence).toEqual({
      complaintIds: ['complaint-9'],
      withForcedLabourIndicators: 1,
    });
  });

  it.each([
    ['DOMESTIC_WORK', 10],
    ['COFFEE', 8],
    ['SUGAR_CANE', 8],
    ['CONSTRUCTION', 6],
    ['COMMERCE', 3],
    [null, 5],
  ] as const)('sector %s weighs %d points', (sector, points) => {
    expect(pointsOf(assessRisk(aRiskProfile().inSector(sector).build(), T0), 'SECTOR')).toBe(points);
  });

  it.each([
    [0, 0, null],
    [1, 2, 1],
    [9, 2, 1],
    [10, 5, 10],
    [50, 8, 50],
    [200, 10, 200],
  ])('headcount: %d held permits weigh %d points (band from %p)', (count, points, bandFrom) => {
    const assessment = assessRisk(aRiskProfile().withHeldPermits(count, { issuedDaysAgo: 200 }).build(), T0);
    expect(pointsOf(assessment, 'HEADCOUNT')).toBe(points);
    expect(factorOf(assessment, 'HEADCOUNT').evidence).toEqual({ heldPermits: count, bandFrom });
  });

  it.each([
    ['doubling in 30 days', 10, 10, 10],
    ['a quarter more', 40, 10, 2.5],
    ['fewer than 5 new permits', 10, 4, 0],
    ['a first crew of 40 (baseline minimum 5)', 0, 40, 10],
    ['a first crew of 5', 0, 5, 10],
  ])('sudden headcount growth: %s', (_case, earlier, fresh, points) => {
    const assessment = assessRisk(
      aRiskProfile()
        .withHeldPermits(earlier, { issuedDaysAgo: 200 })
        .withHeldPermits(fresh, { issuedDaysAgo: 5 })
        .build(),
      T0,
    );
    expect(pointsOf(assessment, 'HEADCOUNT_GROWTH')).toBe(points);
    expect(factorOf(assessment, 'HEADCOUNT_GROWTH').evidence).toMatchObject({
      windowDays: 30,
      newPermits: fresh,
      earlierPermits: earlier,
    });
  });

  it.each([
    ['a fresh CRITICAL finding', 'MINOR_EMPLOYED', 0, 25],
    ['a CRITICAL finding one year old (half-life)', 'MINOR_EMPLOYED', 365, 12.5],
    ['a CRITICAL finding two years old', 'MINOR_EMPLOYED', 730, 6.3],
    ['a CRITICAL finding older than three years', 'MINOR_EMPLOYED', 1100, 0],
    ['a fresh SERIOUS finding', 'WAGE_BELOW_MINIMUM', 0, 12.5],
    ['a fresh MINOR finding', 'NO_WRITTEN_CONTRACT', 0, 4.2],
  ])('past findings weighted by severity and decaying with time: %s', (_case, code, age, points) => {
    const assessment = assessRisk(aRiskProfile().withFinding(code, { daysAgo: age }).build(), T0);
    expect(pointsOf(assessment, 'PAST_FINDINGS')).toBe(points);
  });

  it('a forced-labour indicator counts as CRITICAL whatever the severity recorded', () => {
    const assessment = assessRisk(
      aRiskProfile().withFinding('ISOLATION', { daysAgo: 0, severity: 'MINOR' }).build(),
      T0,
    );
    expect(pointsOf(assessment, 'PAST_FINDINGS')).toBe(25);
  });

  it('many findings saturate at the weight and the evidence lists the 20 weightiest', () => {
    const profile = aRiskProfile();
    for (let i = 0; i < 25; i++) profile.withFinding('WAGE_BELOW_MINIMUM', { daysAgo: i * 10 });
    const assessment = assessRisk(profile.build(), T0);
    const factor = factorOf(assessment, 'PAST_FINDINGS');
    expect(factor.points).toBe(25);
    expect(factor.intensity).toBe(1);
    expect(factor.evidence).toMatchObject({ omitted: 5 });
    if (factor.code !== 'PAST_FINDINGS') throw new Error('factors are listed in order');
    expect(factor.evidence.findings).toHaveLength(20);
    expect(factor.evidence.findings[0].ageDays).toBe(0);
  });

  it.each([
    [0, false, 0],
    [1, false, 5],
    [1, true, 10],
    [3, false, 15],
    [5, true, 15],
  ])('open complaints: %d (with an indicator: %p) weigh %d points', (count, indicator, points) => {
    const profile = aRiskProfile();
    for (let i = 0; i < count; i++) profile.withOpenComplaint({ forcedLabourIndicator: indicator });
    expect(pointsOf(assessRisk(profile.build(), T0), 'OPEN_COMPLAINTS')).toBe(points);
  });

  it.each([
    ['last audited a year ago', 365, 10, 10],
    ['last audited 73 days ago', 73, 10, 2],
    ['last audited two years ago (saturates)', 730, 10, 10],
    ['never audited, verified 10 days ago', null, 10, 0.3],
    ['never audited, verification unknown', null, null, 10],
  ])('time since the last audit: %s', (_case, lastAudit, verified, points) => {
    const assessment = assessRisk(
      aRiskProfile().lastAuditedDaysAgo(lastAudit).verifiedDaysAgo(verified).build(),
      T0,
    );
    expect(pointsOf(assessment, 'TIME_SINCE_LAST_AUDIT')).toBe(points);
  });

  it('the shared-contact signal counts workers sharing a phone in the last 180 days', () => {
    const recent = assessRisk(aRiskProfile().withSharedContactSignal(3, { daysAgo: 10 }).build(), T0);
    expect(pointsOf(recent, 'SHARED_CONTACT')).toBe(5);
    expect(factorOf(recent, 'SHARED_CONTACT').evidence).toMatchObject({ workersSharing: 3, windowDays: 180 });
    const old = assessRisk(aRiskProfile().withSharedContactSignal(30, { daysAgo: 200 }).build(), T0);
    expect(pointsOf(old, 'SHARED_CONTACT')).toBe(0);
    const many = assessRisk(aRiskProfile().withSharedContactSignal(4).withSharedContactSignal(4).build(), T0);
    expect(pointsOf(many, 'SHARED_CONTACT')).toBe(10);
  });

  it('Given a retaliation pattern, Then its factor is full and the tier is at least HIGH (floor)', () => {
    const assessment = assessRisk(
      aRiskProfile()
        .withRetaliationPattern({
          key: 'COMPLAINT:complaint-1',
          trigger: { kind: 'COMPLAINT', id: 'complaint-1', at: daysAgo(20) },
          windowDays: 30,
          windowEndsAt: daysAgo(-10),
          endedPermitIds: ['permit-a', 'permit-b', 'permit-c'],
          endingsAfter: 3,
          endingsBefore: 0,
        })
        .build(),
      T0,
    );
    expect(pointsOf(assessment, 'RETALIATION')).toBe(10);
    expect(factorOf(assessment, 'RETALIATION').evidence).toEqual({
      patterns: [{ key: 'COMPLAINT:complaint-1', endedPermits: 3, triggerAt: daysAgo(20) }],
    });
    expect(assessment.scoreTier).toBe('LOW');
    expect(assessment.tier).toBe('HIGH');
    expect(assessment.tierFloor).toEqual({ tier: 'HIGH', cause: 'RETALIATION' });
  });

  it('a retaliation pattern older than a year no longer counts', () => {
    const assessment = assessRisk(
      aRiskProfile()
        .withRetaliationPattern({
          key: 'AUDIT_VISIT:task-1',
          trigger: { kind: 'AUDIT_VISIT', id: 'task-1', at: daysAgo(400) },
          windowDays: 30,
          windowEndsAt: daysAgo(370),
          endedPermitIds: ['permit-a', 'permit-b'],
          endingsAfter: 2,
          endingsBefore: 0,
        })
        .build(),
      T0,
    );
    expect(pointsOf(assessment, 'RETALIATION')).toBe(0);
    expect(assessment.tier).toBe('LOW');
  });

  it('Given a forced-labour indicator found within a year, Then the tier is HIGH whatever the score', () => {
    const assessment = assessRisk(
      aRiskProfile()
        .inSector('COMMERCE')
        .withFinding('DEBT_BONDAGE', { daysAgo: 300 })
        .lastAuditedDaysAgo(1)
        .build(),
      T0,
    );
    expect(assessment.score).toBeLessThan(25);
    expect(assessment.tier).toBe('HIGH');
    expect(assessment.tierFloor).toEqual({ tier: 'HIGH', cause: 'FORCED_LABOUR_FINDING' });
    const later = assessRisk(
      aRiskProfile()
        .inSector('COMMERCE')
        .withFinding('DEBT_BONDAGE', { daysAgo: 400 })
        .lastAuditedDaysAgo(1)
        .build(),
      T0,
    );
    expect(later.tier).toBe('LOW');
  });

  it.each([
    [100, 'HIGH'],
    [50, 'HIGH'],
    [49.9, 'MEDIUM'],
    [25, 'MEDIUM'],
    [24.9, 'LOW'],
    [0, 'LOW'],
  ] as const)('score %d → tier %s', (score, tier) => {
    expect(tierOf(score)).toBe(tier);
  });

  it('is configurable: weights, thresholds, sector levels; a bad option is refused', () => {
    const model = riskModel({ weights: { SECTOR: 0 }, thresholds: { HIGH: 80, MEDIUM: 2 } });
    const assessment = assessRisk(
      aRiskProfile().inSector('DOMESTIC_WORK').lastAuditedDaysAgo(365).build(),
      T0,
      model,
    );
    expect(pointsOf(assessment, 'SECTOR')).toBe(0);
    expect(assessment.tier).toBe('MEDIUM');
    expect(() => riskModel({ thresholds: { HIGH: 20, MEDIUM: 30 } })).toThrow(
      expect.objectContaining({
        code: AuditErrors.INVALID_OPTIONS.code,
        params: expect.objectContaining({ field: 'thresholds.MEDIUM' }),
      }),
    );
    expect(() => riskModel({ sectorLevels: { COFFEE: 2 } })).toThrow(
      expect.objectContaining({ params: expect.objectContaining({ field: 'sectorLevels.COFFEE' }) }),
    );
    expect(() =>
      riskModel({
        headcountBands: [
          { min: 10, level: 0.5 },
          { min: 5, level: 0.6 },
        ],
      }),
    ).toThrow(expect.objectContaining({ params: expect.objectContaining({ field: 'headcountBands[1]' }) }));
  });

  it('is a pure function: the same profile and now give the same assessment; instants after now count as now', () => {
    const profile = aRiskProfile().withHeldPermits(12).withFinding('WITHHELD_WAGES').build();
    expect(assessRisk(profile, T0)).toEqual(assessRisk(profile, T0));
    const future = assessRisk(aRiskProfile().lastAuditedDaysAgo(-3).build(), T0);
    expect(factorOf(future, 'TIME_SINCE_LAST_AUDIT').evidence).toEqual({ since: 'LAST_AUDIT', days: 0 });
  });

  it('refuses a malformed profile with RISK.INVALID_PROFILE naming the field', () => {
    const profile = aRiskProfile().build();
    expect(() => assessRisk({ ...profile, sector: 'FISHING' as never }, T0)).toThrow(
      expect.objectContaining({
        code: 'RISK.INVALID_PROFILE',
        params: expect.objectContaining({ field: 'sector' }),
      }),
    );
    expect(() =>
      assessRisk({ ...profile, heldPermits: [{ permitId: 'p-1', issuedAt: 'yesterday' }] }, T0),
    ).toThrow(
      expect.objectContaining({ params: expect.objectContaining({ field: 'heldPermits[0].issuedAt' }) }),
    );
    expect(() => assessRisk({ ...profile, employerId: 'bad id' }, T0)).toThrow(
      expect.objectContaining({ code: AuditErrors.INVALID_ID.code }),
    );
  });

  it('compares assessments: a tier change is what reschedules and publishes', () => {
    const low = { score: 20, tier: 'LOW' } as const;
    expect(compareAssessments(null, low)).toEqual({ tierChanged: true, scoreDelta: 20 });
    expect(compareAssessments(low, { score: 24.5, tier: 'LOW' })).toEqual({
      tierChanged: false,
      scoreDelta: 4.5,
    });
    expect(compareAssessments(low, { score: 30, tier: 'MEDIUM' })).toEqual({
      tierChanged: true,
      scoreDelta: 10,
    });
  });
});
