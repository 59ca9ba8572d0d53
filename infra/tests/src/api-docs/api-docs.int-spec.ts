import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Parser } from '@asyncapi/parser';
import { getMetadataStorage } from 'class-validator';
import { allTopicSpecs, EventCatalogue } from '@frontera/contracts';
import { pythonTools } from '@frontera/platform-testing';
import { OPERATIONAL_PATHS, operationsOf } from '@frontera/api-docs';

/**
 * The combined API documentation as tools/api-docs/build.ts writes it (the directory the entry
 * point serves as /docs/): the OpenAPI 3.1 document passes openapi-spec-validator and has every
 * operation of every service's own document; the AsyncAPI document parses with @asyncapi/parser
 * and has every topic and event of the catalogue, with the contract's fields.
 */
const root = join(__dirname, '../../../..');
const run = promisify(execFile);

/**
 * The entry point's regular-expression routes in the order nginx tries them, with the service each
 * proxies to (infra/gateway/frontera.conf.template; its other locations are the gateway's own).
 */
function gatewayRoutes(): { pattern: RegExp; service: string }[] {
  const template = readFileSync(join(root, 'infra/gateway/frontera.conf.template'), 'utf8');
  // Each block up to the next location (bodies hold `${…}` variables, so no brace matching).
  const routes = template
    .split(/\n\s*location /)
    .map((block) => ({ regex: /^~ (\S+) \{/.exec(block)?.[1], block }))
    .filter((route): route is { regex: string; block: string } => route.regex !== undefined)
    .map(({ regex, block }) => ({
      pattern: new RegExp(regex),
      service: /proxy_pass http:\/\/frontera_([a-z]+);/.exec(block)?.[1] ?? '(none)',
    }));
  expect(routes.length).toBeGreaterThan(5);
  return routes;
}

type OpenApi = { openapi: string; paths: Record<string, Record<string, { operationId?: string }>> };

describe('the combined API documentation (tools/api-docs)', () => {
  jest.setTimeout(600_000);
  let dir: string;
  const read = <T>(file: string): T => JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'frontera-api-docs-'));
    const { stdout } = await run(
      'node',
      [join(root, 'tools/scripts/run-ts.cjs'), join(root, 'tools/api-docs/build.ts'), '--out', dir],
      { cwd: root, timeout: 540_000 },
    );
    expect(stdout).toMatch(/api-docs: \d+ operations of 3 services/);
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes an OpenAPI 3.1 document that openapi-spec-validator accepts', async () => {
    expect(read<OpenApi>('openapi.json').openapi).toBe('3.1.0');
    const tools = await pythonTools();
    const result = await run(tools.openapiSpecValidator, [join(dir, 'openapi.json')]).catch(
      (error: { stdout?: string; stderr?: string }) => ({ stdout: `${error.stdout}${error.stderr}` }),
    );
    expect(result.stdout.trim()).toBe(`${join(dir, 'openapi.json')}: OK`);
  });

  it.each(['employers', 'permits', 'audits'])(
    "has every operation of the %s service's own document, with its operation id",
    (service) => {
      const own = read<OpenApi>(`services/${service}.json`);
      const combined = read<OpenApi>('openapi.json');
      const routed = operationsOf(own).filter((op) => !OPERATIONAL_PATHS.includes(op.split(' ')[1]));
      expect(routed.length).toBeGreaterThan(5);
      expect(operationsOf(combined)).toEqual(expect.arrayContaining(routed));
      for (const op of routed) {
        const [method, path] = op.split(' ');
        expect(combined.paths[path][method.toLowerCase()].operationId).toBe(
          own.paths[path][method.toLowerCase()].operationId,
        );
      }
    },
  );

  it.each(['employers', 'permits', 'audits'])(
    'documents only paths that the entry point routes to the %s service, which declares them',
    (service) => {
      const routes = gatewayRoutes();
      const combined = read<OpenApi>('openapi.json');
      const paths = Object.keys(read<OpenApi>(`services/${service}.json`).paths).filter(
        (path) => !OPERATIONAL_PATHS.includes(path),
      );
      const misrouted = paths
        .map((path) => {
          const concrete = path.replace(/\{[^}]+\}/g, 'id-1');
          return { path, routedTo: routes.find((route) => route.pattern.test(concrete))?.service ?? '(404)' };
        })
        .filter(({ routedTo }) => routedTo !== service);
      expect(misrouted).toEqual([]);
      for (const path of paths) expect(combined.paths[path]).toBeDefined();
    },
  );

  it('has only the operations of the services', () => {
    const own = ['employers', 'permits', 'audits'].flatMap((s) =>
      operationsOf(read<OpenApi>(`services/${s}.json`)),
    );
    expect(operationsOf(read<OpenApi>('openapi.json')).every((op) => own.includes(op))).toBe(true);
  });

  it('writes an AsyncAPI 3 document that @asyncapi/parser parses without errors, with every topic and event', async () => {
    const text = readFileSync(join(dir, 'asyncapi.json'), 'utf8');
    const { document, diagnostics } = await new Parser().parse(text);
    // Severity 0 is an error, 1 a warning.
    expect(
      diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.code}: ${d.message} at ${d.path.join('.')}`),
    ).toEqual([]);
    expect(document).toBeDefined();
    if (!document) return;
    expect(document.version()).toMatch(/^3\./);

    const addresses = document
      .channels()
      .all()
      .map((channel) => channel.address());
    expect(addresses.sort()).toEqual(
      allTopicSpecs()
        .map((topic) => topic.name)
        .sort(),
    );

    const messages = new Map(
      document
        .messages()
        .all()
        .map((message) => [message.id(), message]),
    );
    for (const [type, definition] of Object.entries(EventCatalogue)) {
      const message = messages.get(type);
      expect(message).toBeDefined();
      const payload = message?.payload()?.json() as { properties: Record<string, { properties?: object }> };
      expect(payload.properties['type']).toMatchObject({ const: type });
      // The contract's fields, read from class-validator's metadata of the data class itself.
      const fields = new Set(
        getMetadataStorage()
          .getTargetValidationMetadatas(definition.data, '', true, false)
          .map((m) => m.propertyName),
      );
      expect(Object.keys(payload.properties['data'].properties ?? {}).sort()).toEqual([...fields].sort());
      expect(message?.headers()?.json()).toMatchObject({ required: ['content-type', 'ce_id', 'ce_type'] });
    }
    const deadLetter = messages.get('deadLetter');
    const deadLetterHeaders = deadLetter?.headers()?.json() as { properties?: object } | undefined;
    expect(Object.keys(deadLetterHeaders?.properties ?? {})).toEqual(
      expect.arrayContaining(['ce_id', 'dlq-original-topic', 'dlq-reason', 'dlq-error']),
    );
  });

  it('writes Swagger UI next to the documents, pointing at openapi.json', () => {
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('swagger-ui-bundle.js');
    expect(readFileSync(join(dir, 'swagger-initializer.js'), 'utf8')).toContain("url: './openapi.json'");
    expect(readFileSync(join(dir, 'swagger-ui-bundle.js'), 'utf8').length).toBeGreaterThan(100_000);
  });
});
