import { once } from 'node:events';
import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { logConnectionErrors, producerRedisOptions } from '@frontera/platform-jobs';

/** Injection token of the lock's Redis connection (also what readiness checks). */
export const LOCK_REDIS = Symbol('LOCK_REDIS');
/** Injection token of the service's AggregateLock. */
export const AGGREGATE_LOCK = Symbol('AGGREGATE_LOCK');

/**
 * The Redis connection of the aggregate lock. Fail-fast settings (no offline queue, one retry,
 * short timeouts): when Redis is down a command answers 503 at once instead of hanging. Waits
 * (bounded) for the first connection so the first request does not race it; readiness reports
 * Redis down otherwise.
 */
export async function createLockConnection(url: string, serviceName: string, waitMs = 5_000): Promise<Redis> {
  const client = new Redis(url, producerRedisOptions({ connectionName: `${serviceName}:aggregate-lock` }));
  logConnectionErrors(client, 'aggregate lock');
  if (client.status !== 'ready') {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), waitMs);
    try {
      await once(client, 'ready', { signal: timeout.signal });
    } catch {
      new Logger('Redis').warn(
        `aggregate lock: Redis not ready after ${waitMs} ms; commands answer 503 until it is`,
      );
    } finally {
      clearTimeout(timer);
    }
  }
  return client;
}
