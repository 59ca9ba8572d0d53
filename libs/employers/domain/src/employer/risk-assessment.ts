import { EmployerErrors } from '../errors/employer-errors';
import { LIMITS, RISK_TIERS, type RiskTier } from '@frontera/shared-kernel';
import { requireOneOf, requireText } from '../shared/validation';

export interface RiskFactor {
  /** e.g. SECTOR, HEADCOUNT_SPIKE, PAST_FINDINGS, OPEN_COMPLAINTS. */
  readonly factor: string;
  readonly points: number;
  readonly explanation: string;
}

/** A risk score the audits context computed (mapped from EmployerRiskChanged). */
export interface RiskChange {
  readonly score: number;
  readonly tier: RiskTier;
  readonly factors: readonly RiskFactor[];
  readonly computedAt: Date;
}

/** The latest risk, kept on the employer for officers. */
export interface RiskAssessment {
  readonly score: number;
  readonly tier: RiskTier;
  readonly factors: readonly RiskFactor[];
  readonly computedAt: string;
  readonly recordedAt: string;
}

const INVALID = EmployerErrors.INVALID_RISK_CHANGE;
const FACTOR_CODE = /^[A-Z][A-Z0-9_]{1,63}$/;

export function validateRiskChange(change: RiskChange): RiskChange {
  if (!change || typeof change !== 'object') throw INVALID.create({ field: 'risk', constraint: 'REQUIRED' });
  if (
    typeof change.score !== 'number' ||
    !Number.isFinite(change.score) ||
    change.score < 0 ||
    change.score > 100
  ) {
    throw INVALID.create({ field: 'score', constraint: 'OUT_OF_RANGE', min: 0, max: 100 });
  }
  const tier = requireOneOf(change.tier, RISK_TIERS, 'tier', INVALID);
  if (!(change.computedAt instanceof Date) || Number.isNaN(change.computedAt.getTime())) {
    throw INVALID.create({ field: 'computedAt', constraint: 'REQUIRED' });
  }
  if (!Array.isArray(change.factors)) throw INVALID.create({ field: 'factors', constraint: 'REQUIRED' });
  const factors = change.factors.map((f, i) => {
    if (typeof f?.factor !== 'string' || !FACTOR_CODE.test(f.factor)) {
      throw INVALID.create({
        field: `factors[${i}].factor`,
        constraint: 'INVALID_FORMAT',
        format: 'UPPER_SNAKE_CASE',
      });
    }
    if (typeof f.points !== 'number' || !Number.isFinite(f.points)) {
      throw INVALID.create({ field: `factors[${i}].points`, constraint: 'NOT_A_NUMBER' });
    }
    return {
      factor: f.factor,
      points: f.points,
      explanation: requireText(f.explanation, `factors[${i}].explanation`, LIMITS.EXPLANATION, INVALID),
    };
  });
  return { score: change.score, tier, factors, computedAt: change.computedAt };
}
