import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type FactoryProvider,
  type ModuleMetadata,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Redis } from 'ioredis';
import { closeConnection, createProducerConnection, createWorkerConnection } from './connections';
import { JobQueue } from './job-queue';
import { JobWorker, type JobHandler, type JobWorkerOptions } from './job-worker';
import type { QueueDefinition } from './queue-definition';

export interface JobsModuleOptions {
  /** REDIS_URL of the service: `redis://host:port/db`. */
  redisUrl: string;
  /** Connection names shown by `CLIENT LIST` start with it; default `frontera`. */
  serviceName?: string;
  /** Redis key prefix of every queue; default `bull`. */
  prefix?: string;
  /** How long shutdown waits for active jobs before aborting them; default 30 s. */
  closeTimeoutMs?: number;
}

export const JOBS_OPTIONS = Symbol('frontera:jobs-options');

/**
 * The Redis key prefix of a deployment's queues: BullMQ's `bull` and the database the service's data
 * lives in. A job names data of one database (a sweep sweeps it, a roster job names an import in it),
 * so only a worker of the same database may take it: two deployments on one Redis database (test
 * apps of parallel files, two systems whose logical databases coincide) must not run each other's
 * jobs, and what one leaves behind is under a prefix no other reads. Decision 0050.
 */
export function queuePrefixFor(database: string): string {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(database)) {
    throw new Error(`database "${database}" must be 1-64 letters, digits, "_", "." or "-" to prefix queues`);
  }
  return `bull:${database}`;
}

export type WorkerSettings = Omit<JobWorkerOptions, 'connection' | 'prefix'>;

/**
 * Owns the Redis connections, queues and workers of a service and closes them
 * in order on shutdown: workers first (onModuleDestroy, draining active jobs
 * while the database is still open), then queues and connections
 * (onApplicationShutdown).
 */
@Injectable()
export class JobsService implements OnModuleDestroy, OnApplicationShutdown {
  /** The fail-fast producer connection; also what redisIndicator should ping. */
  readonly producerConnection: Redis;
  private workerConnection?: Redis;
  private readonly queues = new Map<string, JobQueue<object>>();
  private readonly workers: JobWorker<object>[] = [];
  private readonly logger = new Logger('Jobs');

  constructor(@Inject(JOBS_OPTIONS) private readonly options: JobsModuleOptions) {
    const name = options.serviceName ?? 'frontera';
    this.producerConnection = createProducerConnection(options.redisUrl, {
      connectionName: `${name}:jobs-producer`,
    });
  }

  /** The producer of a queue, one per definition for the life of the service. */
  queue<P extends object>(definition: QueueDefinition<P>): JobQueue<P> {
    const existing = this.queues.get(definition.name);
    if (existing !== undefined) {
      if (existing.definition !== definition) {
        throw new Error(
          `Two different definitions of queue "${definition.name}"; declare queues in one place`,
        );
      }
      return existing as unknown as JobQueue<P>;
    }
    const queue = new JobQueue(definition, {
      connection: this.producerConnection,
      prefix: this.options.prefix,
    });
    this.queues.set(definition.name, queue as unknown as JobQueue<object>);
    return queue;
  }

  /** Starts a worker for the queue; it is drained and closed when the application shuts down. */
  worker<P extends object, R>(
    definition: QueueDefinition<P>,
    handler: JobHandler<P, R>,
    settings: WorkerSettings = {},
  ): JobWorker<P, R> {
    this.workerConnection ??= createWorkerConnection(this.options.redisUrl, {
      connectionName: `${this.options.serviceName ?? 'frontera'}:jobs-worker`,
    });
    const worker = new JobWorker(definition, handler, {
      closeTimeoutMs: this.options.closeTimeoutMs,
      ...settings,
      connection: this.workerConnection,
      prefix: this.options.prefix,
    });
    this.workers.push(worker as unknown as JobWorker<object>);
    return worker;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      [...this.queues.values()].map((queue) =>
        queue
          .close()
          .catch((error: unknown) => this.logger.warn(`closing queue ${queue.name}: ${String(error)}`)),
      ),
    );
    await closeConnection(this.producerConnection);
    if (this.workerConnection !== undefined) await closeConnection(this.workerConnection);
  }
}

export interface JobsModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: FactoryProvider['inject'];
  useFactory: (...deps: never[]) => JobsModuleOptions | Promise<JobsModuleOptions>;
}

/** Global: import once in the root module, then inject JobsService anywhere. */
@Module({})
export class JobsModule {
  static forRoot(options: JobsModuleOptions): DynamicModule {
    return {
      module: JobsModule,
      global: true,
      providers: [{ provide: JOBS_OPTIONS, useValue: options }, JobsService],
      exports: [JobsService],
    };
  }

  static forRootAsync(options: JobsModuleAsyncOptions): DynamicModule {
    return {
      module: JobsModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        {
          provide: JOBS_OPTIONS,
          inject: options.inject ?? [],
          useFactory: (...deps: never[]) => options.useFactory(...deps),
        },
        JobsService,
      ],
      exports: [JobsService],
    };
  }
}
