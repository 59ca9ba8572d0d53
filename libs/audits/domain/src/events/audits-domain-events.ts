import { COMPLAINT_DOMAIN_EVENT_TYPES, type ComplaintDomainEvent } from '../complaint/complaint.events';
import { INSPECTOR_DOMAIN_EVENT_TYPES, type InspectorDomainEvent } from '../inspector/inspector.events';
import { AUDIT_PLAN_DOMAIN_EVENT_TYPES, type AuditPlanDomainEvent } from '../plan/audit-plan.events';
import { REFERRAL_DOMAIN_EVENT_TYPES, type ReferralDomainEvent } from '../referral/referral.events';
import { AUDIT_TASK_DOMAIN_EVENT_TYPES, type AuditTaskDomainEvent } from '../task/audit-task.events';

/** Every domain event of the audits context. */
export type AuditsDomainEvent =
  | AuditTaskDomainEvent
  | AuditPlanDomainEvent
  | InspectorDomainEvent
  | ComplaintDomainEvent
  | ReferralDomainEvent;

export type AuditsDomainEventType = AuditsDomainEvent['type'];

export const AUDITS_DOMAIN_EVENT_TYPES: readonly AuditsDomainEventType[] = Object.freeze([
  ...AUDIT_TASK_DOMAIN_EVENT_TYPES,
  ...AUDIT_PLAN_DOMAIN_EVENT_TYPES,
  ...INSPECTOR_DOMAIN_EVENT_TYPES,
  ...COMPLAINT_DOMAIN_EVENT_TYPES,
  ...REFERRAL_DOMAIN_EVENT_TYPES,
]);

/**
 * Where each domain event goes, for the application layer's exhaustive mapping (docs/conventions.md,
 * Events): a contract event of `libs/contracts` that exists today (`CATALOGUE`), one to add (`TO_ADD`,
 * with the proposed type), or none (`INTERNAL`: the audits service's own state and lists; some of these
 * carry planned dates and must never be published where an employer can read them).
 */
export type ContractMapping =
  | { readonly kind: 'CATALOGUE'; readonly contract: string; readonly change: string | null }
  | { readonly kind: 'TO_ADD'; readonly contract: string; readonly change: string }
  | { readonly kind: 'INTERNAL'; readonly why: string };

const catalogue = (contract: string, change: string | null = null): ContractMapping => ({
  kind: 'CATALOGUE',
  contract,
  change,
});
const toAdd = (contract: string, change: string): ContractMapping => ({ kind: 'TO_ADD', contract, change });
const internal = (why: string): ContractMapping => ({ kind: 'INTERNAL', why });

export const AUDITS_EVENT_CONTRACTS: Readonly<Record<AuditsDomainEventType, ContractMapping>> = Object.freeze(
  {
    // audit tasks (topic frontera.audits.task.v1, key employerId)
    AuditTaskCreated: catalogue(
      'frontera.audit.task.created',
      'dueDate ← dueAt, priority ← priorityLevel; optional additions: state, originType, originId',
    ),
    AuditTaskAssigned: catalogue(
      'frontera.audit.task.assigned',
      'optional addition: mode (AUTOMATIC | MANUAL)',
    ),
    AuditTaskReassigned: catalogue(
      'frontera.audit.task.assigned',
      'optional additions: mode, previousInspectorId, reason (a reassignment is an assignment to a new inspector)',
    ),
    AuditTaskReleased: toAdd(
      'frontera.audit.task.unassigned',
      'taskId, employerId, previousInspectorId, reason',
    ),
    AuditStarted: toAdd(
      'frontera.audit.task.started',
      'taskId, employerId, worksiteId, kind, inspectorId, startedAt',
    ),
    AuditFindingRecorded: internal(
      'findings are published with the outcome (frontera.audit.outcome.recorded)',
    ),
    AuditFindingRemoved: internal('findings are published with the outcome'),
    AuditCompleted: catalogue(
      'frontera.audit.outcome.recorded',
      'outcome uses the kernel spelling REFERRAL; correctiveActionDeadline YYYY-MM-DD; optional additions: worksiteId, inspectorId, state',
    ),
    AuditCancelled: toAdd(
      'frontera.audit.task.cancelled',
      'taskId, employerId, worksiteId, kind, fromStatus, reason, actorId',
    ),
    AuditTaskRescheduled: internal(
      'a planned date; consumers of task.created dueDate would need task.rescheduled',
    ),
    AuditOverdue: toAdd(
      'frontera.audit.task.overdue',
      'taskId, employerId, worksiteId, kind, priority, status, inspectorId, state',
    ),
    // plans (risk: topic frontera.audits.risk.v1)
    AuditPlanStarted: internal('the plan is the audits service’s own schedule'),
    AuditScheduled: internal('planned dates: never published'),
    AuditPlanRescheduled: internal('planned dates: never published'),
    EmployerRiskChanged: catalogue(
      'frontera.audit.risk.changed',
      'RiskFactorV1.factor ← code, explanation ← es; optional additions: RiskFactorV1.weight, previousTier, tierFloor',
    ),
    AuditPlanCancelled: internal('follows employer.deregistered'),
    RandomAuditDrawn: internal('a RANDOM task.created follows when selected'),
    RetaliationDetected: toAdd(
      'frontera.audit.retaliation.detected',
      'employerId, patternKey, triggerKind, triggerId, endedPermits (proposal, for reports; no permit ids)',
    ),
    // inspectors
    InspectorRegistered: internal('inspectors are managed inside the audits service'),
    InspectorAreasChanged: internal('inspectors are managed inside the audits service'),
    InspectorCapacityChanged: internal('inspectors are managed inside the audits service'),
    InspectorConflictDeclared: internal('inspectors are managed inside the audits service'),
    InspectorConflictWithdrawn: internal('inspectors are managed inside the audits service'),
    InspectorDeactivated: internal('inspectors are managed inside the audits service'),
    InspectorActivated: internal('inspectors are managed inside the audits service'),
    // complaints (topic frontera.audits.complaint.v1, key complaintId)
    ComplaintReceived: catalogue(
      'frontera.audit.complaint.received',
      'channel ← one of COMPLAINT_CHANNELS; optional additions: worksiteId, state, forcedLabourIndicator',
    ),
    ComplaintInformationAdded: internal('for the supervisors’ list'),
    ComplaintTriaged: internal('the COMPLAINT task.created (originId = complaintId) follows'),
    ComplaintDismissed: toAdd(
      'frontera.audit.complaint.closed',
      'complaintId, employerId?, resolution DISMISSED | AUDITED, actorId',
    ),
    ComplaintReferred: internal('the referral’s own referral.created follows'),
    ComplaintClosed: toAdd(
      'frontera.audit.complaint.closed',
      'complaintId, employerId?, resolution AUDITED, taskId?',
    ),
    // referrals (topic frontera.audits.referral.v1)
    ReferralCreated: catalogue(
      'frontera.audit.referral.created',
      'CHANGE NEEDED: taskId and employerId optional (a complaint referral has no task, a place complaint no employer); additions: complaintId, sourceType, state, indicators',
    ),
    ReferralAcknowledged: catalogue(
      'frontera.audit.referral.acknowledged',
      'ReferralUpdatedV1.employerId must become optional; addition: late',
    ),
    ReferralClosed: catalogue(
      'frontera.audit.referral.closed',
      'outcome ← a REFERRAL_OUTCOMES code; ReferralUpdatedV1.employerId optional; additions: victimsAssisted, state, indicators',
    ),
    ReferralOverdue: toAdd(
      'frontera.audit.referral.overdue',
      'referralId, employerId?, agency, state, acknowledgementDueAt',
    ),
  },
);
