import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { developmentAuthPublicKey } from '@frontera/platform-auth';
import {
  Default,
  DevDefault,
  DevDefaults,
  EnvVar,
  IsBase64Key,
  IsUrlWithScheme,
  ProgramServiceConfig,
  type ConfigProblem,
} from '@frontera/platform-config';

/** Public, well-known development key of the read log's MAC: refused in production. */
const DEV_READ_LOG_MAC_KEY = 'ZnJvbnRlcmEtZGV2LW9ubHktcmVhZC1sb2ctbWFjISE=';

/**
 * The permits service's environment: everything of ProgramServiceConfig (ServiceConfig, the
 * aggregate lock, consumers, idempotency keys, housekeeping, ELIGIBLE_STATES) plus the variables
 * below. All but MINIMUM_DAILY_WAGE_MXN have defaults that are right in production too; the minimum
 * wage in force is the operator's to state (the service does not guess it outside development and
 * tests). Listed in the README (`configMarkdownTable(PermitsConfig)`).
 */
@DevDefaults<PermitsConfig>({
  MONGODB_URI: 'mongodb://127.0.0.1:17017/permits',
  AUTH_PUBLIC_KEY: developmentAuthPublicKey,
  PORT: '3002',
})
export class PermitsConfig extends ProgramServiceConfig {
  @EnvVar({
    description:
      'minimum daily wage in force, MXN with at most two decimals (an application offering less is not eligible)',
    example: '278.80',
  })
  @DevDefault('278.80')
  @IsString()
  @Matches(/^[1-9]\d{0,5}(\.\d{1,2})?$/, { message: 'must be an amount in MXN such as 278.80' })
  MINIMUM_DAILY_WAGE_MXN!: string;

  @EnvVar({
    description: 'how long a permit is valid from its start date: years (1y–5y) or days (1d–3660d)',
    example: '1y',
  })
  @Default('1y')
  @IsString()
  @Matches(/^([1-5]y|[1-9]\d{0,3}d)$/, { message: 'must be years such as 1y or days such as 30d' })
  PERMIT_VALIDITY!: string;

  @EnvVar({ description: 'days before expiry the "expires soon" notice is due (0–365)', type: 'integer' })
  @Default('30')
  @IsInt()
  @Min(0)
  @Max(365)
  EXPIRY_NOTICE_DAYS!: number;

  @EnvVar({
    description:
      'days the permits of an employer suspended for abuse or deregistered stay transferable (1–365)',
    type: 'integer',
  })
  @Default('90')
  @IsInt()
  @Min(1)
  @Max(365)
  TRANSFER_WINDOW_DAYS!: number;

  @EnvVar({
    description: 'workers sharing one phone number that raise the shared-contact signal (2–50)',
    type: 'integer',
  })
  @Default('3')
  @IsInt()
  @Min(2)
  @Max(50)
  SHARED_PHONE_THRESHOLD!: number;

  @EnvVar({
    description: 'base URL of the public verification, encoded in the permit card QR code (http or https)',
    example: 'https://verifica.inm.gob.mx',
  })
  @DevDefault('http://127.0.0.1:3002')
  @IsUrlWithScheme(['http', 'https'])
  PUBLIC_BASE_URL!: string;

  @EnvVar({ description: 'largest roster file accepted, in bytes (1 KiB – 20 MiB)', type: 'integer' })
  @Default('5242880')
  @IsInt()
  @Min(1024)
  @Max(20971520)
  ROSTER_MAX_BYTES!: number;

  @EnvVar({ description: 'most data rows a roster file may hold (1–50000)', type: 'integer' })
  @Default('10000')
  @IsInt()
  @Min(1)
  @Max(50000)
  ROSTER_MAX_ROWS!: number;

  @EnvVar({
    description:
      'partitions the duplicate and shared-phone checks after a registration handle at the same time (1–12; each partition in order)',
    type: 'integer',
  })
  @Default('4')
  @IsInt()
  @Min(1)
  @Max(12)
  WORKER_CHECKS_CONCURRENCY!: number;

  @EnvVar({
    description:
      'roster rows per batch of the roster job: a batch is imported with one insertMany of workers and one of applications, progress and row errors are saved once per batch (1–1000)',
    type: 'integer',
  })
  @Default('250')
  @IsInt()
  @Min(1)
  @Max(1000)
  ROSTER_BATCH_SIZE!: number;

  @EnvVar({
    description:
      'lookups of a roster batch sent at once: rows whose document is already registered, looked up by it (1–64)',
    type: 'integer',
  })
  @Default('8')
  @IsInt()
  @Min(1)
  @Max(64)
  ROSTER_ROW_CONCURRENCY!: number;

  @EnvVar({ description: 'roster imports one instance processes at once (1–16)', type: 'integer' })
  @Default('2')
  @IsInt()
  @Min(1)
  @Max(16)
  ROSTER_JOB_CONCURRENCY!: number;

  @EnvVar({
    description: 'public verifications a client may make per minute (Redis-backed; 1–100000)',
    type: 'integer',
  })
  @Default('60')
  @IsInt()
  @Min(1)
  @Max(100000)
  VERIFY_RATE_PER_MINUTE!: number;

  @EnvVar({
    description: 'days expiry and notice sweeps look back for buckets a stopped service missed (1–60)',
    type: 'integer',
  })
  @Default('7')
  @IsInt()
  @Min(1)
  @Max(60)
  SWEEP_CATCH_UP_DAYS!: number;

  @EnvVar({ description: 'milliseconds between expiry and notice sweeps (10000–86400000)', type: 'integer' })
  @Default('3600000')
  @IsInt()
  @Min(10000)
  @Max(86400000)
  SWEEP_EVERY_MS!: number;

  @EnvVar({
    description:
      'prefix of the Kafka consumer group ids (<prefix>-employers, <prefix>-approvals, <prefix>-workers, <prefix>-verification, <prefix>-audit-outcomes)',
  })
  @Default('permits')
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/, { message: 'must be letters, digits, ".", "_" or "-"' })
  KAFKA_CONSUMER_GROUP_PREFIX!: string;

  @EnvVar({
    description:
      'HMAC key of the personal-data read log (hash chain of who read a worker’s data and why), base64 of ' +
      '32 bytes; its own key, so auditors who check published chain heads hold no key of the personal data',
    secret: true,
  })
  @DevDefault(DEV_READ_LOG_MAC_KEY)
  @IsBase64Key(32)
  READ_LOG_MAC_KEY!: string;

  override invariants(): ConfigProblem[] {
    const problems = super.invariants();
    if (
      this.READ_LOG_MAC_KEY &&
      [this.PII_ENCRYPTION_KEY, this.PII_HASH_KEY].includes(this.READ_LOG_MAC_KEY)
    ) {
      problems.push({
        variable: 'READ_LOG_MAC_KEY',
        problem: 'must differ from PII_ENCRYPTION_KEY and PII_HASH_KEY',
      });
    }
    if (this.NODE_ENV === 'production' && this.READ_LOG_MAC_KEY === DEV_READ_LOG_MAC_KEY) {
      problems.push({
        variable: 'READ_LOG_MAC_KEY',
        problem: 'the development key is not accepted in production',
      });
    }
    return problems;
  }
}

/** MINIMUM_DAILY_WAGE_MXN as a number (validated at boot). */
export function minimumDailyWageOf(config: Pick<PermitsConfig, 'MINIMUM_DAILY_WAGE_MXN'>): number {
  return Number(config.MINIMUM_DAILY_WAGE_MXN);
}

/** PERMIT_VALIDITY as the domain's validity (`1y` → { years: 1 }, `30d` → { days: 30 }). */
export function permitValidityOf(config: Pick<PermitsConfig, 'PERMIT_VALIDITY'>): {
  years?: number;
  days?: number;
} {
  const amount = Number(config.PERMIT_VALIDITY.slice(0, -1));
  return config.PERMIT_VALIDITY.endsWith('y') ? { years: amount } : { days: amount };
}
