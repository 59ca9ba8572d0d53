import { randomUUID } from 'node:crypto';
import { dataschemaFor, type EventEnvelope } from './envelope';
import { EventCatalogue, type EventData, type EventType } from './event-catalogue';
import { ContractViolationError, validateEventData } from './event-validation';

export interface NewEvent<T extends EventType> {
  type: T;
  subject: string;
  data: EventData<T>;
  correlationId: string;
  causationId?: string;
  sequence?: number;
  time?: Date;
  id?: string;
}

/** Builds an envelope and validates it against its contract (refused on publish if broken). */
export function createEvent<T extends EventType>(event: NewEvent<T>): EventEnvelope<T, EventData<T>> {
  const definition = EventCatalogue[event.type];
  const violations = validateEventData(event.type, event.data);
  if (violations.length > 0) throw new ContractViolationError(event.type, violations);
  return {
    specversion: '1.0',
    id: event.id ?? randomUUID(),
    type: event.type,
    source: definition.source,
    subject: event.subject,
    time: (event.time ?? new Date()).toISOString(),
    datacontenttype: 'application/json',
    dataschema: dataschemaFor(event.type, definition.version),
    correlationid: event.correlationId,
    ...(event.causationId ? { causationid: event.causationId } : {}),
    ...(event.sequence !== undefined ? { sequence: event.sequence } : {}),
    data: { ...event.data },
  };
}
