import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * infra/gateway (nginx with the project's configuration) as clients and operators depend on it:
 * every route reaches the service that answers it, the correlation id reaches the service and the
 * JSON access log, public routes are rate-limited, bodies are bounded, and the gateway's own
 * refusals are problem details. The services behind it are stand-in HTTP servers that echo what
 * they received: this tests the gateway's configuration, not the services.
 */
const root = join(__dirname, '../../..');
const script = join(root, 'infra/gateway/gateway.sh');
const run = promisify(execFile);

interface Echo {
  service: string;
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  bodyBytes: number;
}

function echoServer(service: string, calls: Echo[]): Promise<Server> {
  const server = createServer((req, res) => {
    let bodyBytes = 0;
    req.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
    req.on('end', () => {
      const echo = { service, method: req.method ?? '', url: req.url ?? '', headers: req.headers, bodyBytes };
      calls.push(echo);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(echo));
    });
  });
  return listenOnFreeLowPort(server);
}

/** A port of 20000-31999 (servers may not use the kernel's ephemeral range, see servers.sh). */
async function listenOnFreeLowPort(server: Server): Promise<Server> {
  for (let attempt = 0; ; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      });
      return server;
    } catch (error) {
      if (attempt >= 20) throw error;
    }
  }
}

/** One request with any method (fetch refuses TRACE): status, Allow, content type and body. */
function rawRequest(
  method: string,
  url: string,
  body?: string,
): Promise<{ status: number; allow?: string; type?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method, headers: body ? { 'content-type': 'application/json' } : {} },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            allow: res.headers['allow'],
            type: res.headers['content-type'],
            body: text,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function freeLowPort(): Promise<number> {
  const probe = await listenOnFreeLowPort(createServer());
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The documentation directory's files, as the build writes them (contents stand-ins). */
const DOCS: Record<string, string> = {
  'index.html': '<!DOCTYPE html><title>Frontera — API documentation</title>',
  'swagger-ui-bundle.js': 'window.SwaggerUIBundle = function () {};',
  'swagger-ui.css': 'body { margin: 0 }',
  'openapi.json': JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'Frontera — API', version: '1' },
    paths: {},
  }),
  'asyncapi.json': JSON.stringify({ asyncapi: '3.0.0', info: { title: 'Frontera — events', version: '1' } }),
};

/** Every kind of route, with the service that answers it (the gateway's routing table). */
const ROUTES: [method: string, path: string, service: string][] = [
  ['GET', '/employers', 'employers'],
  ['GET', '/employers/emp-1', 'employers'],
  ['POST', '/employers/emp-1/worksites', 'employers'],
  ['GET', '/employers/emp-1/history', 'employers'],
  ['GET', '/employers/emp-1/audit-outcomes', 'audits'],
  ['GET', '/employers/emp-1/risk', 'audits'],
  ['GET', '/employers/emp-1/audit-plan', 'audits'],
  ['POST', '/applications', 'permits'],
  ['GET', '/permits/p-1/card.pdf', 'permits'],
  ['GET', '/workers/w-1', 'permits'],
  ['GET', '/rosters/r-1/errors.csv', 'permits'],
  ['POST', '/worksites/ws-1/rosters', 'permits'],
  ['GET', '/verify/some-token', 'permits'],
  ['GET', '/verify?number=TVTF-1&birthYear=1990', 'permits'],
  ['POST', '/complaints', 'audits'],
  ['GET', '/inspectors', 'audits'],
  ['POST', '/tasks/t-1/start', 'audits'],
  ['GET', '/referrals', 'audits'],
  ['GET', '/ops/queues/employers', 'employers'],
  ['GET', '/ops/queues/employers/api/queues', 'employers'],
  ['GET', '/ops/queues/permits/', 'permits'],
  ['POST', '/ops/queues/permits/session', 'permits'],
  ['GET', '/ops/queues/permits/static/js/main.js', 'permits'],
  ['GET', '/ops/queues/audits/api/queues?activeQueue=audits-task-sweep&status=failed', 'audits'],
  ['DELETE', '/ops/queues/audits/session', 'audits'],
];

const portOf = (server: Server) => String((server.address() as { port: number }).port);

describe('infra/gateway (nginx entry point)', () => {
  jest.setTimeout(120_000);
  const calls: Echo[] = [];
  const upstreams = new Map<string, Server>();
  const upstream = (service: string): Server => {
    const server = upstreams.get(service);
    if (!server) throw new Error(`no upstream ${service}`);
    return server;
  };
  let dataDir: string;
  let docsDir: string;
  let env: NodeJS.ProcessEnv;
  let base: string;

  beforeAll(async () => {
    for (const service of ['employers', 'permits', 'audits']) {
      upstreams.set(service, await echoServer(service, calls));
    }
    dataDir = mkdtempSync(join(tmpdir(), 'frontera-gateway-'));
    // A stand-in of the directory tools/api-docs/build.ts writes (the api-docs test checks the real one).
    docsDir = join(dataDir, 'api-docs');
    mkdirSync(docsDir);
    for (const [file, text] of Object.entries(DOCS)) writeFileSync(join(docsDir, file), text);
    const port = await freeLowPort();
    env = {
      ...process.env,
      FRONTERA_DATA_DIR: dataDir,
      FRONTERA_GATEWAY_PORT: String(port),
      FRONTERA_PORT_EMPLOYERS: portOf(upstream('employers')),
      FRONTERA_PORT_PERMITS: portOf(upstream('permits')),
      FRONTERA_PORT_AUDITS: portOf(upstream('audits')),
      FRONTERA_GATEWAY_PUBLIC_RATE: '2r/s',
      FRONTERA_GATEWAY_PUBLIC_BURST: '5',
      FRONTERA_GATEWAY_DOCS_DIR: docsDir,
    };
    const { stdout } = await run('bash', [script, 'start'], { env });
    expect(stdout).toContain(`gateway: started on http://127.0.0.1:${port}`);
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    if (env) await run('bash', [script, 'stop'], { env }).catch(() => undefined);
    for (const server of upstreams.values()) server.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function lastCallAfter(
    path: string,
    init: RequestInit = {},
  ): Promise<{ response: Response; echo: Echo | undefined }> {
    const before = calls.length;
    const response = await fetch(`${base}${path}`, init);
    await response.arrayBuffer();
    return { response, echo: calls.length > before ? calls[calls.length - 1] : undefined };
  }

  it.each(ROUTES)(
    '%s %s reaches the %s service with its path and query intact',
    async (method, path, service) => {
      const { response, echo } = await lastCallAfter(path, { method });
      expect(response.status).toBe(200);
      expect(echo).toMatchObject({ service, method, url: path });
    },
  );

  // nginx refuses TRACE before it chooses a location (405, no Allow): the gateway hands it to the
  // service of the path, whose 405 problem has the path's Allow (the stand-in echoes 200).
  it.each(ROUTES)(
    'TRACE like %s %s reaches the %s service, path and query intact',
    async (_, path, service) => {
      const before = calls.length;
      const answer = await rawRequest('TRACE', `${base}${path}`);
      expect(answer.status).toBe(200);
      expect(calls.slice(before)).toMatchObject([{ service, method: 'TRACE', url: path }]);
    },
  );

  it('answers TRACE on a path no service owns with a 404 problem, and a write to the documentation with 405 and Allow', async () => {
    const before = calls.length;
    const unknown = await rawRequest('TRACE', `${base}/admin`);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ code: 'GATEWAY.ROUTE_NOT_FOUND' });
    for (const [method, path] of [
      ['POST', '/docs/openapi.json'],
      ['DELETE', '/docs/'],
      ['TRACE', '/docs/asyncapi.json'],
    ]) {
      const refused = await rawRequest(method as string, `${base}${path as string}`);
      expect(refused).toMatchObject({ status: 405, allow: 'GET, HEAD', type: 'application/problem+json' });
      expect(JSON.parse(refused.body)).toMatchObject({ status: 405, code: 'GATEWAY.METHOD_NOT_ALLOWED' });
    }
    expect(calls.length).toBe(before);
  });

  it.each([
    ['/docs/', 'index.html', 'text/html'],
    ['/docs/index.html', 'index.html', 'text/html'],
    ['/docs/openapi.json', 'openapi.json', 'application/json'],
    ['/docs/asyncapi.json', 'asyncapi.json', 'application/json'],
    ['/docs/swagger-ui-bundle.js', 'swagger-ui-bundle.js', 'application/javascript'],
    ['/docs/swagger-ui.css', 'swagger-ui.css', 'text/css'],
  ])('serves %s from the documentation directory (%s, %s), reaching no service', async (path, file, type) => {
    const { response, echo } = await lastCallAfter(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(echo).toBeUndefined();
    expect(await (await fetch(`${base}${path}`)).text()).toBe(DOCS[file]);
  });

  it('redirects /docs to /docs/, and answers a missing documentation file with a 404 problem', async () => {
    const redirect = await fetch(`${base}/docs`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toMatch(/\/docs\/$/);
    const missing = await fetch(`${base}/docs/nothing.json`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect(await missing.json()).toMatchObject({ status: 404, code: 'GATEWAY.DOCS_NOT_FOUND' });
    // The services keep their own /docs-json: only /docs/ is the gateway's.
    expect((await lastCallAfter('/docs-json')).response.status).toBe(404);
  });

  it('answers a path no service owns with a 404 problem, reaching no service', async () => {
    for (const path of [
      '/',
      '/employersx',
      '/tasksx/1',
      '/admin',
      '/ops/queues',
      '/ops/queues/x',
      '/ops/queues/permitsx',
    ]) {
      const { response, echo } = await lastCallAfter(path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(echo).toBeUndefined();
    }
    const body = await (await fetch(`${base}/admin`)).json();
    expect(body).toMatchObject({ status: 404, code: 'GATEWAY.ROUTE_NOT_FOUND' });
  });

  it('sends the correlation id to the service and writes it in the JSON access log', async () => {
    const given = `corr-${Date.now()}-gateway`;
    const passed = await lastCallAfter('/employers/emp-2', { headers: { 'x-correlation-id': given } });
    expect(passed.echo?.headers['x-correlation-id']).toBe(given);
    expect(passed.echo?.headers['x-forwarded-for']).toBe('127.0.0.1');

    const made = await lastCallAfter('/employers/emp-3');
    const generated = made.echo?.headers['x-correlation-id'];
    expect(generated).toMatch(/^[0-9a-f]{32}$/);

    // A value the services would refuse (too short) is replaced, not passed on.
    const refused = await lastCallAfter('/employers/emp-4', { headers: { 'x-correlation-id': 'abc' } });
    expect(refused.echo?.headers['x-correlation-id']).toMatch(/^[0-9a-f]{32}$/);

    const lines = readFileSync(join(dataDir, 'log/gateway.log'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({ correlationId: given, path: '/employers/emp-2', status: 200, method: 'GET' }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ correlationId: generated, path: '/employers/emp-3' }),
    );
  });

  it('passes the W3C trace context on as the client sent it, and sends none when the client sent none', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const traced = await lastCallAfter('/employers/emp-5', {
      headers: { traceparent, tracestate: 'vendor=opaque' },
    });
    expect(traced.echo?.headers['traceparent']).toBe(traceparent);
    expect(traced.echo?.headers['tracestate']).toBe('vendor=opaque');
    const untraced = await lastCallAfter('/employers/emp-6');
    expect(untraced.echo?.headers).not.toHaveProperty('traceparent');
    expect(untraced.echo?.headers).not.toHaveProperty('tracestate');
  });

  it('refuses a body over 1 MiB with a 413 problem before any service sees it; roster files may be larger', async () => {
    const big = Buffer.alloc(1_500_000, 'a');
    const refused = await lastCallAfter('/employers', { method: 'POST', body: big });
    expect(refused.response.status).toBe(413);
    expect(refused.response.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.echo).toBeUndefined();

    const roster = Buffer.alloc(3_000_000, 'b');
    const accepted = await lastCallAfter('/worksites/ws-1/rosters', {
      method: 'POST',
      body: roster,
      headers: { 'content-type': 'text/csv' },
    });
    expect(accepted.response.status).toBe(200);
    expect(accepted.echo).toMatchObject({ service: 'permits', bodyBytes: roster.length });
  });

  it('rate-limits the public routes per client with a 429 problem, and only them', async () => {
    const statuses = async (path: string) =>
      Promise.all(
        Array.from({ length: 20 }, async () => {
          const response = await fetch(`${base}${path}`);
          const body = await response.text();
          return { status: response.status, body, retryAfter: response.headers.get('retry-after') };
        }),
      );
    const verify = await statuses('/verify/token-x');
    const limited = verify.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(verify.filter((r) => r.status === 200).length).toBeGreaterThan(0);
    const [first] = limited;
    expect(JSON.parse(first?.body ?? '{}')).toMatchObject({ status: 429, code: 'GATEWAY.RATE_LIMITED' });
    expect(first?.retryAfter).toBe('1');

    const internal = await statuses('/inspectors');
    expect(internal.map((r) => r.status)).toEqual(internal.map(() => 200));
  });

  it('answers 503 problem details when the service behind a route does not answer', async () => {
    await new Promise((resolve) => upstream('audits').close(resolve));
    const response = await fetch(`${base}/tasks`);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 503, code: 'GATEWAY.SERVICE_UNAVAILABLE' });
    // The other services still answer.
    expect((await fetch(`${base}/employers`)).status).toBe(200);
  });

  it('reuses a running gateway and stops it', async () => {
    const again = await run('bash', [script, 'start'], { env });
    expect(again.stdout).toMatch(/gateway: already running/);
    const status = await run('bash', [script, 'status'], { env });
    expect(status.stdout).toMatch(/^gateway\s+running/);
  });
});

describe('infra/gateway with several instances of a service', () => {
  jest.setTimeout(60_000);

  it('shares the requests of a route out among every instance in its port list, round-robin', async () => {
    const calls: Echo[] = [];
    const servers = [
      await echoServer('audits #1', calls),
      await echoServer('audits #2', calls),
      await echoServer('employers', calls),
      await echoServer('permits', calls),
    ];
    const [first, second, employers, permits] = servers as [Server, Server, Server, Server];
    const dataDir = mkdtempSync(join(tmpdir(), 'frontera-gateway-'));
    const port = await freeLowPort();
    const env = {
      ...process.env,
      FRONTERA_DATA_DIR: dataDir,
      FRONTERA_GATEWAY_PORT: String(port),
      FRONTERA_PORT_EMPLOYERS: portOf(employers),
      FRONTERA_PORT_PERMITS: portOf(permits),
      FRONTERA_PORT_AUDITS: `${portOf(first)},${portOf(second)}`,
    };
    try {
      await run('bash', [script, 'start'], { env });
      for (let i = 0; i < 6; i++) {
        const response = await fetch(`http://127.0.0.1:${port}/inspectors?page=${i}`);
        expect(response.status).toBe(200);
        await response.arrayBuffer();
      }
      expect(calls.map((c) => c.service).sort()).toEqual([
        ...Array(3).fill('audits #1'),
        ...Array(3).fill('audits #2'),
      ]);
      const refused = await run('bash', [script, 'render'], {
        env: { ...env, FRONTERA_PORT_AUDITS: '1,x' },
      }).catch((error: { stderr?: string }) => error);
      expect((refused as { stderr?: string }).stderr).toContain(
        '"1,x" is not a port or a comma-separated list of ports',
      );
    } finally {
      await run('bash', [script, 'stop'], { env }).catch(() => undefined);
      for (const server of servers) server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
