export const AUDIT_KINDS = ['PERIODIC', 'COMPLAINT', 'FOLLOW_UP', 'RANDOM'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** The verdict of a finished audit. */
export const AUDIT_OUTCOMES = ['COMPLIANT', 'VIOLATIONS', 'REFERRAL'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const FINDING_SEVERITIES = ['MINOR', 'SERIOUS', 'CRITICAL'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

export const RISK_TIERS = ['HIGH', 'MEDIUM', 'LOW'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

export const REFERRAL_AGENCIES = [
  'FEDERAL_PROSECUTOR',
  'STATE_PROSECUTOR',
  'VICTIM_SERVICES',
  'LABOUR_AUTHORITY',
] as const;
export type ReferralAgency = (typeof REFERRAL_AGENCIES)[number];
