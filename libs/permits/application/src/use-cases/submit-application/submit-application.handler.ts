import {
  PermitApplication,
  PermitErrors,
  Worker,
  type ApplicationKind,
  type BiographicalData,
  type EligibilityRules,
} from '@frontera/permits-domain';
import type { CommandMetadata, IdGenerator } from '@frontera/shared-application';
import { mayAttempt } from '../../authorization/permits-access.policy';
import { applicationIntegrationEvents, workerIntegrationEvents } from '../../events/integration-events';
import type { EmployerStandingRepository } from '../../ports/repositories.port';
import { eligibilityContextFor } from '../../shared/eligibility-context';
import { PermitsCommandErrors, type PermitsCommandDeps } from '../../shared/permits-command.runners';

export interface SubmitApplicationCommand {
  readonly worksiteId: string;
  readonly kind: ApplicationKind;
  /** NEW: the worker's biographical data (a worker already registered with the document is reused). */
  readonly worker?: BiographicalData;
  /** TRANSFER: the transferable permit the worker leaves (the worker is that permit's). */
  readonly transferFromPermitId?: string;
  /** RENEWAL: the employer's permit renewed (the worker is that permit's). */
  readonly renewsPermitId?: string;
  readonly occupation: string;
  readonly dailyWage: number;
  readonly startDate: string;
  readonly noRecruitmentFeeDeclared: boolean;
  readonly metadata: CommandMetadata;
}

export interface SubmittedApplication {
  readonly application: PermitApplication;
  /** Whether this submission registered the worker (false: an existing record was used). */
  readonly workerRegistered: boolean;
}

export interface SubmitApplicationDeps extends PermitsCommandDeps {
  readonly standings: EmployerStandingRepository;
  readonly ids: IdGenerator;
  readonly rules: EligibilityRules;
}

/**
 * An employer applies for a permit for a worker at one of its worksites. The worker is a new one
 * (biographical data given: the same document is always the same worker, so an existing record is
 * reused without being changed), or, for a TRANSFER or a RENEWAL, the worker of the permit it
 * replaces. Eligibility is checked on the service's own facts and an ineligible application is
 * refused with every failed rule (422 APPLICATION.NOT_ELIGIBLE): nothing is stored, not even a new
 * worker. Otherwise the worker (when new) and the application are stored, each with its events.
 */
export class SubmitApplicationHandler {
  constructor(private readonly deps: SubmitApplicationDeps) {}

  async execute(command: SubmitApplicationCommand): Promise<SubmittedApplication> {
    const { caller } = command.metadata;
    const role = mayAttempt(caller, 'SUBMIT_APPLICATION');
    if (!role.allowed || caller.employerId === undefined) {
      throw PermitsCommandErrors.ACCESS_DENIED.create({
        reason: role.allowed ? 'NOT_OWN_EMPLOYER' : role.reason,
      });
    }
    const now = this.deps.clock.now();
    const { worker, isNew } = await this.workerFor(command, now);
    const replacesPermitId =
      command.kind === 'TRANSFER'
        ? (command.transferFromPermitId ?? null)
        : command.kind === 'RENEWAL'
          ? (command.renewsPermitId ?? null)
          : null;
    const context = await eligibilityContextFor(this.deps, {
      worker,
      employerId: caller.employerId,
      worksiteId: command.worksiteId,
      replacesPermitId,
    });
    const application = PermitApplication.submit(
      {
        applicationId: this.deps.ids.newId('app'),
        employerId: caller.employerId,
        worksiteId: command.worksiteId,
        workerId: worker.id,
        kind: command.kind,
        transferFromPermitId: command.transferFromPermitId ?? null,
        renewsPermitId: command.renewsPermitId ?? null,
        occupation: command.occupation,
        dailyWage: command.dailyWage,
        startDate: command.startDate,
        noRecruitmentFeeDeclared: command.noRecruitmentFeeDeclared,
      },
      context,
      this.deps.rules,
      caller,
      now,
    );
    const origin = { correlationId: command.metadata.correlationId };
    let workerId = worker.id;
    let workerRegistered = false;
    if (isNew) {
      const stored = await this.registerWorker(worker, origin);
      workerId = stored.id;
      workerRegistered = stored.registered;
      if (workerId !== worker.id) {
        // Another request registered the same document meanwhile: apply for that record.
        return this.execute({ ...command });
      }
    }
    const outcome = await this.deps.applications.insert(
      application,
      applicationIntegrationEvents(application.pullEvents(), origin),
    );
    if (outcome !== 'INSERTED') throw PermitsCommandErrors.CONCURRENT_MODIFICATION.create();
    return { application, workerRegistered };
  }

  /** The worker the application is for, and whether it is a new record not stored yet. */
  private async workerFor(
    command: SubmitApplicationCommand,
    now: Date,
  ): Promise<{ worker: Worker; isNew: boolean }> {
    const replaced = command.kind === 'TRANSFER' ? command.transferFromPermitId : command.renewsPermitId;
    if (command.kind !== 'NEW') {
      if (command.worker !== undefined) {
        throw PermitErrors.APPLICATION_INVALID_DATA.create({ field: 'worker', constraint: 'NOT_ALLOWED' });
      }
      if (replaced === undefined) {
        throw PermitErrors.APPLICATION_INVALID_DATA.create({
          field: command.kind === 'TRANSFER' ? 'transferFromPermitId' : 'renewsPermitId',
          constraint: 'REQUIRED',
        });
      }
      // A transfer names another employer's (transferable) permit: found by its id, which is
      // unguessable; whether it may be replaced is eligibility's to say (every failed rule).
      const permit = await this.deps.permits.findById(replaced);
      const worker = permit ? await this.deps.workers.findById(permit.workerId) : null;
      if (!worker) throw PermitErrors.NOT_FOUND.create({ permitId: replaced });
      return { worker: await this.survivorOf(worker), isNew: false };
    }
    if (command.worker === undefined) {
      throw PermitErrors.APPLICATION_INVALID_DATA.create({ field: 'worker', constraint: 'REQUIRED' });
    }
    const candidate = Worker.register(
      { workerId: this.deps.ids.newId('wkr'), ...command.worker },
      command.metadata.caller,
      now,
    );
    const existing = await this.deps.workers.findByDocumentKey(candidate.documentKey());
    return existing
      ? { worker: await this.survivorOf(existing), isNew: false }
      : { worker: candidate, isNew: true };
  }

  /** A merged record stands for its survivor. */
  private async survivorOf(worker: Worker): Promise<Worker> {
    let current = worker;
    for (let hops = 0; current.mergedInto !== null && hops < 5; hops++) {
      const survivor = await this.deps.workers.findById(current.mergedInto);
      if (!survivor) break;
      current = survivor;
    }
    return current;
  }

  /** Stores a new worker; when its document was registered meanwhile, that record's id. */
  private async registerWorker(
    worker: Worker,
    origin: { correlationId: string },
  ): Promise<{ id: string; registered: boolean }> {
    const outcome = await this.deps.workers.insert(
      worker,
      workerIntegrationEvents(worker.pullEvents(), origin),
    );
    if (outcome === 'INSERTED') return { id: worker.id, registered: true };
    const existing = await this.deps.workers.findByDocumentKey(worker.documentKey());
    if (!existing) throw PermitsCommandErrors.CONCURRENT_MODIFICATION.create();
    return { id: existing.id, registered: false };
  }
}
