import 'reflect-metadata';
import * as os from 'node:os';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { pino, type DestinationStream, type LevelWithSilent } from 'pino';
import { AuthModule, Public } from '@frontera/platform-auth';
import { aPrincipal, TestTokenIssuer } from '@frontera/platform-auth/testing';
import { ObservabilityModule } from '@frontera/platform-observability';
import { freePort } from '@frontera/platform-testing';
import { PING_BODY, PING_PATH, startNestPing, type RunningServer } from '../baseline/http-apps';
import {
  HttpLoadResult,
  LOOPBACK,
  median,
  MetricResult,
  metricFromRuns,
  runHttpLoad,
  runInterleaved,
  runsOf,
  Suite,
  SuiteContext,
  SuiteOutput,
  withTimeout,
} from '../lib';

const SIZES = {
  full: { durationSec: 4, warmupSec: 2, connections: 50 },
  quick: { durationSec: 1, warmupSec: 1, connections: 50 },
};

const ISSUER = 'https://id.bench';
const AUDIENCE = 'frontera-bench';

/**
 * A pino destination that counts the lines it is given and writes them to /dev/null with pino's
 * own synchronous file destination (what stdout is for a service), so the write is paid for but
 * no terminal or pipe reader slows it down.
 */
class CountingNullDestination implements DestinationStream {
  lines = 0;
  private readonly sink = pino.destination({ dest: '/dev/null', sync: true });

  write(chunk: string): void {
    for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) this.lines += 1;
    this.sink.write(chunk);
  }

  close(): void {
    this.sink.end();
  }
}

@Controller()
class OpenPingController {
  @Public()
  @Get(PING_PATH.slice(1))
  ping(): typeof PING_BODY {
    return PING_BODY;
  }
}

@Controller()
class GuardedPingController {
  @Get(PING_PATH.slice(1))
  ping(): typeof PING_BODY {
    return PING_BODY;
  }
}

interface Variant {
  key: string;
  label: string;
  logLevel?: LevelWithSilent;
  auth?: { publicKeyPem: string };
}

/** One load run, with the CPU time this process spent per request (server and load generator). */
interface LoadRun extends HttpLoadResult {
  cpuUsPerRequest: number;
}

interface StartedVariant extends RunningServer {
  headers: Record<string, string>;
  destination?: CountingNullDestination;
}

async function startVariant(variant: Variant, token: string): Promise<StartedVariant> {
  const destination = variant.logLevel === undefined ? undefined : new CountingNullDestination();
  const imports: DynamicModule[] = [];
  if (destination !== undefined) {
    imports.push(
      ObservabilityModule.forRoot({
        serviceName: 'bench-logging',
        serviceVersion: '0.0.0',
        logLevel: variant.logLevel,
        destination,
      }),
    );
  }
  if (variant.auth) {
    imports.push(
      AuthModule.forRoot({
        AUTH_ISSUER: ISSUER,
        AUTH_AUDIENCE: AUDIENCE,
        AUTH_PUBLIC_KEY: variant.auth.publicKeyPem,
      }),
    );
  }
  @Module({ imports, controllers: [variant.auth ? GuardedPingController : OpenPingController] })
  class BenchModule {}

  const app: INestApplication = await NestFactory.create(BenchModule, new ExpressAdapter(), {
    logger: false,
    abortOnError: false,
  });
  await app.listen(await freePort(), LOOPBACK);
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  return {
    url: `http://${LOOPBACK}:${port}${PING_PATH}`,
    headers: variant.auth ? { authorization: `Bearer ${token}` } : {},
    destination,
    close: async () => {
      await app.close();
      destination?.close();
    },
  };
}

/** Checks the route answers 200 with the ping body (with the variant's headers) before loading it. */
async function checkResponse(server: StartedVariant): Promise<void> {
  const res = await withTimeout(fetch(server.url, { headers: server.headers }), 5_000, `GET ${server.url}`);
  const body = await res.text();
  if (res.status !== 200 || body !== JSON.stringify(PING_BODY)) {
    throw new Error(`GET ${server.url} answered ${res.status} ${body}`);
  }
}

/**
 * The per-request cost of the platform's request path: a bare NestJS route (the baseline), the
 * same route with ObservabilityModule at `warn` and at `info` (correlation, metrics, the request
 * line), with the auth guard verifying one bearer token on every request, and both together at
 * `warn` (how the employers benchmark runs the service). Runs are interleaved; each case's
 * figures are divided by the bare route's run next to it. Besides req/s, every run records the
 * CPU time of this process per request (process.cpuUsage: server and the autocannon worker),
 * which other processes on the shared cores disturb far less than throughput; the load
 * generator's share is the same in every case, so the difference to the bare route is what the
 * platform adds to a request.
 */
export const requestPathSuite: Suite = {
  name: 'request-path',
  budgetMs: { full: 240_000, quick: 60_000 },
  async run(ctx: SuiteContext): Promise<SuiteOutput> {
    const size = ctx.quick ? SIZES.quick : SIZES.full;
    const issuer = await TestTokenIssuer.create({ issuer: ISSUER, audience: AUDIENCE });
    const token = await issuer.mintFor(aPrincipal('officer').inStates('CHP').build(), { ttlSeconds: 3600 });
    const auth = { publicKeyPem: issuer.publicKeyPem };
    const variants: Variant[] = [
      { key: 'obs-warn', label: 'nest + observability warn', logLevel: 'warn' },
      { key: 'obs-info', label: 'nest + observability info', logLevel: 'info' },
      { key: 'auth', label: 'nest + auth guard', auth },
      { key: 'obs-warn-auth', label: 'nest + observability warn + auth', logLevel: 'warn', auth },
    ];

    const servers: RunningServer[] = [];
    try {
      const bare = await startNestPing();
      servers.push(bare);
      const bareVariant: StartedVariant = { ...bare, headers: {} };
      const started = new Map<string, StartedVariant>([['nest', bareVariant]]);
      for (const variant of variants) {
        const server = await startVariant(variant, token);
        servers.push(server);
        started.set(variant.key, server);
      }
      for (const server of started.values()) await checkResponse(server);

      const requestsOf = new Map<string, number>();
      const load = async (key: string, durationSec: number): Promise<LoadRun> => {
        ctx.deadline.check();
        const server = started.get(key) as StartedVariant;
        const cpuBefore = process.cpuUsage();
        const r = await runHttpLoad({
          url: server.url,
          connections: size.connections,
          durationSec,
          headers: server.headers,
        });
        const cpu = process.cpuUsage(cpuBefore);
        if (r.non2xx > 0) throw new Error(`${key}: ${r.non2xx} non-2xx responses`);
        requestsOf.set(key, (requestsOf.get(key) ?? 0) + r.requests);
        return { ...r, cpuUsPerRequest: r.requests > 0 ? (cpu.user + cpu.system) / r.requests : Number.NaN };
      };
      const keys = ['nest', ...variants.map((v) => v.key)];
      const linesBefore = new Map(
        variants.map((v) => [v.key, started.get(v.key)?.destination?.lines ?? 0] as const),
      );
      const results = await runInterleaved<LoadRun>(
        keys.map((key) => ({
          key,
          warmup: () => load(key, size.warmupSec),
          run: () => load(key, size.durationSec),
        })),
        ctx.runs,
        (m) => ctx.log(`request-path: ${m}`),
      );
      const bareRuns = runsOf(results, 'nest');
      const params = { connections: size.connections, durationSec: size.durationSec, route: 'GET /ping' };
      const rows: MetricResult[] = [
        metricFromRuns(
          {
            id: 'request-path.nest.rps',
            group: 'request-path',
            name: 'bare nest',
            metric: 'throughput',
            unit: 'req/s',
            better: 'higher',
            params,
          },
          bareRuns.map((r) => r.requestsPerSec),
        ),
        metricFromRuns(
          {
            id: 'request-path.nest.cpu',
            group: 'request-path',
            name: 'bare nest',
            metric: 'CPU per request',
            unit: 'µs',
            better: 'lower',
            params,
          },
          bareRuns.map((r) => r.cpuUsPerRequest),
        ),
      ];
      const notes: string[] = [];
      for (const variant of variants) {
        const runs = runsOf(results, variant.key);
        const variantParams = { ...params, logLevel: variant.logLevel ?? null, auth: Boolean(variant.auth) };
        const rps = metricFromRuns(
          {
            id: `request-path.${variant.key}.rps`,
            group: 'request-path',
            name: variant.label,
            metric: 'throughput',
            unit: 'req/s',
            better: 'higher',
            params: variantParams,
          },
          runs.map((r) => r.requestsPerSec),
        );
        // Paired: run i of the case against run i of the bare route (adjacent in time).
        const rpsPairs = runs.map((r, i) => r.requestsPerSec / bareRuns[i].requestsPerSec);
        rps.ratio = { value: median(rpsPairs), label: 'vs bare nest', runs: rpsPairs };
        rows.push(rps);
        const cpu = metricFromRuns(
          {
            id: `request-path.${variant.key}.cpu`,
            group: 'request-path',
            name: variant.label,
            metric: 'CPU per request',
            unit: 'µs',
            better: 'lower',
            params: variantParams,
          },
          runs.map((r) => r.cpuUsPerRequest),
        );
        const cpuPairs = runs.map((r, i) => r.cpuUsPerRequest / bareRuns[i].cpuUsPerRequest);
        cpu.ratio = { value: median(cpuPairs), label: 'vs bare nest', runs: cpuPairs };
        rows.push(cpu);
        rows.push(
          metricFromRuns(
            {
              id: `request-path.${variant.key}.addedCpu`,
              group: 'request-path',
              name: variant.label,
              metric: 'CPU added per request',
              unit: 'µs',
              better: 'lower',
              params: variantParams,
            },
            runs.map((r, i) => r.cpuUsPerRequest - bareRuns[i].cpuUsPerRequest),
          ),
        );
        const destination = started.get(variant.key)?.destination;
        if (destination !== undefined) {
          const written = destination.lines - (linesBefore.get(variant.key) ?? 0);
          const requests = requestsOf.get(variant.key) ?? 0;
          notes.push(
            `request-path: ${variant.label}: ${written} log lines for ${requests} requests ` +
              `(${requests > 0 ? (written / requests).toFixed(2) : 'n/a'} per request, warm-up included).`,
          );
        }
      }
      notes.push(
        `request-path: autocannon runs in a worker thread of the bench process and shares the ` +
          `${os.availableParallelism()} core(s) with the servers; compare ratios and added µs within one run.`,
      );
      const errors = [...results.values()].flat().reduce((n, r) => n + r.errors + r.timeouts, 0);
      if (errors > 0) notes.push(`request-path: ${errors} connection errors/timeouts during the load runs.`);
      return { metrics: rows, notes };
    } finally {
      for (const server of servers.reverse()) {
        await withTimeout(server.close(), 10_000, `close ${server.url}`).catch((err: Error) =>
          ctx.log(`request-path: clean-up: ${err.message}`),
        );
      }
    }
  },
};
