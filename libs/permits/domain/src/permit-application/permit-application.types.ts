/*
 * Value sets of the permit application aggregate.
 */

/**
 * NEW: a first permit for the worker at this employer. TRANSFER: another employer takes on a worker
 * whose permit became transferable (`transferFromPermitId`); the old permit ends TRANSFERRED when
 * the new one issues. RENEWAL: the same employer renews a permit (`renewsPermitId`) with a new
 * offer; approval renews that permit instead of issuing one.
 */
export const APPLICATION_KINDS = ['NEW', 'TRANSFER', 'RENEWAL'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];

export const APPLICATION_STATUSES = ['SUBMITTED', 'APPROVED', 'REJECTED', 'WITHDRAWN'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
