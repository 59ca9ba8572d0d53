import type { EventData, EventEnvelope } from '@frontera/contracts';
import { EMPTY_HEADCOUNT, recordHeadcountChange, type PermitEnding } from '@frontera/audits-domain';
import type { EmployerPermitFacts } from '../../ports/repositories.port';

/** The permit events the audits context keeps facts from (topic frontera.permits.permit.v1). */
export const PERMIT_FACT_EVENT_TYPES = [
  'frontera.permit.issued',
  'frontera.permit.suspended',
  'frontera.permit.reinstated',
  'frontera.permit.revoked',
  'frontera.permit.expired',
  'frontera.permit.ended',
  'frontera.permit.transferred',
] as const;
export type PermitFactEventType = (typeof PERMIT_FACT_EVENT_TYPES)[number];

/** The worker events it keeps facts from (topic frontera.permits.worker.v1). */
export const WORKER_FACT_EVENT_TYPES = ['frontera.worker.contact.shared'] as const;

export type PermitFactEvent =
  | { [T in PermitFactEventType]: EventEnvelope<T, EventData<T>> }[PermitFactEventType]
  | EventEnvelope<'frontera.worker.contact.shared', EventData<'frontera.worker.contact.shared'>>;

/** A consumed event (validated against its contract) as a fact of this context: ids, codes, counts, instants. */
export type PermitFact =
  | {
      readonly type: 'HELD';
      readonly employerId: string;
      readonly permitId: string;
      readonly permitNumber: string;
      readonly worksiteId: string;
      readonly at: string;
    }
  | {
      readonly type: 'STATUS';
      readonly employerId: string;
      readonly permitId: string;
      readonly status: 'ACTIVE' | 'SUSPENDED';
      readonly at: string;
    }
  | {
      readonly type: 'ENDED';
      readonly employerId: string;
      readonly permitId: string;
      /** EMPLOYMENT_ENDED (the employer's act), REVOKED, EXPIRED, TRANSFERRED… */
      readonly endReason: string;
      readonly at: string;
    }
  | {
      readonly type: 'CONTACT_SHARED';
      readonly employerIds: readonly string[];
      readonly signalId: string;
      readonly workerCount: number;
      readonly at: string;
    };

function unmapped(event: never): never {
  throw new Error(`permit event ${(event as { type?: string }).type ?? '?'} has no fact`);
}

/** The fact of one consumed event; its time is the event's (`time`), its signal id the event id. */
export function permitFactFrom(event: PermitFactEvent): PermitFact {
  const at = event.time;
  switch (event.type) {
    case 'frontera.permit.issued':
      return {
        type: 'HELD',
        employerId: event.data.employerId,
        permitId: event.data.permitId,
        permitNumber: event.data.permitNumber,
        worksiteId: event.data.worksiteId,
        at,
      };
    case 'frontera.permit.suspended':
    case 'frontera.permit.reinstated':
      return {
        type: 'STATUS',
        employerId: event.data.employerId,
        permitId: event.data.permitId,
        status: event.type === 'frontera.permit.suspended' ? 'SUSPENDED' : 'ACTIVE',
        at,
      };
    case 'frontera.permit.ended':
      return {
        type: 'ENDED',
        employerId: event.data.employerId,
        permitId: event.data.permitId,
        endReason: event.data.cause ?? 'EMPLOYMENT_ENDED',
        at,
      };
    case 'frontera.permit.revoked':
    case 'frontera.permit.expired':
      return {
        type: 'ENDED',
        employerId: event.data.employerId,
        permitId: event.data.permitId,
        endReason: event.type === 'frontera.permit.revoked' ? 'REVOKED' : 'EXPIRED',
        at,
      };
    case 'frontera.permit.transferred':
      return {
        type: 'ENDED',
        employerId: event.data.fromEmployerId,
        permitId: event.data.permitId,
        endReason: 'TRANSFERRED',
        at,
      };
    case 'frontera.worker.contact.shared':
      return {
        type: 'CONTACT_SHARED',
        employerIds: [...new Set(event.data.employerIds)],
        signalId: event.id,
        workerCount: event.data.count,
        at,
      };
    default:
      return unmapped(event);
  }
}

/** The employers a fact concerns (a shared-contact signal may name several). */
export function employersOf(fact: PermitFact): readonly string[] {
  return fact.type === 'CONTACT_SHARED' ? fact.employerIds : [fact.employerId];
}

/** Endings and signals a per-employer document keeps (the newest), and for how long. */
export const MAX_KEPT_ENDINGS = 1_000;
export const MAX_KEPT_SIGNALS = 200;
export const KEPT_FACT_DAYS = 400;
const DAY_MS = 86_400_000;

export function emptyPermitFacts(employerId: string): EmployerPermitFacts {
  return { employerId, headcount: EMPTY_HEADCOUNT, endings: [], sharedContactSignals: [] };
}

/**
 * The employer's facts after one fact (pure; the caller applies it once per event id). `wasHeld`:
 * whether the permit read model held the permit before — a permit is counted once when it starts
 * being held and once when it stops, whatever the events that say so (an ended permit also reported
 * transferred, an end of a permit issued before the service counted). Endings are kept once per
 * permit; facts older than KEPT_FACT_DAYS before this one are dropped.
 */
export function applyPermitFact(
  before: EmployerPermitFacts,
  fact: PermitFact,
  wasHeld: boolean,
): EmployerPermitFacts {
  const horizon = Date.parse(fact.at) - KEPT_FACT_DAYS * DAY_MS;
  switch (fact.type) {
    case 'HELD':
      return wasHeld
        ? before
        : { ...before, headcount: recordHeadcountChange(before.headcount, 'GAINED', fact.at) };
    case 'STATUS':
      return before;
    case 'ENDED': {
      const headcount = wasHeld ? recordHeadcountChange(before.headcount, 'LOST', fact.at) : before.headcount;
      const known = before.endings.some((e) => e.permitId === fact.permitId);
      const ending: PermitEnding = { permitId: fact.permitId, endedAt: fact.at, endReason: fact.endReason };
      const endings = known
        ? before.endings
        : [...before.endings.filter((e) => Date.parse(e.endedAt) >= horizon), ending].slice(
            -MAX_KEPT_ENDINGS,
          );
      return { ...before, headcount, endings };
    }
    case 'CONTACT_SHARED': {
      if (before.sharedContactSignals.some((s) => s.signalId === fact.signalId)) return before;
      const signal = { signalId: fact.signalId, workerCount: fact.workerCount, receivedAt: fact.at };
      return {
        ...before,
        sharedContactSignals: [
          ...before.sharedContactSignals.filter((s) => Date.parse(s.receivedAt) >= horizon),
          signal,
        ].slice(-MAX_KEPT_SIGNALS),
      };
    }
    default:
      return unmapped(fact);
  }
}
