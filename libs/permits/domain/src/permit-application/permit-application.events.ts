import type { MexicanState } from '@frontera/shared-kernel';
import type { ApplicationKind } from './permit-application.types';

/*
 * Domain events of the application aggregate (topic keyed by employer id). Ids and non-personal
 * attributes only.
 */

interface ApplicationEventBase {
  readonly applicationId: string;
  readonly employerId: string;
  readonly worksiteId: string;
  readonly workerId: string;
  readonly occurredAt: string;
}

export interface ApplicationSubmitted extends ApplicationEventBase {
  readonly type: 'ApplicationSubmitted';
  readonly kind: ApplicationKind;
  readonly state: MexicanState;
  readonly occupation: string;
  readonly replacesPermitId: string | null;
  readonly actorId: string;
}

interface ApplicationDecided extends ApplicationEventBase {
  readonly reason: string;
  readonly actorId: string;
}

export interface ApplicationApproved extends ApplicationDecided {
  readonly type: 'ApplicationApproved';
}

export interface ApplicationRejected extends ApplicationDecided {
  readonly type: 'ApplicationRejected';
}

export interface ApplicationWithdrawn extends ApplicationDecided {
  readonly type: 'ApplicationWithdrawn';
}

export type ApplicationDomainEvent =
  | ApplicationSubmitted
  | ApplicationApproved
  | ApplicationRejected
  | ApplicationWithdrawn;

export type ApplicationDomainEventType = ApplicationDomainEvent['type'];

export const APPLICATION_DOMAIN_EVENT_TYPES: readonly ApplicationDomainEventType[] = [
  'ApplicationSubmitted',
  'ApplicationApproved',
  'ApplicationRejected',
  'ApplicationWithdrawn',
];
