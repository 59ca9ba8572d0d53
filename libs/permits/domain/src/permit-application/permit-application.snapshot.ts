import type { CallerIdentity, MexicanState } from '@frontera/shared-kernel';
import type { ApplicationKind, ApplicationStatus } from './permit-application.types';

export const APPLICATION_SNAPSHOT_SCHEMA_VERSION = 1;

export interface ApplicationDecision {
  readonly outcome: 'APPROVED' | 'REJECTED' | 'WITHDRAWN';
  readonly at: string;
  readonly by: CallerIdentity;
  readonly reason: string;
}

/**
 * An application as plain, JSON-safe data. Nothing in it is personal data (the worker is referred
 * to by id); `employerId`, `worksiteId`, `state`, `status` and `workerId` are top-level for the
 * tenant-keyed lists (by employer) and the officers' lists (by state).
 */
export interface PermitApplicationSnapshot {
  readonly schemaVersion: typeof APPLICATION_SNAPSHOT_SCHEMA_VERSION;
  readonly id: string;
  readonly version: number;
  readonly kind: ApplicationKind;
  readonly employerId: string;
  readonly worksiteId: string;
  readonly workerId: string;
  readonly state: MexicanState;
  readonly replacesPermitId: string | null;
  readonly occupation: string;
  readonly dailyWage: number;
  readonly startDate: string;
  readonly noRecruitmentFeeDeclared: boolean;
  readonly status: ApplicationStatus;
  readonly submitted: { readonly at: string; readonly by: CallerIdentity };
  readonly decision: ApplicationDecision | null;
}
