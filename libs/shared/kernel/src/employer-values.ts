/** COMPANY = persona moral (12-character RFC), INDIVIDUAL = persona física (13-character RFC). */
export const EMPLOYER_KINDS = ['COMPANY', 'INDIVIDUAL'] as const;
export type EmployerKind = (typeof EMPLOYER_KINDS)[number];

export const EMPLOYER_STATUSES = [
  'PENDING_VERIFICATION',
  'ACTIVE',
  'SUSPENDED',
  'DEREGISTERED',
  'REJECTED',
] as const;
export type EmployerStatus = (typeof EMPLOYER_STATUSES)[number];

/** A: good standing. B: action plan — no new permits until a re-audit passes. */
export const COMPLIANCE_RATINGS = ['A', 'B'] as const;
export type ComplianceRating = (typeof COMPLIANCE_RATINGS)[number];

export const SECTORS = [
  'COFFEE',
  'MANGO',
  'SUGAR_CANE',
  'BANANA',
  'PAPAYA',
  'OTHER_AGRICULTURE',
  'CONSTRUCTION',
  'DOMESTIC_WORK',
  'COMMERCE',
  'HOSPITALITY',
  'MANUFACTURING',
  'OTHER',
] as const;
export type Sector = (typeof SECTORS)[number];
