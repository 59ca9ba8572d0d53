import type { PermitStatus } from '@frontera/permits-domain';

/** Public verification with the token of the card's QR code. */
export interface VerifyByTokenQuery {
  /** As received: any string (a token of the wrong shape is simply one no permit has). */
  readonly token: string;
}

/** Public verification with the permit number as a person types it, plus the worker's year of birth. */
export interface VerifyByNumberQuery {
  /** As typed: case, spaces and dashes do not matter (`PermitNumber.parse`). */
  readonly number: string;
  readonly birthYear: number;
}

/**
 * Everything public verification answers (docs/domain/permits.md, "Public verification"): valid or
 * not, status, last valid day, the employer's public name and the worker's initials. Nothing else:
 * no ids, no permit number, no dates but the expiry, no other personal data.
 */
export interface PublicVerification {
  /** Valid now: ACTIVE and within its validity (`Permit.isValidAt`). */
  readonly valid: boolean;
  readonly status: PermitStatus;
  /** `YYYY-MM-DD`, the last day the permit is valid, in its state's calendar. */
  readonly lastValidDay: string;
  /** The employer's public name, or null when it has none (an individual): the adapter shows a generic label. */
  readonly employerPublicName: string | null;
  /** "J. L. P. L." (`Worker.initials`). */
  readonly workerInitials: string;
}
