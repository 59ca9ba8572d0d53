import type { WorksiteView } from '@frontera/employers-domain';
import type { IdGenerator } from '@frontera/shared-application';
import { EmployerCommandRunner, type EmployerCommandDeps } from '../../shared/employer-command.runner';
import type { AddWorksiteCommand } from './add-worksite.command';

export interface AddWorksiteDeps extends EmployerCommandDeps {
  readonly ids: IdGenerator;
}

/**
 * Adds an open worksite and publishes `frontera.employer.worksite.added` (activity, state,
 * municipality, capacity, housing and permit eligibility — never the name or coordinates).
 * Whether it can receive permit workers follows from the configured eligible states.
 */
export class AddWorksiteHandler {
  private readonly runner: EmployerCommandRunner;

  constructor(private readonly deps: AddWorksiteDeps) {
    this.runner = new EmployerCommandRunner(deps);
  }

  async execute({ employerId, worksite, metadata }: AddWorksiteCommand): Promise<WorksiteView> {
    const worksiteId = this.deps.ids.newId('ws');
    const { result } = await this.runner.change(employerId, 'ADD_WORKSITE', metadata, (employer, now) =>
      employer.addWorksite(metadata.caller, { ...worksite, worksiteId }, now),
    );
    return result;
  }
}
