import type { EventMetadata } from '@frontera/shared-application';
import type { DueTasksDeps } from '../../shared/due-tasks';
import { recomputeRisk, type RiskRecomputation } from '../../shared/recompute-risk';

/**
 * A complaint naming an employer was received or closed (this service's own complaint events, once
 * per event id): the employer's risk is recomputed at once — OPEN_COMPLAINTS counts its complaints not
 * closed (one reporting a forced-labour indicator counts double), and a received complaint is a
 * retaliation trigger for the permit endings that follow. A complaint naming no employer (a place)
 * changes no risk.
 */
export class ComplaintRiskHandler {
  constructor(private readonly deps: DueTasksDeps) {}

  async execute(employerId: string | undefined, metadata: EventMetadata): Promise<RiskRecomputation | null> {
    if (!employerId) return null;
    return recomputeRisk(this.deps, employerId, metadata);
  }
}
