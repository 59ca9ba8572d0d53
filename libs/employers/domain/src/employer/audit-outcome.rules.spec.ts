import { anAuditOutcome } from '../testing';
import { classifyAuditOutcome, type AuditRecord } from './audit-outcome';
import { decideAuditConsequences, type AuditStanding } from './audit-outcome.rules';

const active: AuditStanding = { status: 'ACTIVE', rating: 'A', suspended: false, audits: [] };
const at = new Date('2026-06-01T00:00:00Z');

function decide(standing: AuditStanding, builder: ReturnType<typeof anAuditOutcome>) {
  const audit = builder.completedAt(at).build();
  return decideAuditConsequences(standing, audit, classifyAuditOutcome(audit));
}

function effects(standing: AuditStanding, builder: ReturnType<typeof anAuditOutcome>) {
  const decision = decide(standing, builder);
  return decision.applied ? decision.consequences.map((c) => c.effect) : decision.ignoredBecause;
}

describe('audit-outcome rules (pure)', () => {
  it.each([
    [
      'critical finding, ACTIVE rated A',
      active,
      anAuditOutcome().withCriticalFinding(),
      ['RATED_B', 'SUSPENDED'],
    ],
    [
      'forced-labour indicator, ACTIVE',
      active,
      anAuditOutcome().withForcedLabourIndicator(),
      ['RATED_B', 'SUSPENDED'],
    ],
    [
      'critical finding, already SUSPENDED rated B',
      { status: 'SUSPENDED', rating: 'B', suspended: true, audits: [] } as AuditStanding,
      anAuditOutcome().withCriticalFinding(),
      ['ADDED_TO_SUSPENSION'],
    ],
    ['serious finding, rated A', active, anAuditOutcome().withSeriousFinding(), ['RATED_B']],
    [
      'serious finding, already rated B',
      { ...active, rating: 'B' } as AuditStanding,
      anAuditOutcome().withSeriousFinding(),
      [],
    ],
    [
      'passed follow-up, rated B',
      { ...active, rating: 'B' } as AuditStanding,
      anAuditOutcome().followUp().compliant(),
      ['RATED_A'],
    ],
    [
      'compliant periodic audit, rated B',
      { ...active, rating: 'B' } as AuditStanding,
      anAuditOutcome().periodic().compliant(),
      [],
    ],
    ['minor findings only', active, anAuditOutcome().withMinorFinding(), []],
    [
      'not in the program (pending)',
      { ...active, status: 'PENDING_VERIFICATION', rating: null } as AuditStanding,
      anAuditOutcome().withCriticalFinding(),
      'NOT_IN_PROGRAM',
    ],
  ])('%s → %j', (_case, standing, builder, expected) => {
    expect(effects(standing, builder)).toEqual(expected);
  });

  it('ignores an outcome completed before one already applied (STALE)', () => {
    const applied: AuditRecord = {
      auditId: 'aud-later',
      kind: 'PERIODIC',
      outcome: 'COMPLIANT',
      classification: 'NO_RATING_EFFECT',
      findingCodes: [],
      completedAt: '2026-07-01T00:00:00.000Z',
      recordedAt: '2026-07-01T00:00:00.000Z',
      effects: [],
      ignoredBecause: null,
    };
    expect(effects({ ...active, audits: [applied] }, anAuditOutcome().withCriticalFinding())).toBe('STALE');
  });

  it('gives every consequence a reason that names the audit, within the reason limit', () => {
    const decision = decide(active, anAuditOutcome().withId('aud-123').withCriticalFinding());
    expect(decision.applied).toBe(true);
    if (!decision.applied) return;
    for (const consequence of decision.consequences) {
      expect(consequence.reason).toContain('aud-123');
      expect(consequence.reason.length).toBeLessThanOrEqual(500);
    }
  });
});
