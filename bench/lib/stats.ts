/** Ascending copy of `values` (NaN dropped). */
export function sorted(values: readonly number[]): number[] {
  return values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
}

/**
 * Nearest-rank percentile (p in 0..100) of `values`: the smallest observed value such that at
 * least p% of the values are ≤ it. Always returns an observed value; NaN for an empty input.
 */
export function percentile(values: readonly number[], p: number): number {
  if (p < 0 || p > 100) throw new RangeError(`percentile ${p} is outside 0..100`);
  const s = sorted(values);
  if (s.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1];
}

/** Median: the mean of the two middle values for an even count. NaN for an empty input. */
export function median(values: readonly number[]): number {
  const s = sorted(values);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function mean(values: readonly number[]): number {
  const s = sorted(values);
  return s.length === 0 ? Number.NaN : s.reduce((a, b) => a + b, 0) / s.length;
}

export interface LatencySummary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Count, min, mean, p50/p95/p99 and max of a list of samples (e.g. latencies in ms). */
export function summarize(values: readonly number[]): LatencySummary {
  const s = sorted(values);
  return {
    count: s.length,
    min: s.length ? s[0] : Number.NaN,
    mean: mean(s),
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s.length ? s[s.length - 1] : Number.NaN,
  };
}

/** How far the runs of one measurement are apart. */
export interface Spread {
  min: number;
  max: number;
  /** (max - min) / median, in percent: 0 for identical runs. */
  rangePct: number;
}

export function spread(values: readonly number[]): Spread {
  const s = sorted(values);
  if (s.length === 0) return { min: Number.NaN, max: Number.NaN, rangePct: Number.NaN };
  const m = median(s);
  const min = s[0];
  const max = s[s.length - 1];
  return { min, max, rangePct: m !== 0 ? ((max - min) / Math.abs(m)) * 100 : Number.NaN };
}
