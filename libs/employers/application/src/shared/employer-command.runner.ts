import { CommandRunner, type CommandRunnerDeps } from '@frontera/shared-application';
import { EmployerErrors, type Employer, type EmployerDomainEvent } from '@frontera/employers-domain';
import {
  mayAttempt,
  mayOperateOn,
  scopeTargetOf,
  type EmployerOperation,
} from '../authorization/employer-access.policy';
import { toIntegrationEvents, type EmployerIntegrationEvent } from '../events/integration-events';
import type { EmployerRepository } from '../ports/employer.repository.port';
import { EmployerCommandErrors } from './application-errors';

/** The lock key of one employer aggregate. */
export function employerLockKey(employerId: string): string {
  return `employer:${employerId}`;
}

/** The ports an employer command needs: the repository, the aggregate lock and the clock. */
export interface EmployerCommandDeps
  extends Omit<CommandRunnerDeps<Employer, string, EmployerIntegrationEvent>, 'repository'> {
  readonly employers: EmployerRepository;
}

/**
 * The shared command runner of @frontera/shared-application, for the employer aggregate:
 * employer lock key, EMPLOYER.* command errors, EMPLOYER.NOT_FOUND for absent or out-of-scope
 * employers, the employers access policy and the exhaustive domain → contract event mapping.
 */
export class EmployerCommandRunner extends CommandRunner<
  Employer,
  string,
  EmployerOperation,
  EmployerDomainEvent,
  EmployerIntegrationEvent
> {
  constructor(deps: EmployerCommandDeps) {
    super(
      { repository: deps.employers, lock: deps.lock, clock: deps.clock },
      {
        lockKey: employerLockKey,
        errors: EmployerCommandErrors,
        notFound: () => EmployerErrors.NOT_FOUND.create(),
        access: {
          mayAttempt,
          mayOperateOn: (caller, operation, employer) =>
            mayOperateOn(caller, operation, scopeTargetOf(employer)),
        },
        toIntegrationEvents,
      },
    );
  }
}
