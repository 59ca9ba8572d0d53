/**
 * How tests get their servers. Tests only ever see {@link InfraEndpoints};
 * where the servers come from (local processes started by infra/local, or
 * containers from infra/docker's images) is the provider's business.
 */
export interface InfraEndpoints {
  /** Kafka bootstrap brokers, host:port. */
  readonly kafkaBrokers: string[];
  /** MongoDB-compatible server; tests append their own database name. */
  readonly mongodbUri: string;
  readonly redisUrl: string;
}

export interface InfraProvider {
  /** Short name shown in test output, e.g. "local-processes". */
  readonly name: string;
  /** Starts (or reuses) the servers and says where they listen. */
  start(): Promise<InfraEndpoints>;
  /**
   * Releases what start() created, at the end of the run (jest global teardown). Absent when the
   * servers outlive the run (local processes are reused by the next one).
   */
  stop?(): Promise<void>;
}

/** Environment variables through which endpoints reach test workers and services. */
export const INFRA_ENV = {
  kafkaBrokers: 'KAFKA_BROKERS',
  mongodbUri: 'MONGODB_URI',
  redisUrl: 'REDIS_URL',
} as const;

export function endpointsToEnv(endpoints: InfraEndpoints): Record<string, string> {
  return {
    [INFRA_ENV.kafkaBrokers]: endpoints.kafkaBrokers.join(','),
    [INFRA_ENV.mongodbUri]: endpoints.mongodbUri,
    [INFRA_ENV.redisUrl]: endpoints.redisUrl,
  };
}

/** Reads the endpoints a global setup exported; fails with what is missing. */
export function endpointsFromEnv(env: NodeJS.ProcessEnv = process.env): InfraEndpoints {
  const missing = Object.values(INFRA_ENV).filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new Error(
      `Test servers are not configured: ${missing.join(', ')} unset. ` +
        'Run the tests through scripts/test.sh or the jest int/e2e configs, whose global setup starts them.',
    );
  }
  return {
    kafkaBrokers: (env[INFRA_ENV.kafkaBrokers] as string).split(',').map((b) => b.trim()),
    mongodbUri: env[INFRA_ENV.mongodbUri] as string,
    redisUrl: env[INFRA_ENV.redisUrl] as string,
  };
}
