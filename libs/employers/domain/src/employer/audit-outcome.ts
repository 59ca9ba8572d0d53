import { EmployerErrors } from '../errors/employer-errors';
import {
  AUDIT_KINDS,
  AUDIT_OUTCOMES,
  FINDING_SEVERITIES,
  type AuditKind,
  type AuditOutcome as AuditVerdict,
  type FindingSeverity,
} from '@frontera/shared-kernel';
import { assertId, requireOneOf } from '../shared/validation';

/**
 * An audit's verdict: the shared kernel's AUDIT_OUTCOMES. Named verdict here because in this domain
 * `AuditOutcome` is the whole record of a finished audit (below).
 */
export const AUDIT_VERDICTS = AUDIT_OUTCOMES;
export type { AuditVerdict };

export interface AuditFinding {
  /** Catalogue code, e.g. WAGE_BELOW_MINIMUM, DEBT_BONDAGE. */
  readonly code: string;
  readonly severity: FindingSeverity;
  /** One of the ILO forced-labour indicators. */
  readonly forcedLabourIndicator: boolean;
  readonly workersAffected?: number;
}

/** An audit that finished, as the audits context reports it (mapped from AuditOutcomeRecorded). */
export interface AuditOutcome {
  readonly auditId: string;
  readonly kind: AuditKind;
  readonly outcome: AuditVerdict;
  readonly findings: readonly AuditFinding[];
  readonly completedAt: Date;
}

/**
 * What an audit outcome means for the compliance rating, before looking at the employer:
 *
 * - CRITICAL: any CRITICAL finding or any forced-labour indicator (whatever its severity)
 *   → rating B and suspension with cause CRITICAL_FINDINGS, pending officer review.
 * - SERIOUS: any SERIOUS finding, or a REFERRAL outcome (a referral to a prosecutor or the
 *   labour authority is at least as grave as a serious finding)
 *   → rating B: no new permits until a re-audit passes.
 * - PASSED_RE_AUDIT: a FOLLOW_UP audit (the re-audit at the corrective-action deadline) that
 *   is COMPLIANT with no SERIOUS or CRITICAL finding → back to A if rated B. Minor findings
 *   do not fail a re-audit. A compliant PERIODIC / RANDOM / COMPLAINT audit does not lift a B:
 *   only the follow-up checks the corrective actions.
 * - NO_RATING_EFFECT: anything else (compliant routine audits, violations with minor findings only).
 */
export type AuditClassification = 'CRITICAL' | 'SERIOUS' | 'PASSED_RE_AUDIT' | 'NO_RATING_EFFECT';

export function classifyAuditOutcome(outcome: AuditOutcome): AuditClassification {
  const findings = outcome.findings;
  if (findings.some((f) => f.severity === 'CRITICAL' || f.forcedLabourIndicator)) return 'CRITICAL';
  if (findings.some((f) => f.severity === 'SERIOUS') || outcome.outcome === 'REFERRAL') return 'SERIOUS';
  if (outcome.kind === 'FOLLOW_UP' && outcome.outcome === 'COMPLIANT') return 'PASSED_RE_AUDIT';
  return 'NO_RATING_EFFECT';
}

const INVALID = EmployerErrors.INVALID_AUDIT_OUTCOME;
const FINDING_CODE = /^[A-Z][A-Z0-9_]{1,63}$/;

/** Checks an outcome reported by the audits context (the same bounds as its event contract). */
export function validateAuditOutcome(outcome: AuditOutcome): AuditOutcome {
  if (!outcome || typeof outcome !== 'object') {
    throw INVALID.create({ field: 'outcome', constraint: 'REQUIRED' });
  }
  const auditId = assertId(outcome.auditId, 'auditId');
  const kind = requireOneOf(outcome.kind, AUDIT_KINDS, 'kind', INVALID);
  const verdict = requireOneOf(outcome.outcome, AUDIT_VERDICTS, 'outcome', INVALID);
  if (!(outcome.completedAt instanceof Date) || Number.isNaN(outcome.completedAt.getTime())) {
    throw INVALID.create({ field: 'completedAt', constraint: 'REQUIRED' });
  }
  if (!Array.isArray(outcome.findings)) {
    throw INVALID.create({ field: 'findings', constraint: 'REQUIRED' });
  }
  const findings = outcome.findings.map((f, i) => {
    if (typeof f?.code !== 'string' || !FINDING_CODE.test(f.code)) {
      throw INVALID.create({
        field: `findings[${i}].code`,
        constraint: 'INVALID_FORMAT',
        format: 'UPPER_SNAKE_CASE',
      });
    }
    const severity = requireOneOf(f.severity, FINDING_SEVERITIES, `findings[${i}].severity`, INVALID);
    if (typeof f.forcedLabourIndicator !== 'boolean') {
      throw INVALID.create({
        field: `findings[${i}].forcedLabourIndicator`,
        constraint: 'NOT_A_BOOLEAN',
      });
    }
    return { ...f, severity };
  });
  return { auditId, kind, outcome: verdict, findings, completedAt: outcome.completedAt };
}

/** What applying an outcome did to the employer. */
export type AuditEffect = 'RATED_B' | 'RATED_A' | 'SUSPENDED' | 'ADDED_TO_SUSPENSION';

/**
 * Why an outcome was recorded without consequences:
 * - NOT_IN_PROGRAM: the employer is PENDING_VERIFICATION, REJECTED or DEREGISTERED — it has no
 *   rating to change and no permits to stop; the record stays for officers (e.g. to reject).
 * - STALE: an audit completed earlier than one already applied arrived late; applying it would
 *   undo a newer result (e.g. re-rate B after a passed re-audit).
 */
export type AuditIgnoredBecause = 'NOT_IN_PROGRAM' | 'STALE';

/** The audit as the employer keeps it: ids, codes and consequences, for officers. */
export interface AuditRecord {
  readonly auditId: string;
  readonly kind: AuditKind;
  readonly outcome: AuditVerdict;
  readonly classification: AuditClassification;
  readonly findingCodes: readonly string[];
  readonly completedAt: string;
  readonly recordedAt: string;
  readonly effects: readonly AuditEffect[];
  readonly ignoredBecause: AuditIgnoredBecause | null;
}

export interface AuditOutcomeApplication {
  /** The same audit id was applied before: nothing changed (consumers may redeliver). */
  readonly duplicate: boolean;
  readonly record: AuditRecord;
}
