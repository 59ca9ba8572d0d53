import {
  isMexicanState,
  MEXICAN_STATES,
  TVTF_ELIGIBLE_STATES,
  WORKER_NATIONALITIES,
  type MexicanState,
} from '@frontera/shared-kernel';
import { PermitErrors } from '../errors/permit-errors';
import { DailyWage } from '../shared/daily-wage.value-object';

/** The program's minimum age on the start date. */
export const TVTF_MINIMUM_AGE = 16;

/** The configuration the eligibility policy applies; build it with {@link eligibilityRules}. */
export interface EligibilityRules {
  /** The minimum daily wage in force (MXN), e.g. the general or the northern-border zone minimum. */
  readonly minimumDailyWage: DailyWage;
  /** States whose worksites may receive permits (default TVTF_ELIGIBLE_STATES: CHP, CAM, TAB, ROO). */
  readonly eligibleStates: readonly MexicanState[];
  /** Whole years on the start date (default 16). */
  readonly minimumAge: number;
  /** Nationalities a permit is issued to: the kernel's WORKER_NATIONALITIES (GTM, BLZ). */
  readonly nationalities: readonly string[];
}

export interface EligibilityConfig {
  readonly minimumDailyWage: number;
  readonly eligibleStates?: readonly string[];
  readonly minimumAge?: number;
}

/**
 * Checks the configuration once (at boot, from the service's environment): a minimum daily wage is
 * required — the domain does not guess the one in force —, states must be Mexican state codes, the
 * age an integer 14..18 (the Ley Federal del Trabajo's floor is 15; the program's 16).
 */
export function eligibilityRules(config: EligibilityConfig): EligibilityRules {
  const INVALID = PermitErrors.INVALID_OPTIONS;
  const minimumDailyWage = DailyWage.of(config?.minimumDailyWage, 'minimumDailyWage', INVALID);
  const eligibleStates = config.eligibleStates ?? TVTF_ELIGIBLE_STATES;
  if (!Array.isArray(eligibleStates) || eligibleStates.length === 0) {
    throw INVALID.create({ field: 'eligibleStates', constraint: 'REQUIRED' });
  }
  if (!eligibleStates.every(isMexicanState)) {
    throw INVALID.create({ field: 'eligibleStates', constraint: 'UNKNOWN_VALUE', allowed: MEXICAN_STATES });
  }
  const minimumAge = config.minimumAge ?? TVTF_MINIMUM_AGE;
  if (!Number.isInteger(minimumAge) || minimumAge < 14 || minimumAge > 18) {
    throw INVALID.create({ field: 'minimumAge', constraint: 'OUT_OF_RANGE', min: 14, max: 18 });
  }
  return Object.freeze({
    minimumDailyWage,
    eligibleStates: Object.freeze([...new Set(eligibleStates as readonly MexicanState[])]),
    minimumAge,
    nationalities: WORKER_NATIONALITIES,
  });
}
