/**
 * @frontera/shared-kernel — the value lists every bounded context and the event contracts agree on
 * (the published language's vocabulary). Pure values and their types only: no framework, no
 * validation library, no other workspace library (lint enforces it: `type:kernel`).
 */
export { MEXICAN_STATES, MEXICAN_STATE_NAMES, TVTF_ELIGIBLE_STATES, isMexicanState } from './mexican-states';
export type { MexicanState } from './mexican-states';
export { COMPLIANCE_RATINGS, EMPLOYER_KINDS, EMPLOYER_STATUSES, SECTORS } from './employer-values';
export type { ComplianceRating, EmployerKind, EmployerStatus, Sector } from './employer-values';
export {
  AUDIT_KINDS,
  AUDIT_OUTCOMES,
  FINDING_SEVERITIES,
  REFERRAL_AGENCIES,
  RISK_TIERS,
} from './audit-values';
export type { AuditKind, AuditOutcome, FindingSeverity, ReferralAgency, RiskTier } from './audit-values';
export { WORKER_NATIONALITIES } from './worker-values';
export type { WorkerNationality } from './worker-values';
