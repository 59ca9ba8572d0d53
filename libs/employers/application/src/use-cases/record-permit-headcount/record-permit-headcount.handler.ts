import { EmployerCommandRunner, type EmployerCommandDeps } from '../../shared/employer-command.runner';
import type { RecordPermitHeadcountCommand } from './record-permit-headcount.command';

/**
 * Keeps each worksite's current headcount (active permits) to compare with its declared
 * capacity. Idempotent per event id and per permit id; an "ended" that arrives before its
 * "issued" is remembered so the late "issued" does not count (the domain's rule). Returns
 * whether the headcount changed. No event is published.
 */
export class RecordPermitHeadcountHandler {
  private readonly runner: EmployerCommandRunner;

  constructor(deps: EmployerCommandDeps) {
    this.runner = new EmployerCommandRunner(deps);
  }

  async execute(command: RecordPermitHeadcountCommand): Promise<boolean> {
    const { employerId, worksiteId, permitId, change, event } = command;
    const { changed } = await this.runner.apply(employerId, event, (employer) =>
      change === 'ISSUED'
        ? employer.recordPermitIssued(worksiteId, permitId)
        : employer.recordPermitEnded(worksiteId, permitId),
    );
    return changed;
  }
}
