import type { EventData, EventEnvelope } from '@frontera/contracts';
import type { EmployerFact, WorksiteFact } from '@frontera/permits-domain';

/** The employer events the permits context keeps its read model from. */
export const EMPLOYER_FACT_EVENT_TYPES = [
  'frontera.employer.registered',
  'frontera.employer.verified',
  'frontera.employer.rejected',
  'frontera.employer.updated',
  'frontera.employer.suspended',
  'frontera.employer.reinstated',
  'frontera.employer.deregistered',
  'frontera.employer.rating.changed',
  'frontera.employer.worksite.added',
  'frontera.employer.worksite.updated',
  'frontera.employer.worksite.closed',
] as const;
export type EmployerFactEventType = (typeof EMPLOYER_FACT_EVENT_TYPES)[number];

export type EmployerFactEvent = {
  [T in EmployerFactEventType]: EventEnvelope<T, EventData<T>>;
}[EmployerFactEventType];

function worksiteFact(worksite: EventData<'frontera.employer.worksite.added'>['worksite']): WorksiteFact {
  return {
    worksiteId: worksite.worksiteId,
    state: worksite.state,
    municipality: worksite.municipality,
    capacity: worksite.capacity,
    eligibleForPermits: worksite.eligibleForPermits,
  };
}

/** An employer event (validated against its contract by the consumer) as a domain fact. */
export function employerFactFrom(event: EmployerFactEvent): EmployerFact {
  const base = { employerId: event.data.employerId, occurredAt: event.time };
  switch (event.type) {
    case 'frontera.employer.registered':
      return { ...base, type: 'EmployerRegistered' };
    case 'frontera.employer.verified':
      return {
        ...base,
        type: 'EmployerVerified',
        registrationNumber: event.data.registrationNumber,
        rating: event.data.rating,
        publicName: event.data.publicName ?? null,
      };
    case 'frontera.employer.rejected':
      return { ...base, type: 'EmployerRejected' };
    case 'frontera.employer.updated':
      return { ...base, type: 'EmployerUpdated', publicName: event.data.publicName ?? null };
    case 'frontera.employer.suspended':
      return { ...base, type: 'EmployerSuspended', cause: event.data.cause };
    case 'frontera.employer.reinstated':
      return { ...base, type: 'EmployerReinstated' };
    case 'frontera.employer.deregistered':
      return { ...base, type: 'EmployerDeregistered' };
    case 'frontera.employer.rating.changed':
      return { ...base, type: 'EmployerRatingChanged', to: event.data.to };
    case 'frontera.employer.worksite.added':
      return { ...base, type: 'WorksiteAdded', worksite: worksiteFact(event.data.worksite) };
    case 'frontera.employer.worksite.updated':
      return { ...base, type: 'WorksiteUpdated', worksite: worksiteFact(event.data.worksite) };
    case 'frontera.employer.worksite.closed':
      return { ...base, type: 'WorksiteClosed', worksiteId: event.data.worksiteId };
    default:
      return unmapped(event);
  }
}

function unmapped(event: never): never {
  throw new Error(`employer event ${(event as { type?: string }).type ?? '?'} has no fact`);
}
