import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { Default, DevDefaults, EnvVar, ServiceConfig, type ConfigProblem } from '@frontera/platform-config';
import { isMexicanState, type MexicanState } from '@frontera/employers-domain';
import { developmentAuthPublicKey } from './development-auth-key';

/**
 * The employers service's environment: everything of ServiceConfig plus the variables below.
 * Each has a default that is right in production too (they are tuning knobs and policy), so
 * deployments need only the ServiceConfig variables. Listed in the README (generated with
 * `configMarkdownTable(EmployersConfig)`). With NODE_ENV=development and no AUTH_PUBLIC_KEY nor
 * AUTH_JWKS_URL, the development token issuer's key is trusted (see development-auth-key.ts).
 */
@DevDefaults<EmployersConfig>({
  MONGODB_URI: 'mongodb://127.0.0.1:17017/employers',
  AUTH_PUBLIC_KEY: developmentAuthPublicKey,
})
export class EmployersConfig extends ServiceConfig {
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

  @EnvVar({
    description: 'handler runs per consumed event before it goes to the dead-letter topic (1–20)',
    type: 'integer',
  })
  @Default('5')
  @IsInt()
  @Min(1)
  @Max(20)
  CONSUMER_MAX_ATTEMPTS!: number;

  @EnvVar({
    description: 'milliseconds an employer lock lives without renewal (a crashed holder frees it after this)',
    type: 'integer',
  })
  @Default('10000')
  @IsInt()
  @Min(1000)
  @Max(120000)
  LOCK_TTL_MS!: number;

  @EnvVar({
    description: 'longest a request waits for an employer lock before answering 503 EMPLOYER.BUSY',
    type: 'integer',
  })
  @Default('5000')
  @IsInt()
  @Min(100)
  @Max(60000)
  LOCK_WAIT_MS!: number;

  @EnvVar({
    description: 'hours an Idempotency-Key of POST /employers is remembered (1–168)',
    type: 'integer',
  })
  @Default('24')
  @IsInt()
  @Min(1)
  @Max(168)
  IDEMPOTENCY_KEY_TTL_HOURS!: number;

  @EnvVar({
    description:
      'hours consumer inbox records (processed_events) are kept; longer than the 14-day Kafka retention of event topics (24–8784)',
    type: 'integer',
  })
  @Default('384')
  @IsInt()
  @Min(24)
  @Max(8784)
  PROCESSED_EVENTS_RETENTION_HOURS!: number;

  @EnvVar({
    description:
      'milliseconds between housekeeping runs (purge of processed_events and expired idempotency_keys; 60000–86400000)',
    type: 'integer',
  })
  @Default('3600000')
  @IsInt()
  @Min(60000)
  @Max(86400000)
  HOUSEKEEPING_EVERY_MS!: number;

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
