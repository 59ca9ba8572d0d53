/** Values shared by several event contracts. */
export const MEXICAN_STATES = [
  'AGU',
  'BCN',
  'BCS',
  'CAM',
  'CHP',
  'CHH',
  'CMX',
  'COA',
  'COL',
  'DUR',
  'GUA',
  'GRO',
  'HID',
  'JAL',
  'MEX',
  'MIC',
  'MOR',
  'NAY',
  'NLE',
  'OAX',
  'PUE',
  'QUE',
  'ROO',
  'SLP',
  'SIN',
  'SON',
  'TAB',
  'TAM',
  'TLA',
  'VER',
  'YUC',
  'ZAC',
] as const;
/** ISO 3166-2:MX subdivision codes without the "MX-" prefix (CHP Chiapas, CAM Campeche, TAB Tabasco, ROO Quintana Roo). */
export type MexicanState = (typeof MEXICAN_STATES)[number];

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

export const FINDING_SEVERITIES = ['MINOR', 'SERIOUS', 'CRITICAL'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

export const AUDIT_OUTCOMES = ['COMPLIANT', 'VIOLATIONS', 'REFERRAL'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const AUDIT_KINDS = ['PERIODIC', 'COMPLAINT', 'FOLLOW_UP', 'RANDOM'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export const RISK_TIERS = ['HIGH', 'MEDIUM', 'LOW'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

export const REFERRAL_AGENCIES = [
  'FEDERAL_PROSECUTOR',
  'STATE_PROSECUTOR',
  'VICTIM_SERVICES',
  'LABOUR_AUTHORITY',
] as const;
export type ReferralAgency = (typeof REFERRAL_AGENCIES)[number];

export const WORKER_NATIONALITIES = ['GTM', 'BLZ'] as const;
