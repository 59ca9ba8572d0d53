import {
  Permit,
  PermitErrors,
  PermitNumber,
  type ApprovedApplication,
  type PermitOptions,
} from '@frontera/permits-domain';
import type { EventOrigin } from '@frontera/shared-application';
import { permitIntegrationEvents } from '../../events/integration-events';
import type { SecureRandom } from '../../ports/repositories.port';
import {
  permitRunner,
  PermitsCommandErrors,
  type PermitsCommandDeps,
} from '../../shared/permits-command.runners';

export interface CompleteIssuanceDeps extends PermitsCommandDeps {
  readonly random: SecureRandom;
  readonly permitOptions: PermitOptions;
}

/** Number collisions tolerated before giving up (32^8 numbers per state and year: practically never). */
const NUMBER_ATTEMPTS = 5;

/**
 * The permit an approved NEW or TRANSFER application issues has an id derived from the
 * application's, so a retried issuance (the same request again, the process killed between the two
 * writes, the approval event's consumer) finds the permit it issued instead of issuing a second.
 */
export function permitIdFor(applicationId: string): string {
  return `pmt_${applicationId.replace(/^app_/, '')}`;
}

/**
 * What an approval does besides approving, as idempotent steps (no multi-document transactions):
 * NEW → issue the permit; TRANSFER → issue it, then end the old one (TRANSFERRED); RENEWAL → renew
 * the existing permit once (remembered by the application's id). Run right after the approval is
 * stored, and again by the consumer of the approval event, so an interrupted approval completes.
 */
export class CompleteIssuance {
  constructor(private readonly deps: CompleteIssuanceDeps) {}

  async complete(approved: ApprovedApplication, origin: EventOrigin): Promise<Permit> {
    if (approved.kind === 'RENEWAL') return this.renew(approved, origin);
    const permit = await this.issue(approved, origin);
    if (approved.kind === 'TRANSFER' && approved.replacesPermitId !== null) {
      await this.endTransferred(approved.replacesPermitId, permit, origin);
    }
    return permit;
  }

  private async issue(approved: ApprovedApplication, origin: EventOrigin): Promise<Permit> {
    const permitId = permitIdFor(approved.applicationId);
    const existing = await this.deps.permits.findById(permitId);
    if (existing) return existing;
    const now = this.deps.clock.now();
    for (let attempt = 1; attempt <= NUMBER_ATTEMPTS; attempt++) {
      const permit = Permit.issue(
        {
          permitId,
          application: approved,
          number: PermitNumber.issue({
            state: approved.state,
            year: now.getUTCFullYear(),
            random: (n) => this.deps.random.int(n),
          }),
          verificationToken: this.deps.random.token(),
        },
        this.deps.permitOptions,
        now,
      );
      const outcome = await this.deps.permits.insert(
        permit,
        permitIntegrationEvents(permit.pullEvents(), origin),
      );
      if (outcome === 'INSERTED') return permit;
      if (outcome === 'DUPLICATE_NUMBER') continue;
      // Issued meanwhile by another run of this step.
      const issued =
        (await this.deps.permits.findById(permitId)) ??
        (await this.deps.permits.findByApplicationId(approved.applicationId));
      if (issued) return issued;
    }
    throw PermitsCommandErrors.CONCURRENT_MODIFICATION.create();
  }

  private async endTransferred(oldPermitId: string, issued: Permit, origin: EventOrigin): Promise<void> {
    await permitRunner(this.deps).apply(
      oldPermitId,
      { eventId: `transfer:${issued.id}`, correlationId: origin.correlationId },
      (old, now) => {
        old.transferredTo(issued.id, now, issued.employerId);
      },
    );
  }

  private async renew(approved: ApprovedApplication, origin: EventOrigin): Promise<Permit> {
    if (approved.replacesPermitId === null) {
      throw PermitErrors.APPLICATION_KIND_MISMATCH.create({ field: 'renewsPermitId', kind: 'RENEWAL' });
    }
    const { aggregate } = await permitRunner(this.deps).apply(
      approved.replacesPermitId,
      // Remembered on the permit: the same approval renews it once, however often this runs.
      { eventId: `renewal:${approved.applicationId}`, correlationId: origin.correlationId },
      (permit, now) => {
        permit.renew(permit.renewalTermsFor(approved), approved.approvedBy, now);
      },
    );
    return aggregate;
  }
}
