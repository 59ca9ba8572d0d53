import type { ComplianceRating, EmployerStatus } from '@frontera/shared-kernel';
import { truncateReason } from '../shared/validation';
import type { AuditClassification, AuditEffect, AuditOutcome, AuditRecord } from './audit-outcome';

/** What an employer's standing is, as far as the audit-outcome rules care. */
export interface AuditStanding {
  readonly status: EmployerStatus;
  readonly rating: ComplianceRating | null;
  readonly suspended: boolean;
  /** Outcomes already recorded (the latest applied one decides what is stale). */
  readonly audits: readonly AuditRecord[];
}

/** One consequence of an audit outcome, for the aggregate to carry out (history, state, event). */
export type AuditConsequence =
  | {
      readonly kind: 'RATE';
      readonly to: ComplianceRating;
      readonly reason: string;
      readonly effect: AuditEffect;
    }
  | { readonly kind: 'SUSPEND'; readonly reason: string; readonly effect: 'SUSPENDED' }
  | { readonly kind: 'ADD_TO_SUSPENSION'; readonly reason: string; readonly effect: 'ADDED_TO_SUSPENSION' };

export type AuditDecision =
  | { readonly applied: true; readonly consequences: readonly AuditConsequence[] }
  | { readonly applied: false; readonly ignoredBecause: NonNullable<AuditRecord['ignoredBecause']> };

function latestAppliedAuditAt(audits: readonly AuditRecord[]): number | null {
  const applied = audits.filter((a) => a.ignoredBecause === null).map((a) => Date.parse(a.completedAt));
  return applied.length === 0 ? null : Math.max(...applied);
}

/**
 * The rating and suspension follow from audit outcomes, never from manual edits — pure rules:
 *
 * | classification (classifyAuditOutcome) | ACTIVE                                  | SUSPENDED                                                    |
 * |---------------------------------------|-----------------------------------------|--------------------------------------------------------------|
 * | CRITICAL                              | rating B; SUSPENDED, CRITICAL_FINDINGS  | rating B; audit added to the suspension (cause unchanged)    |
 * | SERIOUS                               | rating B                                | rating B                                                     |
 * | PASSED_RE_AUDIT                       | B → A                                   | B → A; stays suspended (an officer reinstates)               |
 * | NO_RATING_EFFECT                      | —                                       | —                                                            |
 *
 * PENDING_VERIFICATION, REJECTED, DEREGISTERED: recorded only (NOT_IN_PROGRAM). An outcome
 * completed before one already applied: recorded only (STALE). A rating change only when the
 * employer has a rating and it differs.
 */
export function decideAuditConsequences(
  standing: AuditStanding,
  audit: AuditOutcome,
  classification: AuditClassification,
): AuditDecision {
  if (standing.status !== 'ACTIVE' && standing.status !== 'SUSPENDED') {
    return { applied: false, ignoredBecause: 'NOT_IN_PROGRAM' };
  }
  const latest = latestAppliedAuditAt(standing.audits);
  if (latest !== null && audit.completedAt.getTime() < latest)
    return { applied: false, ignoredBecause: 'STALE' };

  const codes = audit.findings.map((f) => f.code).join(', ');
  const consequences: AuditConsequence[] = [];
  const rate = (to: ComplianceRating, reason: string) => {
    if (standing.rating !== null && standing.rating !== to) {
      consequences.push({ kind: 'RATE', to, reason, effect: to === 'B' ? 'RATED_B' : 'RATED_A' });
    }
  };
  if (classification === 'CRITICAL') {
    const reason = truncateReason(
      `Critical findings or forced-labour indicators in audit ${audit.auditId}: ${codes}`,
    );
    rate('B', reason);
    if (standing.status === 'ACTIVE') consequences.push({ kind: 'SUSPEND', reason, effect: 'SUSPENDED' });
    // Already suspended: stay suspended under the original cause, and keep the audit with the
    // suspension so the reviewing officer sees it before reinstating.
    else if (standing.suspended) {
      consequences.push({ kind: 'ADD_TO_SUSPENSION', reason, effect: 'ADDED_TO_SUSPENSION' });
    }
  } else if (classification === 'SERIOUS') {
    rate('B', truncateReason(`Serious findings in audit ${audit.auditId}: ${codes || audit.outcome}`));
  } else if (classification === 'PASSED_RE_AUDIT') {
    rate('A', `Re-audit ${audit.auditId} passed`);
  }
  return { applied: true, consequences };
}
