import type { WorksiteView } from '@frontera/employers-domain';
import { EmployerCommandRunner, type EmployerCommandDeps } from '../../shared/employer-command.runner';
import type { UpdateWorksiteCommand } from './update-worksite.command';

/**
 * Edits an open worksite and publishes `frontera.employer.worksite.updated` with the changed
 * field names. Lowering the capacity below the current headcount is allowed (a declaration of
 * fact) and shows as `overCapacity`. Sending the current values changes nothing.
 */
export class UpdateWorksiteHandler {
  private readonly runner: EmployerCommandRunner;

  constructor(deps: EmployerCommandDeps) {
    this.runner = new EmployerCommandRunner(deps);
  }

  async execute(command: UpdateWorksiteCommand): Promise<WorksiteView> {
    const { employerId, worksiteId, changes, reason, metadata } = command;
    const { aggregate: employer } = await this.runner.change(
      employerId,
      'UPDATE_WORKSITE',
      metadata,
      (employer, now) => employer.updateWorksite(metadata.caller, worksiteId, changes, reason, now),
    );
    return employer.worksite(worksiteId);
  }
}
