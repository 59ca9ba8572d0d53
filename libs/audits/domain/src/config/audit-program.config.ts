import { REFERRAL_AGENCIES, type ReferralAgency, type RiskTier } from '@frontera/shared-kernel';
import { AuditErrors } from '../errors/audit-errors';
import { requireInteger, requireNumber } from '../shared/validation';

/**
 * How the audits program schedules, in one place: the service passes its configuration once, at
 * boot, and every aggregate and policy reads the checked result ({@link auditProgram}).
 */
export interface AuditProgramOptions {
  /**
   * The fixed UTC offset (minutes) of the program's calendar days — due days, sweep buckets,
   * deadlines. One offset for the whole program so that every sweep has one "today"; default −360
   * (UTC−6: Chiapas, Campeche, Tabasco; Quintana Roo is UTC−5, so its tasks turn due an hour later
   * than local midnight — immaterial for day-granular visits).
   */
  readonly utcOffsetMinutes?: number;
  /** The first audit of a verified employer (each worksite) is due within this many days: 30. */
  readonly firstAuditWithinDays?: number;
  /** Days between periodic audits, by risk tier: HIGH 30, MEDIUM 90, LOW 180. */
  readonly cadenceDays?: Partial<Record<RiskTier, number>>;
  /** A plan creates a periodic task this many days before its due day (never before today): 30. */
  readonly taskLeadDays?: number;
  /** A task with a forced-labour indicator (CRITICAL) is due within this many hours: 48. */
  readonly criticalDueHours?: number;
  /** A complaint audit without forced-labour indicators is due within this many days: 14. */
  readonly complaintDueDays?: number;
  /** A priority audit raised by a retaliation pattern is due within this many days: 7. */
  readonly retaliationDueDays?: number;
  /** A FOLLOW_UP task is created on the corrective-action deadline and due this many days later: 14. */
  readonly followUpWindowDays?: number;
  /** Random audits: the share of LOW-tier employers drawn each cycle (0–1): 0.05. */
  readonly randomAuditRate?: number;
  /** Random audits: the length of a cycle in days (one draw per employer per cycle): 90. */
  readonly randomCycleDays?: number;
  /** A RANDOM task is due within this many days of being drawn: 30. */
  readonly randomDueDays?: number;
  /** The default corrective-action period by the gravest violation: MINOR 60, SERIOUS 30, CRITICAL 15. */
  readonly correctiveActionDays?: Partial<Record<'MINOR' | 'SERIOUS' | 'CRITICAL', number>>;
  /** The latest corrective-action deadline an inspector may set, in days from today: 180. */
  readonly maxCorrectiveActionDays?: number;
  /** Days an agency has to acknowledge a referral: FEDERAL_PROSECUTOR 3, the others 5. */
  readonly acknowledgementDays?: Partial<Record<ReferralAgency, number>>;
}

export interface AuditProgram {
  readonly utcOffsetMinutes: number;
  readonly firstAuditWithinDays: number;
  readonly cadenceDays: Readonly<Record<RiskTier, number>>;
  readonly taskLeadDays: number;
  readonly criticalDueHours: number;
  readonly complaintDueDays: number;
  readonly retaliationDueDays: number;
  readonly followUpWindowDays: number;
  readonly randomAuditRate: number;
  readonly randomCycleDays: number;
  readonly randomDueDays: number;
  readonly correctiveActionDays: Readonly<Record<'MINOR' | 'SERIOUS' | 'CRITICAL', number>>;
  readonly maxCorrectiveActionDays: number;
  readonly acknowledgementDays: Readonly<Record<ReferralAgency, number>>;
}

export const DEFAULT_CADENCE_DAYS: Readonly<Record<RiskTier, number>> = Object.freeze({
  HIGH: 30,
  MEDIUM: 90,
  LOW: 180,
});

export const DEFAULT_AUDIT_PROGRAM: AuditProgram = Object.freeze({
  utcOffsetMinutes: -360,
  firstAuditWithinDays: 30,
  cadenceDays: DEFAULT_CADENCE_DAYS,
  taskLeadDays: 30,
  criticalDueHours: 48,
  complaintDueDays: 14,
  retaliationDueDays: 7,
  followUpWindowDays: 14,
  randomAuditRate: 0.05,
  randomCycleDays: 90,
  randomDueDays: 30,
  correctiveActionDays: Object.freeze({ MINOR: 60, SERIOUS: 30, CRITICAL: 15 }),
  maxCorrectiveActionDays: 180,
  acknowledgementDays: Object.freeze({
    FEDERAL_PROSECUTOR: 3,
    STATE_PROSECUTOR: 5,
    VICTIM_SERVICES: 5,
    LABOUR_AUTHORITY: 5,
  }),
});

const INVALID = AuditErrors.INVALID_OPTIONS;
const days = (value: unknown, field: string, min = 1, max = 730) =>
  requireInteger(value, field, min, max, INVALID);

/**
 * Checks the options once (an invalid one is refused with AUDIT.INVALID_OPTIONS naming the option)
 * and fills the defaults. Cadences must not decrease from HIGH to LOW (a riskier employer is never
 * visited less often).
 */
export function auditProgram(options: AuditProgramOptions = {}): AuditProgram {
  const d = DEFAULT_AUDIT_PROGRAM;
  const cadenceDays = {
    HIGH: days(options.cadenceDays?.HIGH ?? d.cadenceDays.HIGH, 'cadenceDays.HIGH'),
    MEDIUM: days(options.cadenceDays?.MEDIUM ?? d.cadenceDays.MEDIUM, 'cadenceDays.MEDIUM'),
    LOW: days(options.cadenceDays?.LOW ?? d.cadenceDays.LOW, 'cadenceDays.LOW'),
  };
  if (cadenceDays.HIGH > cadenceDays.MEDIUM || cadenceDays.MEDIUM > cadenceDays.LOW) {
    throw INVALID.create({
      field: 'cadenceDays',
      constraint: 'OUT_OF_RANGE',
      min: 'HIGH ≤ MEDIUM',
      max: 'MEDIUM ≤ LOW',
    });
  }
  const corrective = {
    MINOR: days(
      options.correctiveActionDays?.MINOR ?? d.correctiveActionDays.MINOR,
      'correctiveActionDays.MINOR',
    ),
    SERIOUS: days(
      options.correctiveActionDays?.SERIOUS ?? d.correctiveActionDays.SERIOUS,
      'correctiveActionDays.SERIOUS',
    ),
    CRITICAL: days(
      options.correctiveActionDays?.CRITICAL ?? d.correctiveActionDays.CRITICAL,
      'correctiveActionDays.CRITICAL',
    ),
  };
  const maxCorrectiveActionDays = days(
    options.maxCorrectiveActionDays ?? d.maxCorrectiveActionDays,
    'maxCorrectiveActionDays',
  );
  for (const [severity, value] of Object.entries(corrective)) {
    if (value > maxCorrectiveActionDays) {
      throw INVALID.create({
        field: `correctiveActionDays.${severity}`,
        constraint: 'OUT_OF_RANGE',
        min: 1,
        max: maxCorrectiveActionDays,
      });
    }
  }
  const acknowledgementDays = Object.fromEntries(
    REFERRAL_AGENCIES.map((agency) => [
      agency,
      days(
        options.acknowledgementDays?.[agency] ?? d.acknowledgementDays[agency],
        `acknowledgementDays.${agency}`,
        1,
        90,
      ),
    ]),
  ) as Record<ReferralAgency, number>;
  const utcOffsetMinutes = requireInteger(
    options.utcOffsetMinutes ?? d.utcOffsetMinutes,
    'utcOffsetMinutes',
    -720,
    840,
    INVALID,
  );
  return Object.freeze({
    utcOffsetMinutes,
    firstAuditWithinDays: days(
      options.firstAuditWithinDays ?? d.firstAuditWithinDays,
      'firstAuditWithinDays',
    ),
    cadenceDays: Object.freeze(cadenceDays),
    taskLeadDays: days(options.taskLeadDays ?? d.taskLeadDays, 'taskLeadDays', 0, 365),
    criticalDueHours: requireInteger(
      options.criticalDueHours ?? d.criticalDueHours,
      'criticalDueHours',
      1,
      168,
      INVALID,
    ),
    complaintDueDays: days(options.complaintDueDays ?? d.complaintDueDays, 'complaintDueDays', 1, 90),
    retaliationDueDays: days(options.retaliationDueDays ?? d.retaliationDueDays, 'retaliationDueDays', 1, 90),
    followUpWindowDays: days(options.followUpWindowDays ?? d.followUpWindowDays, 'followUpWindowDays', 0, 90),
    randomAuditRate: requireNumber(
      options.randomAuditRate ?? d.randomAuditRate,
      'randomAuditRate',
      0,
      1,
      INVALID,
    ),
    randomCycleDays: days(options.randomCycleDays ?? d.randomCycleDays, 'randomCycleDays', 1, 730),
    randomDueDays: days(options.randomDueDays ?? d.randomDueDays, 'randomDueDays', 1, 180),
    correctiveActionDays: Object.freeze(corrective),
    maxCorrectiveActionDays,
    acknowledgementDays: Object.freeze(acknowledgementDays),
  });
}

/** Tier → cadence (days between periodic audits). */
export function cadenceFor(tier: RiskTier, program: AuditProgram = DEFAULT_AUDIT_PROGRAM): number {
  return program.cadenceDays[tier];
}
