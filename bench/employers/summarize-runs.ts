/**
 * Medians and ranges over several runs of the employers benchmark (their JSON result files), for
 * reporting: node tools/scripts/run-ts.cjs bench/employers/summarize-runs.ts <employers-….json>…
 * Each figure is the median over the files (each file's own figure is already a median of its
 * runs), with the lowest and highest value.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatNumber, formatTable, median, type BenchResultFile } from '../lib';
import type { IdleMemory } from './report';
import type { IdleReading, SweepRow } from './sweep';

type EmployersResult = BenchResultFile & {
  sweep?: { rows: SweepRow[]; idle: IdleReading[] };
  idleAfterWarmup?: IdleMemory;
};

function cell(values: readonly number[], unit = '', digits?: number): string {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return 'n/a';
  const fmt = (v: number): string => (digits === undefined ? formatNumber(v) : v.toFixed(digits));
  const m = median(finite);
  const range = finite.length > 1 ? ` (${fmt(Math.min(...finite))}–${fmt(Math.max(...finite))})` : '';
  return `${fmt(m)}${unit}${range}`;
}

function main(): void {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    process.stderr.write('usage: summarize-runs.ts <employers-….json>…\n');
    process.exit(2);
  }
  const runs = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as EmployersResult);
  const metric = (id: string): number[] =>
    runs.map((r) => r.metrics.find((m) => m.id === id)?.value ?? Number.NaN);
  const out: string[] = [
    `${runs.length} runs: ${files.map((f) => path.basename(f)).join(', ')}`,
    `commits: ${[...new Set(runs.map((r) => r.machine.git.commit?.slice(0, 10)))].join(', ')}; ` +
      `load averages (1 min, start → end): ${runs.map((r) => `${r.machine.loadavg.start[0]}→${r.machine.loadavg.end?.[0]}`).join(', ')}`,
    '',
    'single-size phases (median (min–max) over runs):',
    formatTable(
      [{ header: 'figure' }, { header: 'value', align: 'right' }],
      [
        ['registrations/s', cell(metric('employers.register.throughput'))],
        ['changes/s (distinct employers)', cell(metric('employers.change.throughput'))],
        ['GET one employer, req/s', cell(metric('employers.read.rps'))],
        [
          'GET ÷ bare Nest /ping',
          cell(
            runs.map((r) => r.metrics.find((m) => m.id === 'employers.read.rps')?.ratio?.value ?? Number.NaN),
            '×',
            2,
          ),
        ],
        ['50 on one employer, c10: p99 ms', cell(metric('employers.contention.p99'))],
        ['50 on one employer, c10: 503s', cell(metric('employers.contention.busy'), '', 0)],
        ['50 on one employer, c50: p99 ms', cell(metric('employers.contentionAll.p99'))],
        ['50 on one employer, c50: 503s', cell(metric('employers.contentionAll.busy'), '', 0)],
        ['RSS idle after warm-up, MiB', cell(runs.map((r) => r.idleAfterWarmup?.rssMiB ?? Number.NaN))],
        ['RSS after the single-size load, MiB', cell(metric('employers.memory.rss.after'))],
      ],
    ),
  ];
  const sizes = [...new Set(runs.flatMap((r) => r.sweep?.rows.map((row) => row.size) ?? []))].sort(
    (a, b) => a - b,
  );
  if (sizes.length > 0) {
    const at = (size: number, pick: (row: SweepRow) => number): number[] =>
      runs.map((r) => {
        const row = r.sweep?.rows.find((x) => x.size === size);
        return row ? pick(row) : Number.NaN;
      });
    out.push(
      '',
      'sweep (median (min–max) over runs):',
      formatTable(
        [
          { header: 'employers', align: 'right' },
          { header: 'ping', align: 'right' },
          { header: '(a)', align: 'right' },
          { header: 'GET', align: 'right' },
          { header: 'GET/(a)', align: 'right' },
          { header: '(b)', align: 'right' },
          { header: '(b′)', align: 'right' },
          { header: 'command', align: 'right' },
          { header: 'cmd/(b)', align: 'right' },
          { header: 'cmd/(b′)', align: 'right' },
          { header: 'GET p99 ms', align: 'right' },
          { header: 'cmd p99 ms', align: 'right' },
          { header: 'other CPU %', align: 'right' },
        ],
        sizes.map((size) => [
          size.toLocaleString('en-US'),
          cell(at(size, (r) => r.ping)),
          cell(at(size, (r) => r.ceilingRead)),
          cell(at(size, (r) => r.read)),
          cell(
            at(size, (r) => r.readVsCeiling),
            '',
            2,
          ),
          cell(at(size, (r) => r.ceilingWrite)),
          cell(at(size, (r) => r.ceilingBudget)),
          cell(at(size, (r) => r.command)),
          cell(
            at(size, (r) => r.commandVsCeiling),
            '',
            2,
          ),
          cell(
            at(size, (r) => r.commandVsBudget),
            '',
            2,
          ),
          cell(at(size, (r) => r.readP99)),
          cell(at(size, (r) => r.commandP99)),
          cell(
            at(size, (r) => r.otherCpu),
            '',
            0,
          ),
        ]),
      ),
    );
    const first = sizes[0];
    const last = sizes[sizes.length - 1];
    const growth = (pick: (row: SweepRow) => number): number[] =>
      runs.map((r) => {
        const a = r.sweep?.rows.find((x) => x.size === first);
        const b = r.sweep?.rows.find((x) => x.size === last);
        return a && b ? pick(b) / pick(a) : Number.NaN;
      });
    out.push(
      `rate @${last.toLocaleString('en-US')} ÷ rate @${first.toLocaleString('en-US')} (per run, then median): ` +
        `(a) ${cell(
          growth((r) => r.ceilingRead),
          '×',
          2,
        )}, GET ${cell(
          growth((r) => r.read),
          '×',
          2,
        )}, ` +
        `(b) ${cell(
          growth((r) => r.ceilingWrite),
          '×',
          2,
        )}, (b′) ${cell(
          growth((r) => r.ceilingBudget),
          '×',
          2,
        )}, ` +
        `command ${cell(
          growth((r) => r.command),
          '×',
          2,
        )}`,
    );
    const idleSizes = [...new Set(runs.flatMap((r) => r.sweep?.idle.map((i) => i.size) ?? []))].sort(
      (a, b) => a - b,
    );
    const idle = (size: number, pick: (i: IdleReading) => number): number[] =>
      runs.map((r) => {
        const reading = r.sweep?.idle.find((i) => i.size === size);
        return reading ? pick(reading) : Number.NaN;
      });
    out.push(
      '',
      'idle (% of one core; MiB):',
      formatTable(
        [
          { header: 'employers', align: 'right' },
          { header: 'service', align: 'right' },
          { header: 'FerretDB + PG backends', align: 'right' },
          { header: 'FerretDB', align: 'right' },
          { header: 'PG backends', align: 'right' },
          { header: 'PG background', align: 'right' },
          { header: 'bare app', align: 'right' },
          { header: 'other CPU', align: 'right' },
          { header: 'service RSS', align: 'right' },
        ],
        idleSizes.map((size) => [
          size.toLocaleString('en-US'),
          cell(
            idle(size, (i) => i.cpu['service']),
            '',
            2,
          ),
          cell(
            idle(size, (i) => i.cpu['ferretdb'] + i.cpu['postgresBackends']),
            '',
            2,
          ),
          cell(
            idle(size, (i) => i.cpu['ferretdb']),
            '',
            2,
          ),
          cell(
            idle(size, (i) => i.cpu['postgresBackends']),
            '',
            2,
          ),
          cell(
            idle(size, (i) => i.cpu['postgresBackground']),
            '',
            2,
          ),
          cell(
            idle(size, (i) => i.cpu['ceilingApp']),
            '',
            2,
          ),
          cell(
            idle(size, (i) => i.otherCpu ?? Number.NaN),
            '',
            0,
          ),
          cell(idle(size, (i) => i.serviceRssMiB.end)),
        ]),
      ),
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

main();
