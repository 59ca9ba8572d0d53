/**
 * @frontera/employers-application — the use cases of the employers context: commands, handlers,
 * ports, the authorization policy and the mapping of domain events to integration events.
 * No infrastructure: the service implements the ports (see README.md).
 */

// Shared
export { accessDenied, EmployerCommandErrors, employerNotFound } from './shared/application-errors';
export { readFor } from './shared/employer-read';
export type { EmployerRead } from './shared/employer-read';
export { EmployerCommandRunner, employerLockKey } from './shared/employer-command.runner';
export type { EmployerCommandDeps } from './shared/employer-command.runner';

// Ports (the aggregate lock, clock and ids are @frontera/shared-application's)
export type { RegistrationNumberSequence } from './ports/registration-number.sequence.port';
export type {
  EmployerListFilter,
  EmployerListScope,
  EmployerRepository,
  InsertOutcome,
  Page,
  PageRequest,
  SaveOptions,
  SaveOutcome,
} from './ports/employer.repository.port';

// Authorization
export {
  EMPLOYER_OPERATIONS,
  listScopeFor,
  mayAttempt,
  mayOperateOn,
  maySeeRiskAssessment,
  personalDataAccess,
  rolesFor,
  scopeTargetOf,
} from './authorization/employer-access.policy';
export type {
  AccessDecision,
  DenialReason,
  EmployerOperation,
  EmployerScopeTarget,
  PersonalDataAccess,
  ReadContext,
} from './authorization/employer-access.policy';

// Integration events
export { EMPLOYER_EVENT_TYPES, toIntegrationEvents } from './events/integration-events';
export type { EmployerEventType, EmployerIntegrationEvent, EventOrigin } from './events/integration-events';

// Use cases
export * from './use-cases/register-employer/register-employer.command';
export * from './use-cases/register-employer/register-employer.handler';
export * from './use-cases/verify-employer/verify-employer.command';
export * from './use-cases/verify-employer/verify-employer.handler';
export * from './use-cases/officer-decisions/officer-decisions.transitions';
export * from './use-cases/report-employer-change/report-employer-change.command';
export * from './use-cases/report-employer-change/report-employer-change.handler';
export * from './use-cases/add-worksite/add-worksite.command';
export * from './use-cases/add-worksite/add-worksite.handler';
export * from './use-cases/update-worksite/update-worksite.command';
export * from './use-cases/update-worksite/update-worksite.handler';
export * from './use-cases/close-worksite/close-worksite.command';
export * from './use-cases/close-worksite/close-worksite.handler';
export * from './use-cases/apply-audit-outcome/apply-audit-outcome.command';
export * from './use-cases/apply-audit-outcome/apply-audit-outcome.handler';
export * from './use-cases/record-risk-change/record-risk-change.command';
export * from './use-cases/record-risk-change/record-risk-change.handler';
export * from './use-cases/record-permit-headcount/record-permit-headcount.command';
export * from './use-cases/record-permit-headcount/record-permit-headcount.handler';
export * from './use-cases/get-employer/get-employer.query';
export * from './use-cases/get-employer/get-employer.handler';
export * from './use-cases/list-employers/list-employers.query';
export * from './use-cases/list-employers/list-employers.handler';
export * from './use-cases/get-employer-history/get-employer-history.query';
export * from './use-cases/get-employer-history/get-employer-history.handler';
