import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { bootConfig } from '@frontera/platform-config';
import { createHttpApp } from '@frontera/platform-http';
import { AppModule, SERVICE_NAME } from './app.module';
import { developmentAuthEnv } from './config/development-auth-key';
import { EmployersConfig } from './config/employers.config';

/** After SIGTERM/SIGINT, the longest the graceful shutdown may take before the process is ended. */
const SHUTDOWN_TIMEOUT_MS = 15_000;

/**
 * Exit 0 after a graceful shutdown. Nest's shutdown hooks close the application on SIGTERM or
 * SIGINT and then re-send the signal to the process, which would end it "killed by signal":
 * keeping a listener here turns that second signal into a no-op, so the process ends by itself
 * (exit code 0) once everything is closed. A shutdown that hangs is ended with exit code 1.
 */
function exitCleanlyAfterShutdown(): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${SERVICE_NAME}: ${signal} received, shutting down\n`);
    setTimeout(() => {
      process.stderr.write(`${SERVICE_NAME}: shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms, exiting\n`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

async function bootstrap(): Promise<void> {
  const development = developmentAuthEnv(process.env);
  const config = bootConfig(EmployersConfig, { service: SERVICE_NAME, env: development.env });
  exitCleanlyAfterShutdown();
  const app = await createHttpApp(AppModule.forRoot(config), {
    config,
    serviceName: SERVICE_NAME,
    swagger: {
      title: 'Frontera — employers',
      description:
        'Registration of employers of border workers (TVTF), their worksites, verification, compliance ' +
        'rating and suspension. Errors are RFC 9457 problem details (application/problem+json) with a stable ' +
        '`code`, in Spanish unless Accept-Language asks for English.',
      version: '1',
    },
    // Buffered until the JSON logger is attached below, so every line is JSON.
    nestOptions: { bufferLogs: true, autoFlushLogs: false },
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  if (development.keyFile) {
    app
      .get(Logger)
      .log(`trusting development tokens signed with ${development.keyFile} (NODE_ENV=development)`);
  }
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `${SERVICE_NAME} failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
