import { domainActorOf } from '../../shared/actor';
import { EmployerCommandRunner, type EmployerCommandDeps } from '../../shared/employer-command.runner';
import { readFor, type EmployerRead } from '../../shared/employer-read';
import type { ReinstateEmployerCommand } from './reinstate-employer.command';

/** An officer lifts a suspension (for CRITICAL_FINDINGS this is the review the suspension awaited); the rating is untouched. */
export class ReinstateEmployerHandler {
  private readonly runner: EmployerCommandRunner;

  constructor(deps: EmployerCommandDeps) {
    this.runner = new EmployerCommandRunner(deps);
  }

  async execute({ employerId, reason, metadata }: ReinstateEmployerCommand): Promise<EmployerRead> {
    const { employer } = await this.runner.change(employerId, 'REINSTATE', metadata, (employer, now) =>
      employer.reinstate(domainActorOf(metadata.actor), reason, now),
    );
    return readFor(metadata.actor, employer);
  }
}
