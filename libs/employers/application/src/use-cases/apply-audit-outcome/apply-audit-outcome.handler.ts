import type { AuditOutcomeApplication } from '@frontera/employers-domain';
import { EmployerCommandRunner, type EmployerCommandDeps } from '../../shared/employer-command.runner';
import type { ApplyAuditOutcomeCommand } from './apply-audit-outcome.command';

/**
 * `applied`: the domain's record of what the outcome did; `undefined` when this event was
 * applied before (nothing changed, nothing published).
 */
export interface AuditOutcomeResult {
  readonly applied: AuditOutcomeApplication | undefined;
}

/**
 * Applies an audit outcome: SERIOUS findings rate the employer B, a passed FOLLOW_UP re-audit
 * rates it A again, CRITICAL findings or forced-labour indicators also suspend it (cause
 * CRITICAL_FINDINGS) pending an officer's review — the rules are the domain's
 * (`Employer.applyAuditOutcome`). Idempotent twice over: by event id (remembered on the
 * employer in the same write) and by audit id (the domain ignores an audit it has).
 */
export class ApplyAuditOutcomeHandler {
  private readonly runner: EmployerCommandRunner;

  constructor(deps: EmployerCommandDeps) {
    this.runner = new EmployerCommandRunner(deps);
  }

  async execute({ employerId, outcome, event }: ApplyAuditOutcomeCommand): Promise<AuditOutcomeResult> {
    const { result } = await this.runner.apply(employerId, event, (employer, now) =>
      employer.applyAuditOutcome(outcome, now),
    );
    return { applied: result };
  }
}
