import type { AuditKind, FindingSeverity, RiskTier } from '@frontera/shared-kernel';
import type { AuditFinding, AuditOutcome, AuditVerdict } from '../employer/audit-outcome';
import type { RiskChange, RiskFactor } from '../employer/risk-assessment';
import { day } from './clock';
import { nextId } from './ids';

export class FindingBuilder {
  private finding: { -readonly [K in keyof AuditFinding]: AuditFinding[K] } = {
    code: 'EXCESSIVE_HOURS',
    severity: 'MINOR',
    forcedLabourIndicator: false,
    workersAffected: 3,
  };

  withCode(code: string): this {
    this.finding.code = code;
    return this;
  }

  ofSeverity(severity: FindingSeverity): this {
    this.finding.severity = severity;
    return this;
  }

  minor(): this {
    return this.withCode('EXCESSIVE_HOURS').ofSeverity('MINOR');
  }

  serious(): this {
    return this.withCode('WAGE_BELOW_MINIMUM').ofSeverity('SERIOUS');
  }

  critical(): this {
    return this.withCode('MINOR_EMPLOYED').ofSeverity('CRITICAL');
  }

  /** An ILO forced-labour indicator; the severity stays as set (indicators count as critical regardless). */
  forcedLabourIndicator(code = 'RETENTION_OF_IDENTITY_DOCUMENTS'): this {
    this.finding.code = code;
    this.finding.forcedLabourIndicator = true;
    return this;
  }

  build(): AuditFinding {
    return { ...this.finding };
  }
}

export const aFinding = (): FindingBuilder => new FindingBuilder();

export class AuditOutcomeBuilder {
  private auditId = nextId('audit');
  private kind: AuditKind = 'PERIODIC';
  private verdict: AuditVerdict | null = null;
  private findings: AuditFinding[] = [];
  private completed: Date = day(30);

  withId(auditId: string): this {
    this.auditId = auditId;
    return this;
  }

  ofKind(kind: AuditKind): this {
    this.kind = kind;
    return this;
  }

  periodic(): this {
    return this.ofKind('PERIODIC');
  }

  followUp(): this {
    return this.ofKind('FOLLOW_UP');
  }

  fromComplaint(): this {
    return this.ofKind('COMPLAINT');
  }

  compliant(): this {
    this.verdict = 'COMPLIANT';
    return this;
  }

  withViolations(): this {
    this.verdict = 'VIOLATIONS';
    return this;
  }

  referral(): this {
    this.verdict = 'REFERRAL';
    return this;
  }

  withFinding(finding: FindingBuilder | AuditFinding): this {
    this.findings.push(finding instanceof FindingBuilder ? finding.build() : finding);
    return this;
  }

  withMinorFinding(): this {
    return this.withFinding(aFinding().minor());
  }

  withSeriousFinding(): this {
    return this.withFinding(aFinding().serious());
  }

  withCriticalFinding(): this {
    return this.withFinding(aFinding().critical());
  }

  withForcedLabourIndicator(): this {
    return this.withFinding(aFinding().forcedLabourIndicator());
  }

  completedAt(date: Date): this {
    this.completed = date;
    return this;
  }

  /** Without an explicit verdict: VIOLATIONS when there are findings, else COMPLIANT. */
  build(): AuditOutcome {
    return {
      auditId: this.auditId,
      kind: this.kind,
      outcome: this.verdict ?? (this.findings.length > 0 ? 'VIOLATIONS' : 'COMPLIANT'),
      findings: this.findings.map((f) => ({ ...f })),
      completedAt: this.completed,
    };
  }
}

export const anAuditOutcome = (): AuditOutcomeBuilder => new AuditOutcomeBuilder();

export class RiskChangeBuilder {
  private score = 42;
  private tier: RiskTier = 'MEDIUM';
  private factors: RiskFactor[] = [
    { factor: 'SECTOR', points: 20, explanation: 'Coffee harvest: seasonal peak hiring' },
    { factor: 'PAST_FINDINGS', points: 22, explanation: 'One serious finding in the last year' },
  ];
  private computed: Date = day(10);

  withScore(score: number, tier?: RiskTier): this {
    this.score = score;
    if (tier) this.tier = tier;
    return this;
  }

  withFactors(...factors: RiskFactor[]): this {
    this.factors = factors;
    return this;
  }

  computedAt(date: Date): this {
    this.computed = date;
    return this;
  }

  build(): RiskChange {
    return {
      score: this.score,
      tier: this.tier,
      factors: this.factors.map((f) => ({ ...f })),
      computedAt: this.computed,
    };
  }
}

export const aRiskChange = (): RiskChangeBuilder => new RiskChangeBuilder();
