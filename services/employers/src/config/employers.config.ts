import { IsString, Matches } from 'class-validator';
import { Default, DevDefaults, EnvVar, ProgramServiceConfig } from '@frontera/platform-config';
import { developmentAuthPublicKey } from '@frontera/platform-auth';

/**
 * The employers service's environment: everything of ProgramServiceConfig (ServiceConfig, the
 * aggregate lock, consumers, idempotency keys, housekeeping, ELIGIBLE_STATES) plus the variables below.
 * Each has a default that is right in production too (they are tuning knobs and policy), so
 * deployments need only the ServiceConfig variables. Listed in the README (generated with
 * `configMarkdownTable(EmployersConfig)`). With NODE_ENV=development and no AUTH_PUBLIC_KEY nor
 * AUTH_JWKS_URL, the development token issuer's key is trusted (developmentAuthKey of @frontera/platform-auth).
 */
@DevDefaults<EmployersConfig>({
  MONGODB_URI: 'mongodb://127.0.0.1:17017/employers',
  AUTH_PUBLIC_KEY: developmentAuthPublicKey,
})
export class EmployersConfig extends ProgramServiceConfig {
  @EnvVar({
    description:
      'prefix of the Kafka consumer group ids (<prefix>-audit-outcomes, <prefix>-risk, <prefix>-permits)',
  })
  @Default('employers')
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/, { message: 'must be letters, digits, ".", "_" or "-"' })
  KAFKA_CONSUMER_GROUP_PREFIX!: string;
}

/** ELIGIBLE_STATES as a list (validated at boot). */
export { eligibleStatesOf } from '@frontera/platform-config';
