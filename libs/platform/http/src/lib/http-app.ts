import { Logger, type INestApplication, type NestApplicationOptions } from '@nestjs/common';
import { NestFactory, type IEntryNestModule } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { TokenVerifier } from '@frontera/platform-auth';
import type { ServiceConfig } from '@frontera/platform-config';
import { createValidationPipe, ProblemDetailsFilter } from '@frontera/platform-errors';
import { bodyParserErrorMiddleware, contentTypeMiddleware } from './content-type.middleware';

/** The variables of {@link ServiceConfig} the HTTP layer reads. */
export type HttpConfig = Pick<ServiceConfig, 'HOST' | 'PORT' | 'HTTP_BODY_LIMIT' | 'HTTP_TRUST_PROXY'>;

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
}

export const DOCS_PATH = 'docs';
export const DOCS_JSON_PATH = 'docs-json';

function assertAuthGuardRegistered(app: INestApplication): void {
  try {
    app.get(TokenVerifier, { strict: false });
  } catch {
    throw new Error(
      'AuthModule.forRoot(config) is not imported by the application module: every route would be ' +
        'open. Import it (and mark public routes with @Public()).',
    );
  }
}

/**
 * Everything of {@link createHttpApp} but listening, for an application made
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

  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());

  if (options.swagger) {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle(options.swagger.title)
        .setDescription(options.swagger.description)
        .setVersion(options.swagger.version)
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
        .addSecurityRequirements('bearer')
        .build(),
    );
    SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: DOCS_JSON_PATH });
  }
  app.enableShutdownHooks();
  return app;
}

/**
 * The HTTP application of a service's main.ts: JSON bodies up to
 * HTTP_BODY_LIMIT, one validation pipe, RFC 9457 problem details for every
 * error, the auth guard (the module must import AuthModule.forRoot(config)),
 * OpenAPI at /docs, shutdown hooks, no X-Powered-By, proxies untrusted unless
 * HTTP_TRUST_PROXY says otherwise; listening on HOST:PORT.
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
    ...options.nestOptions,
    bodyParser: false,
  });
  configureHttpApp(app, options);
  await app.listen(options.config.PORT, options.config.HOST);
  Logger.log(
    `${options.serviceName} listening on http://${options.config.HOST}:${options.config.PORT}`,
    'Http',
  );
  return app;
}
