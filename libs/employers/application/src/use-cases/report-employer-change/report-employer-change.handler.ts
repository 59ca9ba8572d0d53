import { EmployerCommandRunner, type EmployerCommandDeps } from '../../shared/employer-command.runner';
import { readFor, type EmployerRead } from '../../shared/employer-read';
import type { ReportEmployerChangeCommand } from './report-employer-change.command';

export interface ReportedChangeResult {
  readonly read: EmployerRead;
  /** Changed field paths (`address.street`, `legalRepresentative.fullName`…); empty when nothing changed. */
  readonly changedFields: readonly string[];
}

/**
 * Records a reported change in the history (personal data as "changed", without values) and
 * publishes `frontera.employer.updated` with the changed field names only. Reporting the current
 * values again changes nothing and publishes nothing.
 */
export class ReportEmployerChangeHandler {
  private readonly runner: EmployerCommandRunner;

  constructor(deps: EmployerCommandDeps) {
    this.runner = new EmployerCommandRunner(deps);
  }

  async execute(command: ReportEmployerChangeCommand): Promise<ReportedChangeResult> {
    const { employerId, changes, reason, metadata } = command;
    const { aggregate: employer, result } = await this.runner.change(
      employerId,
      'REPORT_CHANGE',
      metadata,
      (employer, now) => employer.reportChange(metadata.caller, changes, reason, now),
    );
    return { read: readFor(metadata.caller, employer), changedFields: result };
  }
}
