import type {
  CallerIdentity,
  ComplianceRating,
  EmployerKind,
  EmployerStatus,
  Sector,
} from '@frontera/shared-kernel';
import type { Rfc } from '../rfc/rfc';
import type { Worksite } from '../worksite/worksite.entity';
import type { Address } from './address.value-object';
import type { AuditRecord } from './audit-outcome';
import type { ChangeHistoryEntry } from './change-history';
import type { Contact } from './contact.value-object';
import type { Decision, Suspension } from './employer.snapshot';
import type { LegalRepresentative } from './legal-representative.value-object';
import type { RegistrationNumber } from './registration-number.value-object';
import type { RiskAssessment } from './risk-assessment';

/** The aggregate's state, as its methods change it (value objects, not plain data). */
export interface EmployerState {
  id: string;
  version: number;
  rfc: Rfc;
  kind: EmployerKind;
  legalName: string;
  sector: Sector;
  contact: Contact;
  address: Address;
  legalRepresentative: LegalRepresentative | null;
  status: EmployerStatus;
  rating: ComplianceRating | null;
  registrationNumber: RegistrationNumber | null;
  registered: Decision;
  verified: Decision | null;
  rejected: Decision | null;
  deregistered: Decision | null;
  suspension: Suspension | null;
  worksites: Map<string, Worksite>;
  audits: AuditRecord[];
  risk: RiskAssessment | null;
  /**
   * History entries recorded since the employer was loaded (or built): the repository appends them
   * to the change history (employer_history) with the write. The history itself is not part of
   * the aggregate: it grows without limit and is read only when asked for.
   */
  recordedHistory: ChangeHistoryEntry[];
}

export function copyDecision(d: Decision): Decision {
  return { at: d.at, by: copyCaller(d.by), reason: d.reason };
}

function copyCaller(caller: CallerIdentity): CallerIdentity {
  return { id: caller.id, role: caller.role };
}
