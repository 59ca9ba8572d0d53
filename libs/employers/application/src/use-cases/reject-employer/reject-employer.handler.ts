import { domainActorOf } from '../../shared/actor';
import { EmployerCommandRunner, type EmployerCommandDeps } from '../../shared/employer-command.runner';
import { readFor, type EmployerRead } from '../../shared/employer-read';
import type { RejectEmployerCommand } from './reject-employer.command';

/** An officer rejects a pending registration, with the reason the employer will read. */
export class RejectEmployerHandler {
  private readonly runner: EmployerCommandRunner;

  constructor(deps: EmployerCommandDeps) {
    this.runner = new EmployerCommandRunner(deps);
  }

  async execute({ employerId, reason, metadata }: RejectEmployerCommand): Promise<EmployerRead> {
    const { employer } = await this.runner.change(employerId, 'REJECT', metadata, (employer, now) =>
      employer.reject(domainActorOf(metadata.actor), reason, now),
    );
    return readFor(metadata.actor, employer);
  }
}
