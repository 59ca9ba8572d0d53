import {
  assessRisk,
  findingDefinition,
  type AuditTask,
  type EmployerRiskProfile,
  type RiskAssessment,
  type RiskModel,
} from '@frontera/audits-domain';
import type { EmployerProfile } from '../ports/repositories.port';

/**
 * The risk profile of an employer from what this service keeps: the sector and verification from the
 * employer events, past findings and the last audit from its completed tasks. Held permits, complaints,
 * the shared-contact signal and retaliation patterns are not kept yet (no permit or complaint read
 * model): those factors score 0 until they are.
 */
export function riskProfileOf(
  profile: EmployerProfile,
  completed: readonly AuditTask[],
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
    findings,
    openComplaints: [],
    lastAuditCompletedAt,
    sharedContactSignals: [],
    retaliationPatterns: [],
  };
}

export function assessEmployer(
  profile: EmployerProfile,
  completed: readonly AuditTask[],
  now: Date,
  model: RiskModel,
): RiskAssessment {
  return assessRisk(riskProfileOf(profile, completed), now, model);
}
