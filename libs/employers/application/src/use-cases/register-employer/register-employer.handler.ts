import { DomainError, Employer, EmployerErrors } from '@frontera/employers-domain';
import { mayAttempt } from '../../authorization/employer-access.policy';
import { toIntegrationEvents } from '../../events/integration-events';
import { employerLockKey, type AggregateLock } from '../../ports/aggregate-lock.port';
import type { Clock } from '../../ports/clock.port';
import type { EmployerRepository } from '../../ports/employer.repository.port';
import { domainActorOf } from '../../shared/actor';
import { accessDenied } from '../../shared/employer-command.runner';
import { readFor, type EmployerRead } from '../../shared/employer-read';
import type { RegisterEmployerCommand } from './register-employer.command';

export interface RegisterEmployerDeps {
  readonly employers: EmployerRepository;
  readonly lock: AggregateLock;
  readonly clock: Clock;
  readonly eligibleStates: readonly string[];
}

/**
 * Registers the caller's organisation as an employer (PENDING_VERIFICATION) and stores
 * `frontera.employer.registered` with it. A second registration for the same organisation or
 * the same RFC is refused with EMPLOYER.ALREADY_REGISTERED (409); the RFC's uniqueness is the
 * store's unique index, so it holds across concurrent requests and service instances.
 */
export class RegisterEmployerHandler {
  constructor(private readonly deps: RegisterEmployerDeps) {}

  async execute({ data, metadata }: RegisterEmployerCommand): Promise<EmployerRead> {
    const { actor } = metadata;
    const role = mayAttempt(actor, 'REGISTER');
    if (!role.allowed) throw accessDenied(role.reason);
    const employerId = actor.employerId;
    if (employerId === undefined) throw accessDenied('NO_EMPLOYER_ID_IN_TOKEN');

    return this.deps.lock.withLock(employerLockKey(employerId), async () => {
      if (await this.deps.employers.findById(employerId)) {
        throw new DomainError(EmployerErrors.ALREADY_REGISTERED);
      }
      const employer = Employer.register(
        { ...data, employerId },
        domainActorOf(actor),
        this.deps.clock.now(),
        { eligibleStates: this.deps.eligibleStates },
      );
      const events = toIntegrationEvents(employer.pullEvents(), metadata);
      const outcome = await this.deps.employers.insert(employer, events);
      if (outcome !== 'INSERTED') throw new DomainError(EmployerErrors.ALREADY_REGISTERED);
      return readFor(actor, employer);
    });
  }
}
