import { IsString, Matches } from 'class-validator';
import {
  Default,
  DevDefaults,
  DomainServiceConfig,
  EnvVar,
  type ConfigProblem,
} from '@frontera/platform-config';
import { isMexicanState, type MexicanState } from '@frontera/employers-domain';
import { developmentAuthPublicKey } from '@frontera/platform-auth';

/**
 * The employers service's environment: everything of DomainServiceConfig (ServiceConfig, the
 * aggregate lock, consumers, idempotency keys, housekeeping) plus the variables below.
 * Each has a default that is right in production too (they are tuning knobs and policy), so
 * deployments need only the ServiceConfig variables. Listed in the README (generated with
 * `configMarkdownTable(EmployersConfig)`). With NODE_ENV=development and no AUTH_PUBLIC_KEY nor
 * AUTH_JWKS_URL, the development token issuer's key is trusted (developmentAuthKey of @frontera/platform-auth).
 */
@DevDefaults<EmployersConfig>({
  MONGODB_URI: 'mongodb://127.0.0.1:17017/employers',
  AUTH_PUBLIC_KEY: developmentAuthPublicKey,
})
export class EmployersConfig extends DomainServiceConfig {
  @EnvVar({
    description:
      'states whose worksites can receive permit workers, comma-separated ISO 3166-2:MX codes without "MX-"',
    example: 'CHP,CAM,TAB,ROO',
  })
  @Default('CHP,CAM,TAB,ROO')
  @IsString()
  @Matches(/^[A-Z]{3}(,[A-Z]{3})*$/, { message: 'must be comma-separated state codes such as CHP,CAM' })
  ELIGIBLE_STATES!: string;

  @EnvVar({
    description:
      'prefix of the Kafka consumer group ids (<prefix>-audit-outcomes, <prefix>-risk, <prefix>-permits)',
  })
  @Default('employers')
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/, { message: 'must be letters, digits, ".", "_" or "-"' })
  KAFKA_CONSUMER_GROUP_PREFIX!: string;

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
export function eligibleStatesOf(config: Pick<EmployersConfig, 'ELIGIBLE_STATES'>): MexicanState[] {
  return config.ELIGIBLE_STATES.split(',').filter(isMexicanState);
}
