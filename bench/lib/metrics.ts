import { median, spread, Spread } from './stats';

/** Which direction is good: throughput is 'higher', latency is 'lower'. */
export type Better = 'higher' | 'lower';

export interface MetricRatio {
  /** The ratio shown in the table, e.g. Nest req/s ÷ bare node req/s, or measured ÷ baseline. */
  value: number;
  /** What was divided by what, e.g. 'nest/node' or 'vs baseline:kafka.batch.e2e'. */
  label: string;
  /** Per-run (paired) ratios, when the ratio was formed run by run. */
  runs?: number[];
}

/** One row of a benchmark: the median over runs of one figure, with the runs themselves. */
export interface MetricResult {
  /** Stable identifier that later benchmarks refer to, e.g. 'mongo.insertOne.concurrent'. */
  id: string;
  /** Subsystem: 'mongo', 'kafka', 'bullmq', 'http' (and whatever later benchmarks add). */
  group: string;
  /** Human label of the case, e.g. 'insertOne ×2000 c32'. */
  name: string;
  /** What is measured: 'throughput', 'p50', 'p99', ... */
  metric: string;
  unit: string;
  better: Better;
  /** Median of `runs`. */
  value: number;
  runs: number[];
  spread: Spread;
  /** Sizes and settings that produced the figure (counts, concurrency, batch size...). */
  params?: Record<string, unknown>;
  ratio?: MetricRatio;
  note?: string;
}

export interface MetricDef {
  id: string;
  group: string;
  name: string;
  metric: string;
  unit: string;
  better: Better;
  params?: Record<string, unknown>;
  note?: string;
}

/** Builds a MetricResult whose value is the median of the per-run values. */
export function metricFromRuns(def: MetricDef, runs: readonly number[]): MetricResult {
  return { ...def, value: median(runs), runs: [...runs], spread: spread(runs) };
}
