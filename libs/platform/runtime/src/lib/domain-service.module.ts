import { Global, Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import type { DestinationStream } from 'pino';
import { allTopicSpecs } from '@frontera/contracts';
import { AuthModule } from '@frontera/platform-auth';
import type { DomainServiceConfig } from '@frontera/platform-config';
import { idempotencyKeysPurge } from '@frontera/platform-http';
import {
  HousekeepingModule,
  JobsModule,
  queuePrefixFor,
  type HousekeepingPayload,
  type PurgeSpec,
  type QueueDefinition,
} from '@frontera/platform-jobs';
import { LOCK_REDIS, LockingModule } from '@frontera/platform-locking';
import { inboxPurge, MessagingModule, parseBrokers } from '@frontera/platform-messaging';
import {
  kafkaIndicator,
  mongooseIndicator,
  ObservabilityModule,
  redisIndicator,
} from '@frontera/platform-observability';
import { PiiCipher } from '@frontera/platform-pii';
import { databaseNameFor, serviceDatabaseOf } from './database-name';
import { QueueBoardModule } from './queue-board/queue-board.module';

/** The service's PiiCipher (PII_ENCRYPTION_KEY, PII_HASH_KEY), injectable everywhere. */
export const PII_CIPHER = Symbol('PII_CIPHER');

export interface DomainServiceModuleOptions {
  readonly serviceName: string;
  readonly config: Readonly<DomainServiceConfig>;
  /** The service's housekeeping queue; the inbox and idempotency-key purges are always included. */
  readonly housekeeping: {
    readonly queue: QueueDefinition<HousekeepingPayload>;
    /** Purges of the service's own collections, besides the platform's. */
    readonly purges?: readonly PurgeSpec[];
  };
  /**
   * Every queue of the service (its `QUEUES` of `defineQueues`, the housekeeping queue included):
   * the queue board at `/ops/queues/<service>` shows them (OPS_QUEUE_BOARD, docs/decisions/0044).
   */
  readonly queues: Readonly<Record<string, QueueDefinition<object>>>;
  /**
   * The MongoDB driver emits command events (tests count the service's database round trips with
   * them; off in production).
   */
  readonly monitorCommands?: boolean;
  /**
   * Where the service's log lines go instead of stdout (tests read them, e.g. to prove no personal
   * data is logged).
   */
  readonly logDestination?: DestinationStream;
  /** The service's own modules (HTTP, consumers, jobs), imported after the platform's. */
  readonly imports?: ModuleMetadata['imports'];
}

@Global()
@Module({})
class PiiModule {
  static forRoot(config: Readonly<DomainServiceConfig>): DynamicModule {
    return {
      module: PiiModule,
      providers: [
        {
          provide: PII_CIPHER,
          useFactory: () => PiiCipher.fromBase64(config.PII_ENCRYPTION_KEY, config.PII_HASH_KEY),
        },
      ],
      exports: [PII_CIPHER],
    };
  }
}

/**
 * Everything a service that owns aggregates runs on, wired once for every service:
 *
 * - ObservabilityModule (JSON logs, metrics, /health/live and /health/ready checking MongoDB,
 *   Kafka and the lock's Redis);
 * - AuthModule (every route authenticated unless @Public());
 * - MongooseModule on MONGODB_URI (the database named by the URI, or the service's name);
 * - MessagingModule (Kafka client, idempotent producer, OutboxPublisher, consumers and relay
 *   started and stopped with the application; every catalogue topic ensured);
 * - JobsModule (BullMQ on REDIS_URL) and the housekeeping job (inbox, idempotency keys and the
 *   service's own purges by hour bucket);
 * - LockingModule (the aggregate lock on Redis, global) and the PII cipher (global);
 * - the queue board of every queue of the service at /ops/queues/<service>: Bull Board, read-only,
 *   supervisors only (OPS_QUEUE_BOARD; docs/decisions/0044).
 */
/** The service's queues for its board, the housekeeping queue always among them. */
function queueBoardQueues(options: DomainServiceModuleOptions): QueueDefinition<object>[] {
  const queues = Object.values(options.queues);
  const housekeeping = options.housekeeping.queue as unknown as QueueDefinition<object>;
  return queues.some((queue) => queue.name === housekeeping.name) ? queues : [housekeeping, ...queues];
}

@Module({})
export class DomainServiceModule {
  static forRoot(options: DomainServiceModuleOptions): DynamicModule {
    const { config, serviceName } = options;
    const dbName = databaseNameFor(config.MONGODB_URI, serviceName);
    // One dynamic module, imported twice: readiness checks the lock's Redis connection.
    const locking = LockingModule.forRoot({
      redisUrl: config.REDIS_URL,
      serviceName,
      ttlMs: config.LOCK_TTL_MS,
      waitMs: config.LOCK_WAIT_MS,
    });
    return {
      module: DomainServiceModule,
      imports: [
        ObservabilityModule.forRoot({
          serviceName,
          logLevel: config.LOG_LEVEL,
          ...(options.logDestination ? { destination: options.logDestination } : {}),
          health: {
            indicators: {
              imports: [locking],
              inject: [getConnectionToken(), LOCK_REDIS],
              useFactory: (connection: Connection, redis: Redis) => [
                mongooseIndicator(connection),
                kafkaIndicator({
                  brokers: parseBrokers(config.KAFKA_BROKERS),
                  clientId: `${serviceName}-health`,
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
            clientId: serviceName,
            brokers: parseBrokers(config.KAFKA_BROKERS),
            topicNamespace: config.KAFKA_TOPIC_NAMESPACE ?? '',
            // Idempotent; consumers must not subscribe to a topic that does not exist yet (KRaft).
            ensureTopics: allTopicSpecs(),
          }),
        }),
        // Queues under the database's prefix: a deployment's jobs are its own (decision 0050).
        JobsModule.forRoot({
          redisUrl: config.REDIS_URL,
          serviceName,
          prefix: queuePrefixFor(serviceDatabaseOf(config.MONGODB_URI, serviceName)),
        }),
        locking,
        PiiModule.forRoot(config),
        ...(options.imports ?? []),
        HousekeepingModule.forRoot({
          serviceName,
          queue: options.housekeeping.queue,
          everyMs: config.HOUSEKEEPING_EVERY_MS,
          purges: [
            inboxPurge(config.PROCESSED_EVENTS_RETENTION_HOURS),
            idempotencyKeysPurge(),
            ...(options.housekeeping.purges ?? []),
          ],
        }),
        QueueBoardModule.forRoot({
          serviceName,
          queues: queueBoardQueues(options),
          enabled: config.OPS_QUEUE_BOARD === 'enabled',
        }),
      ],
    };
  }
}
