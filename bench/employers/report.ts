import { findMetric, formatNumber, formatRatio, formatTable, ratio, type MetricResult } from '../lib';
import { IDLE_SETTLED_MS } from './service-process';
import type { IdleReading, SweepRow } from './sweep';

export interface IdleMemory {
  rssMiB: number;
  peakMiB: number;
  anonMiB: number;
  fileMiB: number;
  /** From the service's /metrics (prom-client default metrics), MiB. */
  heap?: Record<string, number>;
}

export interface Goal {
  goal: string;
  measured: string;
  /** null: not measured in this run. */
  met: boolean | null;
}

const MIB_PER_MB = 1e6 / 2 ** 20;
const pct = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(2)} %` : 'n/a');
const at = (n: number): string => `@${n.toLocaleString('en-US')}`;

/** The sweep as one table: rates at each register size and the paired ratios. */
export function formatSweep(rows: readonly SweepRow[]): string {
  return formatTable(
    [
      { header: 'employers', align: 'right' },
      { header: 'load docs/s', align: 'right' },
      { header: 'ping', align: 'right' },
      { header: '(a) read', align: 'right' },
      { header: 'GET', align: 'right' },
      { header: 'GET/(a)', align: 'right' },
      { header: 'GET p99', align: 'right' },
      { header: '(b) write', align: 'right' },
      { header: '(b′) budget', align: 'right' },
      { header: 'command', align: 'right' },
      { header: 'cmd/(b)', align: 'right' },
      { header: 'cmd/(b′)', align: 'right' },
      { header: 'cmd p99', align: 'right' },
      { header: 'other CPU', align: 'right' },
    ],
    rows.map((r) => [
      r.size.toLocaleString('en-US'),
      r.loadDocsPerSec === null ? '' : formatNumber(r.loadDocsPerSec),
      formatNumber(r.ping),
      formatNumber(r.ceilingRead),
      formatNumber(r.read),
      formatRatio(r.readVsCeiling),
      `${formatNumber(r.readP99)} ms`,
      formatNumber(r.ceilingWrite),
      formatNumber(r.ceilingBudget),
      formatNumber(r.command),
      formatRatio(r.commandVsCeiling),
      formatRatio(r.commandVsBudget),
      `${formatNumber(r.commandP99)} ms`,
      `${Number.isFinite(r.otherCpu) ? r.otherCpu.toFixed(0) : 'n/a'} %`,
    ]),
  );
}

export interface SweepRatios {
  from: number;
  to: number;
  ceilingRead: number;
  read: number;
  ceilingWrite: number;
  ceilingBudget: number;
  command: number;
}

/** Rate at the largest size ÷ rate at the smallest, for each case (ratio of medians). */
export function sweepRatios(rows: readonly SweepRow[]): SweepRatios | undefined {
  if (rows.length < 2) return undefined;
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    from: first.size,
    to: last.size,
    ceilingRead: ratio(last.ceilingRead, first.ceilingRead),
    read: ratio(last.read, first.read),
    ceilingWrite: ratio(last.ceilingWrite, first.ceilingWrite),
    ceilingBudget: ratio(last.ceilingBudget, first.ceilingBudget),
    command: ratio(last.command, first.command),
  };
}

export function formatIdle(idle: readonly IdleReading[], afterWarmup?: IdleMemory): string {
  const table = formatTable(
    [
      { header: 'employers', align: 'right' },
      { header: 'window', align: 'right' },
      { header: 'service', align: 'right' },
      { header: 'FerretDB', align: 'right' },
      { header: 'PG backends', align: 'right' },
      { header: 'DB total', align: 'right' },
      { header: 'PG background', align: 'right' },
      { header: 'bare app', align: 'right' },
      { header: 'other CPU', align: 'right' },
      { header: 'consumed', align: 'right' },
      { header: 'service RSS', align: 'right' },
      { header: 'heap total/used', align: 'right' },
    ],
    idle.map((r) => [
      r.size.toLocaleString('en-US'),
      `${(r.windowMs / 1000).toFixed(0)} s`,
      pct(r.cpu['service']),
      pct(r.cpu['ferretdb']),
      `${pct(r.cpu['postgresBackends'])} (${r.processes['postgresBackends']})`,
      pct(r.cpu['ferretdb'] + r.cpu['postgresBackends']),
      pct(r.cpu['postgresBackground']),
      pct(r.cpu['ceilingApp']),
      `${Number.isFinite(r.otherCpu) ? r.otherCpu.toFixed(0) : 'n/a'} %`,
      r.consumedMessages === undefined ? 'n/a' : String(r.consumedMessages),
      `${r.serviceRssMiB.end.toFixed(1)} MiB`,
      r.serviceHeap
        ? `${r.serviceHeap['heapTotal']?.toFixed(1)}/${r.serviceHeap['heapUsed']?.toFixed(1)} MiB`
        : 'n/a',
    ]),
  );
  const warm = afterWarmup
    ? `service RSS idle after start and warm-up (${IDLE_SETTLED_MS / 1000} s without requests): ${afterWarmup.rssMiB.toFixed(1)} MiB ` +
      `(${afterWarmup.anonMiB.toFixed(1)} anonymous, ${afterWarmup.fileMiB.toFixed(1)} file-backed)` +
      (afterWarmup.heap
        ? ` (V8 heap ${afterWarmup.heap['heapTotal']?.toFixed(1)} MiB total, ${afterWarmup.heap['heapUsed']?.toFixed(1)} used; external ${afterWarmup.heap['external']?.toFixed(1)})`
        : '')
    : '';
  return [
    "Idle (CPU in % of one core: utime + stime from /proc over the window; PG backends = those serving the measured FerretDB's connections; other CPU = the rest of the machine, a busy neighbour shows there; consumed = messages of other apps on the shared topics the service's consumers handled meanwhile, work included in its CPU):",
    table,
    warm,
  ]
    .filter((l) => l.length > 0)
    .join('\n');
}

export interface GoalInput {
  metrics: readonly MetricResult[];
  rows: readonly SweepRow[];
  idle: readonly IdleReading[];
  afterWarmup?: IdleMemory;
}

/** The goals of the issue, each from figures of this run. */
export function evaluateGoals(input: GoalInput): Goal[] {
  const goals: Goal[] = [];
  const { rows } = input;
  const list = (pick: (r: SweepRow) => number): string =>
    rows.map((r) => `${formatRatio(pick(r))} ${at(r.size)}`).join(', ');
  goals.push({
    goal: 'reads ≥ 0.5 × the same-operations ceiling (a)',
    measured: rows.length ? list((r) => r.readVsCeiling) : 'n/a',
    met: rows.length ? rows.every((r) => r.readVsCeiling >= 0.5) : null,
  });
  goals.push({
    goal: 'commands ≥ 0.5 × their ceiling (b)',
    measured: rows.length ? list((r) => r.commandVsCeiling) : 'n/a',
    met: rows.length ? rows.every((r) => r.commandVsCeiling >= 0.5) : null,
  });
  const sweep = sweepRatios(rows);
  for (const [key, label] of [
    ['read', 'GET /employers/:id'],
    ['command', 'command'],
    ['ceilingRead', 'ceiling (a)'],
    ['ceilingWrite', 'ceiling (b)'],
  ] as const) {
    goals.push({
      goal: `${label}: rate ${sweep ? at(sweep.to) : '@largest'} ≥ 0.8 × rate ${sweep ? at(sweep.from) : '@100'}`,
      measured: sweep ? formatRatio(sweep[key]) : 'n/a',
      met: sweep ? sweep[key] >= 0.8 : null,
    });
  }
  for (const [prefix, label] of [
    ['employers.contention', '50 changes on one employer, 10 in flight'],
    ['employers.contentionAll', '50 changes on one employer, all at once'],
  ] as const) {
    const p99 = findMetric(input.metrics, `${prefix}.p99`)?.value;
    const busy = findMetric(input.metrics, `${prefix}.busy`)?.value;
    goals.push({
      goal: `${label}: 0 × 503 and p99 < 1 s`,
      measured: p99 === undefined ? 'n/a' : `${busy} × 503, p99 ${formatNumber(p99)} ms`,
      met: p99 === undefined || busy === undefined ? null : busy === 0 && p99 < 1_000,
    });
  }
  const idleAt = input.idle.filter((r) => r.size >= 10_000);
  const idleList = (pick: (r: IdleReading) => number): string =>
    idleAt.map((r) => `${pct(pick(r))} ${at(r.size)}`).join(', ');
  goals.push({
    goal: 'idle CPU of the service < 2 % of a core (≥ 10,000 employers)',
    measured: idleAt.length ? idleList((r) => r.cpu['service']) : 'n/a',
    met: idleAt.length ? idleAt.every((r) => r.cpu['service'] < 2) : null,
  });
  goals.push({
    goal: 'idle CPU of the database (FerretDB + PG backends) < 2 % of a core',
    measured: idleAt.length ? idleList((r) => r.cpu['ferretdb'] + r.cpu['postgresBackends']) : 'n/a',
    met: idleAt.length ? idleAt.every((r) => r.cpu['ferretdb'] + r.cpu['postgresBackends'] < 2) : null,
  });
  const rss = input.afterWarmup?.rssMiB;
  goals.push({
    goal: 'idle RSS of the service after start and warm-up ≤ 150 MB',
    measured: rss === undefined ? 'n/a' : `${rss.toFixed(1)} MiB = ${(rss / MIB_PER_MB).toFixed(0)} MB`,
    met: rss === undefined ? null : rss / MIB_PER_MB <= 150,
  });
  return goals;
}

export function formatGoals(goals: readonly Goal[]): string {
  return formatTable(
    [{ header: 'goal' }, { header: 'measured (this run)' }, { header: 'met' }],
    goals.map((g) => [g.goal, g.measured, g.met === null ? 'n/a' : g.met ? 'yes' : 'NO']),
  );
}
