import { createEvent, type EventData, type EventEnvelope, type NewEvent } from '@frontera/contracts';
import type {
  AuditPlanDomainEvent,
  AuditTaskDomainEvent,
  ComplaintDomainEvent,
  InspectorDomainEvent,
  ReferralDomainEvent,
} from '@frontera/audits-domain';
import type { EventOrigin } from '@frontera/shared-application';

/** The integration events this service publishes so far (tasks, outcomes, risk). */
export const AUDITS_EVENT_TYPES = [
  'frontera.audit.task.created',
  'frontera.audit.task.assigned',
  'frontera.audit.task.unassigned',
  'frontera.audit.task.started',
  'frontera.audit.task.cancelled',
  'frontera.audit.task.overdue',
  'frontera.audit.outcome.recorded',
  'frontera.audit.risk.changed',
  'frontera.audit.retaliation.detected',
  'frontera.audit.complaint.received',
  'frontera.audit.complaint.closed',
  'frontera.audit.referral.created',
  'frontera.audit.referral.acknowledged',
  'frontera.audit.referral.closed',
  'frontera.audit.referral.overdue',
] as const;
export type AuditsEventType = (typeof AUDITS_EVENT_TYPES)[number];

export type AuditsIntegrationEvent = {
  [T in AuditsEventType]: EventEnvelope<T, EventData<T>>;
}[AuditsEventType];

type Draft = { [T in AuditsEventType]: Pick<NewEvent<T>, 'type' | 'data'> }[AuditsEventType];

/** Optional contract fields are left out rather than sent as null. */
function optional<K extends string, V>(key: K, value: V | null | undefined): Partial<Record<K, V>> {
  return value === null || value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function unmapped(event: never): never {
  throw new Error(`domain event ${(event as { type?: string }).type ?? '?'} has no integration event`);
}

/**
 * The contract of one task event (AUDITS_EVENT_CONTRACTS of the domain), or null for what stays
 * inside the service: findings (published with the outcome) and a rescheduling (a planned date).
 * Exhaustive: a new domain event fails to compile until it is mapped.
 */
function taskDraft(event: AuditTaskDomainEvent): Draft | null {
  const ids = { taskId: event.taskId, employerId: event.employerId };
  switch (event.type) {
    case 'AuditTaskCreated':
      return {
        type: 'frontera.audit.task.created',
        data: {
          ...ids,
          worksiteId: event.worksiteId,
          kind: event.kind,
          priority: event.priorityLevel,
          dueDate: event.dueAt,
          state: event.state,
          originType: event.originType,
          ...optional('originId', event.originId),
        },
      };
    case 'AuditTaskAssigned':
      return {
        type: 'frontera.audit.task.assigned',
        data: { ...ids, inspectorId: event.inspectorId, mode: event.mode },
      };
    case 'AuditTaskReassigned':
      return {
        type: 'frontera.audit.task.assigned',
        data: {
          ...ids,
          inspectorId: event.inspectorId,
          mode: event.mode,
          previousInspectorId: event.previousInspectorId,
          reason: event.reason,
        },
      };
    case 'AuditTaskReleased':
      return {
        type: 'frontera.audit.task.unassigned',
        data: { ...ids, previousInspectorId: event.previousInspectorId, reason: event.reason },
      };
    case 'AuditStarted':
      return {
        type: 'frontera.audit.task.started',
        data: {
          ...ids,
          worksiteId: event.worksiteId,
          kind: event.kind,
          inspectorId: event.inspectorId,
          startedAt: event.occurredAt,
        },
      };
    case 'AuditCompleted':
      return {
        type: 'frontera.audit.outcome.recorded',
        data: {
          ...ids,
          kind: event.kind,
          outcome: event.outcome,
          findings: event.findings.map((f) => ({
            code: f.code,
            severity: f.severity,
            workersAffected: f.workersAffected,
            forcedLabourIndicator: f.forcedLabourIndicator,
            // The roster permits of that code's findings (ids only): the permits context records against them.
            ...(f.permitIds.length > 0 ? { permitIds: [...f.permitIds] } : {}),
          })),
          ...optional('correctiveActionDeadline', event.correctiveActionDeadline),
          completedAt: event.completedAt,
          worksiteId: event.worksiteId,
          inspectorId: event.inspectorId,
          state: event.state,
        },
      };
    case 'AuditCancelled':
      return {
        type: 'frontera.audit.task.cancelled',
        data: {
          ...ids,
          worksiteId: event.worksiteId,
          kind: event.kind,
          fromStatus: event.fromStatus,
          reason: event.reason,
          actorId: event.actorId,
        },
      };
    case 'AuditOverdue':
      return {
        type: 'frontera.audit.task.overdue',
        data: {
          ...ids,
          worksiteId: event.worksiteId,
          kind: event.kind,
          priority: event.priority,
          status: event.status,
          ...optional('inspectorId', event.inspectorId),
          state: event.state,
        },
      };
    case 'AuditFindingRecorded':
    case 'AuditFindingRemoved':
    case 'AuditTaskRescheduled':
      return null;
    default:
      return unmapped(event);
  }
}

/** Plan events: only the risk change and a retaliation pattern leave the service (the rest are planned dates). */
function planDraft(event: AuditPlanDomainEvent): Draft | null {
  switch (event.type) {
    case 'EmployerRiskChanged':
      return {
        type: 'frontera.audit.risk.changed',
        data: {
          employerId: event.employerId,
          score: event.score,
          tier: event.tier,
          factors: event.factors.map((f) => ({
            factor: f.code,
            points: f.points,
            explanation: f.explanation,
            weight: f.weight,
          })),
          computedAt: event.computedAt,
          ...optional('previousTier', event.previousTier),
        },
      };
    case 'RetaliationDetected':
      return {
        type: 'frontera.audit.retaliation.detected',
        data: {
          employerId: event.employerId,
          patternKey: event.patternKey,
          triggerKind: event.triggerKind,
          triggerId: event.triggerId,
          endedPermits: event.endedPermits,
          ...optional('state', event.state),
        },
      };
    case 'AuditPlanStarted':
    case 'AuditScheduled':
    case 'AuditPlanRescheduled':
    case 'AuditPlanCancelled':
    case 'RandomAuditDrawn':
      return null;
    default:
      return unmapped(event);
  }
}

function envelope(
  draft: Draft,
  subject: string,
  occurredAt: string,
  origin: EventOrigin,
): AuditsIntegrationEvent {
  return createEvent({
    ...draft,
    subject,
    time: new Date(occurredAt),
    correlationId: origin.correlationId,
    ...(origin.causationId ? { causationId: origin.causationId } : {}),
  } as NewEvent<AuditsEventType>) as AuditsIntegrationEvent;
}

/**
 * The envelopes of the domain events one command raised, in order (subject = the task id), each
 * validated against its contract here, before anything is stored. Kafka key: the employer id.
 */
export function taskIntegrationEvents(
  events: readonly AuditTaskDomainEvent[],
  origin: EventOrigin,
): AuditsIntegrationEvent[] {
  return events.flatMap((event) => {
    const draft = taskDraft(event);
    return draft ? [envelope(draft, event.taskId, event.occurredAt, origin)] : [];
  });
}

export function planIntegrationEvents(
  events: readonly AuditPlanDomainEvent[],
  origin: EventOrigin,
): AuditsIntegrationEvent[] {
  return events.flatMap((event) => {
    const draft = planDraft(event);
    return draft ? [envelope(draft, event.employerId, event.occurredAt, origin)] : [];
  });
}

/** Inspectors are managed inside the audits service: none of their events is published. */
export function inspectorIntegrationEvents(
  events: readonly InspectorDomainEvent[],
  _origin: EventOrigin,
): AuditsIntegrationEvent[] {
  for (const event of events) {
    switch (event.type) {
      case 'InspectorRegistered':
      case 'InspectorAreasChanged':
      case 'InspectorCapacityChanged':
      case 'InspectorConflictDeclared':
      case 'InspectorConflictWithdrawn':
      case 'InspectorDeactivated':
      case 'InspectorActivated':
        break;
      default:
        unmapped(event);
    }
  }
  return [];
}

/**
 * Complaint events: the receipt (ids, channel, indicators, whether anonymous — never the description,
 * the place or the contact) and the closing; triage (the COMPLAINT task.created follows), added
 * information and referrals stay inside the service.
 */
function complaintDraft(event: ComplaintDomainEvent): Draft | null {
  switch (event.type) {
    case 'ComplaintReceived':
      return {
        type: 'frontera.audit.complaint.received',
        data: {
          complaintId: event.complaintId,
          ...optional('employerId', event.employerId),
          channel: event.channel,
          indicators: [...event.indicators],
          anonymous: event.anonymous,
          ...optional('worksiteId', event.worksiteId),
          state: event.state,
          forcedLabourIndicator: event.forcedLabourIndicator,
        },
      };
    case 'ComplaintDismissed':
      return {
        type: 'frontera.audit.complaint.closed',
        data: {
          complaintId: event.complaintId,
          ...optional('employerId', event.employerId),
          resolution: 'DISMISSED',
          actorId: event.actorId,
        },
      };
    case 'ComplaintClosed':
      return {
        type: 'frontera.audit.complaint.closed',
        data: {
          complaintId: event.complaintId,
          ...optional('employerId', event.employerId),
          resolution: 'AUDITED',
          ...optional('taskId', event.taskId),
          actorId: event.actorId,
        },
      };
    case 'ComplaintInformationAdded':
    case 'ComplaintTriaged':
    case 'ComplaintReferred':
      return null;
    default:
      return unmapped(event);
  }
}

/** Complaint events (subject and Kafka key: the complaint id). */
export function complaintIntegrationEvents(
  events: readonly ComplaintDomainEvent[],
  origin: EventOrigin,
): AuditsIntegrationEvent[] {
  return events.flatMap((event) => {
    const draft = complaintDraft(event);
    return draft ? [envelope(draft, event.complaintId, event.occurredAt, origin)] : [];
  });
}

/** Referral events: agency, state, indicator codes, outcome and counts — what the statistics need, no person. */
function referralDraft(event: ReferralDomainEvent): Draft {
  const base = {
    referralId: event.referralId,
    ...optional('employerId', event.employerId),
    agency: event.agency,
  };
  const counted = { state: event.state, indicators: [...event.indicators].slice(0, 20) };
  switch (event.type) {
    case 'ReferralCreated':
      return {
        type: 'frontera.audit.referral.created',
        data: {
          ...base,
          ...optional('taskId', event.taskId),
          acknowledgementDue: event.acknowledgementDueAt,
          ...optional('complaintId', event.complaintId),
          sourceType: event.sourceType,
          ...counted,
        },
      };
    case 'ReferralAcknowledged':
      return {
        type: 'frontera.audit.referral.acknowledged',
        data: { ...base, late: event.late, ...counted },
      };
    case 'ReferralClosed':
      return {
        type: 'frontera.audit.referral.closed',
        data: {
          ...base,
          outcome: event.outcome,
          ...optional('victimsAssisted', event.victimsAssisted),
          acknowledgedOnClose: event.acknowledgedOnClose,
          ...counted,
        },
      };
    case 'ReferralOverdue':
      return {
        type: 'frontera.audit.referral.overdue',
        data: { ...base, state: event.state, acknowledgementDueAt: event.acknowledgementDueAt },
      };
    default:
      return unmapped(event);
  }
}

/** Referral events (subject and Kafka key: the referral id). */
export function referralIntegrationEvents(
  events: readonly ReferralDomainEvent[],
  origin: EventOrigin,
): AuditsIntegrationEvent[] {
  return events.map((event) => envelope(referralDraft(event), event.referralId, event.occurredAt, origin));
}
