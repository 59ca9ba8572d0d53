import { EmployerErrors } from '../errors/employer-errors';
import {
  isMexicanState,
  MEXICAN_STATES,
  TVTF_ELIGIBLE_STATES,
  type MexicanState,
} from '@frontera/shared-kernel';

/** Used when the application passes no states: the TVTF program's states (Chiapas, Campeche, Tabasco, Quintana Roo). */
export const DEFAULT_ELIGIBLE_STATES: readonly MexicanState[] = TVTF_ELIGIBLE_STATES;

/**
 * Which states' worksites can receive border-worker permits. Configurable (the application
 * reads it from configuration and passes it to the aggregate) because the program's coverage
 * is a policy decision that changes by decree, not by release.
 *
 * Eligibility is derived when read, never stored: changing the configuration changes every
 * worksite's `eligibleForPermits` without a data migration
 * (docs/decisions/0016-eligible-states-are-configuration.md).
 */
export class PermitEligibilityPolicy {
  private readonly states: ReadonlySet<MexicanState>;

  private constructor(states: readonly MexicanState[]) {
    this.states = new Set(states);
  }

  static of(states: readonly string[] = DEFAULT_ELIGIBLE_STATES): PermitEligibilityPolicy {
    if (!Array.isArray(states) || states.length === 0) {
      throw EmployerErrors.WORKSITE_INVALID_DETAILS.create({
        field: 'eligibleStates',
        constraint: 'REQUIRED',
      });
    }
    for (const state of states) {
      if (!isMexicanState(state)) {
        throw EmployerErrors.WORKSITE_INVALID_DETAILS.create({
          field: 'eligibleStates',
          constraint: 'UNKNOWN_VALUE',
          allowed: MEXICAN_STATES,
        });
      }
    }
    return new PermitEligibilityPolicy(states as readonly MexicanState[]);
  }

  static readonly DEFAULT = PermitEligibilityPolicy.of(DEFAULT_ELIGIBLE_STATES);

  isEligible(state: MexicanState): boolean {
    return this.states.has(state);
  }

  get eligibleStates(): MexicanState[] {
    return [...this.states];
  }
}
