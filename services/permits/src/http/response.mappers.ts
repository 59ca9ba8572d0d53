import { seesAuditFindings } from '@frontera/permits-application';
import type { HistoryEntry, Permit, PermitApplication } from '@frontera/permits-domain';
import type { Caller } from '@frontera/shared-kernel';
import type { ApplicationResponse, HistoryResponse, PermitResponse } from './dto/responses';

export function toApplicationResponse(application: PermitApplication): ApplicationResponse {
  const decision = application.decision;
  return {
    id: application.id,
    kind: application.kind,
    status: application.status,
    employerId: application.employerId,
    worksiteId: application.worksiteId,
    workerId: application.workerId,
    state: application.state,
    replacesPermitId: application.replacesPermitId,
    occupation: application.occupation,
    dailyWage: application.dailyWage.amount,
    startDate: application.startDate.toString(),
    noRecruitmentFeeDeclared: application.noRecruitmentFeeDeclared,
    submittedAt: application.submittedAt,
    decision: decision
      ? {
          outcome: decision.outcome,
          at: decision.at,
          by: { id: decision.by.id, role: decision.by.role },
          reason: decision.reason,
        }
      : null,
    allowedActions: [...application.allowedActions],
    version: application.version,
  };
}

/**
 * A permit as its employer and officers see it: never the verification token (only the card's QR
 * holds it). Audit findings, and a transfer window a forced-labour finding opened, only for those
 * who see audit findings (officers, supervisors): never for its employer (decision 0036).
 */
export function toPermitResponse(permit: Permit, viewer: Caller): PermitResponse {
  const audit = seesAuditFindings(viewer);
  const transferable =
    permit.transferable?.cause === 'FORCED_LABOUR_INDICATOR' && !audit ? null : permit.transferable;
  return {
    id: permit.id,
    number: permit.number.value,
    status: permit.status,
    kind: permit.kind,
    applicationId: permit.applicationId,
    workerId: permit.workerId,
    employerId: permit.employerId,
    worksiteId: permit.worksiteId,
    state: permit.state,
    occupation: permit.occupation,
    dailyWage: permit.dailyWage.amount,
    validFrom: permit.validFrom.toString(),
    lastValidDay: permit.lastValidDay.toString(),
    validUntil: permit.validUntil.toISOString(),
    statusReason: permit.statusReason,
    endReason: permit.endReason,
    transferable: transferable
      ? { cause: transferable.cause, until: transferable.until, since: transferable.since }
      : null,
    transferredFromPermitId: permit.transferredFromPermitId,
    transferredToPermitId: permit.transferredToPermitId,
    renewals: permit.renewals,
    issuedAt: permit.issuedAt,
    auditFindings: audit
      ? permit.auditFindings.map((f) => ({
          taskId: f.taskId,
          code: f.code,
          severity: f.severity,
          forcedLabourIndicator: f.forcedLabourIndicator,
          recordedAt: f.recordedAt,
        }))
      : [],
    allowedActions: [...permit.allowedActions],
    version: permit.version,
  };
}

export function toHistoryResponse(entries: readonly HistoryEntry[]): HistoryResponse {
  return {
    entries: entries.map((e) => ({
      version: e.version,
      at: e.at,
      actor: { id: e.actor.id, role: e.actor.role },
      action: e.action,
      field: e.field,
      personalData: e.personalData,
      from: e.from,
      to: e.to,
      summary: e.summary,
      reason: e.reason,
      relatedId: e.relatedId,
    })),
  };
}
