export * from './topics/topic-catalogue';
export * from './events/envelope';
export * from './events/event-catalogue';
export * from './events/event-validation';
export * from './events/event-factory';
export * from './events/event-schema';
export * from './events/employers/employer-events';
export * from './events/permits/permit-events';
export * from './events/audits/audit-events';

// The value lists the events use live in the shared kernel; re-exported so the contracts stay one
// import for a consumer (the same values, not a copy).
export {
  AUDIT_KINDS,
  AUDIT_OUTCOMES,
  COMPLIANCE_RATINGS,
  EMPLOYER_KINDS,
  EMPLOYER_STATUSES,
  FINDING_SEVERITIES,
  MEXICAN_STATES,
  REFERRAL_AGENCIES,
  RISK_TIERS,
  SECTORS,
  WORKER_NATIONALITIES,
} from '@frontera/shared-kernel';
export type {
  AuditKind,
  AuditOutcome,
  ComplianceRating,
  EmployerKind,
  EmployerStatus,
  FindingSeverity,
  MexicanState,
  ReferralAgency,
  RiskTier,
  Sector,
  WorkerNationality,
} from '@frontera/shared-kernel';
