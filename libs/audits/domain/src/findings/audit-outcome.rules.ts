import { CalendarDate } from '@frontera/shared-kernel';
import type { AuditOutcome, FindingSeverity } from '@frontera/shared-kernel';
import type { AuditProgram } from '../config/audit-program.config';
import { findingDefinition, gravestSeverity } from './finding-catalogue';

/** What the outcome rules need of a recorded finding. */
export interface OutcomeFinding {
  readonly code: string;
}

/** The outcome of an audit and what follows from it. */
export interface OutcomeDecision {
  /**
   * The kernel's spelling (AUDIT_OUTCOMES): COMPLIANT, VIOLATIONS, REFERRAL — the specification's
   * "REFERRED" outcome is REFERRAL, as in the contracts.
   */
  readonly outcome: AuditOutcome;
  /** The gravest severity recorded (a forced-labour indicator counts as CRITICAL), null when none. */
  readonly gravestSeverity: FindingSeverity | null;
  /** VIOLATIONS only: a corrective-action deadline is required (a FOLLOW_UP audit follows). */
  readonly requiresCorrectiveAction: boolean;
  /** REFERRAL only: the forced-labour indicator codes recorded, sorted. */
  readonly forcedLabourIndicators: readonly string[];
}

/**
 * The outcome rules (docs/domain/audits.md#outcomes):
 *
 * | outcome      | when                                        | what follows                                       |
 * | ------------ | ------------------------------------------- | -------------------------------------------------- |
 * | `COMPLIANT`  | no finding recorded                         | the plan continues                                 |
 * | `VIOLATIONS` | findings, none a forced-labour indicator    | corrective-action deadline → FOLLOW_UP audit then  |
 * | `REFERRAL`   | any forced-labour indicator recorded        | referral(s) to the agencies                        |
 *
 * The inspector does not choose the outcome: it follows from the findings. Unknown codes are a
 * programming error here (the task validated them against the catalogue when they were recorded).
 */
export function decideOutcome(findings: readonly OutcomeFinding[]): OutcomeDecision {
  const definitions = findings.map((f) => {
    const definition = findingDefinition(f.code);
    if (!definition) throw new TypeError(`unknown finding code ${f.code}`);
    return definition;
  });
  const indicators = [
    ...new Set(definitions.filter((d) => d.forcedLabourIndicator).map((d) => d.code)),
  ].sort();
  const gravest = gravestSeverity(definitions.map((d) => d.severity));
  if (indicators.length > 0) {
    return {
      outcome: 'REFERRAL',
      gravestSeverity: gravest,
      requiresCorrectiveAction: false,
      forcedLabourIndicators: indicators,
    };
  }
  if (definitions.length > 0) {
    return {
      outcome: 'VIOLATIONS',
      gravestSeverity: gravest,
      requiresCorrectiveAction: true,
      forcedLabourIndicators: [],
    };
  }
  return {
    outcome: 'COMPLIANT',
    gravestSeverity: null,
    requiresCorrectiveAction: false,
    forcedLabourIndicators: [],
  };
}

/**
 * The default corrective-action deadline of a VIOLATIONS outcome: today plus the configured period
 * of the gravest violation (MINOR 60, SERIOUS 30, CRITICAL 15 days by default).
 */
export function defaultCorrectiveActionDeadline(
  gravest: FindingSeverity,
  today: CalendarDate,
  program: AuditProgram,
): CalendarDate {
  return today.addDays(program.correctiveActionDays[gravest]);
}
