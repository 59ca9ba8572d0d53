/**
 * @frontera/employers-domain — the employers bounded context's domain model: pure TypeScript,
 * no frameworks, no I/O. See README.md for the rules, the lifecycle table and the glossary.
 *
 * Test builders are NOT exported here; they live in the separate entry `src/testing/index.ts`
 * (see README, "Test builders").
 */

// Errors
export { EmployerErrors } from './errors/employer-errors';
export type { EmployerErrorKey } from './errors/employer-errors';

// Values shared with the event contracts and the other contexts (defined once, in the shared kernel)
export {
  AUDIT_KINDS,
  COMPLIANCE_RATINGS,
  EMPLOYER_KINDS,
  EMPLOYER_STATUSES,
  FINDING_SEVERITIES,
  MEXICAN_STATES,
  RISK_TIERS,
  SECTORS,
  isMexicanState,
} from '@frontera/shared-kernel';
export type {
  AuditKind,
  ComplianceRating,
  EmployerKind,
  EmployerStatus,
  FindingSeverity,
  MexicanState,
  RiskTier,
  Sector,
} from '@frontera/shared-kernel';

// Shared values of this context
export type { Result } from './shared/result';

// RFC
export { Rfc, computeRfcCheckDigit, GENERIC_RFCS, RFC_CHARACTER_TABLE } from './rfc/rfc';
export type { RfcKind } from './rfc/rfc';

// Employer aggregate
export { Employer, REPORTABLE_FIELDS } from './employer/employer.aggregate';
export type {
  EmployerOptions,
  PermitEligibility,
  PermitIneligibilityReason,
  RegisterEmployer,
  ReportedChanges,
} from './employer/employer.aggregate';
export {
  EMPLOYER_ACTIONS,
  EMPLOYER_LIFECYCLE,
  allowedActions,
  isActionAllowed,
  nextStatus,
} from './employer/employer-lifecycle';
export type { EmployerAction } from './employer/employer-lifecycle';
export { SUSPENSION_CAUSES } from './employer/employer.types';
export type { SuspensionCause } from './employer/employer.types';
export { EMPLOYER_DOMAIN_EVENT_TYPES } from './employer/employer.events';
export type {
  EmployerDeregistered,
  EmployerDomainEvent,
  EmployerDomainEventType,
  EmployerRatingChanged,
  EmployerRegistered,
  EmployerReinstated,
  EmployerRejected,
  EmployerSuspended,
  EmployerUpdated,
  EmployerVerified,
  WorksiteAdded,
  WorksiteClosed,
  WorksiteUpdated,
} from './employer/employer.events';
export { EMPLOYER_SNAPSHOT_SCHEMA_VERSION } from './employer/employer.snapshot';
export type { Decision, EmployerSnapshot, Suspension } from './employer/employer.snapshot';
export { Address } from './employer/address.value-object';
export type { AddressProps } from './employer/address.value-object';
export { Contact } from './employer/contact.value-object';
export type { ContactProps } from './employer/contact.value-object';
export { LegalRepresentative } from './employer/legal-representative.value-object';
export type { LegalRepresentativeProps } from './employer/legal-representative.value-object';
export {
  MAX_REGISTRATION_SEQUENCE,
  REGISTRATION_NUMBER_FORMAT,
  RegistrationNumber,
} from './employer/registration-number.value-object';
export { AUDIT_VERDICTS, classifyAuditOutcome } from './employer/audit-outcome';
export type {
  AuditClassification,
  AuditEffect,
  AuditFinding,
  AuditIgnoredBecause,
  AuditOutcome,
  AuditOutcomeApplication,
  AuditRecord,
  AuditVerdict,
} from './employer/audit-outcome';
export type { RiskAssessment, RiskChange, RiskFactor } from './employer/risk-assessment';
export { PERSONAL_DATA_SUMMARY, isPersonalDataField, personalDataPaths } from './employer/change-history';
export type { ChangeHistoryEntry } from './employer/change-history';

// Worksites (entity changed only through the Employer aggregate; read as WorksiteView)
export { MEXICO_BOUNDS } from './worksite/coordinates.value-object';
export type { CoordinatesProps } from './worksite/coordinates.value-object';
export { DEFAULT_ELIGIBLE_STATES, PermitEligibilityPolicy } from './worksite/permit-eligibility.policy';
export { MAX_WORKSITE_CAPACITY, WORKSITE_FIELDS } from './worksite/worksite.entity';
export type {
  NewWorksite,
  WorksiteChanges,
  WorksiteField,
  WorksiteSnapshot,
  WorksiteStatus,
  WorksiteSummary,
  WorksiteView,
} from './worksite/worksite.entity';
