import {
  findingDefinition,
  type AuditTask,
  type EmployerAuditView,
  type Inspector,
} from '@frontera/audits-domain';
import type { AuditOutcomeResponse, InspectorResponse, TaskResponse } from './dto/responses';

export function toInspectorResponse(inspector: Inspector): InspectorResponse {
  return {
    inspectorId: inspector.id,
    status: inspector.status,
    areas: inspector.areas.map((a) => ({
      state: a.state,
      municipalities: a.municipalities === null ? null : [...a.municipalities],
    })),
    capacity: inspector.capacity,
    conflicts: inspector.conflicts.map((c) => c.employerId),
    allowedActions: [...inspector.allowedActions],
  };
}

/** A task for its inspector and the supervisors of its state (never for employer staff). */
export function toTaskResponse(task: AuditTask): TaskResponse {
  return {
    id: task.id,
    employerId: task.employerId,
    worksiteId: task.worksiteId,
    state: task.state,
    municipality: task.municipality,
    kind: task.kind,
    priority: task.priority,
    priorityLevel: task.priorityLevel,
    status: task.status,
    dueOn: task.dueOn,
    dueAt: task.dueAt.toISOString(),
    inspectorId: task.inspectorId,
    startedAt: task.startedAt,
    escalatedAt: task.escalatedAt,
    roster: task.checklist.map((e) => ({
      permitId: e.permitId,
      permitNumber: e.permitNumber,
      check: e.check,
    })),
    findings: task.findings.map((f) => {
      const definition = findingDefinition(f.code);
      return {
        findingId: f.findingId,
        code: f.code,
        severity: definition?.severity ?? 'MINOR',
        forcedLabourIndicator: definition?.forcedLabourIndicator ?? false,
        permitIds: [...f.permitIds],
        workersAffected: f.workersAffected,
        notes: f.notes,
        recordedAt: f.recordedAt,
      };
    }),
    completion: task.completion
      ? {
          outcome: task.completion.outcome,
          correctiveActionDeadline: task.completion.correctiveActionDeadline,
          completedAt: task.completion.at,
        }
      : null,
    allowedActions: [...task.allowedActions],
  };
}

export function toOutcomeResponse(view: EmployerAuditView): AuditOutcomeResponse {
  return {
    taskId: view.taskId,
    employerId: view.employerId,
    worksiteId: view.worksiteId,
    outcome: view.outcome,
    findings: view.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      forcedLabourIndicator: f.forcedLabourIndicator,
      workersAffected: f.workersAffected,
    })),
    correctiveActionDeadline: view.correctiveActionDeadline,
    completedOn: view.completedOn,
  };
}
