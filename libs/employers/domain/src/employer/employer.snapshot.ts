import type { CallerIdentity } from '@frontera/shared-kernel';
import type { WorksiteSnapshot } from '../worksite/worksite.entity';
import type { AddressProps } from './address.value-object';
import type { AuditRecord } from './audit-outcome';
import type { ContactProps } from './contact.value-object';
import type { LegalRepresentativeProps } from './legal-representative.value-object';
import type { RiskAssessment } from './risk-assessment';
import type { ComplianceRating, EmployerKind, EmployerStatus, Sector } from '@frontera/shared-kernel';
import type { SuspensionCause } from './employer.types';

/**
 * Bump when the snapshot's shape changes, and add the upcasting of the previous version to
 * `stateOf` (employer-snapshot.mapping.ts). 2: the change history left the snapshot (it lives in its
 * own collection); a version-1 snapshot is read by dropping its `history`.
 */
export const EMPLOYER_SNAPSHOT_SCHEMA_VERSION = 2;

export interface Suspension {
  readonly cause: SuspensionCause;
  readonly reason: string;
  readonly since: string;
  /** The officer who suspended (OFFICER_DECISION), else null. */
  readonly actorId: string | null;
  /** Audits with critical findings behind this suspension (including ones received while suspended). */
  readonly auditIds: readonly string[];
}

export interface Decision {
  readonly at: string;
  readonly by: CallerIdentity;
  readonly reason: string | null;
}

/**
 * The employer as plain, JSON-safe data (dates as ISO-8601 strings, absent values as null):
 * what the repository stores and `Employer.fromSnapshot` rebuilds from. Personal data paths
 * are listed by `personalDataPaths(kind)`; encrypting them is the repository's job.
 */
export interface EmployerSnapshot {
  readonly schemaVersion: typeof EMPLOYER_SNAPSHOT_SCHEMA_VERSION;
  readonly id: string;
  /** Incremented once per state-changing command; the optimistic-concurrency token. */
  readonly version: number;
  readonly rfc: string;
  readonly kind: EmployerKind;
  readonly legalName: string;
  readonly sector: Sector;
  readonly contact: ContactProps;
  readonly address: Required<AddressProps>;
  readonly legalRepresentative: Required<LegalRepresentativeProps> | null;
  readonly status: EmployerStatus;
  readonly rating: ComplianceRating | null;
  readonly registrationNumber: string | null;
  readonly registered: Decision;
  readonly verified: Decision | null;
  readonly rejected: Decision | null;
  readonly deregistered: Decision | null;
  readonly suspension: Suspension | null;
  readonly worksites: readonly WorksiteSnapshot[];
  readonly audits: readonly AuditRecord[];
  readonly risk: RiskAssessment | null;
}
