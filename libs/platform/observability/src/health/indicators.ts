import type { Redis } from 'ioredis';
import { Kafka, logLevel, type Admin, type KafkaConfig } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { HealthIndicator } from './health-indicator';

const MONGOOSE_STATES: Record<number, string> = {
  0: 'disconnected',
  1: 'connected',
  2: 'connecting',
  3: 'disconnecting',
  99: 'uninitialized',
};

/** MongoDB / FerretDB: `ping` on the mongoose connection the service already has. */
export function mongooseIndicator(connection: Connection, options: { name?: string } = {}): HealthIndicator {
  return {
    name: options.name ?? 'mongodb',
    async check() {
      const state = connection.readyState as number;
      if (state !== 1 || connection.db === undefined) {
        throw new Error(`mongoose connection is ${MONGOOSE_STATES[state] ?? `in state ${state}`}`);
      }
      await connection.db.command({ ping: 1 });
    },
  };
}

/**
 * Redis: PING on a client the service already has (for example the jobs
 * producer connection). A client that is reconnecting fails at once instead
 * of waiting for the timeout.
 */
export function redisIndicator(client: Redis, options: { name?: string } = {}): HealthIndicator {
  return {
    name: options.name ?? 'redis',
    async check() {
      if (client.status === 'end' || client.status === 'close' || client.status === 'reconnecting') {
        throw new Error(`redis connection is ${client.status}`);
      }
      const reply = await client.ping();
      if (reply !== 'PONG') throw new Error(`redis answered PING with "${reply}"`);
    },
  };
}

export interface KafkaIndicatorBrokers {
  brokers: string[];
  clientId?: string;
  ssl?: KafkaConfig['ssl'];
  sasl?: KafkaConfig['sasl'];
}

export interface KafkaIndicatorOptions {
  name?: string;
  /** Default 2000 ms: Kafka metadata calls are not free and probes come often. */
  cacheTtlMs?: number;
  timeoutMs?: number;
}

function isAdmin(source: Admin | KafkaIndicatorBrokers): source is Admin {
  return typeof (source as Admin).describeCluster === 'function';
}

/**
 * Kafka: `describeCluster` through an admin client, the result reused for
 * `cacheTtlMs`. Given an `Admin`, the caller connects and disconnects it; given
 * brokers, the indicator opens its own admin client lazily (no retries, short
 * timeouts), reopens it after a failure and closes it with the application.
 */
export function kafkaIndicator(
  source: Admin | KafkaIndicatorBrokers,
  options: KafkaIndicatorOptions = {},
): HealthIndicator {
  const name = options.name ?? 'kafka';
  const base = { name, cacheTtlMs: options.cacheTtlMs ?? 2000, timeoutMs: options.timeoutMs };

  if (isAdmin(source)) {
    return {
      ...base,
      async check() {
        const cluster = await source.describeCluster();
        if (cluster.brokers.length === 0) throw new Error('kafka cluster reports no brokers');
      },
    };
  }

  const kafka = new Kafka({
    clientId: source.clientId ?? 'frontera-health',
    brokers: source.brokers,
    ssl: source.ssl,
    sasl: source.sasl,
    connectionTimeout: 1000,
    requestTimeout: 1500,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
  let admin: Admin | undefined;
  let connecting: Promise<Admin> | undefined;

  const connected = (): Promise<Admin> => {
    if (admin !== undefined) return Promise.resolve(admin);
    connecting ??= (async () => {
      const client = kafka.admin();
      try {
        await client.connect();
      } catch (error) {
        await client.disconnect().catch(() => undefined);
        throw error;
      }
      admin = client;
      return client;
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  };

  const reset = async (): Promise<void> => {
    const current = admin;
    admin = undefined;
    await current?.disconnect().catch(() => undefined);
  };

  return {
    ...base,
    async check() {
      try {
        const client = await connected();
        const cluster = await client.describeCluster();
        if (cluster.brokers.length === 0) throw new Error('kafka cluster reports no brokers');
      } catch (error) {
        await reset();
        throw error;
      }
    },
    async close() {
      await connecting?.catch(() => undefined);
      await reset();
    },
  };
}
