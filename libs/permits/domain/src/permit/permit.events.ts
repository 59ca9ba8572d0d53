import type { MexicanState } from '@frontera/shared-kernel';
import type { ApplicationKind } from '../permit-application/permit-application.types';
import type { PermitEndReason, TransferCause } from './permit.types';

/*
 * Domain events of the permit aggregate (topic keyed by employer id): ids and non-personal
 * attributes only — the permit number is public, the verification token never appears.
 */

interface PermitEventBase {
  readonly permitId: string;
  readonly employerId: string;
  readonly workerId: string;
  readonly worksiteId: string;
  /** ISO-8601, the `now` of the command. */
  readonly occurredAt: string;
}

export interface PermitIssued extends PermitEventBase {
  readonly type: 'PermitIssued';
  readonly permitNumber: string;
  readonly applicationId: string;
  readonly kind: Exclude<ApplicationKind, 'RENEWAL'>;
  readonly state: MexicanState;
  readonly occupation: string;
  /** `YYYY-MM-DD`, the first valid day. */
  readonly validFrom: string;
  /** ISO-8601 instant the permit stops being valid (local midnight of `expiresOn`). */
  readonly validUntil: string;
  /** TRANSFER: the permit that ends TRANSFERRED. */
  readonly transferredFromPermitId: string | null;
  readonly actorId: string;
}

interface PermitDecided extends PermitEventBase {
  readonly reason: string;
  readonly actorId: string;
}

export interface PermitSuspended extends PermitDecided {
  readonly type: 'PermitSuspended';
}

export interface PermitReinstated extends PermitDecided {
  readonly type: 'PermitReinstated';
}

export interface PermitRevoked extends PermitDecided {
  readonly type: 'PermitRevoked';
}

export interface PermitRenewed extends PermitEventBase {
  readonly type: 'PermitRenewed';
  readonly occupation: string;
  readonly previousValidUntil: string;
  readonly validUntil: string;
  readonly actorId: string;
}

/** The "expires in N days" notice. */
export interface PermitExpiring extends PermitEventBase {
  readonly type: 'PermitExpiring';
  readonly validUntil: string;
  readonly expiresOn: string;
}

export interface PermitExpired extends PermitEventBase {
  readonly type: 'PermitExpired';
  readonly validUntil: string;
}

export interface PermitEnded extends PermitEventBase {
  readonly type: 'PermitEnded';
  readonly endReason: PermitEndReason;
  /** The employer's stated reason (EMPLOYMENT_ENDED); null for TRANSFERRED. */
  readonly reason: string | null;
  /** Who reported the end; null when the end follows from a transfer. */
  readonly actorId: string | null;
  /** TRANSFERRED: the worker's new permit. */
  readonly transferredToPermitId: string | null;
}

export interface PermitTransferable extends PermitEventBase {
  readonly type: 'PermitTransferable';
  readonly cause: TransferCause;
  readonly transferableUntil: string;
}

export interface PermitTransferred extends PermitEventBase {
  readonly type: 'PermitTransferred';
  readonly toPermitId: string;
  /** The new permit's employer. */
  readonly toEmployerId: string;
}

export type PermitDomainEvent =
  | PermitIssued
  | PermitSuspended
  | PermitReinstated
  | PermitRevoked
  | PermitRenewed
  | PermitExpiring
  | PermitExpired
  | PermitEnded
  | PermitTransferable
  | PermitTransferred;

export type PermitDomainEventType = PermitDomainEvent['type'];

export const PERMIT_DOMAIN_EVENT_TYPES: readonly PermitDomainEventType[] = [
  'PermitIssued',
  'PermitSuspended',
  'PermitReinstated',
  'PermitRevoked',
  'PermitRenewed',
  'PermitExpiring',
  'PermitExpired',
  'PermitEnded',
  'PermitTransferable',
  'PermitTransferred',
];
