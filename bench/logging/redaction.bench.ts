/**
 * What censoring personal data costs per log line, by mechanism: pino `redact` with the wildcard
 * paths the platform used to configure, the `redactPersonalData` walk (what the platform uses now),
 * both (what it did before), and none (the floor). Pure CPU, no servers, no HTTP.
 * Usage: node tools/scripts/run-ts.cjs bench/logging/redaction.bench.ts [--quick] [--runs=N]
 * See bench/logging/README.md.
 */
import { pino, type Logger, type LoggerOptions } from 'pino';
import {
  buildLoggerOptions,
  createLogger,
  PERSONAL_DATA_KEYS,
  REDACTED,
} from '@frontera/platform-observability';
import {
  formatNumber,
  formatRatio,
  formatTable,
  median,
  now,
  parseBenchArgs,
  runBenchCommand,
  runInterleaved,
  runsOf,
  spread,
} from '../lib';

const USAGE = `usage: node tools/scripts/run-ts.cjs bench/logging/redaction.bench.ts [--quick] [--runs=N]`;

/**
 * The redact paths of the platform before it kept one mechanism: every personal key at the top
 * level, one and two levels down, document.number at the same depths, and credential headers.
 */
const OLD_PERSONAL_DATA_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...['', '*.', '*.*.'].flatMap((prefix) => [
    ...PERSONAL_DATA_KEYS.map((key) => `${prefix}${key}`),
    `${prefix}document.number`,
  ]),
];

const SETTINGS = {
  serviceName: 'bench',
  serviceVersion: '0.0.0',
  logLevel: 'info' as const,
  redactPaths: [],
};

/** A destination that drops every line: only pino's own work is measured. */
const sink = { write: (_line: string): void => undefined };

function withoutWalk(options: LoggerOptions): LoggerOptions {
  return { ...options, formatters: { level: options.formatters?.level } };
}

const LOGGERS: ReadonlyArray<{ key: string; label: string; make: () => Logger }> = [
  {
    key: 'none',
    label: 'no censoring (floor)',
    make: () => pino(withoutWalk(buildLoggerOptions(SETTINGS)), sink),
  },
  {
    key: 'paths',
    label: 'pino redact paths only',
    make: () =>
      pino(
        {
          ...withoutWalk(buildLoggerOptions(SETTINGS)),
          redact: { paths: [...OLD_PERSONAL_DATA_PATHS], censor: REDACTED },
        },
        sink,
      ),
  },
  { key: 'walk', label: 'redactPersonalData walk only (now)', make: () => createLogger(SETTINGS, sink) },
  {
    key: 'both',
    label: 'paths + walk (before)',
    make: () =>
      pino(
        {
          ...buildLoggerOptions(SETTINGS),
          redact: { paths: [...OLD_PERSONAL_DATA_PATHS], censor: REDACTED },
        },
        sink,
      ),
  },
];

/** What services log, from the smallest to the largest. */
const SHAPES: ReadonlyArray<{
  key: string;
  label: string;
  object: () => Record<string, unknown>;
  msg: string;
}> = [
  {
    key: 'request-line',
    label: 'request line',
    msg: 'request completed',
    object: () => ({
      correlationId: 'corr-bench-0001',
      req: { id: 'corr-bench-0001', method: 'GET', path: '/employers/e-1' },
      res: { statusCode: 200 },
      responseTime: 3,
    }),
  },
  {
    key: 'app-line',
    label: 'handler line, nested personal data',
    msg: 'worker looked up',
    object: () => ({
      context: 'WorkerLookup',
      workerId: 'w-42',
      worker: { documentNumber: 'GT-1234567', phone: '+502 5555 1234', nationality: 'GTM' },
    }),
  },
  {
    key: 'document',
    label: 'an employer document (40 fields, 3 worksites)',
    msg: 'employer loaded',
    object: () => ({
      context: 'EmployersRepository',
      employer: {
        id: 'e-1',
        status: 'ACTIVE',
        legalName: 'Finca El Progreso SA de CV',
        rfc: 'FEP010203AB1',
        sector: 'AGRICULTURE',
        state: 'CHP',
        version: 12,
        contact: { fullName: 'Ana Pérez', email: 'ana@example.com', phone: '+52 962 000 0000' },
        address: { street: 'Calle 1', municipality: '07089', postalCode: '30700' },
        rating: 'A',
        worksites: [1, 2, 3].map((n) => ({
          id: `ws-${n}`,
          name: `Parcela ${n}`,
          municipality: '07089',
          capacity: 40,
          crops: ['coffee', 'banana'],
          address: { street: `Camino ${n}`, postalCode: '30700' },
        })),
        history: { count: 14, lastChangeAt: '2026-11-30T12:00:00Z', lastActor: 'officer-1' },
      },
    }),
  },
];

function measure(logger: Logger, shape: (typeof SHAPES)[number], lines: number): number {
  const objects = Array.from({ length: 64 }, () => shape.object());
  const start = now();
  for (let i = 0; i < lines; i++) logger.info(objects[i & 63], shape.msg);
  return Number(now() - start) / lines; // ns per line
}

async function main(): Promise<number> {
  const args = parseBenchArgs(process.argv.slice(2), []);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const runs = args.runs ?? (args.quick ? 3 : 7);
  const lines = args.quick ? 5_000 : 40_000;
  const loggers = new Map(LOGGERS.map((l) => [l.key, l.make()]));
  const rows: string[][] = [];
  for (const shape of SHAPES) {
    const results = await runInterleaved<number>(
      LOGGERS.map((l) => ({
        key: l.key,
        run: () => Promise.resolve(measure(loggers.get(l.key) as Logger, shape, lines)),
      })),
      runs,
    );
    const floor = runsOf(results, 'none');
    for (const l of LOGGERS) {
      const values = runsOf(results, l.key);
      const pairs = values.map((v, i) => v / floor[i]);
      rows.push([
        shape.label,
        l.label,
        formatNumber(median(values) / 1000),
        `±${(spread(values).rangePct / 2).toFixed(1)}%`,
        l.key === 'none' ? '' : `${formatRatio(median(pairs))} vs floor`,
      ]);
    }
  }
  process.stdout.write(
    [
      '',
      `Censoring personal data — µs per log line (pino to a no-op destination), median of ${runs} runs ` +
        `of ${lines} lines after 1 warm-up, interleaved`,
      '',
      formatTable(
        [
          { header: 'logged object' },
          { header: 'mechanism' },
          { header: 'µs/line', align: 'right' },
          { header: 'spread', align: 'right' },
          { header: 'ratio' },
        ],
        rows,
      ),
      '',
      'note: "paths only" is not a candidate: it misses keys deeper than three levels and other spellings',
      '(document_number, DocumentNumber), which the walk censors (personal-data.spec.ts).',
      '',
    ].join('\n'),
  );
  return 0;
}

runBenchCommand('redaction', main, USAGE);
