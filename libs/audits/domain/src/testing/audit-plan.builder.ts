import type { RiskTier } from '@frontera/shared-kernel';
import { auditProgram, type AuditProgram, type AuditProgramOptions } from '../config/audit-program.config';
import { AuditPlan, type PlanWorksiteInput } from '../plan/audit-plan.aggregate';
import { assessRisk, tierOf, type RiskAssessment } from '../risk/risk-scoring.policy';
import { T0 } from './clock';
import { aRiskProfile } from './risk-profile.builder';

/**
 * A risk assessment of `tier` (and `score`, by default one inside the tier) for `employerId` computed
 * at `at` — the factors of a plain profile, the score and tier overridden.
 */
export function anAssessment(
  options: { employerId?: string; tier?: RiskTier; score?: number; at?: Date } = {},
): RiskAssessment {
  const at = options.at ?? T0;
  const tier = options.tier ?? 'MEDIUM';
  const score = options.score ?? { HIGH: 60, MEDIUM: 35, LOW: 10 }[tier];
  const base = assessRisk(
    aRiskProfile(at)
      .forEmployer(options.employerId ?? 'emp-1')
      .build(),
    at,
  );
  return {
    ...base,
    score,
    tier,
    scoreTier: tierOf(score),
    tierFloor: tierOf(score) === tier ? null : { tier, cause: 'RETALIATION' },
  };
}

/** A worksite of the plan: `aPlanWorksite('ws-2', 'Huixtla')`. */
export function aPlanWorksite(worksiteId = 'ws-1', municipality = 'Tapachula'): PlanWorksiteInput {
  return { worksiteId, state: 'CHP', municipality };
}

/**
 * An AuditPlan started at verification, events pulled: `anAuditPlan().withTier('LOW').withWorksites('ws-1', 'ws-2')`.
 * Default: emp-1 verified at T0 with one worksite (ws-1, Tapachula), MEDIUM tier, the default program.
 */
export class AuditPlanBuilder {
  private employerId = 'emp-1';
  private tier: RiskTier = 'MEDIUM';
  private verifiedAt: Date = T0;
  private worksites: PlanWorksiteInput[] = [aPlanWorksite()];
  private options: AuditProgramOptions = {};

  forEmployer(employerId: string): this {
    this.employerId = employerId;
    return this;
  }

  withTier(tier: RiskTier): this {
    this.tier = tier;
    return this;
  }

  verifiedOn(instant: Date): this {
    this.verifiedAt = instant;
    return this;
  }

  withWorksites(...worksiteIds: string[]): this {
    this.worksites = worksiteIds.map((id) => aPlanWorksite(id));
    return this;
  }

  withProgram(options: AuditProgramOptions): this {
    this.options = { ...this.options, ...options };
    return this;
  }

  program(): AuditProgram {
    return auditProgram(this.options);
  }

  build(): AuditPlan {
    const plan = AuditPlan.start(
      {
        employerId: this.employerId,
        verifiedAt: this.verifiedAt,
        worksites: this.worksites,
        assessment: anAssessment({ employerId: this.employerId, tier: this.tier, at: this.verifiedAt }),
      },
      this.verifiedAt,
      this.program(),
    );
    plan.pullEvents();
    return plan;
  }
}

export function anAuditPlan(): AuditPlanBuilder {
  return new AuditPlanBuilder();
}
