import { IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, Min } from 'class-validator';
import type { ConfigProblem } from './config.error';
import { Default, DevDefault, EnvVar } from './env-var.decorators';
import { IsBase64Key, IsByteSize, IsHostPortList, IsSpkiPublicKey, IsUrlWithScheme } from './env.validators';
import type { ConfigInvariants } from './load-config';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const CLOCK_OFFSET_PATTERN = /^[+-]?([1-9]\d{0,3}d|[1-9]\d{0,4}h|[1-9]\d{0,6}m|[1-9]\d{0,8}s|0)$/;
const CLOCK_OFFSET_UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * CLOCK_OFFSET in milliseconds (0 when unset): what a service adds to the real time for its clock
 * (`offsetClock(clockOffsetMs(config))` of @frontera/shared-application). Validated at boot.
 */
export function clockOffsetMs(config: { readonly CLOCK_OFFSET?: string }): number {
  const text = config.CLOCK_OFFSET?.trim();
  if (!text || text === '0') return 0;
  const match = /^([+-]?)(\d+)([smhd])$/.exec(text);
  if (!match) throw new Error(`CLOCK_OFFSET "${text}" is not a duration such as 3d, 12h, -30m or 90s`);
  const ms = Number(match[2]) * CLOCK_OFFSET_UNIT_MS[match[3] as keyof typeof CLOCK_OFFSET_UNIT_MS];
  return match[1] === '-' ? -ms : ms;
}

/** Issuer of development tokens (tools/scripts/dev-token.ts); refused in production. */
export const DEV_AUTH_ISSUER = 'frontera-dev';
export const DEV_AUTH_AUDIENCE = 'frontera-api';

// Public, well-known development keys: refused in production by the invariants.
const DEV_PII_ENCRYPTION_KEY = 'ZnJvbnRlcmEtZGV2LW9ubHktcGlpLWVuY3J5cHQtayE=';
const DEV_PII_HASH_KEY = 'ZnJvbnRlcmEtZGV2LW9ubHktcGlpLWhhc2hpbmctayE=';

/**
 * The variables every Frontera service reads. A service extends it with its own
 * (`class EmployersConfig extends ServiceConfig { … }`) and may change a base
 * variable's development default with `@DevDefaults({ MONGODB_URI: '…/employers' })`.
 */
export class ServiceConfig implements ConfigInvariants {
  @EnvVar({
    description: 'runtime environment: development, test or production (unset counts as production)',
  })
  @Default('production')
  @IsIn(NODE_ENVS)
  NODE_ENV!: NodeEnv;

  @EnvVar({ description: 'TCP port the HTTP server listens on (1–65535)', example: '3000', type: 'integer' })
  @DevDefault('3000')
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT!: number;

  @EnvVar({ description: 'interface the HTTP server binds to', example: '0.0.0.0' })
  @Default('0.0.0.0')
  @DevDefault('127.0.0.1')
  @IsString()
  @IsNotEmpty()
  HOST!: string;

  @EnvVar({ description: `log level: ${LOG_LEVELS.join(', ')}` })
  @Default('info')
  @IsIn(LOG_LEVELS)
  LOG_LEVEL!: LogLevel;

  @EnvVar({
    description: 'Kafka bootstrap brokers, host:port[,host:port]',
    example: 'kafka-1:9092,kafka-2:9092',
  })
  @DevDefault('127.0.0.1:19092')
  @IsHostPortList()
  KAFKA_BROKERS!: string;

  @EnvVar({
    description:
      'prefix of every Kafka topic on the brokers (dev → dev.frontera.…), so environments can share a cluster; unset: the catalogue names',
    example: 'staging',
    optional: true,
  })
  @Matches(/^[a-z0-9][a-z0-9_-]{0,31}$/, {
    message: 'must be 1–32 lower-case letters, digits, "_" or "-", starting with a letter or digit',
  })
  KAFKA_TOPIC_NAMESPACE?: string;

  @EnvVar({
    description: "MongoDB connection string naming the service's own database",
    example: 'mongodb://db:27017/employers',
    secret: true,
  })
  @DevDefault('mongodb://127.0.0.1:17017/frontera')
  @IsUrlWithScheme(['mongodb', 'mongodb+srv'])
  MONGODB_URI!: string;

  @EnvVar({ description: 'largest MongoDB connection pool per process (1–10)', type: 'integer' })
  @Default('10')
  @IsInt()
  @Min(1)
  @Max(10)
  MONGODB_MAX_POOL_SIZE!: number;

  @EnvVar({
    description:
      'Redis URL for what the service keeps in Redis: BullMQ queues and job schedulers, aggregate locks, list positions, rate limits',
    example: 'redis://redis:6379',
    secret: true,
  })
  @DevDefault('redis://127.0.0.1:16379')
  @IsUrlWithScheme(['redis', 'rediss'])
  REDIS_URL!: string;

  @EnvVar({
    description: 'the `iss` access tokens must carry (the OIDC issuer)',
    example: 'https://id.example.gob.mx',
  })
  @DevDefault(DEV_AUTH_ISSUER)
  @IsString()
  @IsNotEmpty()
  AUTH_ISSUER!: string;

  @EnvVar({ description: 'the `aud` access tokens must carry', example: DEV_AUTH_AUDIENCE })
  @DevDefault(DEV_AUTH_AUDIENCE)
  @IsString()
  @IsNotEmpty()
  AUTH_AUDIENCE!: string;

  @EnvVar({
    description: "URL of the issuer's JWKS (set this or AUTH_PUBLIC_KEY, not both); https in production",
    example: 'https://id.example.gob.mx/.well-known/jwks.json',
    optional: true,
  })
  @IsUrlWithScheme(['https', 'http'])
  AUTH_JWKS_URL?: string;

  @EnvVar({
    description:
      "the issuer's public key as SPKI PEM, RSA or EC P-256 (set this or AUTH_JWKS_URL); locally: " +
      'node tools/scripts/run-ts.cjs tools/scripts/dev-token.ts --print-public-key',
    optional: true,
    type: 'pem',
  })
  @IsSpkiPublicKey()
  AUTH_PUBLIC_KEY?: string;

  @EnvVar({ description: 'AES-256 key for personal data at rest, base64 of 32 bytes', secret: true })
  @DevDefault(DEV_PII_ENCRYPTION_KEY)
  @IsBase64Key(32)
  PII_ENCRYPTION_KEY!: string;

  @EnvVar({
    description: 'HMAC key for lookups of personal data by keyed hash, base64 of 32 bytes',
    secret: true,
  })
  @DevDefault(DEV_PII_HASH_KEY)
  @IsBase64Key(32)
  PII_HASH_KEY!: string;

  @EnvVar({ description: 'largest JSON request body accepted (larger ones get 413)' })
  @Default('100kb')
  @IsByteSize()
  HTTP_BODY_LIMIT!: string;

  @EnvVar({
    description: 'reverse proxies in front of the service whose X-Forwarded-* headers are trusted (0 = none)',
    type: 'integer',
  })
  @Default('0')
  @IsInt()
  @Min(0)
  @Max(10)
  HTTP_TRUST_PROXY!: number;

  @EnvVar({
    description:
      'milliseconds a graceful shutdown (SIGTERM/SIGINT) may take before the process exits with code 1',
    type: 'integer',
  })
  @Default('15000')
  @IsInt()
  @Min(100)
  @Max(120000)
  SHUTDOWN_TIMEOUT_MS!: number;

  @EnvVar({
    description:
      'development and test only (refused in production): shifts the clock the service decides by ' +
      '(validity, expiry, due days, sweeps) by this much, such as 3d, 12h, -30m or 90s; unset: the real time',
    example: '3d',
    optional: true,
  })
  @Matches(CLOCK_OFFSET_PATTERN, {
    message: 'must be a duration such as 3d, 12h, -30m or 90s (at most 3660d)',
  })
  CLOCK_OFFSET?: string;

  @EnvVar({
    description:
      'OTLP/HTTP base URL of a trace collector (spans are sent to its /v1/traces; W3C trace context propagated); unset: no tracing, at no cost',
    example: 'http://jaeger:4318',
    optional: true,
  })
  @IsUrlWithScheme(['http', 'https'])
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  @EnvVar({
    description: 'full OTLP/HTTP URL for spans, instead of OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces',
    example: 'http://jaeger:4318/v1/traces',
    optional: true,
  })
  @IsUrlWithScheme(['http', 'https'])
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;

  invariants(): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    if (Boolean(this.AUTH_JWKS_URL) === Boolean(this.AUTH_PUBLIC_KEY)) {
      problems.push({
        variable: 'AUTH_JWKS_URL / AUTH_PUBLIC_KEY',
        problem: `exactly one must be set, found ${this.AUTH_JWKS_URL ? 'both' : 'neither'}`,
      });
    }
    if (this.PII_ENCRYPTION_KEY && this.PII_ENCRYPTION_KEY === this.PII_HASH_KEY) {
      problems.push({ variable: 'PII_HASH_KEY', problem: 'must differ from PII_ENCRYPTION_KEY' });
    }
    if (this.NODE_ENV === 'production') {
      if (this.CLOCK_OFFSET !== undefined) {
        problems.push({
          variable: 'CLOCK_OFFSET',
          problem: 'a shifted clock is for development and tests only: unset it in production',
        });
      }
      if (this.AUTH_JWKS_URL?.startsWith('http://')) {
        problems.push({ variable: 'AUTH_JWKS_URL', problem: 'must use https in production' });
      }
      if (this.AUTH_ISSUER === DEV_AUTH_ISSUER) {
        problems.push({
          variable: 'AUTH_ISSUER',
          problem: 'the development issuer is not accepted in production',
        });
      }
      if (this.PII_ENCRYPTION_KEY === DEV_PII_ENCRYPTION_KEY) {
        problems.push({
          variable: 'PII_ENCRYPTION_KEY',
          problem: 'the development key is not accepted in production',
        });
      }
      if (this.PII_HASH_KEY === DEV_PII_HASH_KEY) {
        problems.push({
          variable: 'PII_HASH_KEY',
          problem: 'the development key is not accepted in production',
        });
      }
    }
    return problems;
  }
}
