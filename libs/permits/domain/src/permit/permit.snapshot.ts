import type { CallerIdentity, MexicanState } from '@frontera/shared-kernel';
import type { PermitAuditFinding } from './permit-audit-findings';
import type { PermitEndReason, PermitStatus, TransferCause } from './permit.types';

export const PERMIT_SNAPSHOT_SCHEMA_VERSION = 1;

export interface PermitTransferability {
  readonly cause: TransferCause;
  /** ISO-8601 instant the transfer window closes. */
  readonly until: string;
  readonly since: string;
}

export interface PermitDecisionRecord {
  readonly at: string;
  readonly by: CallerIdentity;
  readonly reason: string | null;
}

/**
 * A permit as plain, JSON-safe data. No personal data (the worker is referred to by id). Top-level
 * for the repository: `number` (compact form for lookups), `status`, `employerId`, `worksiteId`,
 * `workerId`, `state`, `applicationId` (unique: a retried issuance finds the permit it already
 * issued), and the sweep bucket keys `expiresOn` / `noticeOn` (`YYYY-MM-DD`, null when nothing is
 * due: equality keys, never ranges). The verification token is stored for the card's QR code; the
 * repository may index a hash of it.
 */
export interface PermitSnapshot {
  readonly schemaVersion: typeof PERMIT_SNAPSHOT_SCHEMA_VERSION;
  readonly id: string;
  readonly version: number;
  readonly number: string;
  readonly verificationToken: string;
  readonly applicationId: string;
  readonly kind: 'NEW' | 'TRANSFER';
  readonly transferredFromPermitId: string | null;
  readonly workerId: string;
  readonly employerId: string;
  readonly worksiteId: string;
  readonly state: MexicanState;
  readonly occupation: string;
  readonly dailyWage: number;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly utcOffsetMinutes: number;
  /** `YYYY-MM-DD`: the local day of issue or of the last renewal. */
  readonly validitySetOn: string;
  readonly status: PermitStatus;
  readonly statusReason: string | null;
  readonly endReason: PermitEndReason | null;
  readonly transferable: PermitTransferability | null;
  readonly transferredToPermitId: string | null;
  /** The validUntil the expiry notice was raised for (a renewal makes a new notice due). */
  readonly expiryNoticeFor: string | null;
  readonly issued: PermitDecisionRecord;
  readonly renewals: number;
  /** The latest audit findings that concern the worker (absent in snapshots stored before they existed). */
  readonly auditFindings?: readonly PermitAuditFinding[];
  readonly expiresOn: string | null;
  readonly noticeOn: string | null;
}
