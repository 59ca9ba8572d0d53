import {
  FINDING_SEVERITIES,
  LIMITS,
  SECTORS,
  type FindingSeverity,
  type Localized,
  type RiskTier,
  type Sector,
} from '@frontera/shared-kernel';
import { AuditErrors } from '../errors/audit-errors';
import { headcountWindow, type HeadcountHistory } from '../permit-facts/headcount-history';
import type { RetaliationPattern } from '../retaliation/retaliation.policy';
import {
  assertId,
  DAY_MS,
  instantOf,
  iso,
  requireInstant,
  requireInteger,
  round1,
  round3,
} from '../shared/validation';
import { DEFAULT_RISK_MODEL, RISK_FACTOR_CODES, type RiskFactorCode, type RiskModel } from './risk-model';

/** A finding of a completed audit, as the service keeps it for the employer (no personal data). */
export interface PastFinding {
  readonly taskId: string;
  /** Catalogue code. */
  readonly code: string;
  readonly severity: FindingSeverity;
  readonly forcedLabourIndicator: boolean;
  /** ISO-8601: when the audit was completed. */
  readonly completedAt: string;
}

export interface OpenComplaint {
  readonly complaintId: string;
  /** ISO-8601. */
  readonly receivedAt: string;
  /** The complaint reports at least one forced-labour indicator. */
  readonly forcedLabourIndicator: boolean;
}

/** One shared-contact signal of the permits context (`worker.contact.shared`) naming this employer. */
export interface SharedContactEvidence {
  /** The event id of the signal (or another stable id of it). */
  readonly signalId: string;
  /** Workers sharing one phone. */
  readonly workerCount: number;
  /** ISO-8601. */
  readonly receivedAt: string;
}

/** A permit the employer holds (ACTIVE or SUSPENDED at its worksites), from permit events. */
export interface HeldPermit {
  readonly permitId: string;
  /** ISO-8601: issued to (or transferred to) this employer. */
  readonly issuedAt: string;
}

/**
 * What the audits service accumulates about one employer from events — employer events (sector,
 * verification), permit events (held permits, endings), its own audits and complaints, the permits
 * context's shared-contact signal — and the retaliation patterns detected over them. Ids, codes,
 * counts and instants only: no personal data.
 */
export interface EmployerRiskProfile {
  readonly employerId: string;
  /** Null until the service has seen it. */
  readonly sector: Sector | null;
  /** ISO-8601; null when unknown. */
  readonly verifiedAt: string | null;
  readonly heldPermits: readonly HeldPermit[];
  /**
   * The headcount as counters (held now, daily gains and losses), the service's read model of permit
   * events: when given, HEADCOUNT and HEADCOUNT_GROWTH read it instead of `heldPermits` — growth is
   * then the net rise of held permits over the window (decision 0034).
   */
  readonly headcount?: HeadcountHistory;
  readonly findings: readonly PastFinding[];
  /** Complaints against the employer not yet closed or dismissed. */
  readonly openComplaints: readonly OpenComplaint[];
  /** ISO-8601: the last completed audit of the employer (any kind); null: never audited. */
  readonly lastAuditCompletedAt: string | null;
  readonly sharedContactSignals: readonly SharedContactEvidence[];
  readonly retaliationPatterns: readonly RetaliationPattern[];
}

/** The evidence behind each factor: the data the points were computed from (ids, counts, days). */
export interface RiskEvidenceByFactor {
  readonly SECTOR: { readonly sector: Sector | null; readonly level: number };
  readonly HEADCOUNT: { readonly heldPermits: number; readonly bandFrom: number | null };
  readonly HEADCOUNT_GROWTH: {
    readonly windowDays: number;
    readonly newPermits: number;
    readonly earlierPermits: number;
    readonly growthRatio: number;
  };
  readonly PAST_FINDINGS: {
    /** The findings that count, gravest contribution first (at most 20; `omitted` more). */
    readonly findings: readonly {
      readonly taskId: string;
      readonly code: string;
      readonly severity: FindingSeverity;
      readonly ageDays: number;
      readonly points: number;
    }[];
    readonly omitted: number;
    readonly decayedPoints: number;
    readonly halfLifeDays: number;
  };
  readonly OPEN_COMPLAINTS: {
    readonly complaintIds: readonly string[];
    readonly withForcedLabourIndicators: number;
  };
  readonly TIME_SINCE_LAST_AUDIT: {
    /** LAST_AUDIT: days since the last audit; VERIFICATION: never audited, days since verification. */
    readonly since: 'LAST_AUDIT' | 'VERIFICATION' | 'UNKNOWN';
    readonly days: number | null;
  };
  readonly SHARED_CONTACT: {
    readonly signalIds: readonly string[];
    readonly workersSharing: number;
    readonly windowDays: number;
  };
  readonly RETALIATION: {
    readonly patterns: readonly {
      readonly key: string;
      readonly endedPermits: number;
      readonly triggerAt: string;
    }[];
  };
}

export type RiskEvidence<C extends RiskFactorCode = RiskFactorCode> = RiskEvidenceByFactor[C];

/** One line of the explanation: the factor, its weight, how strongly it applies, the points, why. */
export interface RiskFactorAssessment<C extends RiskFactorCode = RiskFactorCode> {
  readonly code: C;
  /** Points at full intensity. */
  readonly weight: number;
  /** 0–1. */
  readonly intensity: number;
  /** weight × intensity, one decimal. */
  readonly points: number;
  readonly evidence: RiskEvidence<C>;
  /** At most LIMITS.EXPLANATION characters per language (the contract's `explanation`). */
  readonly explanation: Localized;
}

export type AnyRiskFactorAssessment = { [C in RiskFactorCode]: RiskFactorAssessment<C> }[RiskFactorCode];

export type TierFloorCause = 'FORCED_LABOUR_FINDING' | 'RETALIATION';

/** An explainable risk score: the score is the sum of the listed points. */
export interface RiskAssessment {
  readonly employerId: string;
  /** 0–100, one decimal: the sum of the factors' points (clamped to 100). */
  readonly score: number;
  readonly tier: RiskTier;
  /** The tier the score alone gives. */
  readonly scoreTier: RiskTier;
  /** Set when a floor raised the tier above the score's (a recent forced-labour finding, retaliation). */
  readonly tierFloor: { readonly tier: RiskTier; readonly cause: TierFloorCause } | null;
  readonly factors: readonly AnyRiskFactorAssessment[];
  /** ISO-8601, the `now` of the computation. */
  readonly computedAt: string;
}

const INVALID = AuditErrors.RISK_INVALID_PROFILE;

function ageDays(now: Date, instant: Date): number {
  return Math.max(0, Math.floor((now.getTime() - instant.getTime()) / DAY_MS));
}

function clip(text: string): string {
  return text.length <= LIMITS.EXPLANATION ? text : `${text.slice(0, LIMITS.EXPLANATION - 1)}…`;
}

function explain(es: string, en: string): Localized {
  return { es: clip(es), en: clip(en) };
}

function factor<C extends RiskFactorCode>(
  code: C,
  model: RiskModel,
  intensity: number,
  evidence: RiskEvidence<C>,
  explanation: Localized,
): RiskFactorAssessment<C> {
  const bounded = round3(Math.min(1, Math.max(0, intensity)));
  const weight = model.weights[code];
  return { code, weight, intensity: bounded, points: round1(weight * bounded), evidence, explanation };
}

/**
 * The risk score of an employer, explainable: a pure function of the profile the service keeps and
 * `now`. Each factor lists its weight, its intensity (0–1), its points (weight × intensity) and the
 * evidence behind them, with a Spanish and English explanation; the score is the sum of the points
 * (0–100) and sets the tier (HIGH from 50, MEDIUM from 25 by default). A forced-labour indicator found
 * within a year, or a retaliation pattern that counts, makes the tier at least HIGH (`tierFloor`).
 *
 * | factor                | intensity                                                                           |
 * | --------------------- | ----------------------------------------------------------------------------------- |
 * | SECTOR                | the sector's level (coffee 0.8, domestic work 1, commerce 0.3…; unknown 0.5)        |
 * | HEADCOUNT             | the band of held permits (1 → 0.2, 10 → 0.5, 50 → 0.8, 200 → 1)                     |
 * | HEADCOUNT_GROWTH      | permits issued in 30 days ÷ max(earlier held, 5), full at 1 (doubling); ≥ 5 new     |
 * | PAST_FINDINGS         | Σ severity points (1 / 3 / 6, indicator = 6) × ½^(age / 365 d) ÷ 6, ≤ 3 years old   |
 * | OPEN_COMPLAINTS       | open complaints (one with an indicator counts 2) ÷ 3                                |
 * | TIME_SINCE_LAST_AUDIT | days since the last audit (never: since verification; unknown: full) ÷ 365          |
 * | SHARED_CONTACT        | workers sharing a phone in signals of the last 180 days ÷ 6                         |
 * | RETALIATION           | 1 when a retaliation pattern's trigger is within the last 365 days                  |
 */
export function assessRisk(
  profile: EmployerRiskProfile,
  now: Date,
  model: RiskModel = DEFAULT_RISK_MODEL,
): RiskAssessment {
  requireInstant(now);
  if (!profile || typeof profile !== 'object')
    throw INVALID.create({ field: 'profile', constraint: 'REQUIRED' });
  const employerId = assertId(profile.employerId, 'employerId');
  const at = (value: unknown, field: string) => {
    const instant = instantOf(value, field, INVALID);
    // an instant after now (clock skew between services) counts as now
    return instant.getTime() > now.getTime() ? now : instant;
  };
  const list = <T>(value: readonly T[] | undefined, field: string): readonly T[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw INVALID.create({ field, constraint: 'REQUIRED' });
    return value;
  };

  const factors: AnyRiskFactorAssessment[] = [];

  // SECTOR
  const sector = profile.sector ?? null;
  if (sector !== null && !SECTORS.includes(sector)) {
    throw INVALID.create({ field: 'sector', constraint: 'UNKNOWN_VALUE', allowed: SECTORS });
  }
  const sectorLevel = sector === null ? model.unknownSectorLevel : model.sectorLevels[sector];
  factors.push(
    factor(
      'SECTOR',
      model,
      sectorLevel,
      { sector, level: sectorLevel },
      sector === null
        ? explain('Sector aún desconocido: riesgo intermedio.', 'Sector not known yet: medium risk.')
        : explain(
            `Sector ${sector}: nivel de riesgo ${sectorLevel} de 1.`,
            `Sector ${sector}: risk level ${sectorLevel} of 1.`,
          ),
    ),
  );

  // HEADCOUNT and HEADCOUNT_GROWTH
  const held = new Map<string, number>();
  list(profile.heldPermits, 'heldPermits').forEach((p, i) => {
    held.set(
      assertId(p?.permitId, `heldPermits[${i}].permitId`),
      at(p.issuedAt, `heldPermits[${i}].issuedAt`).getTime(),
    );
  });
  const windowStart = now.getTime() - model.growthWindowDays * DAY_MS;
  const counters =
    profile.headcount !== undefined && profile.headcount !== null
      ? headcountWindow(profile.headcount, now, model.growthWindowDays)
      : null;
  const headcount = counters ? counters.held : held.size;
  // Counters: the net rise over the window; permits: those still held that arrived within it.
  const newPermits = counters
    ? Math.max(0, counters.held - counters.heldAtWindowStart)
    : [...held.values()].filter((t) => t > windowStart).length;
  const earlierPermits = counters ? counters.heldAtWindowStart : headcount - newPermits;
  const band = [...model.headcountBands].reverse().find((b) => headcount >= b.min) ?? null;
  factors.push(
    factor(
      'HEADCOUNT',
      model,
      band?.level ?? 0,
      { heldPermits: headcount, bandFrom: band?.min ?? null },
      explain(
        `${headcount} permisos vigentes en sus centros de trabajo.`,
        `${headcount} permits held at its worksites.`,
      ),
    ),
  );
  const growthRatio = round3(newPermits / Math.max(earlierPermits, model.growthBaselineMinimum));
  const growthIntensity = newPermits >= model.growthMinNewPermits ? growthRatio / model.growthFullAtRatio : 0;
  factors.push(
    factor(
      'HEADCOUNT_GROWTH',
      model,
      growthIntensity,
      { windowDays: model.growthWindowDays, newPermits, earlierPermits, growthRatio },
      explain(
        `${newPermits} permisos nuevos en ${model.growthWindowDays} días sobre ${earlierPermits} anteriores.`,
        `${newPermits} new permits in ${model.growthWindowDays} days on top of ${earlierPermits} earlier ones.`,
      ),
    ),
  );

  // PAST_FINDINGS
  const floor: { cause: TierFloorCause | null } = { cause: null };
  const counted = list(profile.findings, 'findings')
    .map((f, i) => {
      const taskId = assertId(f?.taskId, `findings[${i}].taskId`);
      if (typeof f.code !== 'string' || !/^[A-Z][A-Z0-9_]{1,63}$/.test(f.code)) {
        throw INVALID.create({
          field: `findings[${i}].code`,
          constraint: 'INVALID_FORMAT',
          format: 'UPPER_SNAKE_CASE',
        });
      }
      if (!FINDING_SEVERITIES.includes(f.severity)) {
        throw INVALID.create({
          field: `findings[${i}].severity`,
          constraint: 'UNKNOWN_VALUE',
          allowed: FINDING_SEVERITIES,
        });
      }
      const age = ageDays(now, at(f.completedAt, `findings[${i}].completedAt`));
      const severity: FindingSeverity = f.forcedLabourIndicator === true ? 'CRITICAL' : f.severity;
      if (f.forcedLabourIndicator === true && model.highTierFloorDays > 0 && age <= model.highTierFloorDays) {
        floor.cause = 'FORCED_LABOUR_FINDING';
      }
      const points = model.findingSeverityPoints[severity] * Math.pow(0.5, age / model.findingHalfLifeDays);
      return { taskId, code: f.code, severity, ageDays: age, points };
    })
    .filter((f) => f.ageDays <= model.findingHorizonDays)
    .sort((a, b) => b.points - a.points || a.taskId.localeCompare(b.taskId) || a.code.localeCompare(b.code));
  const decayed = counted.reduce((sum, f) => sum + f.points, 0);
  const shown = counted.slice(0, 20).map((f) => ({ ...f, points: round3(f.points) }));
  const gravest = counted[0];
  factors.push(
    factor(
      'PAST_FINDINGS',
      model,
      decayed / model.findingsFullAt,
      {
        findings: shown,
        omitted: counted.length - shown.length,
        decayedPoints: round3(decayed),
        halfLifeDays: model.findingHalfLifeDays,
      },
      gravest
        ? explain(
            `${counted.length} hallazgos en ${model.findingHorizonDays / 365} años; el de más peso: ${gravest.code} (${gravest.severity}) hace ${gravest.ageDays} días.`,
            `${counted.length} findings within ${model.findingHorizonDays / 365} years; the weightiest: ${gravest.code} (${gravest.severity}) ${gravest.ageDays} days ago.`,
          )
        : explain('Sin hallazgos en auditorías recientes.', 'No findings in recent audits.'),
    ),
  );

  // OPEN_COMPLAINTS
  const complaints = new Map<string, boolean>();
  list(profile.openComplaints, 'openComplaints').forEach((c, i) => {
    at(c?.receivedAt, `openComplaints[${i}].receivedAt`);
    complaints.set(
      assertId(c.complaintId, `openComplaints[${i}].complaintId`),
      c.forcedLabourIndicator === true,
    );
  });
  const withIndicators = [...complaints.values()].filter(Boolean).length;
  const weightedComplaints = complaints.size + withIndicators;
  factors.push(
    factor(
      'OPEN_COMPLAINTS',
      model,
      weightedComplaints / model.complaintsFullAt,
      { complaintIds: [...complaints.keys()].sort(), withForcedLabourIndicators: withIndicators },
      explain(
        `${complaints.size} quejas abiertas, ${withIndicators} con indicadores de trabajo forzoso.`,
        `${complaints.size} open complaints, ${withIndicators} with forced-labour indicators.`,
      ),
    ),
  );

  // TIME_SINCE_LAST_AUDIT
  const last = profile.lastAuditCompletedAt ? at(profile.lastAuditCompletedAt, 'lastAuditCompletedAt') : null;
  const verified = profile.verifiedAt ? at(profile.verifiedAt, 'verifiedAt') : null;
  const since = last ? 'LAST_AUDIT' : verified ? 'VERIFICATION' : 'UNKNOWN';
  const reference = last ?? verified;
  const daysSince = reference ? ageDays(now, reference) : null;
  factors.push(
    factor(
      'TIME_SINCE_LAST_AUDIT',
      model,
      daysSince === null ? 1 : daysSince / model.lastAuditFullAfterDays,
      { since, days: daysSince },
      since === 'LAST_AUDIT'
        ? explain(`Última auditoría hace ${daysSince} días.`, `Last audit ${daysSince} days ago.`)
        : since === 'VERIFICATION'
          ? explain(
              `Nunca auditado; verificado hace ${daysSince} días.`,
              `Never audited; verified ${daysSince} days ago.`,
            )
          : explain('Nunca auditado.', 'Never audited.'),
    ),
  );

  // SHARED_CONTACT
  const contactStart = now.getTime() - model.sharedContactWindowDays * DAY_MS;
  const signals = new Map<string, number>();
  list(profile.sharedContactSignals, 'sharedContactSignals').forEach((s, i) => {
    const signalId = assertId(s?.signalId, `sharedContactSignals[${i}].signalId`);
    const count = requireInteger(
      s.workerCount,
      `sharedContactSignals[${i}].workerCount`,
      2,
      100_000,
      INVALID,
    );
    if (at(s.receivedAt, `sharedContactSignals[${i}].receivedAt`).getTime() >= contactStart) {
      signals.set(signalId, count);
    }
  });
  const workersSharing = [...signals.values()].reduce((sum, n) => sum + n, 0);
  factors.push(
    factor(
      'SHARED_CONTACT',
      model,
      workersSharing / model.sharedContactFullAtWorkers,
      { signalIds: [...signals.keys()].sort(), workersSharing, windowDays: model.sharedContactWindowDays },
      explain(
        `${signals.size} señales de teléfono compartido (${workersSharing} trabajadores) en ${model.sharedContactWindowDays} días.`,
        `${signals.size} shared-phone signals (${workersSharing} workers) in ${model.sharedContactWindowDays} days.`,
      ),
    ),
  );

  // RETALIATION
  const relevanceStart = now.getTime() - model.retaliationRelevanceDays * DAY_MS;
  const patterns = list(profile.retaliationPatterns, 'retaliationPatterns')
    .filter((p, i) => at(p?.trigger?.at, `retaliationPatterns[${i}].trigger.at`).getTime() >= relevanceStart)
    .map((p) => ({ key: p.key, endedPermits: p.endingsAfter, triggerAt: p.trigger.at }));
  if (patterns.length > 0 && model.highTierFloorDays > 0) floor.cause ??= 'RETALIATION';
  const ended = patterns.reduce((sum, p) => sum + p.endedPermits, 0);
  factors.push(
    factor(
      'RETALIATION',
      model,
      patterns.length > 0 ? 1 : 0,
      { patterns },
      patterns.length > 0
        ? explain(
            `${ended} permisos terminados por el empleador poco después de ${patterns.length} queja(s) o visita(s).`,
            `${ended} permits ended by the employer shortly after ${patterns.length} complaint(s) or visit(s).`,
          )
        : explain('Sin patrón de represalias.', 'No retaliation pattern.'),
    ),
  );

  const score = Math.min(100, round1(factors.reduce((sum, f) => sum + f.points, 0)));
  const scoreTier = tierOf(score, model);
  const tierFloor =
    floor.cause !== null && scoreTier !== 'HIGH' ? { tier: 'HIGH' as const, cause: floor.cause } : null;
  return {
    employerId,
    score,
    tier: tierFloor ? tierFloor.tier : scoreTier,
    scoreTier,
    tierFloor,
    factors: RISK_FACTOR_CODES.map((code) => factors.find((f) => f.code === code) as AnyRiskFactorAssessment),
    computedAt: iso(now),
  };
}

/** The tier a score gives: HIGH from `thresholds.HIGH` (50), MEDIUM from `thresholds.MEDIUM` (25), else LOW. */
export function tierOf(score: number, model: RiskModel = DEFAULT_RISK_MODEL): RiskTier {
  if (score >= model.thresholds.HIGH) return 'HIGH';
  if (score >= model.thresholds.MEDIUM) return 'MEDIUM';
  return 'LOW';
}

/** How a new assessment differs from the previous one: the service publishes risk.changed on a tier change. */
export function compareAssessments(
  previous: Pick<RiskAssessment, 'score' | 'tier'> | null,
  next: Pick<RiskAssessment, 'score' | 'tier'>,
): { readonly tierChanged: boolean; readonly scoreDelta: number } {
  return {
    tierChanged: previous === null || previous.tier !== next.tier,
    scoreDelta: round1(next.score - (previous?.score ?? 0)),
  };
}
