import { PermitErrors } from '@frontera/permits-domain';
import type { EventMetadata } from '@frontera/shared-application';
import { CompleteIssuance, type CompleteIssuanceDeps } from './complete-issuance';

/**
 * The consumer of this context's own `frontera.permit.application.approved`: completes what the
 * approval request may not have (issue, transfer, renew). Every step is idempotent, so for the
 * usual case — the request completed — it reads and changes nothing.
 */
export class CompleteApprovedApplicationHandler {
  private readonly issuance: CompleteIssuance;

  constructor(private readonly deps: CompleteIssuanceDeps) {
    this.issuance = new CompleteIssuance(deps);
  }

  async execute(applicationId: string, event: EventMetadata): Promise<void> {
    const application = await this.deps.applications.findById(applicationId);
    if (!application) throw PermitErrors.APPLICATION_NOT_FOUND.create({ applicationId });
    if (application.status !== 'APPROVED') return;
    await this.issuance.complete(application.approvedApplication(), {
      correlationId: event.correlationId,
      causationId: event.eventId,
    });
  }
}
