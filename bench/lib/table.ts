import type { MetricResult } from './metrics';

export type Align = 'left' | 'right';

export interface Column {
  header: string;
  align?: Align;
}

/** Plain-text table with a header rule; cells are padded to the widest value of each column. */
export function formatTable(columns: readonly Column[], rows: readonly string[][]): string {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    columns
      .map((c, i) => {
        const cell = cells[i] ?? '';
        return c.align === 'right' ? cell.padStart(widths[i]) : cell.padEnd(widths[i]);
      })
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((c) => c.header)),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
  ].join('\n');
}

/** Compact number: thousands separators for large values, 2-3 significant decimals for small ones. */
export function formatNumber(value: number): string {
  if (value === null || value === undefined || Number.isNaN(value)) return 'n/a';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatRatio(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  // Below 0.1 two decimals would round a small ratio to 0.00× or 0.01×: one more digit.
  return `${value.toFixed(Math.abs(value) < 0.095 ? 3 : 2)}×`;
}

/** The standard table of metric rows: name, metric, value, unit, spread over runs, ratio. */
export function formatMetricsTable(metrics: readonly MetricResult[]): string {
  const columns: Column[] = [
    { header: 'name' },
    { header: 'metric' },
    { header: 'value', align: 'right' },
    { header: 'unit' },
    { header: 'spread', align: 'right' },
    { header: 'runs', align: 'right' },
    { header: 'ratio' },
  ];
  const rows = metrics.map((m) => [
    `${m.group} ${m.name}`,
    m.metric,
    formatNumber(m.value),
    m.unit,
    Number.isFinite(m.spread.rangePct) ? `±${(m.spread.rangePct / 2).toFixed(1)}%` : 'n/a',
    String(m.runs.length),
    m.ratio ? `${formatRatio(m.ratio.value)} ${m.ratio.label}` : '',
  ]);
  return formatTable(columns, rows);
}
