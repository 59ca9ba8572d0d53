import type { EventData, EventEnvelope } from '@frontera/contracts';
import { PermitErrors, type AuditFindingFacts } from '@frontera/permits-domain';
import type { EventMetadata } from '@frontera/shared-application';
import { permitRunner, type PermitsCommandDeps } from '../../shared/permits-command.runners';

export const AUDIT_OUTCOME_EVENT_TYPE = 'frontera.audit.outcome.recorded';
export type AuditOutcomeEvent = EventEnvelope<
  typeof AUDIT_OUTCOME_EVENT_TYPE,
  EventData<typeof AUDIT_OUTCOME_EVENT_TYPE>
>;

/** The findings of one audit outcome that name permits, by permit (ids and codes only). */
export interface AuditOutcomeFacts {
  readonly taskId: string;
  readonly findingsByPermit: ReadonlyMap<string, readonly AuditFindingFacts[]>;
}

/**
 * The findings of a (contract-validated) outcome event that concern workers' permits: every finding
 * summary with `permitIds`, grouped by permit, in the event's order. Summaries without permit ids
 * (findings about the worksite, outcomes recorded before the field existed) concern no permit.
 */
export function auditOutcomeFrom(event: AuditOutcomeEvent): AuditOutcomeFacts {
  const byPermit = new Map<string, AuditFindingFacts[]>();
  for (const summary of event.data.findings) {
    const finding: AuditFindingFacts = {
      taskId: event.data.taskId,
      code: summary.code,
      severity: summary.severity,
      forcedLabourIndicator: summary.forcedLabourIndicator,
    };
    for (const permitId of new Set(summary.permitIds ?? [])) {
      byPermit.set(permitId, [...(byPermit.get(permitId) ?? []), finding]);
    }
  }
  return { taskId: event.data.taskId, findingsByPermit: byPermit };
}

export interface RecordAuditOutcomeDeps extends PermitsCommandDeps {
  /** How long a permit made transferable by a forced-labour finding stays so (TRANSFER_WINDOW_DAYS). */
  readonly transferWindowDays: number;
}

export interface RecordedAuditOutcome {
  /** Permits that recorded at least one new finding. */
  readonly recorded: number;
  /** Permits made transferable (a forced-labour indicator on their worker). */
  readonly madeTransferable: number;
  /** Permits named by the outcome that this service does not hold (skipped, not failed). */
  readonly unknownPermits: number;
  /** Permits that had recorded this outcome before (a redelivery). */
  readonly unchanged: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Records an audit outcome against the permits its findings name (docs/domain/permits.md, "Audit
 * outcomes"; decision 0036): each permit, under its lock, records its findings in its history
 * and, for a forced-labour indicator, becomes transferable (Permit.recordAuditFindings) — remembering
 * the event id in the same write, so a redelivery changes nothing. A permit this service does not
 * hold (another deployment's, or a roster the audit read wrongly) is skipped and counted: one
 * unknown id never holds up the others.
 */
export class RecordAuditOutcomeHandler {
  constructor(private readonly deps: RecordAuditOutcomeDeps) {}

  async execute(outcome: AuditOutcomeFacts, event: EventMetadata): Promise<RecordedAuditOutcome> {
    const runner = permitRunner(this.deps);
    const until = new Date(this.deps.clock.now().getTime() + this.deps.transferWindowDays * DAY_MS);
    let recorded = 0;
    let madeTransferable = 0;
    let unknownPermits = 0;
    let unchanged = 0;
    for (const [permitId, findings] of outcome.findingsByPermit) {
      try {
        const result = await runner.apply(permitId, event, (permit, now) =>
          permit.recordAuditFindings(findings, until, now),
        );
        if (!result.changed) unchanged += 1;
        else recorded += 1;
        if (result.result?.madeTransferable) madeTransferable += 1;
      } catch (error) {
        if (!PermitErrors.NOT_FOUND.is(error)) throw error;
        unknownPermits += 1;
      }
    }
    return { recorded, madeTransferable, unknownPermits, unchanged };
  }
}
