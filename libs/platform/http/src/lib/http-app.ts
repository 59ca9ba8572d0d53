import { Logger, type INestApplication, type NestApplicationOptions } from '@nestjs/common';
import { NestFactory, type IEntryNestModule } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger as PinoLogger } from 'nestjs-pino';
import { TokenVerifier } from '@frontera/platform-auth';
import type { ServiceConfig } from '@frontera/platform-config';
import {
  createValidationPipe,
  PROBLEM_MAPPERS,
  ProblemDetailsFilter,
  type ProblemMapper,
} from '@frontera/platform-errors';
import { bodyParserErrorMiddleware, contentTypeMiddleware } from './content-type.middleware';
import { exitOnShutdownSignals } from './graceful-shutdown';
import { methodNotAllowedMiddleware, type RouteTable } from './method-not-allowed.middleware';
import { createOpenApiDocument } from './openapi/openapi-document';
import { optionalProvider, optionalProviders } from './optional-providers';

/** The variables of {@link ServiceConfig} the HTTP layer reads (SHUTDOWN_TIMEOUT_MS only by createHttpApp). */
export type HttpConfig = Pick<ServiceConfig, 'HOST' | 'PORT' | 'HTTP_BODY_LIMIT' | 'HTTP_TRUST_PROXY'> &
  Partial<Pick<ServiceConfig, 'SHUTDOWN_TIMEOUT_MS' | 'AUTH_JWKS_URL'>>;

export interface SwaggerOptions {
  readonly title: string;
  readonly description: string;
  readonly version: string;
}

export interface HttpAppOptions {
  readonly config: HttpConfig;
  readonly serviceName: string;
  /** OpenAPI at /docs and /docs-json; `false` to serve none. */
  readonly swagger: SwaggerOptions | false;
  /** Request body types accepted besides JSON, e.g. `['text/csv']` for roster uploads (parse them yourself). */
  readonly extraContentTypes?: readonly string[];
  /**
   * Other error types → AppError, consulted by ProblemDetailsFilter before its own
   * mapping; added to those the application's modules provide under `PROBLEM_MAPPERS`.
   */
  readonly problemMappers?: readonly ProblemMapper[];
}

export const DOCS_PATH = 'docs';
export const DOCS_JSON_PATH = 'docs-json';

function assertAuthGuardRegistered(app: INestApplication): void {
  if (!optionalProvider(app, TokenVerifier)) {
    throw new Error(
      'AuthModule.forRoot(config) is not imported by the application module: every route would be ' +
        'open. Import it (and mark public routes with @Public()).',
    );
  }
}

/**
 * Everything of {@link createHttpApp} but listening, logging and signal handling, for an application made
 * elsewhere (tests: `moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false })`).
 * Call before `init()`.
 */
export function configureHttpApp(
  app: NestExpressApplication,
  options: Omit<HttpAppOptions, 'serviceName'>,
): NestExpressApplication {
  assertAuthGuardRegistered(app);
  const { config } = options;
  app.disable('x-powered-by');
  app.set('trust proxy', config.HTTP_TRUST_PROXY > 0 ? config.HTTP_TRUST_PROXY : false);

  app.use(contentTypeMiddleware(options.extraContentTypes));
  app.useBodyParser('json', {
    limit: config.HTTP_BODY_LIMIT,
    type: ['application/json', 'application/*+json'],
  });
  app.use(bodyParserErrorMiddleware());
  // Then 405 with Allow for a method an existing path does not answer (the body's 400, 413 and 415
  // come first, as on any route); the routes are read per request, so they may come later.
  const express: unknown = app.getHttpAdapter().getInstance();
  app.use(methodNotAllowedMiddleware(() => (express as { router?: RouteTable }).router));

  app.useGlobalPipes(createValidationPipe());
  // Every module may provide PROBLEM_MAPPERS (an array or a single mapper).
  const provided = optionalProviders<ProblemMapper | readonly ProblemMapper[]>(app, PROBLEM_MAPPERS).flat();
  const mappers = [...new Set([...(options.problemMappers ?? []), ...provided])];
  app.useGlobalFilters(new ProblemDetailsFilter({ mappers }));

  const swagger = options.swagger;
  if (swagger) {
    // Problem details for every error, the platform's own statuses, security per route: see openapi/.
    // Built on the first request for /docs or /docs-json (then kept), not at start: a running service
    // seldom serves it, and scanning every route's metadata costs start time and memory
    // (docs/decisions/0037-idle-service-cost.md).
    const document = (): OpenAPIObject =>
      createOpenApiDocument(app, { ...swagger, keysFetched: Boolean(config.AUTH_JWKS_URL) });
    SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: DOCS_JSON_PATH });
  }
  return app;
}

/**
 * The HTTP application of a service's main.ts: JSON bodies up to
 * HTTP_BODY_LIMIT, one validation pipe, RFC 9457 problem details for every
 * error, the auth guard (the module must import AuthModule.forRoot(config)),
 * OpenAPI at /docs, no X-Powered-By, proxies untrusted unless
 * HTTP_TRUST_PROXY says otherwise; listening on HOST:PORT.
 *
 * Logs are buffered until the application is built, then go to the nestjs-pino
 * Logger when the application has one (ObservabilityModule), so every line is
 * JSON. SIGTERM/SIGINT close the application once and exit 0, or 1 after
 * SHUTDOWN_TIMEOUT_MS ({@link exitOnShutdownSignals}).
 *
 * ```ts
 * const config = bootConfig(EmployersConfig);
 * await createHttpApp(AppModule.forRoot(config), { config, serviceName: 'employers', swagger: {...} });
 * ```
 */
export async function createHttpApp(
  appModule: IEntryNestModule,
  options: HttpAppOptions & { readonly nestOptions?: NestApplicationOptions },
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(appModule, {
    bufferLogs: true,
    ...options.nestOptions,
    bodyParser: false,
  });
  // An explicit `nestOptions.logger` (tests: false) wins over the application's JSON logger.
  const pino =
    options.nestOptions?.logger === undefined ? optionalProvider<PinoLogger>(app, PinoLogger) : undefined;
  if (pino) app.useLogger(pino); // flushes what was buffered, as JSON
  try {
    configureHttpApp(app, options);
    exitOnShutdownSignals(app, { timeoutMs: options.config.SHUTDOWN_TIMEOUT_MS });
    await app.listen(options.config.PORT, options.config.HOST);
  } catch (error) {
    app.flushLogs(); // what was buffered explains the failure
    throw error;
  }
  Logger.log(
    `${options.serviceName} listening on http://${options.config.HOST}:${options.config.PORT}`,
    'Http',
  );
  return app;
}
