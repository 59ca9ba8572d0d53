import {
  PermitErrors,
  type EligibilityRules,
  type Permit,
  type PermitApplication,
} from '@frontera/permits-domain';
import type { CommandMetadata } from '@frontera/shared-application';
import { mayAttempt } from '../../authorization/permits-access.policy';
import type { EmployerStandingRepository } from '../../ports/repositories.port';
import { eligibilityContextFor } from '../../shared/eligibility-context';
import { applicationRunner, underWorkerPermitsLock } from '../../shared/permits-command.runners';
import { CompleteIssuance, type CompleteIssuanceDeps } from './complete-issuance';

export interface ApproveApplicationCommand {
  readonly applicationId: string;
  readonly reason: string;
  readonly metadata: CommandMetadata;
}

export interface ApproveApplicationDeps extends CompleteIssuanceDeps {
  readonly standings: EmployerStandingRepository;
  readonly rules: EligibilityRules;
}

/**
 * An officer of the worksite's state approves a submitted application. Eligibility is checked
 * again on the current facts (the employer or the worksite may have changed since it was
 * submitted): a rule that fails now refuses the approval with every reason and changes nothing.
 * The approval is stored with its event, then the permit is issued (NEW, TRANSFER: the old permit
 * ends TRANSFERRED) or renewed (RENEWAL) — idempotent steps the approval event's consumer repeats
 * if this request is interrupted between them.
 */
export class ApproveApplicationHandler {
  private readonly issuance: CompleteIssuance;

  constructor(private readonly deps: ApproveApplicationDeps) {
    this.issuance = new CompleteIssuance(deps);
  }

  /**
   * Under the worker's approvals lock (lockKeys.workerPermits): two approvals for one worker —
   * two employers' NEW applications, two TRANSFER applications for one permit, a transfer and a
   * renewal — run one after the other, so the second sees the permit the first issued or ended
   * and is refused by eligibility instead of leaving the worker with two active permits.
   */
  async execute(
    command: ApproveApplicationCommand,
  ): Promise<{ application: PermitApplication; permit: Permit }> {
    // A caller whose role may never approve is refused by the runner without taking any lock.
    if (!mayAttempt(command.metadata.caller, 'APPROVE_APPLICATION').allowed) return this.approve(command);
    const found = await this.deps.applications.findById(command.applicationId);
    if (!found) return this.approve(command);
    return underWorkerPermitsLock(this.deps.lock, found.workerId, () => this.approve(command));
  }

  private async approve({
    applicationId,
    reason,
    metadata,
  }: ApproveApplicationCommand): Promise<{ application: PermitApplication; permit: Permit }> {
    const { aggregate: application, result: approved } = await applicationRunner(this.deps).change(
      applicationId,
      'APPROVE_APPLICATION',
      metadata,
      async (application, now) => {
        const worker = await this.deps.workers.findById(application.workerId);
        if (!worker) throw PermitErrors.WORKER_NOT_FOUND.create({ workerId: application.workerId });
        const context = await eligibilityContextFor(this.deps, {
          worker,
          employerId: application.employerId,
          worksiteId: application.worksiteId,
          replacesPermitId: application.replacesPermitId,
        });
        return application.approve(metadata.caller, reason, now, context, this.deps.rules);
      },
    );
    const permit = await this.issuance.complete(approved, {
      correlationId: metadata.correlationId,
      ...(metadata.causationId ? { causationId: metadata.causationId } : {}),
    });
    return { application, permit };
  }
}
