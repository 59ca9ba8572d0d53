import type { Permit } from './permit.aggregate';
import type { PermitStatus } from './permit.types';

/**
 * What public verification keeps of one permit, ready to answer (the verification read model,
 * decision 0036): the permit's status and validity, the employer's public name and the worker's
 * initials and year of birth — nothing else. The adapter stores the year of birth only as a keyed
 * check and the token only as its keyed index.
 */
export interface PermitVerificationEntry {
  readonly permitId: string;
  /** The permit's version the entry was made from. */
  readonly permitVersion: number;
  /** Compact number (`PermitNumber.compact`): the lookup of verification by number. */
  readonly compactNumber: string;
  /** The card's QR token: the lookup of verification by token (stored as its keyed index only). */
  readonly verificationToken: string;
  readonly status: PermitStatus;
  /** ISO-8601 instant the permit starts being valid (the start of its first day in its state). */
  readonly validFrom: string;
  /** ISO-8601 instant it stops being valid. */
  readonly validUntil: string;
  /** `YYYY-MM-DD`, the last valid day. */
  readonly lastValidDay: string;
  readonly employerPublicName: string | null;
  readonly workerInitials: string;
  /** Checked against the year a verifier types (stored as a keyed check only). */
  readonly workerBirthYear: number;
}

/** What the verifier is told from an entry (with the public name and initials). */
export interface PermitVerificationStatus {
  readonly valid: boolean;
  readonly status: PermitStatus;
  readonly lastValidDay: string;
}

/** The entry of `permit`, with its worker's initials and year of birth and its employer's public name. */
export function permitVerificationEntry(
  permit: Permit,
  worker: { readonly initials: string; readonly birthYear: number },
  employerPublicName: string | null,
): PermitVerificationEntry {
  return {
    permitId: permit.id,
    permitVersion: permit.version,
    compactNumber: permit.number.compact,
    verificationToken: permit.verificationToken.value,
    status: permit.status,
    validFrom: permit.validFrom.startInstant(permit.utcOffsetMinutes).toISOString(),
    validUntil: permit.validUntil.toISOString(),
    lastValidDay: permit.lastValidDay.toString(),
    employerPublicName,
    workerInitials: worker.initials,
    workerBirthYear: worker.birthYear,
  };
}

/**
 * Valid at `now` exactly as `Permit.isValidAt` says: ACTIVE, at or after the start of its first day
 * and before the end of its validity. Computed when asked, so an entry never goes stale by time
 * alone: a permit whose validity ran out is not valid even before the sweep marks it EXPIRED.
 */
export function verificationStatusAt(
  entry: Pick<PermitVerificationEntry, 'status' | 'validFrom' | 'validUntil' | 'lastValidDay'>,
  now: Date,
): PermitVerificationStatus {
  const at = now.getTime();
  return {
    valid:
      entry.status === 'ACTIVE' && at >= Date.parse(entry.validFrom) && at < Date.parse(entry.validUntil),
    status: entry.status,
    lastValidDay: entry.lastValidDay,
  };
}
