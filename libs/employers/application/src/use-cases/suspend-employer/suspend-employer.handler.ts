import { domainActorOf } from '../../shared/actor';
import { EmployerCommandRunner, type EmployerCommandDeps } from '../../shared/employer-command.runner';
import { readFor, type EmployerRead } from '../../shared/employer-read';
import type { SuspendEmployerCommand } from './suspend-employer.command';

/** An officer suspends an active employer (cause OFFICER_DECISION): no new permits; existing permits stay valid. */
export class SuspendEmployerHandler {
  private readonly runner: EmployerCommandRunner;

  constructor(deps: EmployerCommandDeps) {
    this.runner = new EmployerCommandRunner(deps);
  }

  async execute({ employerId, reason, metadata }: SuspendEmployerCommand): Promise<EmployerRead> {
    const { employer } = await this.runner.change(employerId, 'SUSPEND', metadata, (employer, now) =>
      employer.suspend(domainActorOf(metadata.actor), reason, now),
    );
    return readFor(metadata.actor, employer);
  }
}
