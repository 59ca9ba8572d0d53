export * from './lib/lock-connection';
export * from './lib/locking.module';
export * from './lib/redis-aggregate-lock';
