import type { EmployerHistory, EmployerRead } from '@frontera/employers-application';
import { personalDataPaths, type Employer, type WorksiteView } from '@frontera/employers-domain';
import { maskValue } from '@frontera/platform-pii';
import type {
  EmployerResponse,
  EmployerSummaryResponse,
  HistoryResponse,
  WorksiteResponse,
} from './dto/employer.response';

type Json = Record<string, unknown>;

/** Masks every string under `value` (an object's fields, one level of nesting is all there is). */
function maskAll(value: unknown): unknown {
  if (typeof value === 'string') return maskValue(value);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, maskAll(v)]));
}

/**
 * Masks the employer's personal data paths (the domain's `personalDataPaths(kind)`: contact,
 * legal representative, and for an individual the RFC, name and street-level address) in a
 * response being built. Driven by the domain's list, so a path it adds is masked here too.
 */
export function maskPersonalData<T extends Json>(response: T, employer: Employer): T {
  const copy = structuredClone(response) as Json;
  for (const path of personalDataPaths(employer.kind)) {
    const keys = path.split('.');
    const parent = keys
      .slice(0, -1)
      .reduce<Json | undefined>((node, key) => node?.[key] as Json | undefined, copy);
    const last = keys[keys.length - 1];
    if (parent && last in parent) parent[last] = maskAll(parent[last]);
  }
  return copy as T;
}

export function toWorksiteResponse(worksite: WorksiteView): WorksiteResponse {
  return {
    id: worksite.id,
    name: worksite.name,
    activity: worksite.activity,
    state: worksite.state,
    municipality: worksite.municipality,
    coordinates: { lat: worksite.coordinates.lat, lng: worksite.coordinates.lng },
    capacity: worksite.capacity,
    housingProvided: worksite.housingProvided,
    status: worksite.status,
    openedAt: worksite.openedAt,
    closedAt: worksite.closedAt,
    closedReason: worksite.closedReason,
    headcount: worksite.headcount,
    overCapacity: worksite.overCapacity,
    remainingCapacity: worksite.remainingCapacity,
    eligibleForPermits: worksite.eligibleForPermits,
  };
}

/** The employer's record as this reader may see it (see EmployerRead and the access policy). */
export function toEmployerResponse({
  employer,
  personalData,
  riskAssessment,
}: EmployerRead): EmployerResponse {
  const risk = employer.risk;
  const suspension = employer.suspension;
  const response: EmployerResponse = {
    id: employer.id,
    kind: employer.kind,
    rfc: employer.rfc.value,
    legalName: employer.legalName,
    sector: employer.sector,
    status: employer.status,
    rating: employer.rating,
    registrationNumber: employer.registrationNumber?.value ?? null,
    address: { ...employer.address.toProps() },
    contact: { ...employer.contact.toProps() },
    legalRepresentative: employer.legalRepresentative ? { ...employer.legalRepresentative.toProps() } : null,
    registeredAt: employer.registeredAt,
    verifiedAt: employer.verifiedAt,
    rejectionReason: employer.rejectionReason,
    deregisteredAt: employer.deregisteredAt,
    suspension: suspension
      ? {
          cause: suspension.cause,
          reason: suspension.reason,
          since: suspension.since,
          auditIds: [...suspension.auditIds],
        }
      : null,
    canReceivePermits: employer.canReceivePermits(),
    worksites: employer.worksites.map(toWorksiteResponse),
    audits: employer.audits.map((a) => ({
      auditId: a.auditId,
      kind: a.kind,
      outcome: a.outcome,
      classification: a.classification,
      findingCodes: [...a.findingCodes],
      completedAt: a.completedAt,
      effects: [...a.effects],
      ignoredBecause: a.ignoredBecause,
    })),
    ...(riskAssessment
      ? {
          risk: risk && {
            score: risk.score,
            tier: risk.tier,
            factors: risk.factors.map((f) => ({ ...f })),
            computedAt: risk.computedAt,
          },
        }
      : {}),
    allowedActions: employer.allowedActions,
    personalData,
    version: employer.version,
  };
  return personalData === 'FULL'
    ? response
    : (maskPersonalData(response as unknown as Json, employer) as unknown as EmployerResponse);
}

/** A list item: no contact or legal representative for anyone (open the record for those). */
export function toEmployerSummary({
  employer,
  personalData,
  riskAssessment,
}: EmployerRead): EmployerSummaryResponse {
  const summary: EmployerSummaryResponse = {
    id: employer.id,
    kind: employer.kind,
    rfc: employer.rfc.value,
    legalName: employer.legalName,
    sector: employer.sector,
    status: employer.status,
    rating: employer.rating,
    registrationNumber: employer.registrationNumber?.value ?? null,
    state: employer.address.state,
    municipality: employer.address.municipality,
    registeredAt: employer.registeredAt,
    openWorksites: employer.worksites.filter((w) => w.status === 'OPEN').length,
    ...(riskAssessment ? { riskTier: employer.risk?.tier ?? null } : {}),
    personalData,
  };
  return personalData === 'FULL'
    ? summary
    : (maskPersonalData(summary as unknown as Json, employer) as unknown as EmployerSummaryResponse);
}

export function toHistoryResponse(history: EmployerHistory): HistoryResponse {
  return {
    employerId: history.employerId,
    entries: history.entries.map((e) => ({
      version: e.version,
      at: e.at,
      actor: { id: e.actor.id, role: e.actor.role },
      field: e.field,
      worksiteId: e.worksiteId,
      personalData: e.personalData,
      from: e.from,
      to: e.to,
      summary: e.summary,
      reason: e.reason,
      auditId: e.auditId,
    })),
  };
}
