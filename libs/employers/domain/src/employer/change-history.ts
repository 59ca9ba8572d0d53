import type { CallerIdentity } from '@frontera/shared-kernel';
import type { EmployerKind } from '@frontera/shared-kernel';

/**
 * One changed field in the employer's history: who, when, what, old → new, why.
 *
 * Personal data (contact, legal representative, and for an individual employer also the name
 * and the street-level address) is recorded as "changed" with no values: the history is read
 * by many officers and kept for years, the current values live encrypted on the record.
 */
export interface ChangeHistoryEntry {
  /** The aggregate version this change produced; entries of one command share it. */
  readonly version: number;
  readonly at: string;
  readonly actor: CallerIdentity;
  /** e.g. "status", "rating", "address.municipality", "contact.phone", "worksite.capacity". */
  readonly field: string;
  /** Set when the entry is about a worksite. */
  readonly worksiteId: string | null;
  readonly personalData: boolean;
  /** Old and new value; null when not recorded (personal data) or not present. */
  readonly from: string | null;
  readonly to: string | null;
  /** Human-readable, e.g. "ACTIVE → SUSPENDED" or "changed (personal data, values not recorded)". */
  readonly summary: string;
  readonly reason: string | null;
  /** The audit that caused the change, for changes derived from an audit outcome. */
  readonly auditId: string | null;
}

const ALWAYS_PERSONAL = ['contact', 'legalRepresentative'];
const INDIVIDUAL_PERSONAL = [
  'rfc',
  'legalName',
  'address.locality',
  'address.neighbourhood',
  'address.street',
  'address.postalCode',
];

/**
 * Snapshot paths that hold personal data for this kind of employer — for the infrastructure
 * to encrypt at rest (and look up through a keyed hash where it must search, e.g. the RFC).
 * An individual's RFC and name identify a person; a company's do not.
 */
export function personalDataPaths(kind: EmployerKind): string[] {
  return kind === 'INDIVIDUAL' ? [...ALWAYS_PERSONAL, ...INDIVIDUAL_PERSONAL] : [...ALWAYS_PERSONAL];
}

export function isPersonalDataField(field: string, kind: EmployerKind): boolean {
  return personalDataPaths(kind).some((path) => field === path || field.startsWith(`${path}.`));
}

export { describeChange, PERSONAL_DATA_SUMMARY } from '@frontera/shared-kernel';
