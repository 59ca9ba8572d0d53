import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { ServiceErrors } from '@frontera/platform-errors';
import { LockErrors } from '@frontera/shared-kernel';
import { KeyTurns } from './key-turns';

/**
 * The lock a service's commands take around load → decide → save (the `AggregateLock` port of
 * @frontera/shared-application, which this class satisfies structurally: platform code does not
 * depend on the application layer).
 */
export interface AggregateLock {
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

export interface RedisLockOptions {
  /** Prepended to every key: `frontera:<service>:lock:` gives `frontera:employers:lock:employer:<id>`. */
  readonly prefix: string;
  /** How long a lock lives without renewal; a crashed holder frees it after this. */
  readonly ttlMs: number;
  /** Longest wait for a taken key before LOCK.BUSY. */
  readonly waitMs: number;
  /** First pause between tries; doubles (with jitter) up to `maxRetryDelayMs`. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  /**
   * Line this process's waiters up per key before the Redis lock (default on; `false` turns it off).
   * bench/locking measures both: 50 changes at once on one key, lined up 212 commands/s and p99 235 ms
   * against 97.5 commands/s and p99 512 ms polling Redis with backoff (2026-12-02, 5 paired runs).
   */
  readonly lineUp?: boolean;
}

/** Deletes the key only if it still holds our token: never frees a lock someone else took after ours expired. */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
/** Extends the key's life only if it still holds our token. */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/**
 * The AggregateLock port on Redis (single instance): `SET key token NX PX ttl` to take it, retried
 * with capped exponential backoff and jitter until `waitMs` has passed; released with a
 * compare-and-delete script; renewed every ttl/3 while the holder works, so a slow command keeps
 * its lock and a crashed one loses it after `ttlMs`.
 *
 * Waiters of one process for one key line up first, in arrival order ({@link KeyTurns}): only the
 * first of them contends for the Redis key, and the next starts as soon as the previous released
 * it — no backoff pause between two commands of the same process on one aggregate, and no waiter
 * overtaken by a later one. `waitMs` bounds the whole wait, in line and at Redis.
 *
 * Failure modes: the key stays taken → LOCK.BUSY (503, retriable; command runners answer their
 * context's BUSY, e.g. EMPLOYER.BUSY, and consumers retry); Redis down →
 * 503 SERVICE.UNAVAILABLE (fail fast: the connection has no offline queue). Either way nothing
 * was written. If the lock is lost while held (Redis restarted, ttl passed during a pause), the
 * repository's version condition still refuses a write decided on stale state (on MongoDB; on
 * FerretDB 1.x that check is not atomic — docs/decisions/0001).
 */
export class RedisAggregateLock implements AggregateLock {
  private readonly logger = new Logger(RedisAggregateLock.name);
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly turns = new KeyTurns();

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisLockOptions,
  ) {
    this.retryDelayMs = options.retryDelayMs ?? 5;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 100;
  }

  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const redisKey = `${this.options.prefix}${key}`;
    const token = randomUUID();
    const deadline = Date.now() + this.options.waitMs;
    const endTurn =
      this.options.lineUp === false
        ? () => undefined
        : await this.turns.take(redisKey, deadline, () => LockErrors.BUSY.create());
    try {
      await this.acquire(redisKey, token, deadline);
    } catch (error) {
      endTurn();
      throw error;
    }
    const renewal = setInterval(
      () => {
        this.redis.eval(RENEW, 1, redisKey, token, String(this.options.ttlMs)).catch((error: unknown) => {
          this.logger.warn(
            `could not renew lock ${key}: ${error instanceof Error ? error.message : String(error)}`,
          );
        });
      },
      Math.max(100, Math.floor(this.options.ttlMs / 3)),
    );
    renewal.unref();
    try {
      return await fn();
    } finally {
      clearInterval(renewal);
      await this.redis.eval(RELEASE, 1, redisKey, token).catch((error: unknown) => {
        // It expires after ttlMs anyway; the next holder waits at most that long.
        this.logger.warn(
          `could not release lock ${key}: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
      endTurn();
    }
  }

  /** Keys this process holds or waits for (exposed for tests). */
  get keysInUse(): number {
    return this.turns.size;
  }

  private async acquire(redisKey: string, token: string, deadline: number): Promise<void> {
    let delay = this.retryDelayMs;
    for (;;) {
      let taken: string | null;
      try {
        taken = await this.redis.set(redisKey, token, 'PX', this.options.ttlMs, 'NX');
      } catch {
        throw ServiceErrors.UNAVAILABLE.create();
      }
      if (taken === 'OK') return;
      const pause = Math.round(delay * (0.5 + Math.random()));
      if (Date.now() + pause > deadline) throw LockErrors.BUSY.create();
      await sleep(pause);
      delay = Math.min(delay * 2, this.maxRetryDelayMs);
    }
  }
}
