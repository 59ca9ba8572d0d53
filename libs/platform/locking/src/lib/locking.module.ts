import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { closeConnection } from '@frontera/platform-jobs';
import { AGGREGATE_LOCK, createLockConnection, LOCK_REDIS } from './lock-connection';
import { RedisAggregateLock } from './redis-aggregate-lock';

export interface LockingOptions {
  readonly redisUrl: string;
  /** The service's name: keys are `frontera:<service>:lock:<key>`, the connection is named after it. */
  readonly serviceName: string;
  /** How long a lock lives without renewal (a crashed holder frees it after this). */
  readonly ttlMs: number;
  /** Longest wait for a taken key before LOCK.BUSY. */
  readonly waitMs: number;
}

/**
 * The aggregate lock of a service on Redis (global): `AGGREGATE_LOCK` (a RedisAggregateLock) and
 * its connection `LOCK_REDIS` (give it to the readiness check), closed with the application.
 *
 * ```ts
 * LockingModule.forRoot({ redisUrl: config.REDIS_URL, serviceName: 'permits', ttlMs: config.LOCK_TTL_MS, waitMs: config.LOCK_WAIT_MS })
 * // then inject AGGREGATE_LOCK where the command runner's deps are built
 * ```
 */
@Global()
@Module({})
export class LockingModule implements OnApplicationShutdown {
  constructor(@Inject(LOCK_REDIS) private readonly redis: Redis) {}

  static forRoot(options: LockingOptions): DynamicModule {
    return {
      module: LockingModule,
      providers: [
        {
          provide: LOCK_REDIS,
          useFactory: () => createLockConnection(options.redisUrl, options.serviceName),
        },
        {
          provide: AGGREGATE_LOCK,
          inject: [LOCK_REDIS],
          useFactory: (redis: Redis) =>
            new RedisAggregateLock(redis, {
              prefix: `frontera:${options.serviceName}:lock:`,
              ttlMs: options.ttlMs,
              waitMs: options.waitMs,
            }),
        },
      ],
      exports: [LOCK_REDIS, AGGREGATE_LOCK],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await closeConnection(this.redis);
  }
}
