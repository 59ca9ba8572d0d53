import { domainActorOf } from '../../shared/actor';
import { EmployerCommandRunner, type EmployerCommandDeps } from '../../shared/employer-command.runner';
import { readFor, type EmployerRead } from '../../shared/employer-read';
import type { DeregisterEmployerCommand } from './deregister-employer.command';

/** An officer deregisters an employer (final); its open worksites close. */
export class DeregisterEmployerHandler {
  private readonly runner: EmployerCommandRunner;

  constructor(deps: EmployerCommandDeps) {
    this.runner = new EmployerCommandRunner(deps);
  }

  async execute({ employerId, reason, metadata }: DeregisterEmployerCommand): Promise<EmployerRead> {
    const { employer } = await this.runner.change(employerId, 'DEREGISTER', metadata, (employer, now) =>
      employer.deregister(domainActorOf(metadata.actor), reason, now),
    );
    return readFor(metadata.actor, employer);
  }
}
