import { IsString, Matches } from 'class-validator';
import { isMexicanState, TVTF_ELIGIBLE_STATES, type MexicanState } from '@frontera/shared-kernel';
import type { ConfigProblem } from './config.error';
import { DomainServiceConfig } from './domain-service.config';
import { Default, EnvVar } from './env-var.decorators';

/**
 * A DomainServiceConfig of a service that applies the border worker program's rules: the states
 * whose worksites can receive permit workers (the employers and permits services must agree on
 * them: both read ELIGIBLE_STATES).
 */
export class ProgramServiceConfig extends DomainServiceConfig {
  @EnvVar({
    description:
      'states whose worksites can receive permit workers, comma-separated ISO 3166-2:MX codes without "MX-"',
    example: 'CHP,CAM,TAB,ROO',
  })
  @Default(TVTF_ELIGIBLE_STATES.join(','))
  @IsString()
  @Matches(/^[A-Z]{3}(,[A-Z]{3})*$/, { message: 'must be comma-separated state codes such as CHP,CAM' })
  ELIGIBLE_STATES!: string;

  override invariants(): ConfigProblem[] {
    const problems = super.invariants();
    const unknown = (this.ELIGIBLE_STATES ?? '').split(',').filter((s) => s !== '' && !isMexicanState(s));
    if (unknown.length > 0) {
      problems.push({ variable: 'ELIGIBLE_STATES', problem: `unknown state codes: ${unknown.join(', ')}` });
    }
    return problems;
  }
}

/** ELIGIBLE_STATES as a list (validated at boot). */
export function eligibleStatesOf(config: Pick<ProgramServiceConfig, 'ELIGIBLE_STATES'>): MexicanState[] {
  return config.ELIGIBLE_STATES.split(',').filter(isMexicanState);
}
