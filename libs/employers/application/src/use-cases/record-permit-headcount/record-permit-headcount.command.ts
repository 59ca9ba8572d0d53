import type { EventData, EventEnvelope } from '@frontera/contracts';
import type { EventMetadata } from '@frontera/shared-application';

/**
 * A permit started or stopped counting at a worksite: issued → counts; ended, expired or
 * revoked → no longer counts. (Suspended, reinstated, renewed and transferable permits keep
 * counting: the worker is still employed there.)
 */
export interface RecordPermitHeadcountCommand {
  readonly employerId: string;
  readonly worksiteId: string;
  readonly permitId: string;
  readonly change: 'ISSUED' | 'ENDED';
  readonly event: EventMetadata;
}

/** The permit events that change a worksite's headcount, and how. */
export const HEADCOUNT_EVENTS = {
  'frontera.permit.issued': 'ISSUED',
  'frontera.permit.ended': 'ENDED',
  'frontera.permit.expired': 'ENDED',
  'frontera.permit.revoked': 'ENDED',
} as const;
export type HeadcountEventType = keyof typeof HEADCOUNT_EVENTS;

export type HeadcountEvent = {
  [T in HeadcountEventType]: EventEnvelope<T, EventData<T>>;
}[HeadcountEventType];

export function recordPermitHeadcountCommandFrom(event: HeadcountEvent): RecordPermitHeadcountCommand {
  return {
    employerId: event.data.employerId,
    worksiteId: event.data.worksiteId,
    permitId: event.data.permitId,
    change: HEADCOUNT_EVENTS[event.type],
    event: { eventId: event.id, correlationId: event.correlationid },
  };
}
