import { Logger, type DynamicModule } from '@nestjs/common';
import { developmentAuthKey } from '@frontera/platform-auth';
import { bootConfig, type ServiceConfig } from '@frontera/platform-config';
import { createHttpApp, type HttpAppOptions } from '@frontera/platform-http';
import { setupTracing } from '@frontera/platform-observability';

export interface RunServiceOptions<C extends ServiceConfig> {
  readonly serviceName: string;
  readonly configClass: new () => C;
  /** The application module for a validated configuration (`AppModule.forRoot`). */
  readonly module: (config: Readonly<C>) => DynamicModule;
  readonly swagger: HttpAppOptions['swagger'];
  readonly extraContentTypes?: HttpAppOptions['extraContentTypes'];
}

/**
 * A service's main entry: validates the environment (a bad variable exits 1 naming it, before
 * anything starts), creates the HTTP application (JSON logger from the first line; on SIGTERM or
 * SIGINT it closes and exits 0, 1 after SHUTDOWN_TIMEOUT_MS) and says when development tokens are
 * trusted. A failure to start is written to stderr and exits 1.
 */
export function runService<C extends ServiceConfig>(options: RunServiceOptions<C>): void {
  const start = async (): Promise<void> => {
    // In development without a key, AUTH_PUBLIC_KEY defaults to the development token issuer's.
    const config = bootConfig(options.configClass, { service: options.serviceName });
    // Before the application exists, so its first request is traced; off without an endpoint.
    setupTracing({
      serviceName: options.serviceName,
      ...(process.env['SERVICE_VERSION'] ? { serviceVersion: process.env['SERVICE_VERSION'] } : {}),
      ...(config.OTEL_EXPORTER_OTLP_ENDPOINT ? { endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT } : {}),
      ...(config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
        ? { tracesEndpoint: config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT }
        : {}),
    });
    await createHttpApp(options.module(config), {
      config,
      serviceName: options.serviceName,
      swagger: options.swagger,
      ...(options.extraContentTypes ? { extraContentTypes: options.extraContentTypes } : {}),
    });
    const developmentKey = developmentAuthKey(process.env);
    if (developmentKey?.keyFile) {
      new Logger('Auth').log(
        `trusting development tokens signed with ${developmentKey.keyFile} (NODE_ENV=development)`,
      );
    }
  };
  start().catch((error: unknown) => {
    process.stderr.write(
      `${options.serviceName} failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  });
}
