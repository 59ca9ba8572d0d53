/**
 * @frontera/audits-domain — the audits bounded context's domain model: explainable risk scores, audit
 * plans, retaliation detection, audit tasks with findings and outcomes, inspectors and the assignment
 * policy, complaints with receipt codes, referrals. Pure TypeScript, no framework, no I/O, no clock, no
 * id generator, no randomness. See README.md.
 *
 * Test builders are NOT exported here: they live in the separate entry `@frontera/audits-domain/testing`.
 */

// Errors
export { AuditErrors } from './errors/audit-errors';
export type { AuditErrorKey } from './errors/audit-errors';

// Values shared with the contracts and the other contexts (defined once, in the shared kernel)
export {
  AUDIT_KINDS,
  AUDIT_OUTCOMES,
  FINDING_SEVERITIES,
  REFERRAL_AGENCIES,
  RISK_TIERS,
} from '@frontera/shared-kernel';
export type {
  AuditKind,
  AuditOutcome,
  FindingSeverity,
  ReferralAgency,
  RiskTier,
} from '@frontera/shared-kernel';

// Shared values of this context
export { CalendarDate } from '@frontera/shared-kernel';
export {
  CODE_ALPHABET,
  isValidMod37_2,
  MOD_37_2_CHARACTERS,
  mod37_2CheckCharacter,
} from './shared/check-character';
export type { RandomSource } from './shared/check-character';
export { PERSONAL_DATA_SUMMARY } from './shared/history';
export type { HistoryEntry } from './shared/history';

// Program configuration: tier → cadence and the other periods
export {
  auditProgram,
  cadenceFor,
  DEFAULT_AUDIT_PROGRAM,
  DEFAULT_CADENCE_DAYS,
} from './config/audit-program.config';
export type { AuditProgram, AuditProgramOptions } from './config/audit-program.config';

// Risk
export {
  DEFAULT_RISK_MODEL,
  DEFAULT_RISK_WEIGHTS,
  DEFAULT_SECTOR_LEVELS,
  RISK_FACTOR_CODES,
  riskModel,
} from './risk/risk-model';
export type { HeadcountBand, RiskFactorCode, RiskModel, RiskModelOptions } from './risk/risk-model';
export { assessRisk, compareAssessments, tierOf } from './risk/risk-scoring.policy';
export type {
  AnyRiskFactorAssessment,
  EmployerRiskProfile,
  HeldPermit,
  OpenComplaint,
  PastFinding,
  RiskAssessment,
  RiskEvidence,
  RiskEvidenceByFactor,
  RiskFactorAssessment,
  SharedContactEvidence,
  TierFloorCause,
} from './risk/risk-scoring.policy';

// Permit facts: the headcount as counters (held now, daily gains and losses)
export {
  EMPTY_HEADCOUNT,
  HEADCOUNT_HISTORY_DAYS,
  headcountWindow,
  recordHeadcountChange,
} from './permit-facts/headcount-history';
export type { HeadcountDay, HeadcountHistory, HeadcountWindow } from './permit-facts/headcount-history';

// Retaliation
export {
  DEFAULT_RETALIATION_POLICY,
  detectRetaliation,
  RETALIATION_END_REASONS,
  RETALIATION_TRIGGER_KINDS,
  retaliationPolicy,
} from './retaliation/retaliation.policy';
export type {
  PermitEnding,
  RetaliationOptions,
  RetaliationPattern,
  RetaliationPolicy,
  RetaliationTrigger,
  RetaliationTriggerKind,
} from './retaliation/retaliation.policy';

// Findings and outcomes
export {
  FINDING_CATALOGUE,
  FINDING_CODES,
  findingDefinition,
  FORCED_LABOUR_INDICATOR_CODES,
  gravestSeverity,
  isFindingCode,
  isForcedLabourIndicator,
} from './findings/finding-catalogue';
export type { FindingDefinition } from './findings/finding-catalogue';
export { decideOutcome, defaultCorrectiveActionDeadline } from './findings/audit-outcome.rules';
export type { OutcomeDecision, OutcomeFinding } from './findings/audit-outcome.rules';

// Audit tasks
export {
  AUDIT_TASK_PERSONAL_DATA_PATHS,
  AuditTask,
  employerViewOf,
  MAX_FINDINGS,
  MAX_ROSTER_SIZE,
  MAX_WORKERS_AFFECTED,
  refreshedRoster,
} from './task/audit-task.aggregate';
export type {
  CompleteAudit,
  CreateAuditTask,
  EmployerAuditView,
  InspectorChoice,
  RecordFinding,
} from './task/audit-task.aggregate';
export { taskTerms } from './task/audit-task.policy';
export type { TaskTerms, TaskTermsInput } from './task/audit-task.policy';
export {
  allowedTaskActions,
  AUDIT_TASK_ACTIONS,
  AUDIT_TASK_LIFECYCLE,
  isTaskActionAllowed,
  nextTaskStatus,
} from './task/audit-task-lifecycle';
export type { AuditTaskAction } from './task/audit-task-lifecycle';
export {
  ASSIGNMENT_MODES,
  AUDIT_PRIORITIES,
  AUDIT_TASK_STATUSES,
  isOpenTaskStatus,
  OPEN_TASK_STATUSES,
  PRIORITY_LEVELS,
  ROSTER_CHECKS,
  TASK_ORIGIN_TYPES,
} from './task/audit-task.types';
export type {
  AssignmentMode,
  AuditPriority,
  AuditTaskStatus,
  ChecklistEntry,
  RosterCheck,
  RosterEntry,
  TaskOrigin,
  TaskOriginType,
} from './task/audit-task.types';
export { AUDIT_TASK_DOMAIN_EVENT_TYPES } from './task/audit-task.events';
export type {
  AuditCancelled,
  AuditCompleted,
  AuditFindingRecorded,
  AuditFindingRemoved,
  AuditFindingSummary,
  AuditOutcomeFindingSummary,
  AuditOverdue,
  AuditStarted,
  AuditTaskAssigned,
  AuditTaskCreated,
  AuditTaskDomainEvent,
  AuditTaskDomainEventType,
  AuditTaskReassigned,
  AuditTaskReleased,
  AuditTaskRescheduled,
} from './task/audit-task.events';
export { AUDIT_TASK_SNAPSHOT_SCHEMA_VERSION } from './task/audit-task.snapshot';
export type {
  AuditTaskSnapshot,
  RecordedFinding,
  TaskAssignment,
  TaskCancellation,
  TaskCompletion,
} from './task/audit-task.snapshot';

// Inspectors and the assignment policy
export {
  Inspector,
  INSPECTOR_SNAPSHOT_SCHEMA_VERSION,
  MAX_CONFLICTS,
  MAX_INSPECTOR_CAPACITY,
} from './inspector/inspector.aggregate';
export type {
  DeclaredConflict,
  InspectorAssignmentFacts,
  InspectorSnapshot,
  RegisterInspector,
} from './inspector/inspector.aggregate';
export {
  areasCover,
  inspectorAreas,
  MAX_AREA_MUNICIPALITIES,
  MAX_AREA_STATES,
  municipalityKey,
} from './inspector/inspector-area.value-object';
export type { InspectorArea, InspectorAreaInput } from './inspector/inspector-area.value-object';
export {
  allowedInspectorActions,
  INSPECTOR_ACTIONS,
  INSPECTOR_LIFECYCLE,
  INSPECTOR_STATUSES,
  nextInspectorStatus,
} from './inspector/inspector-lifecycle';
export type { InspectorAction, InspectorStatus } from './inspector/inspector-lifecycle';
export { INSPECTOR_DOMAIN_EVENT_TYPES } from './inspector/inspector.events';
export type {
  InspectorActivated,
  InspectorAreasChanged,
  InspectorCapacityChanged,
  InspectorConflictDeclared,
  InspectorConflictWithdrawn,
  InspectorDeactivated,
  InspectorDomainEvent,
  InspectorDomainEventType,
  InspectorRegistered,
} from './inspector/inspector.events';
export {
  ASSIGNMENT_RULES,
  checkManualAssignment,
  chooseInspector,
  failedAssignmentRules,
  OVERRIDABLE_RULES,
} from './inspector/assignment.policy';
export type {
  AssignmentDecision,
  AssignmentRequest,
  AssignmentRule,
  CandidateEvaluation,
  InspectorCandidate,
} from './inspector/assignment.policy';

// Complaints
export {
  COMPLAINANT_ACTOR,
  Complaint,
  COMPLAINT_CONTACT_PATHS,
  COMPLAINT_PERSONAL_DATA_PATHS,
  COMPLAINT_SNAPSHOT_SCHEMA_VERSION,
  MAX_INFORMATION_ADDITIONS,
} from './complaint/complaint.aggregate';
export type {
  AddedInformation,
  ComplainantView,
  ComplaintAuditRequest,
  ComplaintContact,
  ComplaintSnapshot,
  ComplaintSubject,
  ComplaintTriage,
  FileComplaint,
  TriageComplaint,
} from './complaint/complaint.aggregate';
export { assertSecretHash, SECRET_HASH_PATTERN, sameSecretHash } from './complaint/complaint-secret';
export {
  allowedComplaintActions,
  COMPLAINT_ACTIONS,
  COMPLAINT_LIFECYCLE,
  COMPLAINT_STATUSES,
  nextComplaintStatus,
  OPEN_COMPLAINT_STATUSES,
} from './complaint/complaint-lifecycle';
export type { ComplaintAction, ComplaintStatus } from './complaint/complaint-lifecycle';
export { COMPLAINANT_STATUSES, COMPLAINT_CHANNELS, CONTACT_LANGUAGES } from './complaint/complaint.types';
export type { ComplainantStatus, ComplaintChannel, ContactLanguage } from './complaint/complaint.types';
export { RECEIPT_CODE_RANDOM_LENGTH, ReceiptCode } from './complaint/receipt-code.value-object';
export type { IssueReceiptCode, ReceiptCodeProblem } from './complaint/receipt-code.value-object';
export { COMPLAINT_DOMAIN_EVENT_TYPES } from './complaint/complaint.events';
export type {
  ComplaintClosed,
  ComplaintDismissed,
  ComplaintDomainEvent,
  ComplaintDomainEventType,
  ComplaintInformationAdded,
  ComplaintReceived,
  ComplaintReferred,
  ComplaintTriaged,
} from './complaint/complaint.events';

// Referrals and their statistics
export {
  defaultAgenciesFor,
  MAX_VICTIMS,
  Referral,
  REFERRAL_SNAPSHOT_SCHEMA_VERSION,
} from './referral/referral.aggregate';
export type {
  AcknowledgeReferral,
  CloseReferral,
  CreateReferral,
  ReferralAcknowledgement,
  ReferralClosure,
  ReferralSnapshot,
} from './referral/referral.aggregate';
export {
  allowedReferralActions,
  nextReferralStatus,
  REFERRAL_ACTIONS,
  REFERRAL_LIFECYCLE,
} from './referral/referral-lifecycle';
export type { ReferralAction } from './referral/referral-lifecycle';
export { REFERRAL_OUTCOMES, REFERRAL_SOURCE_TYPES, REFERRAL_STATUSES } from './referral/referral.types';
export type {
  ReferralOutcome,
  ReferralSource,
  ReferralSourceType,
  ReferralStatus,
} from './referral/referral.types';
export { REFERRAL_DOMAIN_EVENT_TYPES } from './referral/referral.events';
export type {
  ReferralAcknowledged,
  ReferralClosed,
  ReferralCreated,
  ReferralDomainEvent,
  ReferralDomainEventType,
  ReferralOverdue,
} from './referral/referral.events';
export {
  applyReferralCountDeltas,
  counterId,
  counterKeyOf,
  countReferrals,
  referralCountDeltas,
  referralTotals,
} from './referral/referral-statistics';
export type {
  ReferralCountDelta,
  ReferralCounterKey,
  ReferralCountFact,
  ReferralCounts,
  ReferralCountStatus,
  ReferralMilestone,
  ReferralTotals,
} from './referral/referral-statistics';

// Audit plans and the random sample
export {
  AUDIT_PLAN_SNAPSHOT_SCHEMA_VERSION,
  AuditPlan,
  MAX_REMEMBERED_PATTERNS,
  PLAN_EMPLOYER_STATUSES,
  PLAN_STATUSES,
  RISK_PUBLISH_MIN_DELTA,
} from './plan/audit-plan.aggregate';
export type {
  AuditEnded,
  AuditPlanSnapshot,
  PlanCancellation,
  PlanEmployerStatus,
  PlanStatus,
  PlanWorksite,
  PlanWorksiteInput,
  RiskApplication,
  ScheduledAudit,
  StartPlan,
} from './plan/audit-plan.aggregate';
export { isSelectedForRandomAudit, pickIndex, randomAuditCycle } from './plan/random-sample.policy';
export { AUDIT_PLAN_DOMAIN_EVENT_TYPES } from './plan/audit-plan.events';
export type {
  AuditPlanCancelled,
  AuditPlanDomainEvent,
  AuditPlanDomainEventType,
  AuditPlanRescheduled,
  AuditPlanStarted,
  AuditScheduled,
  EmployerRiskChanged,
  RandomAuditDrawn,
  RetaliationDetected,
} from './plan/audit-plan.events';

// All domain events and where they go
export { AUDITS_DOMAIN_EVENT_TYPES, AUDITS_EVENT_CONTRACTS } from './events/audits-domain-events';
export type {
  AuditsDomainEvent,
  AuditsDomainEventType,
  ContractMapping,
} from './events/audits-domain-events';
