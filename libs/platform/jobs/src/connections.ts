import { Logger } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * Redis connections for BullMQ, one kind per role:
 * - producers (HTTP handlers, event consumers that add jobs) fail fast when Redis
 *   is down: no offline queue, one retry per command, short connect and command
 *   timeouts, so a request answers 503 instead of hanging;
 * - workers wait for Redis as long as it takes: `maxRetriesPerRequest: null`
 *   (BullMQ requires it for its blocking commands) and the offline queue on.
 * Both reconnect forever in the background with a capped backoff.
 */
export interface ConnectionSettings {
  /** Shown by `CLIENT LIST`: `<service>:jobs-producer`. */
  connectionName?: string;
  /** Default 1000 ms (producer), 5000 ms (worker). */
  connectTimeoutMs?: number;
}

const ERROR_LOG_INTERVAL_MS = 30_000;

/** Logs the first connection error and then at most one line per 30 s, with a count. */
export function logConnectionErrors(client: Redis, role: string, logger = new Logger('Redis')): void {
  let lastLogged = 0;
  let suppressed = 0;
  client.on('error', (error: Error) => {
    const now = Date.now();
    if (now - lastLogged < ERROR_LOG_INTERVAL_MS) {
      suppressed += 1;
      return;
    }
    const more = suppressed > 0 ? ` (${suppressed} similar errors since the last report)` : '';
    logger.warn(`${role} connection: ${error.message}${more}`);
    lastLogged = now;
    suppressed = 0;
  });
}

function reconnectDelay(capMs: number): (times: number) => number {
  return (times) => Math.min(100 * 2 ** Math.min(times, 10), capMs);
}

export function producerRedisOptions(settings: ConnectionSettings = {}): RedisOptions {
  return {
    connectionName: settings.connectionName,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: settings.connectTimeoutMs ?? 1_000,
    commandTimeout: 2_000,
    retryStrategy: reconnectDelay(2_000),
  };
}

export function workerRedisOptions(settings: ConnectionSettings = {}): RedisOptions {
  return {
    connectionName: settings.connectionName,
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
    connectTimeout: settings.connectTimeoutMs ?? 5_000,
    retryStrategy: reconnectDelay(5_000),
  };
}

/** Connection for queues that add jobs; share one per process. */
export function createProducerConnection(url: string, settings: ConnectionSettings = {}): Redis {
  const client = new Redis(url, producerRedisOptions(settings));
  logConnectionErrors(client, 'jobs producer');
  return client;
}

/** Connection for workers; BullMQ duplicates it for each worker's blocking connection. */
export function createWorkerConnection(url: string, settings: ConnectionSettings = {}): Redis {
  const client = new Redis(url, workerRedisOptions(settings));
  logConnectionErrors(client, 'jobs worker');
  return client;
}

/**
 * QUIT when connected (replies in flight still arrive) and wait until the socket
 * is closed (at most 2 s); otherwise drop the socket and stop reconnecting.
 */
export async function closeConnection(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  if (client.status === 'ready') {
    const ended = new Promise<void>((resolve) => {
      client.once('end', resolve);
      setTimeout(resolve, 2_000).unref();
    });
    try {
      await client.quit();
      await ended;
      return;
    } catch {
      // fall through: disconnect below
    }
  }
  client.disconnect(false);
}
