import { FINDING_SEVERITIES, SECTORS, type FindingSeverity, type Sector } from '@frontera/shared-kernel';
import { AuditErrors } from '../errors/audit-errors';
import { requireInteger, requireNumber } from '../shared/validation';

/** The risk factors, in the order an assessment lists them. Codes are public (API, events). */
export const RISK_FACTOR_CODES = [
  'SECTOR',
  'HEADCOUNT',
  'HEADCOUNT_GROWTH',
  'PAST_FINDINGS',
  'OPEN_COMPLAINTS',
  'TIME_SINCE_LAST_AUDIT',
  'SHARED_CONTACT',
  'RETALIATION',
] as const;
export type RiskFactorCode = (typeof RISK_FACTOR_CODES)[number];

/**
 * Each factor's weight: the points it gives at full intensity. The defaults add up to 100, so the
 * score is the sum of the points (0–100, clamped if configured weights add up to more).
 */
export const DEFAULT_RISK_WEIGHTS: Readonly<Record<RiskFactorCode, number>> = Object.freeze({
  SECTOR: 10,
  HEADCOUNT: 10,
  HEADCOUNT_GROWTH: 10,
  PAST_FINDINGS: 25,
  OPEN_COMPLAINTS: 15,
  TIME_SINCE_LAST_AUDIT: 10,
  SHARED_CONTACT: 10,
  RETALIATION: 10,
});

/**
 * How much risk a sector carries (0–1), a proposal to be tuned by the program: seasonal harvests with
 * crews recruited by enganchadores (coffee, sugar cane) and domestic work (isolated, invisible) the
 * most; commerce the least.
 */
export const DEFAULT_SECTOR_LEVELS: Readonly<Record<Sector, number>> = Object.freeze({
  COFFEE: 0.8,
  MANGO: 0.6,
  SUGAR_CANE: 0.8,
  BANANA: 0.6,
  PAPAYA: 0.6,
  OTHER_AGRICULTURE: 0.6,
  CONSTRUCTION: 0.6,
  DOMESTIC_WORK: 1,
  COMMERCE: 0.3,
  HOSPITALITY: 0.5,
  MANUFACTURING: 0.4,
  OTHER: 0.4,
});

export interface HeadcountBand {
  /** From this many held permits… */
  readonly min: number;
  /** …this intensity (0–1). */
  readonly level: number;
}

export interface RiskModelOptions {
  readonly weights?: Partial<Record<RiskFactorCode, number>>;
  /** Score from which the tier is HIGH (50) and MEDIUM (25); below MEDIUM it is LOW. */
  readonly thresholds?: { readonly HIGH?: number; readonly MEDIUM?: number };
  readonly sectorLevels?: Partial<Record<Sector, number>>;
  /** Intensity when the sector is not known yet: 0.5. */
  readonly unknownSectorLevel?: number;
  /** Ascending `min`: 1 → 0.2, 10 → 0.5, 50 → 0.8, 200 → 1. */
  readonly headcountBands?: readonly HeadcountBand[];
  /** Permits issued within this many days are "new": 30. */
  readonly growthWindowDays?: number;
  /** Growth counts from this many new permits: 5. */
  readonly growthMinNewPermits?: number;
  /** New permits ÷ max(earlier permits, this) (so a first crew of 40 is not "infinite" growth): 5. */
  readonly growthBaselineMinimum?: number;
  /** Growth ratio (new ÷ earlier) at which the factor is at full intensity: 1 (doubling). */
  readonly growthFullAtRatio?: number;
  /** Points per finding by severity before decay (an indicator counts as CRITICAL): 1, 3, 6. */
  readonly findingSeverityPoints?: Partial<Record<FindingSeverity, number>>;
  /** A finding's points halve every this many days: 365. */
  readonly findingHalfLifeDays?: number;
  /** Findings older than this are ignored: 1095 (three years). */
  readonly findingHorizonDays?: number;
  /** Decayed finding points at which the factor is at full intensity: 6 (one fresh critical). */
  readonly findingsFullAt?: number;
  /** Open complaints at which the factor is at full intensity (one with an indicator counts 2): 3. */
  readonly complaintsFullAt?: number;
  /** Days without an audit at which the factor is at full intensity: 365. */
  readonly lastAuditFullAfterDays?: number;
  /** Shared-contact signals received within this many days count: 180. */
  readonly sharedContactWindowDays?: number;
  /** Workers sharing a contact (summed over the signals) at which the factor is full: 6. */
  readonly sharedContactFullAtWorkers?: number;
  /** Retaliation patterns whose trigger is within this many days count: 365. */
  readonly retaliationRelevanceDays?: number;
  /**
   * Tier floors: a forced-labour indicator found within this many days, or a retaliation pattern
   * that counts, makes the tier at least HIGH whatever the score: 365. 0 disables the floors.
   */
  readonly highTierFloorDays?: number;
}

export interface RiskModel {
  readonly weights: Readonly<Record<RiskFactorCode, number>>;
  readonly thresholds: { readonly HIGH: number; readonly MEDIUM: number };
  readonly sectorLevels: Readonly<Record<Sector, number>>;
  readonly unknownSectorLevel: number;
  readonly headcountBands: readonly HeadcountBand[];
  readonly growthWindowDays: number;
  readonly growthMinNewPermits: number;
  readonly growthBaselineMinimum: number;
  readonly growthFullAtRatio: number;
  readonly findingSeverityPoints: Readonly<Record<FindingSeverity, number>>;
  readonly findingHalfLifeDays: number;
  readonly findingHorizonDays: number;
  readonly findingsFullAt: number;
  readonly complaintsFullAt: number;
  readonly lastAuditFullAfterDays: number;
  readonly sharedContactWindowDays: number;
  readonly sharedContactFullAtWorkers: number;
  readonly retaliationRelevanceDays: number;
  readonly highTierFloorDays: number;
}

const DEFAULT_BANDS: readonly HeadcountBand[] = Object.freeze([
  Object.freeze({ min: 1, level: 0.2 }),
  Object.freeze({ min: 10, level: 0.5 }),
  Object.freeze({ min: 50, level: 0.8 }),
  Object.freeze({ min: 200, level: 1 }),
]);

const INVALID = AuditErrors.INVALID_OPTIONS;
const level = (value: unknown, field: string) => requireNumber(value, field, 0, 1, INVALID);
const days = (value: unknown, field: string, min = 1) => requireInteger(value, field, min, 3650, INVALID);

/** Checks the risk model's options once and fills the defaults (AUDIT.INVALID_OPTIONS names the option). */
export function riskModel(options: RiskModelOptions = {}): RiskModel {
  const weights = Object.fromEntries(
    Object.entries(DEFAULT_RISK_WEIGHTS).map(([code, weight]) => [
      code,
      requireNumber(options.weights?.[code as RiskFactorCode] ?? weight, `weights.${code}`, 0, 100, INVALID),
    ]),
  ) as Record<RiskFactorCode, number>;
  const HIGH = requireNumber(options.thresholds?.HIGH ?? 50, 'thresholds.HIGH', 1, 100, INVALID);
  const MEDIUM = requireNumber(options.thresholds?.MEDIUM ?? 25, 'thresholds.MEDIUM', 1, 100, INVALID);
  if (MEDIUM >= HIGH) {
    throw INVALID.create({ field: 'thresholds.MEDIUM', constraint: 'OUT_OF_RANGE', min: 1, max: HIGH });
  }
  const sectorLevels = Object.fromEntries(
    SECTORS.map((sector) => [
      sector,
      level(options.sectorLevels?.[sector] ?? DEFAULT_SECTOR_LEVELS[sector], `sectorLevels.${sector}`),
    ]),
  ) as Record<Sector, number>;
  const bands = (options.headcountBands ?? DEFAULT_BANDS).map((band, i) =>
    Object.freeze({
      min: requireInteger(band?.min, `headcountBands[${i}].min`, 1, 1_000_000, INVALID),
      level: level(band?.level, `headcountBands[${i}].level`),
    }),
  );
  bands.forEach((band, i) => {
    if (i > 0 && (band.min <= bands[i - 1].min || band.level < bands[i - 1].level)) {
      throw INVALID.create({
        field: `headcountBands[${i}]`,
        constraint: 'OUT_OF_RANGE',
        min: `min > ${bands[i - 1].min}, level ≥ ${bands[i - 1].level}`,
        max: '1',
      });
    }
  });
  const severityPoints = Object.fromEntries(
    FINDING_SEVERITIES.map((severity) => [
      severity,
      requireNumber(
        options.findingSeverityPoints?.[severity] ?? { MINOR: 1, SERIOUS: 3, CRITICAL: 6 }[severity],
        `findingSeverityPoints.${severity}`,
        0,
        100,
        INVALID,
      ),
    ]),
  ) as Record<FindingSeverity, number>;
  return Object.freeze({
    weights: Object.freeze(weights),
    thresholds: Object.freeze({ HIGH, MEDIUM }),
    sectorLevels: Object.freeze(sectorLevels),
    unknownSectorLevel: level(options.unknownSectorLevel ?? 0.5, 'unknownSectorLevel'),
    headcountBands: Object.freeze(bands),
    growthWindowDays: days(options.growthWindowDays ?? 30, 'growthWindowDays'),
    growthMinNewPermits: requireInteger(
      options.growthMinNewPermits ?? 5,
      'growthMinNewPermits',
      1,
      100_000,
      INVALID,
    ),
    growthBaselineMinimum: requireInteger(
      options.growthBaselineMinimum ?? 5,
      'growthBaselineMinimum',
      1,
      100_000,
      INVALID,
    ),
    growthFullAtRatio: requireNumber(options.growthFullAtRatio ?? 1, 'growthFullAtRatio', 0.01, 100, INVALID),
    findingSeverityPoints: Object.freeze(severityPoints),
    findingHalfLifeDays: days(options.findingHalfLifeDays ?? 365, 'findingHalfLifeDays'),
    findingHorizonDays: days(options.findingHorizonDays ?? 1095, 'findingHorizonDays'),
    findingsFullAt: requireNumber(options.findingsFullAt ?? 6, 'findingsFullAt', 0.1, 1000, INVALID),
    complaintsFullAt: requireNumber(options.complaintsFullAt ?? 3, 'complaintsFullAt', 1, 1000, INVALID),
    lastAuditFullAfterDays: days(options.lastAuditFullAfterDays ?? 365, 'lastAuditFullAfterDays'),
    sharedContactWindowDays: days(options.sharedContactWindowDays ?? 180, 'sharedContactWindowDays'),
    sharedContactFullAtWorkers: requireInteger(
      options.sharedContactFullAtWorkers ?? 6,
      'sharedContactFullAtWorkers',
      2,
      10_000,
      INVALID,
    ),
    retaliationRelevanceDays: days(options.retaliationRelevanceDays ?? 365, 'retaliationRelevanceDays'),
    highTierFloorDays: days(options.highTierFloorDays ?? 365, 'highTierFloorDays', 0),
  });
}

export const DEFAULT_RISK_MODEL: RiskModel = riskModel();
