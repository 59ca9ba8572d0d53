import type { WorksiteView } from '@frontera/employers-domain';
import { EmployerCommandRunner, type EmployerCommandDeps } from '../../shared/employer-command.runner';
import type { CloseWorksiteCommand } from './close-worksite.command';

/** Closes an open worksite and publishes `frontera.employer.worksite.closed`. */
export class CloseWorksiteHandler {
  private readonly runner: EmployerCommandRunner;

  constructor(deps: EmployerCommandDeps) {
    this.runner = new EmployerCommandRunner(deps);
  }

  async execute({ employerId, worksiteId, reason, metadata }: CloseWorksiteCommand): Promise<WorksiteView> {
    const { aggregate: employer } = await this.runner.change(
      employerId,
      'CLOSE_WORKSITE',
      metadata,
      (employer, now) => employer.closeWorksite(metadata.caller, worksiteId, reason, now),
    );
    return employer.worksite(worksiteId);
  }
}
