import { isErrorResult, merge, type OpenApiDocument } from 'openapi-merge';

/**
 * The combined OpenAPI document of every service, merged from the services' own documents
 * (docs/decisions/0042-combined-api-documentation.md):
 *
 * 1. the operational routes each service answers for its platform (health, metrics) are left out:
 *    the entry point does not route them (each service's own /docs still shows them);
 * 2. component schemas: one name defined identically by several services is one schema; a name
 *    defined differently is renamed in each of those services to `<Service><Name>` (e.g.
 *    `EmployersRiskResponse`, `AuditsRiskResponse`), references included, before merging;
 * 3. openapi-merge merges paths and components and fails on a path two services declare (and on
 *    any other conflict it reports); a component it would still have to rename is an error too;
 * 4. the result, an OpenAPI 3.0 document as @nestjs/swagger emits them, is converted to 3.1
 *    ({@link toOpenApi31}).
 */

export interface ServiceOpenApi {
  /** The service's name (`employers`), also the prefix of its renamed components. */
  readonly service: string;
  readonly document: object;
}

/** Paths of the platform's operational routes, not routed by the entry point. */
export const OPERATIONAL_PATHS: readonly string[] = ['/health/live', '/health/ready', '/metrics'];

export const COMBINED_INFO = {
  title: 'Frontera — API',
  description:
    'Every HTTP route of Frontera (employers, permits, audits), as reached through the entry point: ' +
    'one document merged at build time from the services’ own documents (tools/api-docs). Errors ' +
    'are RFC 9457 problem details (application/problem+json) with a stable `code`, in Spanish unless ' +
    'Accept-Language asks for English. Tokens: `Authorization: Bearer <JWT>`.',
  version: '1',
} as const;

export class ApiMergeError extends Error {
  constructor(message: string) {
    super(`the combined OpenAPI document cannot be built: ${message}`);
    this.name = 'ApiMergeError';
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const SCHEMA_REF = '#/components/schemas/';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const clone = <T>(value: T): T => structuredClone(value);

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON with sorted keys: two schemas are the same schema when this is equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const capitalised = (text: string): string =>
  text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');

function schemasOf(document: object): JsonObject {
  const components = (document as { components?: { schemas?: JsonObject } }).components;
  return components?.schemas ?? {};
}

/** Every `$ref` to `#/components/schemas/<from>` becomes one to `<to>`, anywhere in the document. */
function rewriteRefs(node: Json, renames: ReadonlyMap<string, string>): Json {
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, renames));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith(SCHEMA_REF)) {
      const renamed = renames.get(value.slice(SCHEMA_REF.length));
      out[key] = renamed ? `${SCHEMA_REF}${renamed}` : value;
    } else {
      out[key] = rewriteRefs(value, renames);
    }
  }
  return out;
}

function renameSchemas(document: JsonObject, renames: ReadonlyMap<string, string>): JsonObject {
  const rewritten = rewriteRefs(document, renames) as JsonObject;
  const components = rewritten['components'];
  if (!isObject(components) || !isObject(components['schemas'])) return rewritten;
  const schemas: JsonObject = {};
  for (const [name, schema] of Object.entries(components['schemas']))
    schemas[renames.get(name) ?? name] = schema;
  return { ...rewritten, components: { ...components, schemas } };
}

/**
 * Renames the component schemas that several services define differently to `<Service><Name>` in
 * each of them; repeated until no name is in dispute (a schema that refers to a renamed one may
 * differ only after that rename). Identical definitions keep their name: they merge into one.
 */
export function resolveSchemaCollisions(services: readonly ServiceOpenApi[]): ServiceOpenApi[] {
  let documents = services.map((s) => ({ service: s.service, document: clone(s.document) as JsonObject }));
  for (;;) {
    const definitions = new Map<string, Map<string, string[]>>();
    for (const { service, document } of documents) {
      for (const [name, schema] of Object.entries(schemasOf(document))) {
        const byShape = definitions.get(name) ?? new Map<string, string[]>();
        const shape = canonical(schema);
        byShape.set(shape, [...(byShape.get(shape) ?? []), service]);
        definitions.set(name, byShape);
      }
    }
    const disputed = [...definitions].filter(([, byShape]) => byShape.size > 1).map(([name]) => name);
    if (disputed.length === 0) return documents;
    const taken = new Set(definitions.keys());
    documents = documents.map(({ service, document }) => {
      const own = schemasOf(document);
      const renames = new Map<string, string>();
      for (const name of disputed) {
        if (!(name in own)) continue;
        const renamed = `${capitalised(service)}${name}`;
        if (taken.has(renamed)) {
          throw new ApiMergeError(
            `${service} defines ${name} differently from another service, and its prefixed name ` +
              `${renamed} is taken: rename one of the DTOs`,
          );
        }
        renames.set(name, renamed);
      }
      return { service, document: renameSchemas(document, renames) };
    });
  }
}

/** The document without the given paths. */
function withoutPaths(document: JsonObject, paths: readonly string[]): JsonObject {
  const own = isObject(document['paths']) ? document['paths'] : {};
  return {
    ...document,
    paths: Object.fromEntries(Object.entries(own).filter(([path]) => !paths.includes(path))),
  };
}

/** `{ type: 'string', nullable: true }` → `{ type: ['string', 'null'] }` and the like (3.0 → 3.1). */
function convertSchemaNode(node: JsonObject): JsonObject {
  const out: JsonObject = { ...node };
  for (const bound of ['Minimum', 'Maximum'] as const) {
    const exclusive = out[`exclusive${bound}`];
    const limit = out[bound.toLowerCase()];
    if (exclusive === true && typeof limit === 'number') {
      out[`exclusive${bound}`] = limit;
      delete out[bound.toLowerCase()];
    } else if (exclusive === false) {
      delete out[`exclusive${bound}`];
    }
  }
  if (!('nullable' in out) || typeof out['nullable'] !== 'boolean') return out;
  const nullable = out['nullable'];
  delete out['nullable'];
  if (!nullable) return out;
  const composed = ['allOf', 'anyOf', 'oneOf', '$ref'].some((key) => key in out);
  if (composed) {
    // `{ nullable, type: object, allOf: [ref] }` (what @nestjs/swagger emits for a nullable DTO).
    const { description, example, default: fallback, ...schema } = out;
    delete schema['type'];
    const allOf = schema['allOf'];
    const single =
      Object.keys(schema).length === 1 && Array.isArray(allOf) && allOf.length === 1 ? allOf[0] : schema;
    const kept: JsonObject = {};
    if (description !== undefined) kept['description'] = description;
    if (example !== undefined) kept['example'] = example;
    if (fallback !== undefined) kept['default'] = fallback;
    return { ...kept, anyOf: [single, { type: 'null' }] };
  }
  const type = out['type'];
  if (typeof type === 'string') out['type'] = [type, 'null'];
  else if (Array.isArray(type) && !type.includes('null')) out['type'] = [...type, 'null'];
  if (Array.isArray(out['enum']) && !out['enum'].includes(null)) out['enum'] = [...out['enum'], null];
  return out;
}

function convertSchemas(node: Json): Json {
  if (Array.isArray(node)) return node.map(convertSchemas);
  if (!isObject(node)) return node;
  const converted = convertSchemaNode(node);
  return Object.fromEntries(Object.entries(converted).map(([key, value]) => [key, convertSchemas(value)]));
}

/**
 * An OpenAPI 3.0 document as OpenAPI 3.1: `openapi: 3.1.0`; `nullable` becomes a `null` type (or
 * `anyOf` with `{ type: 'null' }` around a reference), with `null` added to an `enum`; boolean
 * `exclusiveMinimum`/`exclusiveMaximum` become the numbers they qualified. Everything else of a
 * 3.0 document these services emit is valid 3.1 as it is (`example` in a schema is deprecated, not
 * invalid).
 */
export function toOpenApi31(document: object): JsonObject {
  const converted = convertSchemas(clone(document) as JsonObject) as JsonObject;
  return { ...converted, openapi: '3.1.0' };
}

/** Every operation of a document, as `METHOD path` (e.g. `GET /employers/{id}`). */
export function operationsOf(document: object): string[] {
  const paths = (document as { paths?: Record<string, Record<string, unknown>> }).paths ?? {};
  return Object.entries(paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => isObject(item[method])).map(
      (method) => `${method.toUpperCase()} ${path}`,
    ),
  );
}

/** The combined OpenAPI 3.1 document of the services (see the module's comment). */
export function mergeServiceDocuments(services: readonly ServiceOpenApi[]): JsonObject {
  if (services.length === 0) throw new ApiMergeError('no service documents');
  const resolved = resolveSchemaCollisions(
    services.map((s) => ({
      service: s.service,
      document: withoutPaths(clone(s.document) as JsonObject, OPERATIONAL_PATHS),
    })),
  );
  const expectedSchemas = new Set(resolved.flatMap((s) => Object.keys(schemasOf(s.document))));
  const result = merge(
    resolved.map(({ service, document }) => ({
      oas: document as unknown as OpenApiDocument,
      sourceIdentity: service,
      description: { append: true, title: { value: capitalised(service), headingLevel: 2 } },
    })),
    { info: { title: COMBINED_INFO.title, version: COMBINED_INFO.version } },
  );
  if (isErrorResult(result)) throw new ApiMergeError(`${result.type}: ${result.message}`);
  const output = result.output as unknown as JsonObject;
  const unexpected = Object.keys(schemasOf(output)).filter((name) => !expectedSchemas.has(name));
  if (unexpected.length > 0) {
    throw new ApiMergeError(`openapi-merge renamed components on its own: ${unexpected.join(', ')}`);
  }
  const info = isObject(output['info']) ? output['info'] : {};
  const appended = typeof info['description'] === 'string' ? info['description'] : '';
  return toOpenApi31({
    ...output,
    info: { ...info, description: `${COMBINED_INFO.description}\n\n${appended}`.trim() },
  });
}
