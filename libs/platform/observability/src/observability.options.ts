import type { FactoryProvider, ModuleMetadata } from '@nestjs/common';
import type { DestinationStream, LevelWithSilent } from 'pino';
import type { HealthIndicator } from './health/health-indicator';

export const OBSERVABILITY_OPTIONS = Symbol('frontera:observability-options');

/** Health indicators built from providers of the application (connections, clients…). */
export interface HealthIndicatorsFactory {
  imports?: ModuleMetadata['imports'];
  inject?: FactoryProvider['inject'];
  useFactory: (...deps: never[]) => readonly HealthIndicator[] | Promise<readonly HealthIndicator[]>;
}

export interface ObservabilityModuleOptions {
  /** Service name on every log line (`service`). */
  serviceName: string;
  /** Service version on every log line (`version`); default SERVICE_VERSION or npm_package_version. */
  serviceVersion?: string;
  /** Default LOG_LEVEL or `info`. */
  logLevel?: LevelWithSilent;
  /** Where log lines go; default stdout. Tests pass a stream they read. */
  destination?: DestinationStream;
  /**
   * Exact pino `redact` paths for values the key list cannot know (none by default; personal
   * data is censored by redactPersonalData whatever is given here).
   */
  redactPaths?: readonly string[];
  /** Log a line per request to /health/* and /metrics too (default false: probes are noise). */
  logProbeRequests?: boolean;
  /** Checks behind GET /health/ready. */
  health?: {
    indicators?: readonly HealthIndicator[] | HealthIndicatorsFactory;
    /** Timeout of one check unless the indicator sets its own; default 1500 ms. */
    defaultTimeoutMs?: number;
  };
  metrics?: {
    /** prom-client default process metrics (default true). */
    defaultMetrics?: boolean;
    /** Buckets of frontera_http_request_duration_seconds. */
    httpDurationBuckets?: readonly number[];
  };
}

export const LOG_LEVELS: readonly LevelWithSilent[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];

export interface ResolvedObservabilityOptions {
  readonly serviceName: string;
  readonly serviceVersion: string;
  readonly logLevel: LevelWithSilent;
  readonly destination?: DestinationStream;
  readonly redactPaths: readonly string[];
  readonly logProbeRequests: boolean;
  readonly defaultTimeoutMs: number;
  readonly defaultMetrics: boolean;
  readonly httpDurationBuckets: readonly number[];
}

export const DEFAULT_HTTP_DURATION_BUCKETS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

function isLogLevel(value: string): value is LevelWithSilent {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

/** Fills defaults from the environment (LOG_LEVEL, SERVICE_VERSION) and checks what was given. */
export function resolveObservabilityOptions(
  options: ObservabilityModuleOptions,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedObservabilityOptions {
  if (!/^[a-z][a-z0-9-]{0,62}$/.test(options.serviceName)) {
    throw new Error(`serviceName "${options.serviceName}" must be lower-case letters, digits and "-"`);
  }
  const level = options.logLevel ?? env['LOG_LEVEL'] ?? 'info';
  if (!isLogLevel(level)) {
    throw new Error(`LOG_LEVEL "${level}" must be one of ${LOG_LEVELS.join(', ')}`);
  }
  const timeout = options.health?.defaultTimeoutMs ?? 1500;
  if (!Number.isInteger(timeout) || timeout <= 0) {
    throw new Error(`health.defaultTimeoutMs must be a positive integer, got ${timeout}`);
  }
  return {
    serviceName: options.serviceName,
    serviceVersion: options.serviceVersion ?? env['SERVICE_VERSION'] ?? env['npm_package_version'] ?? '0.0.0',
    logLevel: level,
    destination: options.destination,
    redactPaths: options.redactPaths ?? [],
    logProbeRequests: options.logProbeRequests ?? false,
    defaultTimeoutMs: timeout,
    defaultMetrics: options.metrics?.defaultMetrics ?? true,
    httpDurationBuckets: options.metrics?.httpDurationBuckets ?? DEFAULT_HTTP_DURATION_BUCKETS,
  };
}
