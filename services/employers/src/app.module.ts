import { Module, type DynamicModule } from '@nestjs/common';
import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { allTopicSpecs } from '@frontera/contracts';
import { AuthModule } from '@frontera/platform-auth';
import { HousekeepingModule, JobsModule } from '@frontera/platform-jobs';
import { idempotencyKeysPurge } from '@frontera/platform-http';
import { LOCK_REDIS, LockingModule } from '@frontera/platform-locking';
import { inboxPurge, MessagingModule, parseBrokers } from '@frontera/platform-messaging';
import {
  kafkaIndicator,
  mongooseIndicator,
  ObservabilityModule,
  redisIndicator,
} from '@frontera/platform-observability';
import type { EmployersConfig } from './config/employers.config';
import { HttpModule } from './http/http.module';
import { QUEUES } from './jobs/queues';
import { ConsumersModule } from './messaging/consumers.module';
import { EmployersConfigModule } from './wiring/config.module';

export const SERVICE_NAME = 'employers';

/**
 * The database the service uses: the one MONGODB_URI names, or `employers` when it names none
 * (e.g. `mongodb://127.0.0.1:17017/` from infra/local/servers.sh env), never the driver's `test`.
 */
export function databaseNameFor(uri: string): string | undefined {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]*)/.exec(uri);
  return match && match[1] !== '' ? undefined : SERVICE_NAME;
}

/**
 * The employers service:
 *
 *   http/         controllers, request/response DTOs, error mapping, idempotency keys
 *   messaging/    consumers of audit and permit events
 *   persistence/  mongoose schema, repository and sequence adapters (personal data encrypted)
 *   jobs/         BullMQ queues (defined in queues.ts); the platform's housekeeping job is planned here
 *   wiring/       configuration and the application's use cases built from the adapters
 *
 * Business rules live in @frontera/employers-domain, use cases in @frontera/employers-application.
 */
@Module({})
export class AppModule {
  /**
   * @param options.monitorCommands the MongoDB driver emits command events (tests count the
   * service's database round trips with them; off in production).
   */
  static forRoot(
    config: Readonly<EmployersConfig>,
    options: { monitorCommands?: boolean } = {},
  ): DynamicModule {
    const dbName = databaseNameFor(config.MONGODB_URI);
    // One dynamic module, imported twice: readiness checks the lock's Redis connection.
    const locking = LockingModule.forRoot({
      redisUrl: config.REDIS_URL,
      serviceName: SERVICE_NAME,
      ttlMs: config.LOCK_TTL_MS,
      waitMs: config.LOCK_WAIT_MS,
    });
    return {
      module: AppModule,
      imports: [
        EmployersConfigModule.forRoot(config),
        ObservabilityModule.forRoot({
          serviceName: SERVICE_NAME,
          logLevel: config.LOG_LEVEL,
          health: {
            indicators: {
              imports: [locking],
              inject: [getConnectionToken(), LOCK_REDIS],
              useFactory: (connection: Connection, redis: Redis) => [
                mongooseIndicator(connection),
                kafkaIndicator({
                  brokers: parseBrokers(config.KAFKA_BROKERS),
                  clientId: `${SERVICE_NAME}-health`,
                }),
                redisIndicator(redis),
              ],
            },
          },
        }),
        AuthModule.forRoot(config),
        MongooseModule.forRoot(config.MONGODB_URI, {
          maxPoolSize: config.MONGODB_MAX_POOL_SIZE,
          ...(dbName ? { dbName } : {}),
          ...(options.monitorCommands ? { monitorCommands: true } : {}),
        }),
        MessagingModule.forRootAsync({
          useFactory: () => ({
            clientId: SERVICE_NAME,
            brokers: parseBrokers(config.KAFKA_BROKERS),
            // Idempotent; consumers must not subscribe to a topic that does not exist yet (KRaft).
            ensureTopics: allTopicSpecs(),
          }),
        }),
        JobsModule.forRoot({ redisUrl: config.REDIS_URL, serviceName: SERVICE_NAME }),
        locking,
        HttpModule,
        ConsumersModule,
        HousekeepingModule.forRoot({
          serviceName: SERVICE_NAME,
          queue: QUEUES.housekeeping,
          everyMs: config.HOUSEKEEPING_EVERY_MS,
          purges: [inboxPurge(config.PROCESSED_EVENTS_RETENTION_HOURS), idempotencyKeysPurge()],
        }),
      ],
    };
  }
}
