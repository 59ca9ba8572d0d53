import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { closeConnection } from '@frontera/platform-jobs';
import type { EmployersConfig } from '../config/employers.config';
import { AGGREGATE_LOCK, EMPLOYERS_CONFIG } from '../wiring/tokens';
import { RedisAggregateLock } from './redis-aggregate-lock';
import { createLockConnection, LOCK_REDIS } from './redis-connection';

/** The AggregateLock port on Redis, and its connection (closed with the application). */
@Module({
  providers: [
    {
      provide: LOCK_REDIS,
      inject: [EMPLOYERS_CONFIG],
      useFactory: (config: EmployersConfig) => createLockConnection(config.REDIS_URL),
    },
    {
      provide: AGGREGATE_LOCK,
      inject: [LOCK_REDIS, EMPLOYERS_CONFIG],
      useFactory: (redis: Redis, config: EmployersConfig) =>
        new RedisAggregateLock(redis, {
          prefix: 'frontera:employers:lock:',
          ttlMs: config.LOCK_TTL_MS,
          waitMs: config.LOCK_WAIT_MS,
        }),
    },
  ],
  exports: [LOCK_REDIS, AGGREGATE_LOCK],
})
export class LockingModule implements OnApplicationShutdown {
  constructor(@Inject(LOCK_REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await closeConnection(this.redis);
  }
}
