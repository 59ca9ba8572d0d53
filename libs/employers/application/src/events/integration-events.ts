import { createEvent, type EventData, type EventEnvelope, type NewEvent } from '@frontera/contracts';
import type { EmployerDomainEvent, WorksiteSummary } from '@frontera/employers-domain';

/** The integration events this context publishes: every `frontera.employer.*` type of the catalogue. */
export const EMPLOYER_EVENT_TYPES = [
  'frontera.employer.registered',
  'frontera.employer.verified',
  'frontera.employer.rejected',
  'frontera.employer.updated',
  'frontera.employer.worksite.added',
  'frontera.employer.worksite.updated',
  'frontera.employer.worksite.closed',
  'frontera.employer.suspended',
  'frontera.employer.reinstated',
  'frontera.employer.deregistered',
  'frontera.employer.rating.changed',
] as const;
export type EmployerEventType = (typeof EMPLOYER_EVENT_TYPES)[number];

export type EmployerIntegrationEvent = {
  [T in EmployerEventType]: EventEnvelope<T, EventData<T>>;
}[EmployerEventType];

/** Where the events of one command come from: the command's correlation and causation ids. */
export interface EventOrigin {
  readonly correlationId: string;
  readonly causationId?: string;
}

type Draft = { [T in EmployerEventType]: Pick<NewEvent<T>, 'type' | 'data'> }[EmployerEventType];

function worksiteData(worksite: WorksiteSummary): EventData<'frontera.employer.worksite.added'>['worksite'] {
  return {
    worksiteId: worksite.worksiteId,
    activity: worksite.activity,
    state: worksite.state,
    municipality: worksite.municipality,
    capacity: worksite.capacity,
    housingProvided: worksite.housingProvided,
    eligibleForPermits: worksite.eligibleForPermits,
  };
}

/** Optional contract fields are left out rather than sent as null. */
function optional<K extends string>(key: K, value: string | null): Partial<Record<K, string>> {
  return value === null ? {} : ({ [key]: value } as Record<K, string>);
}

/**
 * The contract type and data of one domain event. Exhaustive: a new domain event type fails to
 * compile here until it is mapped. Fields are copied one by one, so nothing the domain adds to
 * an event reaches the contract (and its consumers) without a decision here.
 */
function draftOf(event: EmployerDomainEvent): Draft {
  switch (event.type) {
    case 'EmployerRegistered':
      return {
        type: 'frontera.employer.registered',
        data: {
          employerId: event.employerId,
          kind: event.kind,
          sector: event.sector,
          state: event.state,
          municipality: event.municipality,
        },
      };
    case 'EmployerVerified':
      return {
        type: 'frontera.employer.verified',
        data: {
          employerId: event.employerId,
          registrationNumber: event.registrationNumber,
          rating: event.rating,
          sector: event.sector,
          state: event.state,
          verifiedBy: event.verifiedBy,
          verifiedAt: event.occurredAt,
          ...optional('publicName', event.publicName),
        },
      };
    case 'EmployerRejected':
      return {
        type: 'frontera.employer.rejected',
        data: { employerId: event.employerId, reason: event.reason, rejectedBy: event.rejectedBy },
      };
    case 'EmployerUpdated':
      return {
        type: 'frontera.employer.updated',
        data: {
          employerId: event.employerId,
          changedFields: [...event.changedFields],
          state: event.state,
          municipality: event.municipality,
          ...optional('publicName', event.publicName),
        },
      };
    case 'WorksiteAdded':
      return {
        type: 'frontera.employer.worksite.added',
        data: { employerId: event.employerId, worksite: worksiteData(event.worksite) },
      };
    case 'WorksiteUpdated':
      return {
        type: 'frontera.employer.worksite.updated',
        data: {
          employerId: event.employerId,
          worksite: worksiteData(event.worksite),
          changedFields: [...event.changedFields],
        },
      };
    case 'WorksiteClosed':
      return {
        type: 'frontera.employer.worksite.closed',
        data: { employerId: event.employerId, worksiteId: event.worksiteId, reason: event.reason },
      };
    case 'EmployerSuspended':
      return {
        type: 'frontera.employer.suspended',
        data: {
          employerId: event.employerId,
          cause: event.cause,
          reason: event.reason,
          ...optional('actorId', event.actorId),
          ...optional('auditId', event.auditId),
        },
      };
    case 'EmployerReinstated':
      return {
        type: 'frontera.employer.reinstated',
        data: { employerId: event.employerId, reason: event.reason, actorId: event.actorId },
      };
    case 'EmployerDeregistered':
      return {
        type: 'frontera.employer.deregistered',
        data: { employerId: event.employerId, reason: event.reason, actorId: event.actorId },
      };
    case 'EmployerRatingChanged':
      return {
        type: 'frontera.employer.rating.changed',
        data: {
          employerId: event.employerId,
          from: event.from,
          to: event.to,
          reason: event.reason,
          ...optional('auditId', event.auditId),
        },
      };
    default:
      return unmapped(event);
  }
}

function unmapped(event: never): never {
  throw new Error(`domain event ${(event as { type?: string }).type ?? '?'} has no integration event`);
}

/**
 * The envelopes of the domain events one command raised, in order: subject (and, by the
 * repository, Kafka key) = employer id, time = when it happened, correlation and causation from
 * the command. Each envelope is validated against its contract here (createEvent throws
 * ContractViolationError), before anything is stored.
 */
export function toIntegrationEvents(
  events: readonly EmployerDomainEvent[],
  origin: EventOrigin,
): EmployerIntegrationEvent[] {
  return events.map((event) => {
    const draft = draftOf(event);
    return createEvent({
      ...draft,
      subject: event.employerId,
      time: new Date(event.occurredAt),
      correlationId: origin.correlationId,
      ...(origin.causationId ? { causationId: origin.causationId } : {}),
    } as NewEvent<EmployerEventType>) as EmployerIntegrationEvent;
  });
}
