import type { AuditProgram, RiskModel } from '@frontera/audits-domain';
import type { IdGenerator } from '@frontera/shared-application';
import type { EmployerProfileRepository } from '../ports/repositories.port';
import type { AuditsCommandDeps } from './audits-command.runners';

/** Everything the audits use cases need: the command ports, the read model and the program's policies. */
export interface AuditsDeps extends AuditsCommandDeps {
  readonly profiles: EmployerProfileRepository;
  readonly ids: IdGenerator;
  readonly program: AuditProgram;
  readonly riskModel: RiskModel;
}
