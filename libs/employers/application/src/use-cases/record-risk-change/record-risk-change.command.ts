import type { EventData, EventEnvelope } from '@frontera/contracts';
import type { RiskChange } from '@frontera/employers-domain';
import type { EventMetadata } from '@frontera/shared-application';

/** The audits context recomputed an employer's risk (frontera.audit.risk.changed): kept for officers. */
export interface RecordRiskChangeCommand {
  readonly employerId: string;
  readonly risk: RiskChange;
  readonly event: EventMetadata;
}

export type RiskChangedEvent = EventEnvelope<
  'frontera.audit.risk.changed',
  EventData<'frontera.audit.risk.changed'>
>;

export function recordRiskChangeCommandFrom(event: RiskChangedEvent): RecordRiskChangeCommand {
  const { data } = event;
  return {
    employerId: data.employerId,
    risk: {
      score: data.score,
      tier: data.tier,
      factors: data.factors.map((f) => ({ factor: f.factor, points: f.points, explanation: f.explanation })),
      computedAt: new Date(data.computedAt),
    },
    event: { eventId: event.id, correlationId: event.correlationid },
  };
}
