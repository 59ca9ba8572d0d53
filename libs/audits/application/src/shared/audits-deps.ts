import type { AuditProgram, RetaliationPolicy, RiskModel } from '@frontera/audits-domain';
import type { IdGenerator } from '@frontera/shared-application';
import type { EmployerProfileRepository, PermitFactsRepository } from '../ports/repositories.port';
import type { AuditsCommandDeps } from './audits-command.runners';

/** Everything the audits use cases need: the command ports, the read model and the program's policies. */
export interface AuditsDeps extends AuditsCommandDeps {
  readonly profiles: EmployerProfileRepository;
  readonly ids: IdGenerator;
  readonly program: AuditProgram;
  readonly riskModel: RiskModel;
  /** The permit read model (held permits, headcount, endings, shared-contact signals). */
  readonly permitFacts: PermitFactsRepository;
  /** Retaliation detection: the window after a complaint or a visit (RETALIATION_WINDOW_DAYS). */
  readonly retaliation: RetaliationPolicy;
}
