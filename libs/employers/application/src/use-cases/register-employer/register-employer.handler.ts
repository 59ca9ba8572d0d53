import { Employer, EmployerErrors } from '@frontera/employers-domain';
import { mayAttempt } from '../../authorization/employer-access.policy';
import { toIntegrationEvents } from '../../events/integration-events';
import { accessDenied } from '../../shared/application-errors';
import { EmployerCommandRunner, type EmployerCommandDeps } from '../../shared/employer-command.runner';
import { readFor, type EmployerRead } from '../../shared/employer-read';
import type { RegisterEmployerCommand } from './register-employer.command';

export interface RegisterEmployerDeps extends EmployerCommandDeps {
  readonly eligibleStates: readonly string[];
}

/**
 * Registers the caller's organisation as an employer (PENDING_VERIFICATION) and stores
 * `frontera.employer.registered` with it. A second registration for the same organisation or
 * the same RFC is refused with EMPLOYER.ALREADY_REGISTERED (409); the RFC's uniqueness is the
 * store's unique index, so it holds across concurrent requests and service instances.
 */
export class RegisterEmployerHandler {
  private readonly runner: EmployerCommandRunner;

  constructor(private readonly deps: RegisterEmployerDeps) {
    this.runner = new EmployerCommandRunner(deps);
  }

  async execute({ data, metadata }: RegisterEmployerCommand): Promise<EmployerRead> {
    const { caller } = metadata;
    const role = mayAttempt(caller, 'REGISTER');
    if (!role.allowed) throw accessDenied(role.reason);
    const employerId = caller.employerId;
    if (employerId === undefined) throw accessDenied('NO_EMPLOYER_ID_IN_TOKEN');

    // Under the employer's lock, like every command (a lock that stays taken is EMPLOYER.BUSY).
    return this.runner.locked(employerId, async () => {
      if (await this.deps.employers.findById(employerId)) {
        throw EmployerErrors.ALREADY_REGISTERED.create();
      }
      const employer = Employer.register({ ...data, employerId }, caller, this.deps.clock.now(), {
        eligibleStates: this.deps.eligibleStates,
      });
      const events = toIntegrationEvents(employer.pullEvents(), { correlationId: metadata.correlationId });
      const outcome = await this.deps.employers.insert(employer, events);
      if (outcome !== 'INSERTED') throw EmployerErrors.ALREADY_REGISTERED.create();
      return readFor(caller, employer);
    });
  }
}
