import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import {
  DocumentBuilder,
  SwaggerModule,
  type HeaderObject,
  type MediaTypeObject,
  type OpenAPIObject,
  type OperationObject,
  type PathItemObject,
  type ReferenceObject,
  type ResponseObject,
} from '@nestjs/swagger';
import { PUBLIC_ROUTE_METADATA_KEY, ROLES_METADATA_KEY } from '@frontera/platform-auth';
import { PROBLEM_CONTENT_TYPE } from '@frontera/platform-errors';
import { PLATFORM_PROBLEM_DESCRIPTIONS } from './api-problems.decorator';
import {
  FIELD_ERROR_SCHEMA,
  FIELD_ERROR_SCHEMA_OBJECT,
  PROBLEM_DETAILS_SCHEMA,
  PROBLEM_DETAILS_SCHEMA_OBJECT,
  problemContent,
} from './problem-details.schema';

/** Name of the bearer (JWT) security scheme of every Frontera document. */
export const BEARER_SCHEME = 'bearer';

/** What the platform knows of one operation's route, by operation id. */
export interface OperationFacts {
  /** `@Public()` (or the same metadata on the controller): no token needed. */
  readonly public: boolean;
  /** `@Roles(...)` restricts the route: the guard answers 403 to other roles. */
  readonly rolesRestricted: boolean;
}

export interface CompletionOptions {
  /** Facts per operation id; an operation not listed counts as protected without roles. */
  readonly operations: ReadonlyMap<string, OperationFacts>;
  /** Tokens are checked against a JWKS, which the guard may fail to fetch (503 AUTH.KEYS_UNAVAILABLE). */
  readonly keysFetched?: boolean;
}

/** The operation ids of the documents platform-http builds: `<Controller>_<method>`. */
export const operationIdOf = (controllerKey: string, methodKey: string): string =>
  `${controllerKey}_${methodKey}`;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const WWW_AUTHENTICATE: HeaderObject = {
  description: 'RFC 6750 challenge: `Bearer realm="frontera"`, with `error="invalid_token"` for a bad token',
  schema: { type: 'string' },
};

function isErrorStatus(status: string): boolean {
  return /^[45](\d\d|XX)$/.test(status) || status === 'default';
}

function isReference(value: object): value is ReferenceObject {
  return '$ref' in value;
}

/** The statuses the platform answers on its own for an operation (see {@link completeOpenApiDocument}). */
export function platformStatuses(facts: OperationFacts, keysFetched = false): number[] {
  const statuses = [400, 413, 415, 500];
  if (!facts.public) {
    statuses.push(401);
    if (facts.rolesRestricted) statuses.push(403);
    if (keysFetched) statuses.push(503);
  }
  return statuses.sort((a, b) => a - b);
}

/** Error responses carry problem details, whatever media type or schema the decorators gave them. */
function asProblemResponse(response: ResponseObject): ResponseObject {
  const content = response.content ?? {};
  const own: MediaTypeObject | undefined =
    content[PROBLEM_CONTENT_TYPE] ?? content['application/json'] ?? Object.values(content)[0];
  const problem = problemContent(own?.schema);
  const media = problem[PROBLEM_CONTENT_TYPE];
  if (own?.example !== undefined) media.example = own.example;
  if (own?.examples !== undefined) media.examples = own.examples;
  return { ...response, content: problem };
}

function withHeaderSchemas(response: ResponseObject): ResponseObject {
  if (!response.headers) return response;
  const headers = Object.fromEntries(
    Object.entries(response.headers).map(([name, header]) =>
      isReference(header) || header.schema !== undefined || header.content !== undefined
        ? [name, header]
        : [name, { ...header, schema: { type: 'string' } }],
    ),
  );
  return { ...response, headers };
}

function completeOperation(
  operation: OperationObject,
  facts: OperationFacts,
  keysFetched: boolean,
): OperationObject {
  const responses: Record<string, ResponseObject | ReferenceObject | undefined> = { ...operation.responses };
  for (const status of platformStatuses(facts, keysFetched)) {
    responses[status] ??= { description: PLATFORM_PROBLEM_DESCRIPTIONS[status] ?? `HTTP ${status}` };
  }
  const unauthorized = responses['401'];
  if (unauthorized && !isReference(unauthorized)) {
    responses['401'] = {
      ...unauthorized,
      headers: { 'WWW-Authenticate': WWW_AUTHENTICATE, ...unauthorized.headers },
    };
  }
  const completed: Record<string, ResponseObject | ReferenceObject> = {};
  for (const [status, response] of Object.entries(responses).sort(([a], [b]) => a.localeCompare(b))) {
    if (response === undefined) continue;
    if (isReference(response)) {
      completed[status] = response;
      continue;
    }
    completed[status] = withHeaderSchemas(isErrorStatus(status) ? asProblemResponse(response) : response);
  }
  return {
    ...operation,
    responses: completed,
    security: facts.public ? [] : [{ [BEARER_SCHEME]: [] }],
  };
}

/**
 * Makes the document say what the platform does, for every operation of every service:
 *
 * - `ProblemDetails` (and `FieldError`) in `components.schemas`; every error response carries
 *   them as `application/problem+json` (a schema of the operation's own refines them, `allOf`);
 * - the statuses the platform answers on its own are documented where missing: 400, 413, 415
 *   and 500 on every operation (body parser, validation, the problem-details filter); 401 with
 *   `WWW-Authenticate` on operations that are not public, 403 where `@Roles` restricts them,
 *   503 when tokens are checked against a JWKS;
 * - public operations have `security: []`, the others the bearer scheme;
 * - every response header has a schema (`string` unless documented otherwise).
 */
export function completeOpenApiDocument(document: OpenAPIObject, options: CompletionOptions): OpenAPIObject {
  const paths = Object.fromEntries(
    Object.entries(document.paths).map(([path, item]) => {
      const completed: PathItemObject = { ...item };
      for (const method of HTTP_METHODS) {
        const operation = item[method];
        if (!operation) continue;
        const facts = options.operations.get(operation.operationId ?? '') ?? {
          public: false,
          rolesRestricted: false,
        };
        completed[method] = completeOperation(operation, facts, options.keysFetched ?? false);
      }
      return [path, completed];
    }),
  );
  return {
    ...document,
    paths,
    components: {
      ...document.components,
      schemas: {
        ...document.components?.schemas,
        [PROBLEM_DETAILS_SCHEMA]: PROBLEM_DETAILS_SCHEMA_OBJECT,
        [FIELD_ERROR_SCHEMA]: FIELD_ERROR_SCHEMA_OBJECT,
      },
    },
  };
}

/**
 * Public and role metadata of every route handler of the application, by operation id; read
 * exactly as the auth guard reads them (the handler's metadata wins over the controller's).
 */
export function operationFactsOf(app: INestApplication): Map<string, OperationFacts> {
  const facts = new Map<string, OperationFacts>();
  const scanner = new MetadataScanner();
  const modules = app.get(ModulesContainer, { strict: false });
  for (const module of modules.values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller?.prototype) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler !== 'function') continue;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const read = <T>(key: string): T | undefined =>
          (Reflect.getMetadata(key, handler) as T | undefined) ??
          (Reflect.getMetadata(key, controller) as T | undefined);
        const roles = read<readonly string[]>(ROLES_METADATA_KEY);
        // The id swagger gives the operation: from the handler function's own name.
        facts.set(operationIdOf(controller.name, (handler as { name?: string }).name || name), {
          public: read<boolean>(PUBLIC_ROUTE_METADATA_KEY) === true,
          rolesRestricted: Array.isArray(roles) && roles.length > 0,
        });
      }
    }
  }
  return facts;
}

export interface OpenApiDocumentOptions {
  readonly title: string;
  readonly description: string;
  readonly version: string;
  /** See {@link CompletionOptions.keysFetched}. */
  readonly keysFetched?: boolean;
}

/** The OpenAPI document of an initialised-or-not application, completed by {@link completeOpenApiDocument}. */
export function createOpenApiDocument(app: INestApplication, options: OpenApiDocumentOptions): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(options.title)
      .setDescription(options.description)
      .setVersion(options.version)
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
      .addSecurityRequirements(BEARER_SCHEME)
      .build(),
    { operationIdFactory: operationIdOf },
  );
  return completeOpenApiDocument(document, {
    operations: operationFactsOf(app),
    keysFetched: options.keysFetched,
  });
}
