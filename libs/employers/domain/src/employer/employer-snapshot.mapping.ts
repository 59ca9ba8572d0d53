import { AppError, COMPLIANCE_RATINGS, EMPLOYER_STATUSES, SECTORS } from '@frontera/shared-kernel';
import { EmployerErrors } from '../errors/employer-errors';
import { Rfc } from '../rfc/rfc';
import { assertId, requireOneOf } from '../shared/validation';
import { Worksite } from '../worksite/worksite.entity';
import { Address } from './address.value-object';
import { Contact } from './contact.value-object';
import { EMPLOYER_SNAPSHOT_SCHEMA_VERSION, type EmployerSnapshot } from './employer.snapshot';
import { copyDecision, type EmployerState } from './employer.state';
import { validLegalName } from './legal-name';
import { LegalRepresentative } from './legal-representative.value-object';
import { RegistrationNumber } from './registration-number.value-object';

/** The state as plain, JSON-safe data: copies, never shared references. */
export function snapshotOf(s: EmployerState): EmployerSnapshot {
  return {
    schemaVersion: EMPLOYER_SNAPSHOT_SCHEMA_VERSION,
    id: s.id,
    version: s.version,
    rfc: s.rfc.value,
    kind: s.kind,
    legalName: s.legalName,
    sector: s.sector,
    contact: s.contact.toProps(),
    address: s.address.toProps(),
    legalRepresentative: s.legalRepresentative?.toProps() ?? null,
    status: s.status,
    rating: s.rating,
    registrationNumber: s.registrationNumber?.value ?? null,
    registered: copyDecision(s.registered),
    verified: s.verified && copyDecision(s.verified),
    rejected: s.rejected && copyDecision(s.rejected),
    deregistered: s.deregistered && copyDecision(s.deregistered),
    suspension: s.suspension && { ...s.suspension, auditIds: [...s.suspension.auditIds] },
    worksites: [...s.worksites.values()].map((w) => w.toSnapshot()),
    audits: s.audits.map((a) => ({ ...a, findingCodes: [...a.findingCodes], effects: [...a.effects] })),
    risk: s.risk && { ...s.risk, factors: s.risk.factors.map((f) => ({ ...f })) },
  };
}

/**
 * The state stored data describes, its invariants checked again. Unreadable data raises
 * EMPLOYER.SNAPSHOT_INVALID (a 500: the store holds something the domain never wrote). Reads
 * EMPLOYER_SNAPSHOT_SCHEMA_VERSION and upcasts the previous ones here, before these checks
 * (version 1: its `history` is ignored).
 */
export function stateOf(snapshot: EmployerSnapshot): EmployerState {
  const invalid = (problem: string) => EmployerErrors.SNAPSHOT_INVALID.create({ problem });
  if (!snapshot || typeof snapshot !== 'object') throw invalid('not an object');
  // Version 1 held the change history; it is dropped (the history lives in its own collection).
  if (
    snapshot.schemaVersion !== EMPLOYER_SNAPSHOT_SCHEMA_VERSION &&
    (snapshot.schemaVersion as number) !== 1
  ) {
    throw invalid(`unsupported schemaVersion ${String(snapshot.schemaVersion)}`);
  }
  if (!Number.isInteger(snapshot.version) || snapshot.version < 1)
    throw invalid('version must be an integer ≥ 1');
  if (!EMPLOYER_STATUSES.includes(snapshot.status))
    throw invalid(`unknown status ${String(snapshot.status)}`);
  if (snapshot.rating !== null && !COMPLIANCE_RATINGS.includes(snapshot.rating)) {
    throw invalid(`unknown rating ${String(snapshot.rating)}`);
  }
  try {
    const rfc = Rfc.parse(snapshot.rfc);
    if (rfc.kind !== snapshot.kind) throw invalid('kind does not match the RFC');
    return {
      id: assertId(snapshot.id, 'id'),
      version: snapshot.version,
      rfc,
      kind: snapshot.kind,
      legalName: validLegalName(snapshot.legalName),
      sector: requireOneOf(snapshot.sector, SECTORS, 'sector', EmployerErrors.INVALID_SECTOR),
      contact: Contact.create(snapshot.contact),
      address: Address.create(snapshot.address),
      legalRepresentative:
        snapshot.legalRepresentative && LegalRepresentative.create(snapshot.legalRepresentative),
      status: snapshot.status,
      rating: snapshot.rating,
      registrationNumber:
        snapshot.registrationNumber === null ? null : RegistrationNumber.parse(snapshot.registrationNumber),
      registered: copyDecision(snapshot.registered),
      verified: snapshot.verified && copyDecision(snapshot.verified),
      rejected: snapshot.rejected && copyDecision(snapshot.rejected),
      deregistered: snapshot.deregistered && copyDecision(snapshot.deregistered),
      suspension: snapshot.suspension && {
        ...snapshot.suspension,
        auditIds: [...snapshot.suspension.auditIds],
      },
      worksites: new Map(snapshot.worksites.map((w) => [w.id, Worksite.fromSnapshot(w)])),
      audits: snapshot.audits.map((a) => ({
        ...a,
        findingCodes: [...a.findingCodes],
        effects: [...a.effects],
      })),
      risk: snapshot.risk && { ...snapshot.risk, factors: snapshot.risk.factors.map((f) => ({ ...f })) },
      recordedHistory: [],
    };
  } catch (error) {
    if (EmployerErrors.SNAPSHOT_INVALID.is(error)) throw error;
    if (error instanceof AppError) throw invalid(`${error.code} (${String(error.params['field'] ?? '')})`);
    throw invalid(error instanceof Error ? error.message : String(error));
  }
}
