import type { MexicanState, ReferralAgency } from '@frontera/shared-kernel';
import type { ReferralOutcome, ReferralSourceType } from './referral.types';

/*
 * Domain events of the referral aggregate (topic keyed by employer id, or referral id when there is no
 * employer): ids, codes, counts and the agency's deadline — never a victim's or complainant's data.
 * Every event carries agency, state and indicators so the statistics read model can count it alone.
 */

interface ReferralEventBase {
  readonly referralId: string;
  readonly agency: ReferralAgency;
  readonly employerId: string | null;
  readonly state: MexicanState;
  /** Forced-labour indicator codes, sorted. */
  readonly indicators: readonly string[];
  readonly occurredAt: string;
}

export interface ReferralCreated extends ReferralEventBase {
  readonly type: 'ReferralCreated';
  readonly sourceType: ReferralSourceType;
  /** AUDIT: the task; else null. */
  readonly taskId: string | null;
  /** COMPLAINT: the complaint; else null. */
  readonly complaintId: string | null;
  /** ISO-8601: the agency's acknowledgement deadline (not a visit date). */
  readonly acknowledgementDueAt: string;
  readonly actorId: string;
}

export interface ReferralAcknowledged extends ReferralEventBase {
  readonly type: 'ReferralAcknowledged';
  readonly actorId: string;
  /** Acknowledged after its deadline (it had escalated). */
  readonly late: boolean;
}

export interface ReferralClosed extends ReferralEventBase {
  readonly type: 'ReferralClosed';
  readonly outcome: ReferralOutcome;
  readonly victimsAssisted: number | null;
  /** Closed without a separate acknowledgement (the outcome acknowledged it). */
  readonly acknowledgedOnClose: boolean;
  readonly actorId: string;
}

/** The acknowledgement deadline passed without one: escalated to the supervisors. */
export interface ReferralOverdue extends ReferralEventBase {
  readonly type: 'ReferralOverdue';
  readonly acknowledgementDueAt: string;
}

export type ReferralDomainEvent = ReferralCreated | ReferralAcknowledged | ReferralClosed | ReferralOverdue;
export type ReferralDomainEventType = ReferralDomainEvent['type'];

export const REFERRAL_DOMAIN_EVENT_TYPES = [
  'ReferralCreated',
  'ReferralAcknowledged',
  'ReferralClosed',
  'ReferralOverdue',
] as const satisfies readonly ReferralDomainEventType[];
