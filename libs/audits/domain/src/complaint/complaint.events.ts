import type { MexicanState, ReferralAgency } from '@frontera/shared-kernel';
import type { ComplaintChannel } from './complaint.types';

/*
 * Domain events of the complaint aggregate (topic keyed by complaint id): ids, codes and flags only —
 * never the description, the place, added information, contact data, the receipt code or the secret.
 * The complaint topic must never feed an employer-facing view: an employer who learns that someone
 * complained may retaliate.
 */

interface ComplaintEventBase {
  readonly complaintId: string;
  readonly occurredAt: string;
}

export interface ComplaintReceived extends ComplaintEventBase {
  readonly type: 'ComplaintReceived';
  /** Null when the complaint names a place, not a registered employer. */
  readonly employerId: string | null;
  readonly worksiteId: string | null;
  readonly state: MexicanState;
  readonly channel: ComplaintChannel;
  /** Catalogue codes, sorted. */
  readonly indicators: readonly string[];
  readonly forcedLabourIndicator: boolean;
  /** No contact data was given. */
  readonly anonymous: boolean;
}

export interface ComplaintInformationAdded extends ComplaintEventBase {
  readonly type: 'ComplaintInformationAdded';
  readonly employerId: string | null;
  readonly additions: number;
}

export interface ComplaintTriaged extends ComplaintEventBase {
  readonly type: 'ComplaintTriaged';
  readonly employerId: string;
  readonly worksiteId: string;
  readonly taskId: string;
  readonly automatic: boolean;
  readonly actorId: string;
}

export interface ComplaintDismissed extends ComplaintEventBase {
  readonly type: 'ComplaintDismissed';
  readonly employerId: string | null;
  readonly reason: string;
  readonly actorId: string;
}

export interface ComplaintReferred extends ComplaintEventBase {
  readonly type: 'ComplaintReferred';
  readonly employerId: string | null;
  readonly referralId: string;
  readonly agency: ReferralAgency;
  readonly actorId: string;
}

export interface ComplaintClosed extends ComplaintEventBase {
  readonly type: 'ComplaintClosed';
  readonly employerId: string | null;
  /** The audit whose end closed it, or null when a supervisor closed it. */
  readonly taskId: string | null;
  readonly actorId: string;
}

export type ComplaintDomainEvent =
  | ComplaintReceived
  | ComplaintInformationAdded
  | ComplaintTriaged
  | ComplaintDismissed
  | ComplaintReferred
  | ComplaintClosed;

export type ComplaintDomainEventType = ComplaintDomainEvent['type'];

export const COMPLAINT_DOMAIN_EVENT_TYPES = [
  'ComplaintReceived',
  'ComplaintInformationAdded',
  'ComplaintTriaged',
  'ComplaintDismissed',
  'ComplaintReferred',
  'ComplaintClosed',
] as const satisfies readonly ComplaintDomainEventType[];
