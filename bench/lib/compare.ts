import * as os from 'node:os';
import type { Better, MetricResult } from './metrics';
import { BenchResultFile, readLatestResults, readResults } from './results';

/** measured ÷ baseline; NaN when either is not a positive finite number. */
export function ratio(measured: number, baseline: number): number {
  if (!Number.isFinite(measured) || !Number.isFinite(baseline) || baseline <= 0 || measured < 0) {
    return Number.NaN;
  }
  return measured / baseline;
}

/**
 * Fraction of the ceiling reached, oriented so that 1 means "as good as the bare client" and
 * 0.5 "half as good": measured/baseline for throughput, baseline/measured for latency.
 */
export function efficiency(measured: number, baseline: number, better: Better): number {
  return better === 'higher' ? ratio(measured, baseline) : ratio(baseline, measured);
}

export interface Comparison {
  id: string;
  baselineId: string;
  unit: string;
  better: Better;
  value: number;
  baselineValue: number;
  /** value ÷ baselineValue. */
  ratio: number;
  /** See efficiency(): 1 = at the ceiling, < 1 = below it. */
  efficiency: number;
}

type Baseline = BenchResultFile | readonly MetricResult[];

function metricsOf(baseline: Baseline): readonly MetricResult[] {
  return 'metrics' in baseline ? baseline.metrics : baseline;
}

export function findMetric(baseline: Baseline, id: string): MetricResult | undefined {
  return metricsOf(baseline).find((m) => m.id === id);
}

/**
 * Compares measured metrics with baseline ceilings. `against` maps a measured metric id to the
 * baseline metric id it is compared with, e.g. `{ 'outbox.relay': 'kafka.batch.e2e' }`.
 * Returns the metrics with `ratio` set (value ÷ baseline value, label 'of <baseline id>') plus
 * the comparisons. Throws when a baseline metric is missing or measures the other direction
 * (throughput against latency).
 */
export function compareToBaseline(
  metrics: readonly MetricResult[],
  baseline: Baseline,
  against: Readonly<Record<string, string>>,
): { metrics: MetricResult[]; comparisons: Comparison[] } {
  const comparisons: Comparison[] = [];
  const out = metrics.map((m) => {
    const baselineId = against[m.id];
    if (!baselineId) return m;
    const base = findMetric(baseline, baselineId);
    if (!base) throw new Error(`baseline has no metric '${baselineId}' (compared with '${m.id}')`);
    if (base.better !== m.better) {
      throw new Error(
        `'${m.id}' (${m.better} is better) cannot be compared with '${baselineId}' (${base.better})`,
      );
    }
    const c: Comparison = {
      id: m.id,
      baselineId,
      unit: m.unit,
      better: m.better,
      value: m.value,
      baselineValue: base.value,
      ratio: ratio(m.value, base.value),
      efficiency: efficiency(m.value, base.value, m.better),
    };
    comparisons.push(c);
    return { ...m, ratio: { value: c.ratio, label: `of ${baselineId}` } };
  });
  return { metrics: out, comparisons };
}

export interface LoadBaselineOptions {
  /** Result file to read; default bench/results/baseline-latest.json. */
  file?: string;
  /** Older baselines are reported by baselineWarnings (default 60 minutes). */
  maxAgeMs?: number;
}

/**
 * Reads the latest baseline written by `npm run bench`. Prefer running the baseline in the same
 * process (runBaseline in bench/baseline/baseline.ts): a stored baseline was measured under
 * another load of this shared machine. Check baselineWarnings() before trusting the ratios.
 */
export function loadBaseline(options: LoadBaselineOptions = {}): BenchResultFile {
  try {
    return options.file ? readResults(options.file) : readLatestResults('baseline');
  } catch (err) {
    throw new Error(
      `no usable baseline (${(err as Error).message}); run 'npm run bench' first or call runBaseline() in-process`,
    );
  }
}

/** Reasons a stored baseline may not be comparable with a measurement taken now, here. */
export function baselineWarnings(baseline: BenchResultFile, options: LoadBaselineOptions = {}): string[] {
  const warnings: string[] = [];
  const maxAgeMs = options.maxAgeMs ?? 60 * 60 * 1000;
  const ageMs = Date.now() - Date.parse(baseline.finishedAt);
  if (!(ageMs <= maxAgeMs)) warnings.push(`baseline is ${Math.round(ageMs / 60000)} min old`);
  if (baseline.machine.hostname !== os.hostname()) {
    warnings.push(`baseline was measured on ${baseline.machine.hostname}, not ${os.hostname()}`);
  }
  if (baseline.machine.node.version !== process.version) {
    warnings.push(`baseline used Node ${baseline.machine.node.version}, this is ${process.version}`);
  }
  if (baseline.options['quick']) warnings.push('baseline is a --quick run (small counts)');
  if (baseline.errors.length > 0) {
    warnings.push(`baseline suites failed: ${baseline.errors.map((e) => e.group).join(', ')}`);
  }
  return warnings;
}
