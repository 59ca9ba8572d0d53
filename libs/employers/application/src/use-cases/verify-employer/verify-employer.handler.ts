import { nextStatus, RegistrationNumber } from '@frontera/employers-domain';
import type { RegistrationNumberSequence } from '../../ports/registration-number.sequence.port';
import { EmployerCommandRunner, type EmployerCommandDeps } from '../../shared/employer-command.runner';
import { readFor, type EmployerRead } from '../../shared/employer-read';
import type { VerifyEmployerCommand } from './verify-employer.command';

export interface VerifyEmployerDeps extends EmployerCommandDeps {
  readonly registrationNumbers: RegistrationNumberSequence;
}

/**
 * Verifies the employer and issues its registration number from the counter of its state and
 * the verification year. The lifecycle table is checked before a number is taken, so a refused
 * verification (409) does not use one up
 * (docs/decisions/0008-registration-number-after-the-lifecycle-check.md).
 */
export class VerifyEmployerHandler {
  private readonly runner: EmployerCommandRunner;

  constructor(private readonly deps: VerifyEmployerDeps) {
    this.runner = new EmployerCommandRunner(deps);
  }

  async execute({ employerId, metadata }: VerifyEmployerCommand): Promise<EmployerRead> {
    const { aggregate: employer } = await this.runner.change(
      employerId,
      'VERIFY',
      metadata,
      async (employer, now) => {
        nextStatus('VERIFY', employer.status); // throws EMPLOYER.TRANSITION_NOT_ALLOWED
        const state = employer.address.state;
        const year = now.getUTCFullYear();
        const sequence = await this.deps.registrationNumbers.next(state, year);
        employer.verify(metadata.caller, RegistrationNumber.issue({ state, year, sequence }), now);
      },
    );
    return readFor(metadata.caller, employer);
  }
}
