/**
 * Harvest season, one command (issue 14): runs the benchmarks that measure P1–P5 and the memory of the
 * services — bench/system (P1 issuance end to end, P2 event propagation, memory idle and under P1),
 * bench/permits (P4 public verification, P5 a 10,000-row roster) and bench/audits (P3 planning per
 * employer from 1,000 to 100,000 employers) — one after the other, each against ceilings measured in
 * its own run, then prints one table of the goals and writes bench/results/harvest-<time>.json.
 *
 * Usage: node tools/scripts/run-ts.cjs bench/harvest/harvest.ts [--quick] [--summary] [--skip=system,permits,audits]
 *   --summary   only the table, from the latest result files of the three benchmarks
 * (npm run bench:harvest). See bench/README.md, "Harvest season".
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import {
  type BenchResultFile,
  formatTable,
  machineInfo,
  readLatestResults,
  REPO_ROOT,
  RESULT_SCHEMA,
  RESULTS_DIR,
  runBenchCommand,
  writeResults,
} from '../lib';

const BENCHES = ['system', 'permits', 'audits'] as const;
/** Result files the table also reads, of benchmarks too long to run here (bench:register, 40–50 minutes). */
const READ_ONLY = ['register'] as const;
type Bench = (typeof BENCHES)[number] | (typeof READ_ONLY)[number];
const USAGE = `usage: harvest.ts [--quick] [--summary] [--skip=${BENCHES.join(',')}]`;

interface Goal {
  id: string;
  goal: string;
  value: number | null;
  met: boolean | null;
}

/** What each figure of the issue is, and which benchmark's goal measures it. */
const FIGURES: readonly { figure: string; what: string; bench: Bench; goalIds: readonly string[] }[] = [
  {
    figure: 'P1',
    what: 'issuance end to end: approval → visible in audits and employers',
    bench: 'system',
    goalIds: ['system.issuance.ratio'],
  },
  {
    figure: 'P2',
    what: 'event propagation at half P1: permit write → audits applied, p99',
    bench: 'system',
    goalIds: ['system.propagation.p99'],
  },
  {
    figure: 'P3',
    what: 'audit planning per employer, 1,000 → 100,000',
    bench: 'audits',
    goalIds: ['audits.plan.perEmployer'],
  },
  {
    figure: 'P4',
    what: 'public verification (token; number + birth year)',
    bench: 'permits',
    goalIds: ['permits.verify.token.rps', 'permits.verify.number.rps'],
  },
  { figure: 'P5', what: '10,000-row roster', bench: 'permits', goalIds: ['permits.roster.rows'] },
  {
    figure: 'P6',
    what: 'national register: the slowest request, full ÷ small register (npm run bench:register)',
    bench: 'register',
    goalIds: ['register.worst'],
  },
  {
    figure: 'memory',
    what: 'each service idle (P1 load: bench/system table)',
    bench: 'system',
    goalIds: ['system.memory.employers.idle', 'system.memory.permits.idle', 'system.memory.audits.idle'],
  },
];

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const quick = argv.includes('--quick');
  const summaryOnly = argv.includes('--summary');
  const skipArg = argv.find((a) => a.startsWith('--skip='));
  const skip = new Set((skipArg?.slice('--skip='.length) ?? '').split(',').filter((s) => s.length > 0));
  for (const s of skip)
    if (!(BENCHES as readonly string[]).includes(s)) throw new Error(`--skip: unknown '${s}'`);
  const unknown = argv.filter((a) => !['--quick', '--summary'].includes(a) && !a.startsWith('--skip='));
  if (unknown.length > 0) throw new Error(`unknown arguments: ${unknown.join(' ')}`);

  const started = new Date();
  const exitCodes: Partial<Record<Bench, number>> = {};
  if (!summaryOnly) {
    for (const bench of BENCHES) {
      if (skip.has(bench)) continue;
      process.stderr.write(`\n[harvest] ${bench}: bash bench/${bench}/run.sh${quick ? ' --quick' : ''}\n`);
      const t0 = Date.now();
      const run = spawnSync(
        'bash',
        [path.join(REPO_ROOT, 'bench', bench, 'run.sh'), ...(quick ? ['--quick'] : [])],
        {
          cwd: REPO_ROOT,
          stdio: 'inherit',
        },
      );
      exitCodes[bench] = run.status ?? 1;
      process.stderr.write(
        `[harvest] ${bench}: exit ${exitCodes[bench]} in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`,
      );
    }
  }

  const files: Partial<Record<Bench, BenchResultFile & { goals?: Goal[] }>> = {};
  for (const bench of [...BENCHES, ...READ_ONLY]) {
    if (existsSync(path.join(RESULTS_DIR, `${bench}-latest.json`))) files[bench] = readLatestResults(bench);
  }
  const rows: string[][] = [];
  const summary: {
    figure: string;
    id: string;
    goal: string;
    value: number | null;
    met: boolean | null;
    from: string | null;
  }[] = [];
  for (const f of FIGURES) {
    const file = files[f.bench];
    for (const id of f.goalIds) {
      const goal = file?.goals?.find((g) => g.id === id);
      const from = file
        ? `${f.bench} ${file.startedAt.slice(0, 16)}Z${file.options['quick'] ? ' quick' : ''}`
        : null;
      summary.push({
        figure: f.figure,
        id,
        goal: goal?.goal ?? '',
        value: goal?.value ?? null,
        met: goal?.met ?? null,
        from,
      });
      rows.push([
        f.figure,
        f.goalIds.length > 1 ? `${f.what} — ${id.split('.').slice(-2, -1)[0]}` : f.what,
        goal && goal.value !== null && Number.isFinite(goal.value) ? goal.value.toFixed(3) : '—',
        goal?.goal ?? (file ? 'not in the result file' : `no ${f.bench} result yet`),
        goal ? (goal.met === null ? 'n/a' : goal.met ? 'met' : 'NOT met') : '—',
        from ?? '—',
      ]);
    }
  }

  process.stdout.write(
    `\nHarvest season — the goals of issue 14 (each value a ratio against a ceiling of its own run, or MiB)\n\n${formatTable(
      [
        { header: 'figure' },
        { header: 'what' },
        { header: 'value', align: 'right' },
        { header: 'goal' },
        { header: 'result' },
        { header: 'from' },
      ],
      rows,
    )}\n`,
  );
  const finished = new Date();
  const machine = machineInfo();
  const written = writeResults({
    schema: RESULT_SCHEMA,
    name: 'harvest',
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    options: { quick, summaryOnly, skip: [...skip], exitCodes },
    machine,
    endpoints: {},
    metrics: [],
    notes: ['P6 comes from the latest bench:register result (not run by this command: 40–50 minutes)'],
    errors: Object.entries(exitCodes)
      .filter(([, code]) => code !== 0)
      .map(([group, code]) => ({ group, message: `bench/${group}/run.sh exited ${code}` })),
    summary,
  } as BenchResultFile & { summary: typeof summary });
  process.stdout.write(`written: ${written.file}\n`);
  return Object.values(exitCodes).some((c) => c !== 0) ? 1 : 0;
}

runBenchCommand('harvest', main, USAGE);
