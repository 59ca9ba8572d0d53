/**
 * The per-request cost of the platform's HTTP request path (observability logging at warn and
 * info, the auth guard) against a bare NestJS route measured in the same run. Needs no servers.
 * Usage: node tools/scripts/run-ts.cjs bench/logging/request-path.bench.ts [--quick] [--runs=N]
 * See bench/logging/README.md.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import {
  BenchResultFile,
  Deadline,
  formatMetricsTable,
  localEndpoints,
  machineInfo,
  newRunId,
  parseBenchArgs,
  REPO_ROOT,
  RESULT_SCHEMA,
  runBenchCommand,
  withTimeout,
  writeResults,
} from '../lib';
import { requestPathSuite } from './request-path.suite';

const DEFAULT_RUNS = { full: 5, quick: 3 } as const;

const USAGE = `usage: node tools/scripts/run-ts.cjs bench/logging/request-path.bench.ts [--quick] [--runs=N]
  --quick   1 s load runs (smoke run)
  --runs    recorded runs per case after the warm-up (default ${DEFAULT_RUNS.full}, --quick ${DEFAULT_RUNS.quick})`;

async function main(): Promise<number> {
  const args = parseBenchArgs(process.argv.slice(2), [requestPathSuite.name]);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const quick = args.quick;
  const runs = args.runs ?? (quick ? DEFAULT_RUNS.quick : DEFAULT_RUNS.full);
  const budget = quick ? requestPathSuite.budgetMs.quick : requestPathSuite.budgetMs.full;
  const started = new Date();
  const machine = machineInfo();
  const runId = newRunId();
  const log = (message: string): void => {
    process.stderr.write(`  · ${message}\n`);
  };
  const result: BenchResultFile = {
    schema: RESULT_SCHEMA,
    name: 'request-path',
    startedAt: started.toISOString(),
    finishedAt: started.toISOString(),
    durationMs: 0,
    options: { quick, runs, warmups: 1, runId },
    machine,
    endpoints: {},
    metrics: [],
    notes: [],
    errors: [],
  };
  try {
    const out = await withTimeout(
      requestPathSuite.run({
        runId,
        endpoints: localEndpoints(),
        runs,
        quick,
        log,
        deadline: new Deadline('request-path suite', budget),
      }),
      budget + 20_000,
      'request-path suite',
    );
    result.metrics.push(...out.metrics);
    result.notes.push(...(out.notes ?? []));
  } catch (err) {
    result.errors.push({
      group: requestPathSuite.name,
      message: err instanceof Error ? err.message : String(err),
    });
  }
  const finished = new Date();
  result.finishedAt = finished.toISOString();
  result.durationMs = finished.getTime() - started.getTime();
  machine.loadavg.end = os.loadavg().map((l) => Math.round(l * 100) / 100);
  const files = writeResults(result);
  const m = result.machine;
  process.stdout.write(
    [
      '',
      `Request path — ${quick ? 'QUICK (smoke) run' : 'full run'}, median of ${runs} runs after 1 warm-up; ` +
        'spread = ±½(max−min)/median',
      `${m.cpus.count} × ${m.cpus.model} · Node ${m.node.version} · git ${m.git.commit?.slice(0, 10) ?? 'n/a'}` +
        `${m.git.dirty ? ' (dirty)' : ''} · load ${m.loadavg.start.join('/')} → ${m.loadavg.end?.join('/') ?? '?'}`,
      '',
      formatMetricsTable(result.metrics),
      '',
      ...result.notes.map((n) => `note: ${n}`),
      ...result.errors.map((e) => `FAILED ${e.group}: ${e.message}`),
      `results: ${path.relative(REPO_ROOT, files.file)}`,
      '',
    ].join('\n'),
  );
  return result.errors.length > 0 ? 1 : 0;
}

runBenchCommand('request-path', main, USAGE);
