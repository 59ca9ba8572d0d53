/* eslint-disable @nx/enforce-module-boundaries -- the documentation build loads each service's own AppModule, config and OpenAPI info in preview mode; applications have no import alias, and nothing else may import them */
import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '@frontera/platform-config';
import { previewOpenApiDocument, type SwaggerOptions } from '@frontera/platform-http';
import { AppModule as AuditsModule, SERVICE_NAME as AUDITS } from '../../services/audits/src/app.module';
import { AuditsConfig } from '../../services/audits/src/config/audits.config';
import { OPENAPI_INFO as AUDITS_INFO } from '../../services/audits/src/openapi-info';
import {
  AppModule as EmployersModule,
  SERVICE_NAME as EMPLOYERS,
} from '../../services/employers/src/app.module';
import { EmployersConfig } from '../../services/employers/src/config/employers.config';
import { OPENAPI_INFO as EMPLOYERS_INFO } from '../../services/employers/src/openapi-info';
import { AppModule as PermitsModule, SERVICE_NAME as PERMITS } from '../../services/permits/src/app.module';
import { PermitsConfig } from '../../services/permits/src/config/permits.config';
import { OPENAPI_INFO as PERMITS_INFO } from '../../services/permits/src/openapi-info';

/** One service whose HTTP API the combined documentation shows. */
interface ServiceApi {
  readonly name: string;
  readonly info: SwaggerOptions;
  /** The application module for the documentation's configuration (routes never depend on it). */
  readonly module: (env: NodeJS.ProcessEnv) => DynamicModule;
}

/**
 * The configuration the documents are built with: development defaults (no secret is needed to
 * compile the modules, and no provider is instantiated, see previewOpenApiDocument). Tokens are
 * documented as the services check them by default, with a configured key (no JWKS, so no 503).
 */
const DOCUMENTATION_ENV: NodeJS.ProcessEnv = { NODE_ENV: 'development' };

/** In the order of the combined document: the path prefixes of the gateway's route table. */
export const SERVICE_APIS: readonly ServiceApi[] = [
  {
    name: EMPLOYERS,
    info: EMPLOYERS_INFO,
    module: (env) => EmployersModule.forRoot(loadConfig(EmployersConfig, env, { service: EMPLOYERS })),
  },
  {
    name: PERMITS,
    info: PERMITS_INFO,
    module: (env) => PermitsModule.forRoot(loadConfig(PermitsConfig, env, { service: PERMITS })),
  },
  {
    name: AUDITS,
    info: AUDITS_INFO,
    module: (env) => AuditsModule.forRoot(loadConfig(AuditsConfig, env, { service: AUDITS })),
  },
];

export interface ServiceDocument {
  readonly service: string;
  readonly document: OpenAPIObject;
}

/** Every service's own OpenAPI document, as it serves it at /docs-json, built without running it. */
export async function serviceOpenApiDocuments(
  env: NodeJS.ProcessEnv = DOCUMENTATION_ENV,
): Promise<ServiceDocument[]> {
  const documents: ServiceDocument[] = [];
  for (const api of SERVICE_APIS) {
    documents.push({ service: api.name, document: await previewOpenApiDocument(api.module(env), api.info) });
  }
  return documents;
}
