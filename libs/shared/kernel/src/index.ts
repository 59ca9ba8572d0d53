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

// Value objects and building blocks every context's domain uses.
export { CalendarDate, isLeapYear } from './calendar/calendar-date.value-object';
export {
  describeChange,
  historyEntry,
  PERSONAL_DATA_SUMMARY,
  type HistoryContext,
  type HistoryEntry,
} from './history/history-entry';

// Errors: the one error base and catalogue of every layer and context.
export { AppError, defineError, defineErrors } from './errors/app-error';
export type {
  AppErrorOptions,
  ErrorDefinition,
  ErrorParamValue,
  ErrorParams,
  ErrorParamsOf,
  ErrorSpec,
  FieldError,
} from './errors/app-error';
export { commandErrorsFor, ListErrors, LockErrors } from './errors/common-errors';
export type { CommandErrors } from './errors/common-errors';
export { FIELD_CONSTRAINTS, isFieldConstraint } from './errors/field-constraints';
export type { FieldConstraint } from './errors/field-constraints';
export { DEFAULT_LANGUAGE, LANGUAGES } from './errors/language';
export type { Language, Localized } from './errors/language';

// Callers: one list of roles and one caller type.
export { isPersonRole, isRole, PERSON_ROLES, ROLES, SYSTEM_CALLER } from './callers/caller';
export type { Caller, CallerIdentity, PersonRole, Role } from './callers/caller';

// Limits shared by request validation, domain rules and event contracts.
export { ID_PATTERN, LIMITS } from './limits/limits';
export type { Limit } from './limits/limits';
export {
  allOf,
  ALLOW,
  belongsToEmployer,
  deny,
  isAssignedInspector,
  isScopeDenial,
  roleIsOneOf,
  worksInMunicipality,
  worksInState,
} from './callers/access';
export type { AccessDecision, DenialReason } from './callers/access';
