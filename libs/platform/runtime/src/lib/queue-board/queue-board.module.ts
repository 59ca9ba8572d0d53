import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Inject, Injectable, Logger, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { TokenVerifier } from '@frontera/platform-auth';
import { JobsService, type QueueDefinition } from '@frontera/platform-jobs';
import { queueBoardGuard, queueBoardPath } from './queue-board.guard';

export interface QueueBoardOptions {
  readonly serviceName: string;
  /** Every queue of the service (its `QUEUES` of `defineQueues`). */
  readonly queues: readonly QueueDefinition<object>[];
  /** OPS_QUEUE_BOARD: `disabled` mounts nothing (the path is then a 404 like any unknown one). */
  readonly enabled: boolean;
}

const QUEUE_BOARD_OPTIONS = Symbol('frontera:queue-board-options');

/**
 * Mounts the service's Bull Board at `/ops/queues/<service>` on the application's Express instance,
 * behind {@link queueBoardGuard} (supervisors only, reads only), every queue in Bull Board's
 * read-only mode. Mounted in onModuleInit: after the application's routes (which own no path under
 * /ops), before its 404 and error handlers (so the guard's refusals are problem details).
 */
@Injectable()
export class QueueBoard implements OnModuleInit {
  private readonly logger = new Logger('QueueBoard');

  constructor(
    @Inject(QUEUE_BOARD_OPTIONS) private readonly options: QueueBoardOptions,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(JobsService) private readonly jobs: JobsService,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {}

  onModuleInit(): void {
    const http = this.adapterHost.httpAdapter as { getInstance(): unknown } | undefined;
    if (!this.options.enabled || http === undefined) return;
    const app = http.getInstance() as MountableApp;
    const basePath = queueBoardPath(this.options.serviceName);
    app.use(basePath, queueBoardGuard({ basePath, verifier: this.verifier }), this.board(basePath));
    this.logger.log(
      `queue board of ${this.options.queues.length} queues at ${basePath} (supervisors, read-only)`,
    );
  }

  private board(basePath: string): BoardRouter {
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(basePath);
    createBullBoard({
      // The queues of the service's own JobsService (its producer connection: fails fast when Redis is down).
      queues: this.options.queues.map(
        (definition) => new BullMQAdapter(this.jobs.queue(definition).queue, { readOnlyMode: true }),
      ),
      serverAdapter,
      options: {
        uiConfig: {
          boardTitle: `Frontera ${this.options.serviceName}`,
          // Redis's version, OS, port and memory are not a supervisor's business.
          hideRedisDetails: true,
        },
      },
    });
    // Errors of the board's API go on to the application's error handler (problem details, logged)
    // instead of the board's own JSON.
    serverAdapter.setErrorHandler((error: Error) => {
      throw error;
    });
    const router = serverAdapter.getRouter() as BoardRouter;
    router.disable('x-powered-by');
    return router;
  }
}

/** The part of express's application the board is mounted on (express is Nest's, not a dependency of ours). */
interface MountableApp {
  use(path: string, ...handlers: unknown[]): unknown;
}

/** The express router Bull Board's adapter returns: a request handler with settings. */
interface BoardRouter {
  (req: unknown, res: unknown, next: (error?: unknown) => void): void;
  disable(setting: string): unknown;
}

@Module({})
export class QueueBoardModule {
  static forRoot(options: QueueBoardOptions): DynamicModule {
    return {
      module: QueueBoardModule,
      providers: [{ provide: QUEUE_BOARD_OPTIONS, useValue: options }, QueueBoard],
    };
  }
}
