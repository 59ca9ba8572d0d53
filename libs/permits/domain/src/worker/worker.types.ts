/*
 * Value sets of the worker aggregate that only this context uses. Nationalities a permit may be
 * issued to (GTM, BLZ) come from @frontera/shared-kernel (WORKER_NATIONALITIES); any country may be
 * *registered*, eligibility decides.
 */

/** As the identity document states it: F female, M male, X neither / not stated. */
export const SEXES = ['F', 'M', 'X'] as const;
export type Sex = (typeof SEXES)[number];

/** NATIONAL_ID: a national identity card, e.g. Guatemala's DPI (Documento Personal de Identificación). */
export const IDENTITY_DOCUMENT_TYPES = ['PASSPORT', 'NATIONAL_ID', 'BORDER_CROSSING_CARD', 'OTHER'] as const;
export type IdentityDocumentType = (typeof IDENTITY_DOCUMENT_TYPES)[number];

/** ACTIVE: the record in use. MERGED: a duplicate folded into another record (`mergedInto`); frozen. */
export const WORKER_STATUSES = ['ACTIVE', 'MERGED'] as const;
export type WorkerStatus = (typeof WORKER_STATUSES)[number];
