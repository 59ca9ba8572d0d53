/*
 * Value sets of the permit aggregate that only this context uses.
 */

/** ACTIVE ⇄ SUSPENDED; REVOKED, EXPIRED and ENDED are final. */
export const PERMIT_STATUSES = ['ACTIVE', 'SUSPENDED', 'REVOKED', 'EXPIRED', 'ENDED'] as const;
export type PermitStatus = (typeof PERMIT_STATUSES)[number];

/** The statuses in which a permit is still held by its worker (it counts as "active" for eligibility). */
export const HELD_PERMIT_STATUSES: readonly PermitStatus[] = ['ACTIVE', 'SUSPENDED'];

/** Why a permit ENDED: the employer reported the end of the employment, or the worker moved to a new permit. */
export const PERMIT_END_REASONS = ['EMPLOYMENT_ENDED', 'TRANSFERRED'] as const;
export type PermitEndReason = (typeof PERMIT_END_REASONS)[number];

/**
 * Why a permit became transferable: its employer was suspended for critical findings, or
 * deregistered; or an audit found its worker with an indicator of forced labour (decision 0036).
 */
export const TRANSFER_CAUSES = [
  'EMPLOYER_SUSPENDED_CRITICAL_FINDINGS',
  'EMPLOYER_DEREGISTERED',
  'FORCED_LABOUR_INDICATOR',
] as const;
export type TransferCause = (typeof TRANSFER_CAUSES)[number];
