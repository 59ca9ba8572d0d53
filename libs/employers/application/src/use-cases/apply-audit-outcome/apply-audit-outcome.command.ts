import type { EventData, EventEnvelope } from '@frontera/contracts';
import type { AuditOutcome } from '@frontera/employers-domain';
import type { EventMetadata } from '@frontera/shared-application';

/** An audit finished (frontera.audit.outcome.recorded): its rating and suspension consequences. */
export interface ApplyAuditOutcomeCommand {
  readonly employerId: string;
  readonly outcome: AuditOutcome;
  readonly event: EventMetadata;
}

export type AuditOutcomeRecordedEvent = EventEnvelope<
  'frontera.audit.outcome.recorded',
  EventData<'frontera.audit.outcome.recorded'>
>;

/** The command for a consumed event; the audit task id is the audit's id. */
export function applyAuditOutcomeCommandFrom(event: AuditOutcomeRecordedEvent): ApplyAuditOutcomeCommand {
  const { data } = event;
  return {
    employerId: data.employerId,
    outcome: {
      auditId: data.taskId,
      kind: data.kind,
      outcome: data.outcome,
      findings: data.findings.map((f) => ({
        code: f.code,
        severity: f.severity,
        forcedLabourIndicator: f.forcedLabourIndicator,
        workersAffected: f.workersAffected,
      })),
      completedAt: new Date(data.completedAt),
    },
    event: { eventId: event.id, correlationId: event.correlationid },
  };
}
