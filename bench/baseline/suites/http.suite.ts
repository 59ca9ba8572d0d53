import * as os from 'node:os';
import {
  HttpLoadResult,
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
} from '../../lib';
import { PING_BODY, RunningServer, startNestPing, startNodePing } from '../http-apps';

const SIZES = {
  full: { durationSec: 4, warmupSec: 2, connections: 50 },
  quick: { durationSec: 1, warmupSec: 1, connections: 50 },
};

/** Checks that the server answers with the expected JSON before it is loaded. */
async function checkResponse(server: RunningServer): Promise<void> {
  const res = await withTimeout(fetch(server.url), 5_000, `GET ${server.url}`);
  const body = await res.text();
  if (res.status !== 200 || body !== JSON.stringify(PING_BODY)) {
    throw new Error(`GET ${server.url} answered ${res.status} ${body}`);
  }
}

/**
 * A bare NestJS 11 (Express) route and a bare node:http server with the same response, each
 * loaded with autocannon (worker thread of this process) for the same time and connections.
 * Runs alternate between the two servers; the Nest/node ratio is the median of per-pair ratios.
 */
export const httpSuite: Suite = {
  name: 'http',
  budgetMs: { full: 90_000, quick: 30_000 },
  async run(ctx: SuiteContext): Promise<SuiteOutput> {
    const size = ctx.quick ? SIZES.quick : SIZES.full;
    const servers: RunningServer[] = [];
    try {
      const node = await startNodePing();
      servers.push(node);
      const nest = await startNestPing();
      servers.push(nest);
      await checkResponse(node);
      await checkResponse(nest);

      const load = async (server: RunningServer, durationSec: number): Promise<HttpLoadResult> => {
        ctx.deadline.check();
        const r = await runHttpLoad({ url: server.url, connections: size.connections, durationSec });
        if (r.non2xx > 0) throw new Error(`${server.url}: ${r.non2xx} non-2xx responses`);
        return r;
      };
      const results = await runInterleaved<HttpLoadResult>(
        [
          { key: 'node', warmup: () => load(node, size.warmupSec), run: () => load(node, size.durationSec) },
          { key: 'nest', warmup: () => load(nest, size.warmupSec), run: () => load(nest, size.durationSec) },
        ],
        ctx.runs,
        (m) => ctx.log(`http: ${m}`),
      );
      const nodeRuns = runsOf(results, 'node');
      const nestRuns = runsOf(results, 'nest');

      const params = {
        connections: size.connections,
        durationSec: size.durationSec,
        pipelining: 1,
        route: 'GET /ping',
      };
      const rows: MetricResult[] = [];
      const add = (
        server: 'node' | 'nest',
        metric: string,
        unit: string,
        better: 'higher' | 'lower',
        pick: (r: HttpLoadResult) => number,
      ): void => {
        const runs = server === 'node' ? nodeRuns : nestRuns;
        const m = metricFromRuns(
          {
            id: `http.${server}.${metric === 'throughput' ? 'rps' : metric}`,
            group: 'http',
            name: server === 'node' ? `node:http c${size.connections}` : `nest c${size.connections}`,
            metric,
            unit,
            better,
            params: { ...params, server: server === 'node' ? 'node:http' : 'NestJS 11 + Express' },
          },
          runs.map(pick),
        );
        if (server === 'nest') {
          // Paired ratios: run i of Nest against run i of node (adjacent in time).
          const pairs = nestRuns.map((r, i) => pick(r) / pick(nodeRuns[i]));
          m.ratio = { value: median(pairs), label: 'nest/node', runs: pairs };
        }
        rows.push(m);
      };
      for (const server of ['node', 'nest'] as const) {
        add(server, 'throughput', 'req/s', 'higher', (r) => r.requestsPerSec);
        // Exact mean by Little's law (closed loop: every connection always has one request out).
        add(server, 'mean', 'ms', 'lower', (r) => (size.connections / r.requestsPerSec) * 1000);
        add(server, 'p50', 'ms', 'lower', (r) => r.latencyMs.p50);
        add(server, 'p99', 'ms', 'lower', (r) => r.latencyMs.p99);
      }

      const errors = [...nodeRuns, ...nestRuns].reduce((n, r) => n + r.errors + r.timeouts, 0);
      const notes = [
        `HTTP: the load generator (autocannon, a worker thread of the bench process) shares the ` +
          `${os.availableParallelism()} CPU core(s) with the server it loads, so req/s is a lower bound of ` +
          `the server's capacity. Compare ratios (nest/node, or a service against http.node.rps) rather than ` +
          `absolute numbers.`,
      ];
      notes.push(
        'HTTP: autocannon records latencies in whole milliseconds (p50/p99 below 1 ms read as 0); ' +
          'the mean is exact: connections ÷ req/s.',
      );
      if (errors > 0) notes.push(`HTTP: ${errors} connection errors/timeouts during the load runs.`);
      return { metrics: rows, notes };
    } finally {
      for (const server of servers.reverse()) {
        await withTimeout(server.close(), 10_000, `close ${server.url}`).catch((err: Error) =>
          ctx.log(`http: clean-up: ${err.message}`),
        );
      }
    }
  },
};
