import type { EventData, EventEnvelope } from '@frontera/contracts';
import type { MexicanState, Sector } from '@frontera/shared-kernel';
import type { EmployerProfile, EmployerWorksite } from '../../ports/repositories.port';

/** The employer events the audits context plans from. */
export const EMPLOYER_FACT_EVENT_TYPES = [
  'frontera.employer.registered',
  'frontera.employer.verified',
  'frontera.employer.suspended',
  'frontera.employer.reinstated',
  'frontera.employer.deregistered',
  'frontera.employer.worksite.added',
  'frontera.employer.worksite.updated',
  'frontera.employer.worksite.closed',
] as const;
export type EmployerFactEventType = (typeof EMPLOYER_FACT_EVENT_TYPES)[number];

export type EmployerFactEvent = {
  [T in EmployerFactEventType]: EventEnvelope<T, EventData<T>>;
}[EmployerFactEventType];

interface WorksiteFact {
  readonly worksiteId: string;
  readonly state: MexicanState;
  readonly municipality: string;
}

/** An employer event (validated against its contract by the consumer) as a fact of this context. */
export type EmployerFact =
  | { readonly type: 'REGISTERED'; readonly employerId: string; readonly sector: Sector }
  | {
      readonly type: 'VERIFIED';
      readonly employerId: string;
      readonly sector: Sector;
      readonly verifiedAt: string;
    }
  | { readonly type: 'SUSPENDED' | 'REINSTATED' | 'DEREGISTERED'; readonly employerId: string }
  | {
      readonly type: 'WORKSITE_ADDED' | 'WORKSITE_UPDATED';
      readonly employerId: string;
      readonly worksite: WorksiteFact;
    }
  | { readonly type: 'WORKSITE_CLOSED'; readonly employerId: string; readonly worksiteId: string };

function unmapped(event: never): never {
  throw new Error(`employer event ${(event as { type?: string }).type ?? '?'} has no fact`);
}

export function employerFactFrom(event: EmployerFactEvent): EmployerFact {
  const employerId = event.data.employerId;
  switch (event.type) {
    case 'frontera.employer.registered':
      return { type: 'REGISTERED', employerId, sector: event.data.sector };
    case 'frontera.employer.verified':
      return {
        type: 'VERIFIED',
        employerId,
        sector: event.data.sector,
        verifiedAt: event.data.verifiedAt,
      };
    case 'frontera.employer.suspended':
      return { type: 'SUSPENDED', employerId };
    case 'frontera.employer.reinstated':
      return { type: 'REINSTATED', employerId };
    case 'frontera.employer.deregistered':
      return { type: 'DEREGISTERED', employerId };
    case 'frontera.employer.worksite.added':
    case 'frontera.employer.worksite.updated': {
      const { worksiteId, state, municipality } = event.data.worksite;
      return {
        type: event.type === 'frontera.employer.worksite.added' ? 'WORKSITE_ADDED' : 'WORKSITE_UPDATED',
        employerId,
        worksite: { worksiteId, state, municipality },
      };
    }
    case 'frontera.employer.worksite.closed':
      return { type: 'WORKSITE_CLOSED', employerId, worksiteId: event.data.worksiteId };
    default:
      return unmapped(event);
  }
}

/** The read model after one fact (a pure function: the same fact twice gives the same profile). */
export function applyToProfile(before: EmployerProfile | null, fact: EmployerFact): EmployerProfile {
  const profile: EmployerProfile = before ?? {
    employerId: fact.employerId,
    sector: null,
    status: 'REGISTERED',
    verifiedAt: null,
    worksites: [],
  };
  const upsert = (worksite: EmployerWorksite): readonly EmployerWorksite[] => [
    ...profile.worksites.filter((w) => w.worksiteId !== worksite.worksiteId),
    worksite,
  ];
  switch (fact.type) {
    case 'REGISTERED':
      return { ...profile, sector: fact.sector };
    case 'VERIFIED':
      return { ...profile, sector: fact.sector, status: 'VERIFIED', verifiedAt: fact.verifiedAt };
    case 'SUSPENDED':
      return profile.status === 'DEREGISTERED' ? profile : { ...profile, status: 'SUSPENDED' };
    case 'REINSTATED':
      return profile.status === 'DEREGISTERED' ? profile : { ...profile, status: 'VERIFIED' };
    case 'DEREGISTERED':
      return { ...profile, status: 'DEREGISTERED' };
    case 'WORKSITE_ADDED':
    case 'WORKSITE_UPDATED':
      return { ...profile, worksites: upsert({ ...fact.worksite, open: true }) };
    case 'WORKSITE_CLOSED': {
      const worksite = profile.worksites.find((w) => w.worksiteId === fact.worksiteId);
      return worksite ? { ...profile, worksites: upsert({ ...worksite, open: false }) } : profile;
    }
    default:
      return unmapped(fact);
  }
}
