import type { MexicanState } from '@frontera/shared-kernel';
import type { WorksiteSummary } from '../worksite/worksite.entity';
import type { ComplianceRating, EmployerKind, Sector } from '@frontera/shared-kernel';
import type { SuspensionCause } from './employer.types';

/*
 * Domain events: what happened to an employer, as plain objects discriminated by `type`.
 * The application pulls them (`employer.pullEvents()`), stores them with the state change
 * (outbox) and maps each to its integration-event contract (EmployerRegisteredV1 …).
 * They carry ids and non-personal attributes only: no contact, no legal representative,
 * no RFC, no legal name, no street address, no worksite name or coordinates.
 */

interface EmployerEventBase {
  readonly employerId: string;
  /** ISO-8601, the `now` of the command. */
  readonly occurredAt: string;
}

export interface EmployerRegistered extends EmployerEventBase {
  readonly type: 'EmployerRegistered';
  readonly kind: EmployerKind;
  readonly sector: Sector;
  readonly state: MexicanState;
  readonly municipality: string;
}

export interface EmployerVerified extends EmployerEventBase {
  readonly type: 'EmployerVerified';
  readonly registrationNumber: string;
  readonly rating: ComplianceRating;
  readonly sector: Sector;
  readonly state: MexicanState;
  readonly verifiedBy: string;
  /** A company's legal name (shown by the public permit verification); null for individuals (personal data). */
  readonly publicName: string | null;
}

export interface EmployerRejected extends EmployerEventBase {
  readonly type: 'EmployerRejected';
  readonly reason: string;
  readonly rejectedBy: string;
}

/** Reported changes: which fields changed, never their values. */
export interface EmployerUpdated extends EmployerEventBase {
  readonly type: 'EmployerUpdated';
  readonly changedFields: readonly string[];
  readonly state: MexicanState;
  readonly municipality: string;
  /** As in EmployerVerified: the company's legal name, null for individuals. */
  readonly publicName: string | null;
}

export interface WorksiteAdded extends EmployerEventBase {
  readonly type: 'WorksiteAdded';
  readonly worksite: WorksiteSummary;
}

export interface WorksiteUpdated extends EmployerEventBase {
  readonly type: 'WorksiteUpdated';
  readonly worksite: WorksiteSummary;
  readonly changedFields: readonly string[];
}

export interface WorksiteClosed extends EmployerEventBase {
  readonly type: 'WorksiteClosed';
  readonly worksiteId: string;
  readonly reason: string;
}

export interface EmployerSuspended extends EmployerEventBase {
  readonly type: 'EmployerSuspended';
  readonly cause: SuspensionCause;
  readonly reason: string;
  /** The officer, for OFFICER_DECISION. */
  readonly actorId: string | null;
  /** The audit, for CRITICAL_FINDINGS. */
  readonly auditId: string | null;
}

export interface EmployerReinstated extends EmployerEventBase {
  readonly type: 'EmployerReinstated';
  readonly reason: string;
  readonly actorId: string;
}

export interface EmployerDeregistered extends EmployerEventBase {
  readonly type: 'EmployerDeregistered';
  readonly reason: string;
  readonly actorId: string;
}

export interface EmployerRatingChanged extends EmployerEventBase {
  readonly type: 'EmployerRatingChanged';
  readonly from: ComplianceRating;
  readonly to: ComplianceRating;
  readonly reason: string;
  readonly auditId: string | null;
}

export type EmployerDomainEvent =
  | EmployerRegistered
  | EmployerVerified
  | EmployerRejected
  | EmployerUpdated
  | WorksiteAdded
  | WorksiteUpdated
  | WorksiteClosed
  | EmployerSuspended
  | EmployerReinstated
  | EmployerDeregistered
  | EmployerRatingChanged;

export type EmployerDomainEventType = EmployerDomainEvent['type'];

/** Every event type, for exhaustive mapping tables in the application layer. */
export const EMPLOYER_DOMAIN_EVENT_TYPES: readonly EmployerDomainEventType[] = [
  'EmployerRegistered',
  'EmployerVerified',
  'EmployerRejected',
  'EmployerUpdated',
  'WorksiteAdded',
  'WorksiteUpdated',
  'WorksiteClosed',
  'EmployerSuspended',
  'EmployerReinstated',
  'EmployerDeregistered',
  'EmployerRatingChanged',
];
