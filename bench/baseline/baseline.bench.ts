/**
 * Baseline ceilings of the local servers: `npm run bench` (bench/run.sh) runs this file.
 * Usage: node tools/scripts/run-ts.cjs bench/baseline/baseline.bench.ts [--quick]
 *          [--only=mongo,lookups,kafka,bullmq,http] [--runs=N]
 */
import * as path from 'node:path';
import {
  BenchResultFile,
  formatMetricsTable,
  parseBenchArgs,
  REPO_ROOT,
  runBenchCommand,
  writeResults,
} from '../lib';
import { BASELINE_SUITE_NAMES, DEFAULT_RUNS, runBaseline } from './baseline';

const WATCHDOG_MS = { full: 8 * 60_000, quick: 3 * 60_000 };

const USAGE = `usage: npm run bench -- [--quick] [--only=${BASELINE_SUITE_NAMES.join(',')}] [--runs=N]
  --quick   smaller counts and 1 s HTTP runs (smoke run, well under a minute)
  --only    run only these suites
  --runs    recorded runs per case after the warm-up (default ${DEFAULT_RUNS.full}, --quick ${DEFAULT_RUNS.quick})`;

function printReport(result: BenchResultFile, files: { file: string; latest: string }): void {
  const m = result.machine;
  const lines = [
    '',
    `Baseline ceilings — ${result.options['quick'] ? 'QUICK (smoke) run' : 'full run'}, ` +
      `median of ${result.options['runs']} runs after 1 warm-up; spread = ±½(max−min)/median`,
    `${m.os.type} ${m.os.release} ${m.os.arch} · ${m.cpus.count} × ${m.cpus.model} · ` +
      `Node ${m.node.version} · git ${m.git.commit?.slice(0, 10) ?? 'n/a'}${m.git.dirty ? ' (dirty)' : ''} · ` +
      `load ${m.loadavg.start.join('/')} → ${m.loadavg.end?.join('/') ?? '?'}`,
    '',
    formatMetricsTable(result.metrics),
    '',
    ...result.notes.map((n) => `note: ${n}`),
    ...result.errors.map((e) => `FAILED ${e.group}: ${e.message}`),
    `results: ${path.relative(REPO_ROOT, files.file)} (also ${path.relative(REPO_ROOT, files.latest)})`,
    `total time: ${(result.durationMs / 1000).toFixed(1)} s`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

async function main(): Promise<number> {
  const args = parseBenchArgs(process.argv.slice(2), BASELINE_SUITE_NAMES);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // Every loop is bounded; this is the last resort should a client hang outside of them.
  const watchdogMs = args.quick ? WATCHDOG_MS.quick : WATCHDOG_MS.full;
  setTimeout(() => {
    process.stderr.write(`bench: watchdog: still running after ${watchdogMs / 1000} s, exiting\n`);
    process.exit(3);
  }, watchdogMs).unref();

  process.stderr.write(
    `bench baseline: suites ${(args.only ?? BASELINE_SUITE_NAMES).join(',')}` +
      `${args.quick ? ' (quick)' : ''}, ${args.runs ?? (args.quick ? DEFAULT_RUNS.quick : DEFAULT_RUNS.full)} runs each\n`,
  );
  const result = await runBaseline({ quick: args.quick, only: args.only, runs: args.runs ?? undefined });
  const files = writeResults(result);
  printReport(result, files);
  return result.errors.length > 0 ? 1 : 0;
}

runBenchCommand('bench', main, USAGE);
