import { createEvent, type EventData, type EventEnvelope, type NewEvent } from '@frontera/contracts';
import type { ApplicationDomainEvent, PermitDomainEvent, WorkerDomainEvent } from '@frontera/permits-domain';
import type { EventOrigin } from '@frontera/shared-application';

/** The integration events this context publishes (the `frontera.worker.*`, `.permit.*` and roster types). */
export const PERMITS_EVENT_TYPES = [
  'frontera.worker.registered',
  'frontera.worker.merged',
  'frontera.worker.contact.shared',
  'frontera.roster.import.completed',
  'frontera.permit.application.submitted',
  'frontera.permit.application.approved',
  'frontera.permit.application.rejected',
  'frontera.permit.application.withdrawn',
  'frontera.permit.issued',
  'frontera.permit.suspended',
  'frontera.permit.reinstated',
  'frontera.permit.revoked',
  'frontera.permit.renewed',
  'frontera.permit.expiring',
  'frontera.permit.transferred',
  'frontera.permit.expired',
  'frontera.permit.ended',
  'frontera.permit.transferable',
] as const;
export type PermitsEventType = (typeof PERMITS_EVENT_TYPES)[number];

export type PermitsIntegrationEvent = {
  [T in PermitsEventType]: EventEnvelope<T, EventData<T>>;
}[PermitsEventType];

type Draft = { [T in PermitsEventType]: Pick<NewEvent<T>, 'type' | 'data'> }[PermitsEventType];

/** Optional contract fields are left out rather than sent as null. */
function optional<K extends string>(key: K, value: string | null | undefined): Partial<Record<K, string>> {
  return value === null || value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function unmapped(event: never): never {
  throw new Error(`domain event ${(event as { type?: string }).type ?? '?'} has no integration event`);
}

/**
 * The contract type and data of one worker event; null for the events that stay inside the
 * context (a correction, a flagged or resolved possible duplicate: officers' work, not a fact other
 * contexts act on). Exhaustive: a new domain event fails to compile until it is mapped.
 */
function workerDraft(event: WorkerDomainEvent): Draft | null {
  switch (event.type) {
    case 'WorkerRegistered':
      return {
        type: 'frontera.worker.registered',
        data: {
          workerId: event.workerId,
          nationality: event.nationality,
          sex: event.sex,
          birthYear: event.birthYear,
        },
      };
    case 'WorkerMerged':
      return {
        type: 'frontera.worker.merged',
        data: { workerId: event.mergedId, survivorWorkerId: event.survivorId, actorId: event.actorId },
      };
    case 'WorkerCorrected':
    case 'WorkerPossibleDuplicateFlagged':
    case 'WorkerDuplicateResolved':
      return null;
    default:
      return unmapped(event);
  }
}

function applicationDraft(event: ApplicationDomainEvent): Draft {
  switch (event.type) {
    case 'ApplicationSubmitted':
      return {
        type: 'frontera.permit.application.submitted',
        data: {
          applicationId: event.applicationId,
          employerId: event.employerId,
          worksiteId: event.worksiteId,
          workerId: event.workerId,
          occupation: event.occupation,
        },
      };
    case 'ApplicationApproved':
    case 'ApplicationRejected':
    case 'ApplicationWithdrawn':
      return {
        type:
          event.type === 'ApplicationApproved'
            ? 'frontera.permit.application.approved'
            : event.type === 'ApplicationRejected'
              ? 'frontera.permit.application.rejected'
              : 'frontera.permit.application.withdrawn',
        data: {
          applicationId: event.applicationId,
          employerId: event.employerId,
          reason: event.reason,
          actorId: event.actorId,
        },
      };
    default:
      return unmapped(event);
  }
}

function permitDraft(event: PermitDomainEvent): Draft {
  const base = {
    permitId: event.permitId,
    workerId: event.workerId,
    employerId: event.employerId,
    worksiteId: event.worksiteId,
  };
  switch (event.type) {
    case 'PermitIssued':
      return {
        type: 'frontera.permit.issued',
        data: {
          ...base,
          permitNumber: event.permitNumber,
          state: event.state,
          occupation: event.occupation,
          validFrom: event.validFrom,
          validUntil: event.validUntil,
        },
      };
    case 'PermitSuspended':
      return {
        type: 'frontera.permit.suspended',
        data: { ...base, reason: event.reason, actorId: event.actorId },
      };
    case 'PermitReinstated':
      return {
        type: 'frontera.permit.reinstated',
        data: { ...base, reason: event.reason, actorId: event.actorId },
      };
    case 'PermitRevoked':
      return {
        type: 'frontera.permit.revoked',
        data: { ...base, reason: event.reason, actorId: event.actorId },
      };
    case 'PermitRenewed':
      return { type: 'frontera.permit.renewed', data: { ...base, validUntil: event.validUntil } };
    case 'PermitExpiring':
      return { type: 'frontera.permit.expiring', data: { ...base, until: event.validUntil } };
    case 'PermitExpired':
      return { type: 'frontera.permit.expired', data: { ...base, until: event.validUntil } };
    case 'PermitEnded':
      return {
        type: 'frontera.permit.ended',
        data: {
          ...base,
          cause: event.endReason,
          ...optional('reason', event.reason),
          ...optional('actorId', event.actorId),
        },
      };
    case 'PermitTransferable':
      return {
        type: 'frontera.permit.transferable',
        data: { ...base, cause: event.cause, until: event.transferableUntil },
      };
    case 'PermitTransferred':
      return {
        type: 'frontera.permit.transferred',
        data: {
          permitId: event.permitId,
          newPermitId: event.toPermitId,
          workerId: event.workerId,
          fromEmployerId: event.employerId,
          toEmployerId: event.toEmployerId,
        },
      };
    default:
      return unmapped(event);
  }
}

function envelope(
  draft: Draft,
  subject: string,
  occurredAt: string,
  origin: EventOrigin,
): PermitsIntegrationEvent {
  return createEvent({
    ...draft,
    subject,
    time: new Date(occurredAt),
    correlationId: origin.correlationId,
    ...(origin.causationId ? { causationId: origin.causationId } : {}),
  } as NewEvent<PermitsEventType>) as PermitsIntegrationEvent;
}

/**
 * The envelopes of the domain events one command raised, in order, subject = the aggregate's id.
 * Each is validated against its contract here (createEvent throws ContractViolationError), before
 * anything is stored. Kafka keys: worker events by worker id, application and permit events by
 * employer id (the repositories' message key), so one employer's events stay in order.
 */
export function workerIntegrationEvents(
  events: readonly WorkerDomainEvent[],
  origin: EventOrigin,
): PermitsIntegrationEvent[] {
  return events.flatMap((event) => {
    const draft = workerDraft(event);
    return draft ? [envelope(draft, event.workerId, event.occurredAt, origin)] : [];
  });
}

export function applicationIntegrationEvents(
  events: readonly ApplicationDomainEvent[],
  origin: EventOrigin,
): PermitsIntegrationEvent[] {
  return events.map((event) =>
    envelope(applicationDraft(event), event.applicationId, event.occurredAt, origin),
  );
}

export function permitIntegrationEvents(
  events: readonly PermitDomainEvent[],
  origin: EventOrigin,
): PermitsIntegrationEvent[] {
  return events.map((event) => envelope(permitDraft(event), event.permitId, event.occurredAt, origin));
}

/** A roster import finished: how many rows became applications. */
export function rosterImportCompleted(
  data: EventData<'frontera.roster.import.completed'>,
  occurredAt: Date,
  origin: EventOrigin,
): PermitsIntegrationEvent {
  return envelope(
    { type: 'frontera.roster.import.completed', data },
    data.importId,
    occurredAt.toISOString(),
    origin,
  );
}

/** The shared-phone signal: worker and employer ids and the count, never the phone. */
export function workerContactShared(
  subject: string,
  data: EventData<'frontera.worker.contact.shared'>,
  occurredAt: Date,
  origin: EventOrigin,
): PermitsIntegrationEvent {
  return envelope(
    { type: 'frontera.worker.contact.shared', data },
    subject,
    occurredAt.toISOString(),
    origin,
  );
}
