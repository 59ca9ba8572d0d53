/**
 * Addresses of the local servers started by infra/local/servers.sh (`eval "$(bash
 * infra/local/servers.sh env)"` exports them). Benchmarks only talk to 127.0.0.1: anything
 * else is refused, so a benchmark can never load a shared or remote server by accident.
 */
export interface LocalEndpoints {
  kafkaBrokers: string[];
  mongoUri: string;
  redisUrl: string;
}

export const LOCAL_DEFAULTS = {
  KAFKA_BROKERS: '127.0.0.1:19092',
  MONGODB_URI: 'mongodb://127.0.0.1:17017/',
  REDIS_URL: 'redis://127.0.0.1:16379',
} as const;

export const LOOPBACK = '127.0.0.1';

export function assertLoopback(host: string, what: string): void {
  if (host !== LOOPBACK) {
    throw new Error(`${what} points at '${host}': benchmarks only run against servers on ${LOOPBACK}`);
  }
}

function hostOfUri(uri: string, what: string): string {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new Error(`${what} '${uri}' is not a single-host URI`);
  }
  return url.hostname;
}

/** Reads KAFKA_BROKERS, MONGODB_URI and REDIS_URL (local defaults when unset) and checks them. */
export function localEndpoints(env: NodeJS.ProcessEnv = process.env): LocalEndpoints {
  const brokers = (env['KAFKA_BROKERS'] || LOCAL_DEFAULTS.KAFKA_BROKERS)
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  for (const broker of brokers) {
    const match = /^([^\s:/]+):(\d{1,5})$/.exec(broker);
    if (!match) throw new Error(`KAFKA_BROKERS entry '${broker}' must look like host:port`);
    assertLoopback(match[1], 'KAFKA_BROKERS');
  }
  const mongoUri = env['MONGODB_URI'] || LOCAL_DEFAULTS.MONGODB_URI;
  assertLoopback(hostOfUri(mongoUri, 'MONGODB_URI'), 'MONGODB_URI');
  const redisUrl = env['REDIS_URL'] || LOCAL_DEFAULTS.REDIS_URL;
  assertLoopback(hostOfUri(redisUrl, 'REDIS_URL'), 'REDIS_URL');
  return { kafkaBrokers: brokers, mongoUri, redisUrl };
}
