import {
  Module,
  RequestMethod,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
  type Provider,
} from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { CorrelationMiddleware } from './correlation/correlation.middleware';
import { HealthController } from './health/health.controller';
import type { HealthIndicator } from './health/health-indicator';
import { HEALTH_DEFAULT_TIMEOUT_MS, HEALTH_INDICATORS, ReadinessService } from './health/readiness.service';
import { createHttpLogger } from './logging/logger-options';
import { OBSERVABILITY_LOGGER, RequestLoggingMiddleware } from './logging/request-logging.middleware';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { MetricsController } from './metrics/metrics.controller';
import { HttpTracingMiddleware } from './tracing/http-tracing.middleware';
import { ensureDefaultMetrics } from './metrics/metrics';
import {
  OBSERVABILITY_OPTIONS,
  resolveObservabilityOptions,
  type HealthIndicatorsFactory,
  type ObservabilityModuleOptions,
} from './observability.options';

function indicatorsProvider(indicators: ObservabilityModuleOptions['health']): Provider {
  const source = indicators?.indicators;
  if (source === undefined || Array.isArray(source)) {
    return { provide: HEALTH_INDICATORS, useValue: source ?? [] };
  }
  const factory = source as HealthIndicatorsFactory;
  return {
    provide: HEALTH_INDICATORS,
    inject: factory.inject ?? [],
    useFactory: async (...deps: never[]): Promise<readonly HealthIndicator[]> => factory.useFactory(...deps),
  };
}

/**
 * JSON logs with correlation ids and personal data censored, /health/live,
 * /health/ready and /metrics. Import once, in the application's root module:
 *
 * ```ts
 * ObservabilityModule.forRoot({
 *   serviceName: 'audits',
 *   health: {
 *     indicators: {
 *       inject: [getConnectionToken(), JobsService],
 *       useFactory: (db: Connection, jobs: JobsService) => [
 *         mongooseIndicator(db), redisIndicator(jobs.producerConnection), kafkaIndicator({ brokers }),
 *       ],
 *     },
 *   },
 * })
 * ```
 * and in main.ts: `NestFactory.create(AppModule, { bufferLogs: true })`,
 * `app.useLogger(app.get(Logger))` (nestjs-pino), `app.enableShutdownHooks()`.
 */
@Module({})
export class ObservabilityModule implements NestModule {
  static forRoot(options: ObservabilityModuleOptions): DynamicModule {
    const resolved = resolveObservabilityOptions(options);
    if (resolved.defaultMetrics) ensureDefaultMetrics();
    // The one pino logger of the application: nestjs-pino's PinoLogger/Logger and the request
    // line write to it. No per-request child logger: the correlation id comes from the
    // CorrelationContext mixin, and nestjs-pino's own middleware (pino-http, one child logger
    // and one AsyncLocalStorage scope per request) is not mounted (forRoutes: []).
    const logger = createHttpLogger(resolved, resolved.destination);
    const source = options.health?.indicators;
    const factoryImports =
      source !== undefined && !Array.isArray(source)
        ? (source as HealthIndicatorsFactory).imports
        : undefined;

    return {
      module: ObservabilityModule,
      imports: [
        LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true, forRoutes: [] }),
        ...(factoryImports ?? []),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: OBSERVABILITY_OPTIONS, useValue: resolved },
        { provide: OBSERVABILITY_LOGGER, useValue: logger },
        { provide: HEALTH_DEFAULT_TIMEOUT_MS, useValue: resolved.defaultTimeoutMs },
        indicatorsProvider(options.health),
        ReadinessService,
        HttpTracingMiddleware,
        CorrelationMiddleware,
        RequestLoggingMiddleware,
        HttpMetricsMiddleware,
      ],
      exports: [ReadinessService, OBSERVABILITY_OPTIONS, OBSERVABILITY_LOGGER],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(HttpTracingMiddleware, CorrelationMiddleware, RequestLoggingMiddleware, HttpMetricsMiddleware)
      .forRoutes({ path: '*', method: RequestMethod.ALL });
  }
}
