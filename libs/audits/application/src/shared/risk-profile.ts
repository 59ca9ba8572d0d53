import {
  assessRisk,
  findingDefinition,
  type AuditTask,
  type EmployerRiskProfile,
  type OpenComplaint,
  type RetaliationPattern,
  type RiskAssessment,
  type RiskModel,
} from '@frontera/audits-domain';
import type { EmployerPermitFacts, EmployerProfile } from '../ports/repositories.port';

/**
 * What the permit read model, retaliation detection and the complaints naming the employer add to
 * its risk profile.
 */
export interface PermitRiskFacts {
  readonly facts: EmployerPermitFacts | null;
  readonly retaliationPatterns: readonly RetaliationPattern[];
  /** Its complaints not closed yet (OPEN_COMPLAINTS); none when absent. */
  readonly openComplaints?: readonly OpenComplaint[];
}

/**
 * The risk profile of an employer from what this service keeps: the sector and verification from the
 * employer events, past findings and the last audit from its completed tasks, the headcount (counters)
 * and the shared-contact signals from the permit read model, and the retaliation patterns detected over
 * its endings, and the open complaints naming it.
 */
export function riskProfileOf(
  profile: EmployerProfile,
  completed: readonly AuditTask[],
  permits: PermitRiskFacts = { facts: null, retaliationPatterns: [] },
): EmployerRiskProfile {
  const findings = completed.flatMap((task) =>
    task.findings.map((finding) => {
      const definition = findingDefinition(finding.code);
      return {
        taskId: task.id,
        code: finding.code,
        severity: definition?.severity ?? 'MINOR',
        forcedLabourIndicator: definition?.forcedLabourIndicator ?? false,
        completedAt: task.completion?.at ?? task.startedAt ?? new Date(0).toISOString(),
      };
    }),
  );
  const lastAuditCompletedAt =
    completed
      .map((task) => task.completion?.at ?? null)
      .filter((at): at is string => at !== null)
      .sort()
      .at(-1) ?? null;
  return {
    employerId: profile.employerId,
    sector: profile.sector,
    verifiedAt: profile.verifiedAt,
    heldPermits: [],
    ...(permits.facts ? { headcount: permits.facts.headcount } : {}),
    findings,
    openComplaints: permits.openComplaints ?? [],
    lastAuditCompletedAt,
    sharedContactSignals: permits.facts?.sharedContactSignals ?? [],
    retaliationPatterns: permits.retaliationPatterns,
  };
}

export function assessEmployer(
  profile: EmployerProfile,
  completed: readonly AuditTask[],
  now: Date,
  model: RiskModel,
  permits?: PermitRiskFacts,
): RiskAssessment {
  return assessRisk(riskProfileOf(profile, completed, permits), now, model);
}
