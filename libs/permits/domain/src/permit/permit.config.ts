import type { MexicanState } from '@frontera/shared-kernel';
import { PermitErrors } from '../errors/permit-errors';

/**
 * Fixed UTC offsets (minutes) that decide a permit's calendar days — when its validity starts and
 * ends, which sweep bucket it falls in. Mexico abolished daylight saving time in 2022 (outside some
 * border municipalities in the north); of the program's states, Quintana Roo is on UTC−5 and
 * Chiapas, Campeche and Tabasco on UTC−6. Other states default to UTC−6 (central Mexico).
 */
export const PERMIT_STATE_UTC_OFFSET_MINUTES: Readonly<Partial<Record<MexicanState, number>>> = Object.freeze(
  {
    ROO: -300,
  },
);
export const DEFAULT_UTC_OFFSET_MINUTES = -360;

export function utcOffsetOfState(state: MexicanState): number {
  return PERMIT_STATE_UTC_OFFSET_MINUTES[state] ?? DEFAULT_UTC_OFFSET_MINUTES;
}

export interface PermitValidity {
  /** Default 1 when neither is given. */
  readonly years?: number;
  readonly days?: number;
}

/** How permits are issued and swept; the service passes them from its configuration. */
export interface PermitOptions {
  /** How long a permit is valid from its first day: one year by default (short ones for tests). */
  readonly validity?: PermitValidity;
  /** How many days before expiry the "expires soon" notice is due: 30 by default. */
  readonly noticeDays?: number;
  /** The UTC offset of a state's days (default {@link utcOffsetOfState}). */
  readonly utcOffsetMinutes?: (state: MexicanState) => number;
}

export interface PermitPolicy {
  readonly validity: { readonly years: number; readonly days: number };
  readonly noticeDays: number;
  readonly utcOffsetMinutes: (state: MexicanState) => number;
}

export const DEFAULT_NOTICE_DAYS = 30;

/** Checks the options once (an invalid one is refused with PERMIT.INVALID_OPTIONS). */
export function permitPolicy(options: PermitOptions = {}): PermitPolicy {
  const INVALID = PermitErrors.INVALID_OPTIONS;
  const given = options.validity;
  const years = given ? (given.years ?? 0) : 1;
  const days = given ? (given.days ?? 0) : 0;
  if (!Number.isInteger(years) || years < 0 || years > 5) {
    throw INVALID.create({ field: 'validity.years', constraint: 'OUT_OF_RANGE', min: 0, max: 5 });
  }
  if (!Number.isInteger(days) || days < 0 || days > 3660) {
    throw INVALID.create({ field: 'validity.days', constraint: 'OUT_OF_RANGE', min: 0, max: 3660 });
  }
  if (years === 0 && days === 0) throw INVALID.create({ field: 'validity', constraint: 'REQUIRED' });
  const noticeDays = options.noticeDays ?? DEFAULT_NOTICE_DAYS;
  if (!Number.isInteger(noticeDays) || noticeDays < 0 || noticeDays > 365) {
    throw INVALID.create({ field: 'noticeDays', constraint: 'OUT_OF_RANGE', min: 0, max: 365 });
  }
  return Object.freeze({
    validity: Object.freeze({ years, days }),
    noticeDays,
    utcOffsetMinutes: options.utcOffsetMinutes ?? utcOffsetOfState,
  });
}
