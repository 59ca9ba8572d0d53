import {
  COMPLIANCE_RATINGS,
  EMPLOYER_STATUSES,
  isMexicanState,
  LIMITS,
  MEXICAN_STATES,
  type ComplianceRating,
  type EmployerStatus,
  type MexicanState,
} from '@frontera/shared-kernel';
import type { EmployerFacts, WorksiteFacts } from '../eligibility/eligibility.policy';
import { PermitErrors } from '../errors/permit-errors';
import type { TransferCause } from '../permit/permit.types';
import { assertId } from '../shared/validation';

/** As the employer contracts say: an officer's decision, or an audit's critical findings (abuse). */
export const EMPLOYER_SUSPENSION_CAUSES = ['OFFICER_DECISION', 'CRITICAL_FINDINGS'] as const;
export type EmployerSuspensionCause = (typeof EMPLOYER_SUSPENSION_CAUSES)[number];

/** Capacities above this are refused by the employer contracts too. */
export const MAX_STANDING_CAPACITY = 100_000;

export interface StandingWorksite {
  readonly worksiteId: string;
  readonly state: MexicanState;
  readonly municipality: string;
  readonly capacity: number;
  readonly open: boolean;
  /** As the employers context computed it with its configuration; eligibility uses this context's own states. */
  readonly eligibleForPermits: boolean;
}

/**
 * What the permits context knows of an employer, kept from the employer events it consumes (no
 * personal data: no RFC, contact or address; `publicName` only when the employer's name is public,
 * i.e. a company's). The service stores it as it is (one document per employer).
 */
export interface EmployerStanding {
  readonly employerId: string;
  readonly status: EmployerStatus;
  readonly rating: ComplianceRating | null;
  readonly suspensionCause: EmployerSuspensionCause | null;
  /** The name public verification shows, when the employers context publishes one. */
  readonly publicName: string | null;
  readonly registrationNumber: string | null;
  readonly worksites: readonly StandingWorksite[];
  /** The latest `occurredAt` applied (never moves back). */
  readonly lastFactAt: string | null;
}

/** A worksite as the employer contracts carry it (WorksiteV1). */
export interface WorksiteFact {
  readonly worksiteId: string;
  readonly state: MexicanState;
  readonly municipality: string;
  readonly capacity: number;
  readonly eligibleForPermits: boolean;
}

interface FactBase {
  readonly employerId: string;
  /** ISO-8601 (the envelope's `time`). */
  readonly occurredAt: string;
}

/**
 * The employer events the permits context consumes, as facts (the consumer builds them from the
 * validated contract events). `publicName` is optional everywhere: the current contracts do not carry
 * it yet (an additive field is needed for public verification to show the employer's name).
 */
export type EmployerFact =
  | (FactBase & { readonly type: 'EmployerRegistered'; readonly publicName?: string | null })
  | (FactBase & {
      readonly type: 'EmployerVerified';
      readonly registrationNumber: string;
      readonly rating: ComplianceRating;
      readonly publicName?: string | null;
    })
  | (FactBase & { readonly type: 'EmployerRejected' })
  | (FactBase & { readonly type: 'EmployerUpdated'; readonly publicName?: string | null })
  | (FactBase & { readonly type: 'EmployerSuspended'; readonly cause: EmployerSuspensionCause })
  | (FactBase & { readonly type: 'EmployerReinstated' })
  | (FactBase & { readonly type: 'EmployerDeregistered' })
  | (FactBase & { readonly type: 'EmployerRatingChanged'; readonly to: ComplianceRating })
  | (FactBase & { readonly type: 'WorksiteAdded'; readonly worksite: WorksiteFact })
  | (FactBase & { readonly type: 'WorksiteUpdated'; readonly worksite: WorksiteFact })
  | (FactBase & { readonly type: 'WorksiteClosed'; readonly worksiteId: string });

export type EmployerFactType = EmployerFact['type'];

export const EMPLOYER_FACT_TYPES: readonly EmployerFactType[] = [
  'EmployerRegistered',
  'EmployerVerified',
  'EmployerRejected',
  'EmployerUpdated',
  'EmployerSuspended',
  'EmployerReinstated',
  'EmployerDeregistered',
  'EmployerRatingChanged',
  'WorksiteAdded',
  'WorksiteUpdated',
  'WorksiteClosed',
];

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function invalidFact(
  factType: string,
  field: string,
  constraint: string,
  extra: Record<string, string | number | readonly string[]> = {},
) {
  return PermitErrors.STANDING_INVALID_FACT.create({ factType, field, constraint, ...extra });
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], factType: string, field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalidFact(factType, field, 'UNKNOWN_VALUE', { allowed });
  }
  return value as T;
}

function text(value: unknown, max: number, factType: string, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalidFact(factType, field, 'REQUIRED');
  const trimmed = value.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (trimmed.length > max) throw invalidFact(factType, field, 'TOO_LONG', { max });
  return trimmed;
}

function publicNameOf(value: unknown, factType: string): string | null {
  if (value === null || (typeof value === 'string' && value.trim() === '')) return null;
  return text(value, LIMITS.LEGAL_NAME, factType, 'publicName');
}

function worksiteOf(value: WorksiteFact, factType: string, open: boolean): StandingWorksite {
  if (!value || typeof value !== 'object') throw invalidFact(factType, 'worksite', 'REQUIRED');
  if (!isMexicanState(value.state)) {
    throw invalidFact(factType, 'worksite.state', 'UNKNOWN_VALUE', { allowed: MEXICAN_STATES });
  }
  if (!Number.isInteger(value.capacity) || value.capacity < 0 || value.capacity > MAX_STANDING_CAPACITY) {
    throw invalidFact(factType, 'worksite.capacity', 'OUT_OF_RANGE', { min: 0, max: MAX_STANDING_CAPACITY });
  }
  if (typeof value.eligibleForPermits !== 'boolean') {
    throw invalidFact(factType, 'worksite.eligibleForPermits', 'NOT_A_BOOLEAN');
  }
  const municipality = text(value.municipality, LIMITS.NAME, factType, 'worksite.municipality');
  return Object.freeze({
    worksiteId: assertId(value.worksiteId, 'worksite.worksiteId'),
    state: value.state,
    municipality,
    capacity: value.capacity,
    open,
    eligibleForPermits: value.eligibleForPermits,
  });
}

/** A standing for an employer first met through `fact` (earlier events not seen): nothing known yet. */
function blank(employerId: string): EmployerStanding {
  return {
    employerId,
    status: 'PENDING_VERIFICATION',
    rating: null,
    suspensionCause: null,
    publicName: null,
    registrationNumber: null,
    worksites: [],
    lastFactAt: null,
  };
}

function same(a: EmployerStanding, b: EmployerStanding): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function freeze(standing: EmployerStanding): EmployerStanding {
  return Object.freeze({
    ...standing,
    worksites: Object.freeze(standing.worksites.map((w) => Object.freeze({ ...w }))),
  });
}

/**
 * Applies one employer fact to the standing (pure; `null` when the employer is not known yet) and
 * returns the new standing, and whether it changed. Idempotent: applying the same fact again changes
 * nothing. Facts are not requests: they are applied whatever the current status (the employers context
 * already decided them), and a fact about an employer never seen (its earlier events predate this
 * service) starts from a blank PENDING_VERIFICATION standing. Consumers still deduplicate by event id,
 * which also protects against an old fact redelivered after newer ones.
 */
export function applyEmployerFact(
  before: EmployerStanding | null,
  fact: EmployerFact,
): { standing: EmployerStanding; changed: boolean } {
  if (!fact || typeof fact !== 'object' || !EMPLOYER_FACT_TYPES.includes(fact.type)) {
    throw invalidFact(
      String((fact as { type?: unknown } | null)?.type ?? 'unknown'),
      'type',
      'UNKNOWN_VALUE',
      {
        allowed: EMPLOYER_FACT_TYPES,
      },
    );
  }
  const employerId = assertId(fact.employerId, 'employerId');
  if (before !== null && before.employerId !== employerId) {
    throw new TypeError(`a fact of employer ${employerId} applied to the standing of ${before.employerId}`);
  }
  if (Number.isNaN(Date.parse(fact.occurredAt))) throw invalidFact(fact.type, 'occurredAt', 'REQUIRED');
  const base = before ?? blank(employerId);
  const next: Mutable<EmployerStanding> = { ...base };
  let worksites: StandingWorksite[] = [...base.worksites];
  const worksiteIndex = (id: string) => worksites.findIndex((w) => w.worksiteId === id);

  switch (fact.type) {
    case 'EmployerRegistered':
      if (fact.publicName !== undefined) next.publicName = publicNameOf(fact.publicName, fact.type);
      break;
    case 'EmployerVerified':
      next.status = 'ACTIVE';
      next.rating = oneOf(fact.rating, COMPLIANCE_RATINGS, fact.type, 'rating');
      next.suspensionCause = null;
      next.registrationNumber = text(fact.registrationNumber, 40, fact.type, 'registrationNumber');
      if (fact.publicName !== undefined) next.publicName = publicNameOf(fact.publicName, fact.type);
      break;
    case 'EmployerRejected':
      next.status = 'REJECTED';
      break;
    case 'EmployerUpdated':
      if (fact.publicName !== undefined) next.publicName = publicNameOf(fact.publicName, fact.type);
      break;
    case 'EmployerSuspended':
      next.status = 'SUSPENDED';
      next.suspensionCause = oneOf(fact.cause, EMPLOYER_SUSPENSION_CAUSES, fact.type, 'cause');
      break;
    case 'EmployerReinstated':
      next.status = 'ACTIVE';
      next.suspensionCause = null;
      break;
    case 'EmployerDeregistered':
      next.status = 'DEREGISTERED';
      next.suspensionCause = null;
      worksites = worksites.map((w) => ({ ...w, open: false }));
      break;
    case 'EmployerRatingChanged':
      next.rating = oneOf(fact.to, COMPLIANCE_RATINGS, fact.type, 'to');
      break;
    case 'WorksiteAdded':
    case 'WorksiteUpdated': {
      const index = worksiteIndex(String(fact.worksite?.worksiteId));
      const open = index >= 0 ? worksites[index].open : next.status !== 'DEREGISTERED';
      const worksite = worksiteOf(fact.worksite, fact.type, open);
      if (index >= 0) worksites[index] = worksite;
      else worksites.push(worksite);
      break;
    }
    case 'WorksiteClosed': {
      const index = worksiteIndex(assertId(fact.worksiteId, 'worksiteId'));
      if (index >= 0) worksites[index] = { ...worksites[index], open: false };
      break;
    }
  }
  next.worksites = worksites;
  if (next.lastFactAt === null || Date.parse(fact.occurredAt) > Date.parse(next.lastFactAt)) {
    next.lastFactAt = new Date(fact.occurredAt).toISOString();
  }
  if (before !== null && same(before, next)) return { standing: before, changed: false };
  return { standing: freeze(next), changed: true };
}

/**
 * Whether a change of standing makes the employer's permits transferable, and why: the employer
 * became SUSPENDED for CRITICAL_FINDINGS, or DEREGISTERED. Null for anything else (an officer's
 * suspension, a rating change to B, a repeated fact). The application then calls
 * `permit.makeTransferable(now + configured period, cause, now)` on each of the employer's ACTIVE and
 * SUSPENDED permits.
 *
 * Known gap: an employer already suspended by an officer that then gets critical findings stays
 * suspended under the officer's cause in the employers context, so no fact says "critical" and no
 * trigger fires; the employer contracts would need the audit's cause for that case.
 */
export function transferTrigger(
  before: EmployerStanding | null,
  after: EmployerStanding,
): TransferCause | null {
  if (after.status === 'DEREGISTERED' && before?.status !== 'DEREGISTERED') return 'EMPLOYER_DEREGISTERED';
  const critical = (s: EmployerStanding | null) =>
    s?.status === 'SUSPENDED' && s.suspensionCause === 'CRITICAL_FINDINGS';
  if (critical(after) && !critical(before)) return 'EMPLOYER_SUSPENDED_CRITICAL_FINDINGS';
  return null;
}

/** May this employer apply now (ACTIVE and rated A)? */
export function mayApply(standing: EmployerStanding | null): boolean {
  return standing !== null && standing.status === 'ACTIVE' && standing.rating === 'A';
}

/** The employer part of the eligibility facts. */
export function employerFactsOf(standing: EmployerStanding | null): EmployerFacts | null {
  if (standing === null) return null;
  return { employerId: standing.employerId, status: standing.status, rating: standing.rating };
}

/** The worksite part of the eligibility facts, with the permits the service holds there (ACTIVE or SUSPENDED). */
export function worksiteFactsOf(
  standing: EmployerStanding | null,
  worksiteId: string,
  activePermits: number,
): WorksiteFacts | null {
  const worksite = standing?.worksites.find((w) => w.worksiteId === worksiteId);
  if (!worksite) return null;
  if (!Number.isInteger(activePermits) || activePermits < 0)
    throw new TypeError('activePermits must be an integer ≥ 0');
  return {
    worksiteId: worksite.worksiteId,
    state: worksite.state,
    open: worksite.open,
    capacity: worksite.capacity,
    activePermits,
  };
}

/** Reads a stored standing back, checking it; unreadable data raises EMPLOYER_STANDING.SNAPSHOT_INVALID (500). */
export function readEmployerStanding(stored: unknown): EmployerStanding {
  const invalid = (problem: string) => PermitErrors.STANDING_SNAPSHOT_INVALID.create({ problem });
  const s = stored as EmployerStanding | null;
  if (!s || typeof s !== 'object') throw invalid('not an object');
  if (!EMPLOYER_STATUSES.includes(s.status)) throw invalid(`unknown status ${String(s.status)}`);
  if (s.rating !== null && !COMPLIANCE_RATINGS.includes(s.rating))
    throw invalid(`unknown rating ${String(s.rating)}`);
  if (s.suspensionCause !== null && !EMPLOYER_SUSPENSION_CAUSES.includes(s.suspensionCause)) {
    throw invalid(`unknown suspensionCause ${String(s.suspensionCause)}`);
  }
  if (!Array.isArray(s.worksites)) throw invalid('worksites is not a list');
  try {
    return freeze({
      employerId: assertId(s.employerId, 'employerId'),
      status: s.status,
      rating: s.rating,
      suspensionCause: s.suspensionCause,
      publicName: s.publicName ?? null,
      registrationNumber: s.registrationNumber ?? null,
      worksites: s.worksites.map((w) => {
        if (typeof w?.open !== 'boolean') throw invalid('worksite.open is not a boolean');
        return worksiteOf(w, 'stored', w.open);
      }),
      lastFactAt: s.lastFactAt ?? null,
    });
  } catch (error) {
    if (PermitErrors.STANDING_SNAPSHOT_INVALID.is(error)) throw error;
    throw invalid(error instanceof Error ? error.message : String(error));
  }
}
