/**
 * @frontera/permits-domain — the permits bounded context's domain model: workers and duplicate
 * detection, permit applications and eligibility, permits (number, verification token, lifecycle,
 * transfers, expiry buckets) and the employer standing read model. Pure TypeScript, no framework, no
 * I/O, no clock, no id generator. See README.md.
 *
 * Test builders are NOT exported here: they live in the separate entry `@frontera/permits-domain/testing`.
 */

// Errors
export { PermitErrors } from './errors/permit-errors';
export type { PermitErrorKey } from './errors/permit-errors';

// Values shared with the contracts and the other contexts (defined once, in the shared kernel)
export { TVTF_ELIGIBLE_STATES, WORKER_NATIONALITIES } from '@frontera/shared-kernel';
export type { WorkerNationality } from '@frontera/shared-kernel';

// Shared values of this context
export { CalendarDate, isLeapYear } from './shared/calendar-date.value-object';
export { DailyWage, MAX_DAILY_WAGE } from './shared/daily-wage.value-object';
export { PERSONAL_DATA_SUMMARY } from './shared/history';
export type { HistoryEntry } from './shared/history';

// Workers
export { Worker } from './worker/worker.aggregate';
export type { RegisterWorker } from './worker/worker.aggregate';
export { CORRECTABLE_FIELDS, EARLIEST_DATE_OF_BIRTH } from './worker/biographical-data.value-object';
export type { BiographicalData, WorkerCorrections } from './worker/biographical-data.value-object';
export { IdentityDocument, normaliseDocumentNumber } from './worker/identity-document.value-object';
export type { IdentityDocumentProps } from './worker/identity-document.value-object';
export { MAX_GIVEN_NAMES, PersonName } from './worker/person-name.value-object';
export type { PersonNameProps, SurnamesProps } from './worker/person-name.value-object';
export { Phone } from './worker/phone.value-object';
export { HomeAddress, PlaceOfBirth } from './worker/places.value-object';
export type { HomeAddressProps, PlaceOfBirthProps } from './worker/places.value-object';
export { IDENTITY_DOCUMENT_TYPES, SEXES, WORKER_STATUSES } from './worker/worker.types';
export type { IdentityDocumentType, Sex, WorkerStatus } from './worker/worker.types';
export {
  allowedWorkerActions,
  nextWorkerStatus,
  WORKER_ACTIONS,
  WORKER_LIFECYCLE,
} from './worker/worker-lifecycle';
export type { WorkerAction } from './worker/worker-lifecycle';
export {
  isPersonalDataField,
  personalDataPaths,
  WORKER_PERSONAL_DATA_PATHS,
} from './worker/worker-personal-data';
export { READ_PURPOSE_MAX_LENGTH, requireReadPurpose } from './worker/personal-data-read.policy';
export { DEFAULT_SHARED_PHONE_THRESHOLD, sharedContactSignal } from './worker/shared-contact.policy';
export type { SharedContactSignal, SharedContactWorker } from './worker/shared-contact.policy';
export { WORKER_DOMAIN_EVENT_TYPES } from './worker/worker.events';
export type {
  WorkerCorrected,
  WorkerDomainEvent,
  WorkerDomainEventType,
  WorkerDuplicateResolved,
  WorkerMerged,
  WorkerPossibleDuplicateFlagged,
  WorkerRegistered,
} from './worker/worker.events';
export { WORKER_SNAPSHOT_SCHEMA_VERSION } from './worker/worker.snapshot';
export type {
  AbsorbedRecord,
  DuplicateResolution,
  PossibleDuplicate,
  WorkerSnapshot,
} from './worker/worker.snapshot';

// Duplicate detection
export {
  nameTokens,
  normaliseName,
  phoneticKey,
  phoneticTokens,
} from './worker/duplicates/name-normalisation';
export { jaro, jaroWinkler } from './worker/duplicates/jaro-winkler';
export {
  classifyDuplicate,
  compareDatesOfBirth,
  compareWorkers,
  DEFAULT_DUPLICATE_THRESHOLD,
  DUPLICATE_CLASSIFICATIONS,
  DUPLICATE_SCORING,
  duplicateBlockingKeys,
  duplicateThreshold,
  MIN_DUPLICATE_THRESHOLD_EXCLUSIVE,
  nameSimilarity,
  scoreDuplicate,
} from './worker/duplicates/duplicate-scoring.policy';
export type {
  DateOfBirthMatch,
  DuplicateCandidate,
  DuplicateClassification,
  DuplicateProfile,
  DuplicateScore,
} from './worker/duplicates/duplicate-scoring.policy';

// Applications
export { PermitApplication } from './permit-application/permit-application.aggregate';
export type {
  ApprovedApplication,
  SubmitApplication,
} from './permit-application/permit-application.aggregate';
export { APPLICATION_KINDS, APPLICATION_STATUSES } from './permit-application/permit-application.types';
export type { ApplicationKind, ApplicationStatus } from './permit-application/permit-application.types';
export {
  APPLICATION_ACTIONS,
  APPLICATION_LIFECYCLE,
  allowedApplicationActions,
  nextApplicationStatus,
} from './permit-application/permit-application-lifecycle';
export type { ApplicationAction } from './permit-application/permit-application-lifecycle';
export { APPLICATION_DOMAIN_EVENT_TYPES } from './permit-application/permit-application.events';
export type {
  ApplicationApproved,
  ApplicationDomainEvent,
  ApplicationDomainEventType,
  ApplicationRejected,
  ApplicationSubmitted,
  ApplicationWithdrawn,
} from './permit-application/permit-application.events';
export { APPLICATION_SNAPSHOT_SCHEMA_VERSION } from './permit-application/permit-application.snapshot';
export type {
  ApplicationDecision,
  PermitApplicationSnapshot,
} from './permit-application/permit-application.snapshot';

// Eligibility
export { ageOn, assertEligible, checkEligibility, ELIGIBILITY_RULES } from './eligibility/eligibility.policy';
export type {
  ApplicationFacts,
  EligibilityContext,
  EligibilityFacts,
  EligibilityFailure,
  EligibilityResult,
  EligibilityRule,
  EmployerFacts,
  HeldPermitFacts,
  ReplacedPermitFacts,
  WorksiteFacts,
} from './eligibility/eligibility.policy';
export { eligibilityRules, TVTF_MINIMUM_AGE } from './eligibility/eligibility-rules';
export type { EligibilityConfig, EligibilityRules } from './eligibility/eligibility-rules';
export { ELIGIBILITY_CODES, EligibilityFailures } from './eligibility/eligibility-failures';
export type { EligibilityCode } from './eligibility/eligibility-failures';

// Permits
export { Permit } from './permit/permit.aggregate';
export type { IssuePermit, PermitPublicView, RenewalOffer } from './permit/permit.aggregate';
export {
  isValidMod37_2,
  MOD_37_2_CHARACTERS,
  mod37_2CheckCharacter,
  PERMIT_NUMBER_ALPHABET,
  PERMIT_NUMBER_RANDOM_LENGTH,
  PermitNumber,
} from './permit/permit-number.value-object';
export type {
  IssuePermitNumber,
  PermitNumberProblem,
  RandomSource,
} from './permit/permit-number.value-object';
export {
  VERIFICATION_TOKEN_MAX_LENGTH,
  VERIFICATION_TOKEN_MIN_LENGTH,
  VerificationToken,
} from './permit/verification-token.value-object';
export {
  allowedPermitActions,
  isPermitActionAllowed,
  nextPermitStatus,
  PERMIT_ACTIONS,
  PERMIT_LIFECYCLE,
} from './permit/permit-lifecycle';
export type { PermitAction } from './permit/permit-lifecycle';
export {
  DEFAULT_NOTICE_DAYS,
  DEFAULT_UTC_OFFSET_MINUTES,
  PERMIT_STATE_UTC_OFFSET_MINUTES,
  permitPolicy,
  utcOffsetOfState,
} from './permit/permit.config';
export type { PermitOptions, PermitPolicy, PermitValidity } from './permit/permit.config';
export {
  HELD_PERMIT_STATUSES,
  PERMIT_END_REASONS,
  PERMIT_STATUSES,
  TRANSFER_CAUSES,
} from './permit/permit.types';
export type { PermitEndReason, PermitStatus, TransferCause } from './permit/permit.types';
export { PERMIT_DOMAIN_EVENT_TYPES } from './permit/permit.events';
export type {
  PermitDomainEvent,
  PermitDomainEventType,
  PermitEnded,
  PermitExpired,
  PermitExpiring,
  PermitIssued,
  PermitReinstated,
  PermitRenewed,
  PermitRevoked,
  PermitSuspended,
  PermitTransferable,
  PermitTransferred,
} from './permit/permit.events';
export {
  auditFindingFacts,
  forcedLabourMakesTransferable,
  isSameFinding,
  MAX_REMEMBERED_AUDIT_FINDINGS,
} from './permit/permit-audit-findings';
export type { AuditFindingFacts, PermitAuditFinding } from './permit/permit-audit-findings';
export { permitVerificationEntry, verificationStatusAt } from './permit/permit-verification';
export type { PermitVerificationEntry, PermitVerificationStatus } from './permit/permit-verification';
export { PERMIT_SNAPSHOT_SCHEMA_VERSION } from './permit/permit.snapshot';
export type { PermitDecisionRecord, PermitSnapshot, PermitTransferability } from './permit/permit.snapshot';

// Employer standing read model
export {
  applyEmployerFact,
  EMPLOYER_FACT_TYPES,
  EMPLOYER_SUSPENSION_CAUSES,
  employerFactsOf,
  MAX_STANDING_CAPACITY,
  mayApply,
  readEmployerStanding,
  transferTrigger,
  worksiteFactsOf,
} from './employer-standing/employer-standing.read-model';
export type {
  EmployerFact,
  EmployerFactType,
  EmployerStanding,
  EmployerSuspensionCause,
  StandingWorksite,
  WorksiteFact,
} from './employer-standing/employer-standing.read-model';

// Harvest rosters (cuadrillas)
export { RosterErrors } from './roster/roster-errors';
export type { RosterErrorKey } from './roster/roster-errors';
export {
  isRosterColumn,
  ROSTER_COLUMN_NAMES,
  ROSTER_COLUMNS,
  RosterLayout,
  rosterRecordOf,
} from './roster/roster-columns';
export type { RosterColumnName, RosterRow } from './roster/roster-columns';
export {
  allowedRosterImportActions,
  ROSTER_FAILURES,
  ROSTER_IMPORT_ACTIONS,
  ROSTER_IMPORT_LIFECYCLE,
  ROSTER_IMPORT_SNAPSHOT_SCHEMA_VERSION,
  ROSTER_IMPORT_STATUSES,
  RosterImport,
} from './roster/roster-import.aggregate';
export type {
  BatchOutcome,
  ReceiveRoster,
  RecordedBatchErrors,
  RosterFailure,
  RosterImportAction,
  RosterImportCompleted,
  RosterImportDomainEvent,
  RosterImportSnapshot,
  RosterImportStatus,
  RosterRowError,
} from './roster/roster-import.aggregate';
