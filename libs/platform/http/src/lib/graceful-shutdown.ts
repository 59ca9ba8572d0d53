import { Logger, type INestApplicationContext } from '@nestjs/common';
import { ReadinessService, shutdownTracing } from '@frontera/platform-observability';
import { optionalProvider } from './optional-providers';

/** Used when the configuration has no SHUTDOWN_TIMEOUT_MS. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 15_000;

export interface GracefulShutdownOptions {
  /** Longest the shutdown may take; then the process exits with code 1. */
  readonly timeoutMs?: number;
  /** Default SIGTERM and SIGINT. */
  readonly signals?: readonly NodeJS.Signals[];
  /** The process to listen on and end; tests pass a fake. */
  readonly process?: Pick<NodeJS.Process, 'on' | 'removeListener' | 'exit'>;
}

/** What the shutdown needs of a Nest application (its `close` passes the signal to the hooks). */
export interface ShutdownTarget {
  get: INestApplicationContext['get'];
  close(signal?: string): Promise<void>;
}

/**
 * On the first SIGTERM or SIGINT: readiness turns 503 at once (when the application has
 * `ReadinessService` of `@frontera/platform-observability`), the application closes once (every
 * destroy and shutdown hook, the HTTP server last), and the process exits with 0; with 1 when
 * closing fails or takes longer than `timeoutMs`. Buffered trace spans are exported after the
 * application closed, before the exit (within the same `timeoutMs`). Further signals meanwhile are ignored (the
 * listeners stay until the process ends).
 *
 * Instead of Nest's `enableShutdownHooks()`, which ends the process "killed by SIGTERM" (exit
 * code 143): docs/decisions/0009-shutdown-order.md. Returns a function that removes the listeners.
 */
export function exitOnShutdownSignals(
  app: ShutdownTarget,
  options: GracefulShutdownOptions = {},
): () => void {
  const proc = options.process ?? process;
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const timeoutMs = options.timeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const logger = new Logger('Shutdown');
  const readiness = optionalProvider<ReadinessService>(app, ReadinessService);
  let stopping = false;

  function onSignal(signal: NodeJS.Signals): void {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received, shutting down (at most ${timeoutMs} ms)`);
    const timer = setTimeout(() => {
      logger.error(`shutdown took longer than ${timeoutMs} ms, exiting with code 1`);
      proc.exit(1);
    }, timeoutMs); // not unref'd: a close stuck on a promise alone must not end the process with 0
    readiness?.beginShutdown();
    // Spans end while the application closes; the last ones are exported after it closed.
    app
      .close(signal)
      .then(shutdownTracing)
      .then(
        () => {
          clearTimeout(timer);
          proc.exit(0);
        },
        (error: unknown) => {
          clearTimeout(timer);
          logger.error(
            `shutdown failed, exiting with code 1: ${error instanceof Error ? error.message : String(error)}`,
            error instanceof Error ? error.stack : undefined,
          );
          proc.exit(1);
        },
      );
  }

  signals.forEach((signal) => proc.on(signal, onSignal));
  return () => signals.forEach((signal) => proc.removeListener(signal, onSignal));
}
