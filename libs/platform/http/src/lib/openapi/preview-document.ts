import { NestFactory, type IEntryNestModule } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { SwaggerOptions } from '../http-app';
import { createOpenApiDocument } from './openapi-document';

/**
 * The OpenAPI document a service serves at /docs-json, built without running the service: the
 * application module is compiled in Nest's preview mode (modules, controllers and their metadata;
 * no provider is instantiated, so nothing connects to a database, a broker or Redis), then
 * documented by {@link createOpenApiDocument} exactly as the running service documents itself.
 * For build-time documents (tools/api-docs: the combined documentation of every service).
 *
 * `keysFetched` as the running service decides it: `Boolean(config.AUTH_JWKS_URL)`.
 */
export async function previewOpenApiDocument(
  appModule: IEntryNestModule,
  options: SwaggerOptions & { readonly keysFetched?: boolean },
): Promise<OpenAPIObject> {
  const app = await NestFactory.create(appModule, {
    preview: true,
    logger: false,
    abortOnError: false,
    bodyParser: false,
  });
  try {
    return createOpenApiDocument(app, options);
  } finally {
    await app.close();
  }
}
