import { EmployerCommandRunner, type EmployerCommandDeps } from '../../shared/employer-command.runner';
import type { RecordRiskChangeCommand } from './record-risk-change.command';

/**
 * Stores the latest risk score, tier and factors on the employer for officers. An older or
 * repeated computation changes nothing; no event is published (the audits context owns risk).
 * Returns whether the stored risk changed.
 */
export class RecordRiskChangeHandler {
  private readonly runner: EmployerCommandRunner;

  constructor(deps: EmployerCommandDeps) {
    this.runner = new EmployerCommandRunner(deps);
  }

  async execute({ employerId, risk, event }: RecordRiskChangeCommand): Promise<boolean> {
    const { changed } = await this.runner.apply(employerId, event, (employer, now) =>
      employer.recordRiskChange(risk, now),
    );
    return changed;
  }
}
