/**
 * The employers service as deployed — the BUILT dist/services/employers/main.js as a child process
 * with its own database — under load, compared with ceilings measured in the same run.
 * Usage: node tools/scripts/run-ts.cjs bench/employers/employers.bench.ts [--quick] [--runs=N]
 * (bench/employers/run.sh starts the servers and builds the service first). See bench/README.md.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Admin, Kafka } from 'kafkajs';
import { BSON, MongoClient, type Db } from 'mongodb';
import { Topics } from '@frontera/contracts';
import { aRegistration, anAddress, anRfc } from '@frontera/employers-domain/testing';
import { aPrincipal, TestTokenIssuer } from '@frontera/platform-auth/testing';
import { databaseUri, freePort, startGroupsAtEnd } from '@frontera/platform-testing';
import { EMPLOYERS_CONSUMER_GROUPS } from '../../services/employers/src/messaging/consumer-groups';
import { BASELINE_METRICS, runBaseline } from '../baseline/baseline';
import { startNestPing, type RunningServer } from '../baseline/http-apps';
import {
  benchName,
  BenchResultFile,
  Deadline,
  Column,
  elapsedMs,
  findMetric,
  formatMetricsTable,
  formatNumber,
  formatRatio,
  formatTable,
  HttpLoadResult,
  runHttpLoad,
  localEndpoints,
  machineInfo,
  median,
  MetricDef,
  metricFromRuns,
  MetricResult,
  newRunId,
  now,
  parseBenchArgs,
  perSecond,
  ratio,
  redactUri,
  REPO_ROOT,
  RESULT_SCHEMA,
  runInterleaved,
  runsOf,
  summarize,
  waitFor,
  withTimeout,
  writeResults,
  runBenchCommand,
  sleep,
  RESULTS_DIR,
} from '../lib';
import { closedLoop, describeStatuses, type LoadRun } from './closed-loop';
import { formatProfileSummary, readCpuProfile, summarizeProfile, type ProfileSummary } from './cpu-profile';
import { EventTimer, quietKafka } from './event-timer';
import { JsonClient, type Reply } from './http';
import {
  evaluateGoals,
  formatGoals,
  formatIdle,
  formatSweep,
  sweepRatios,
  type Goal,
  type IdleMemory,
} from './report';
import { deleteRedisKeys } from './redis-keys';
import { IDLE_EARLY_MS, IDLE_SETTLED_MS, ServiceProcess, type MemoryReading } from './service-process';
import { DEFAULT_SIZES, MAX_SIZE, runSweep, SWEEP_SIZES, type Mark, type SweepResult } from './sweep';

const MAIN = path.join(REPO_ROOT, 'dist/services/employers/main.js');
/** The single-size phases; the sweep adds to it (see watchdogMs). */
const WATCHDOG_MS = { full: 5 * 60_000, quick: 2 * 60_000 };
const REGISTERED_TYPE = 'frontera.employer.registered';

const SIZES = {
  full: {
    warmup: 16,
    registrations: 300,
    concurrency: 16,
    contention: 50,
    contentionConcurrency: 10,
    contentionAll: 50,
    readConnections: 32,
    readSec: 5,
    readWarmupSec: 1,
    readRuns: 3,
    baselineRuns: 3,
    idleEvents: 10,
  },
  quick: {
    warmup: 8,
    registrations: 60,
    concurrency: 16,
    contention: 50,
    contentionConcurrency: 10,
    contentionAll: 50,
    readConnections: 32,
    readSec: 2,
    readWarmupSec: 1,
    readRuns: 1,
    baselineRuns: 2,
    idleEvents: 5,
  },
};
type Sizes = (typeof SIZES)['full'];

const USAGE = `usage: node tools/scripts/run-ts.cjs bench/employers/employers.bench.ts [--quick] [--runs=N]
         [--sizes=N,N,…|none] [--sweep-runs=N] [--cpu-prof]
  --quick       60 registrations, 2 s read runs, smaller mongo ceilings, sweep ${DEFAULT_SIZES.quick.join(',')} (smoke run, ~1.5 min)
  --runs        recorded runs of the mongo ceilings (default ${SIZES.full.baselineRuns}, --quick ${SIZES.quick.baselineRuns})
  --sizes       register sizes of the sweep, ascending, 100..${MAX_SIZE} (default ${DEFAULT_SIZES.full.join(',')}; --quick ${DEFAULT_SIZES.quick.join(',')});
                'none' skips the sweep. The report's: --sizes=100,1000,10000,100000 (about 10 minutes)
  --sweep-runs  recorded runs per case and size in the sweep (default ${SWEEP_SIZES.full.runs}, --quick ${SWEEP_SIZES.quick.runs})
  --cpu-prof    run the service with node --cpu-prof and print where its CPU went in each phase
                (profile in bench/results/profiles/; the profiler slows the service: figures of such a run are not comparable)
  --service-node-options='--opt …'  extra options of the service's node, for experiments (e.g.
                --max-semi-space-size=2, or --require=./bench/employers/experiments/kafkajs-idle-timer.cjs)
The service must be built (npx nx build employers) and the servers running: bench/employers/run.sh does both.`;

interface EmployersArgs {
  sizes: number[] | null;
  sweepRuns: number | null;
  cpuProf: boolean;
  /** Extra options of the service's node (experiments: --max-semi-space-size=…, --require=…). */
  serviceNodeOptions: string[];
  rest: string[];
}

/** The flags of this benchmark; the common ones (--quick, --runs, --help) are left to parseBenchArgs. */
function parseEmployersArgs(argv: readonly string[]): EmployersArgs {
  const out: EmployersArgs = {
    sizes: null,
    sweepRuns: null,
    cpuProf: false,
    serviceNodeOptions: [],
    rest: [],
  };
  for (const arg of argv) {
    if (arg.startsWith('--sizes=')) {
      const value = arg.slice('--sizes='.length);
      if (value === 'none') {
        out.sizes = [];
        continue;
      }
      const sizes = value.split(',').map((v) => Number(v.replace(/_/g, '')));
      if (
        sizes.length === 0 ||
        sizes.some((n) => !Number.isInteger(n) || n < 100 || n > MAX_SIZE) ||
        sizes.some((n, i) => i > 0 && n <= sizes[i - 1])
      ) {
        throw new Error(`--sizes expects ascending integers in 100..${MAX_SIZE}, or 'none' (got '${value}')`);
      }
      out.sizes = sizes;
    } else if (arg.startsWith('--sweep-runs=')) {
      const runs = Number(arg.slice('--sweep-runs='.length));
      if (!Number.isInteger(runs) || runs < 1 || runs > 10)
        throw new Error(`--sweep-runs expects 1..10 (got '${arg}')`);
      out.sweepRuns = runs;
    } else if (arg === '--cpu-prof') {
      out.cpuProf = true;
    } else if (arg.startsWith('--service-node-options=')) {
      const options = arg
        .slice('--service-node-options='.length)
        .split(' ')
        .filter((o) => o.length > 0);
      if (options.some((o) => !o.startsWith('--'))) {
        throw new Error(
          `--service-node-options expects node options such as --max-semi-space-size=2 (got '${arg}')`,
        );
      }
      out.serviceNodeOptions.push(...options);
    } else {
      out.rest.push(arg);
    }
  }
  return out;
}

/** Time the sweep may take: per size, plus loading (~2,000 documents/s on a busy 2-core machine). */
function sweepBudgetMs(sizes: readonly number[], quick: boolean): number {
  if (sizes.length === 0) return 0;
  const perSize = quick ? 60_000 : 150_000;
  return sizes.length * perSize + Math.max(...sizes) * 1.5 + 60_000;
}

const log = (message: string): void => {
  process.stderr.write(`  · ${message}\n`);
};

const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);

/** Where the service's CPU went in each phase: the profile cut by the phases' marks (service phases only). */
function profilesByPhase(
  file: string,
  marks: readonly Mark[],
): Array<{ label: string; windows: number; summary: ProfileSummary }> {
  const profile = readCpuProfile(file);
  const labels = [...new Set(marks.map((m) => m.label))].filter((l) => !/ping|ceiling/.test(l));
  return labels.map((label) => {
    const windows = marks.filter((m) => m.label === label);
    return { label, windows: windows.length, summary: summarizeProfile(profile, windows) };
  });
}

interface Employer {
  id: string;
  token: string;
}

class EmployersBench {
  private readonly client: JsonClient;
  private serial = 0;
  /** employer id → hrtime of its 201. */
  readonly created = new Map<string, bigint>();

  constructor(
    private readonly service: ServiceProcess,
    private readonly issuer: TestTokenIssuer,
    private readonly events: EventTimer,
    private readonly runId: string,
    private readonly size: Sizes,
  ) {
    this.client = new JsonClient(
      service.baseUrl,
      Math.max(size.concurrency, size.contentionConcurrency, size.contentionAll),
    );
  }

  close(): void {
    this.client.close();
  }

  /** Distinct organisation ids with their staff tokens (minted before any clock starts). */
  async newEmployers(count: number): Promise<Employer[]> {
    const ids = Array.from({ length: count }, () => `bench-${this.runId}-${(this.serial++).toString(36)}`);
    return Promise.all(
      ids.map(async (id) => ({
        id,
        token: await this.issuer.mintFor(aPrincipal('employer').ofEmployer(id).build()),
      })),
    );
  }

  /** `count` requests with `concurrency` in flight; every answer must have status `expected`. */
  private load(
    label: string,
    count: number,
    concurrency: number,
    call: (index: number) => Promise<Reply>,
    expected: number | null,
  ): Promise<LoadRun> {
    return closedLoop(label, count, concurrency, call, expected);
  }

  /** POST /employers for each employer (a fresh company in Chiapas, RFC check digit computed). */
  register(employers: readonly Employer[], label: string): Promise<LoadRun> {
    const bodies = employers.map(() => {
      const { employerId: _fromTheToken, ...body } = aRegistration()
        .company()
        .withRfc(anRfc().forCompany())
        .inState('CHP')
        .build();
      return JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
    });
    if (new Set(bodies.map((b) => b['rfc'])).size !== bodies.length) {
      throw new Error(`${label}: the RFC builder repeated an RFC`);
    }
    return this.load(
      label,
      employers.length,
      this.size.concurrency,
      (i) => {
        this.events.expect(employers[i].id);
        return this.client
          .send('POST', '/employers', this.headers(employers[i].token, `${label}-${i}`), bodies[i])
          .then((reply) => {
            if (reply.status === 201) this.created.set(employers[i].id, reply.headersAt);
            return reply;
          });
      },
      201,
    );
  }

  /** POST /employers/:id/changes (a new street) by the employer's staff. */
  change(
    targets: readonly Employer[],
    label: string,
    concurrency: number,
    expected: number | null,
  ): Promise<LoadRun> {
    return this.load(
      label,
      targets.length,
      concurrency,
      (i) =>
        this.client.send(
          'POST',
          `/employers/${targets[i].id}/changes`,
          this.headers(targets[i].token, `${label}-${i}`),
          {
            address: anAddress()
              .inState('CHP')
              .onStreet(`Avenida Central Norte ${100 + i}`)
              .build(),
            reason: `Cambio de domicilio ${i}`,
          },
        ),
      expected,
    );
  }

  async get(employer: Employer): Promise<Reply> {
    return this.client.send('GET', `/employers/${employer.id}`, this.headers(employer.token, 'check'));
  }

  private headers(token: string, correlation: string): Record<string, string> {
    return { authorization: `Bearer ${token}`, 'x-correlation-id': `bench-${this.runId}-${correlation}` };
  }
}

function one(def: MetricDef, value: number): MetricResult {
  return metricFromRuns(def, [value]);
}

function loadMetrics(
  prefix: string,
  group: string,
  name: string,
  unit: string,
  run: LoadRun,
  params: Record<string, unknown>,
): MetricResult[] {
  const lat = summarize(run.latencies);
  const base = {
    group,
    name,
    params: { ...params, count: run.count, statuses: Object.fromEntries(run.statuses) },
  };
  return [
    one(
      { ...base, id: `${prefix}.throughput`, metric: 'throughput', unit, better: 'higher' },
      perSecond(run.count, run.ms),
    ),
    one({ ...base, id: `${prefix}.p50`, metric: 'p50', unit: 'ms', better: 'lower' }, lat.p50),
    one({ ...base, id: `${prefix}.p99`, metric: 'p99', unit: 'ms', better: 'lower' }, lat.p99),
  ];
}

interface ComparisonRow {
  id: string;
  against: string;
  value: number;
  baselineValue: number;
  ratio: number;
  note: string;
}

interface ReportExtras {
  sweep?: SweepResult;
  goals: readonly Goal[];
  idleAfterWarmup?: IdleMemory;
  profiles: ReadonlyArray<{ label: string; windows: number; summary: ProfileSummary }>;
  sweepRuns: number;
}

function sweepSection(extras: ReportExtras): string[] {
  const { sweep } = extras;
  if (!sweep) return [];
  const r = sweepRatios(sweep.rows);
  return [
    '',
    `Sweep: the register grown by insertMany of service-shaped employers (~${(sweep.documentBytes / 1024).toFixed(1)} KB of BSON each); ` +
      `medians of ${extras.sweepRuns} run(s) per case, cases alternated; req/s (reads, 32 connections, ` +
      `distinct ids) and writes/s (distinct employers, 16 in flight); ratios paired run by run.`,
    '  (a) = bare Nest + findOne({_id}); (b) = bare Nest + findOne + versioned updateOne + produce (acks -1, idempotent);',
    "  (b′) = (b) with the service's whole round-trip budget (Redis lock, outbox write, history insert, prune); " +
      'GET = GET /employers/:id (officer); command = POST suspension/reinstatement (officer).',
    formatSweep(sweep.rows),
    ...(r
      ? [
          `rate @${r.to.toLocaleString('en-US')} ÷ rate @${r.from.toLocaleString('en-US')}: ` +
            `(a) ${formatRatio(r.ceilingRead)}, GET ${formatRatio(r.read)}, (b) ${formatRatio(r.ceilingWrite)}, ` +
            `(b′) ${formatRatio(r.ceilingBudget)}, command ${formatRatio(r.command)}`,
        ]
      : []),
    '',
    formatIdle(sweep.idle, extras.idleAfterWarmup),
  ];
}

function printReport(
  result: BenchResultFile,
  comparisons: readonly ComparisonRow[],
  memory: { before?: MemoryReading; after?: MemoryReading },
  files: { file: string; latest: string },
  extras: ReportExtras,
): void {
  const m = result.machine;
  const columns: Column[] = [
    { header: 'measured' },
    { header: 'value', align: 'right' },
    { header: 'ceiling (same run)' },
    { header: 'value', align: 'right' },
    { header: 'ratio', align: 'right' },
    { header: 'reading' },
  ];
  const rows = comparisons.map((c) => [
    c.id,
    formatNumber(c.value),
    c.against,
    formatNumber(c.baselineValue),
    formatRatio(c.ratio),
    c.note,
  ]);
  const mib = (r?: MemoryReading, peak = false): string =>
    r ? `${(peak ? r.peakMiB : r.rssMiB).toFixed(1)} MiB` : 'n/a';
  const lines = [
    '',
    `employers service (built dist/services/employers/main.js, one process) — ` +
      `${result.options['quick'] ? 'QUICK (smoke) run' : 'full run'}; service rows are one run each, ` +
      `mongo ceilings the median of ${result.options['baselineRuns']} runs; spread = ±½(max−min)/median`,
    `${m.os.type} ${m.os.release} ${m.os.arch} · ${m.cpus.count} × ${m.cpus.model} · ` +
      `Node ${m.node.version} · git ${m.git.commit?.slice(0, 10) ?? 'n/a'}${m.git.dirty ? ' (dirty)' : ''} · ` +
      `load ${m.loadavg.start.join('/')} → ${m.loadavg.end?.join('/') ?? '?'}`,
    '',
    formatMetricsTable(result.metrics),
    '',
    'Ratios (measured ÷ ceiling, both from this run):',
    formatTable(columns, rows),
    '',
    `service RSS: before load ${mib(memory.before)}, after load ${mib(memory.after)}, peak ${mib(memory.after, true)}`,
    ...sweepSection(extras),
    '',
    'Goals (figures of this run):',
    formatGoals(extras.goals),
    ...extras.profiles.flatMap((p) => [
      '',
      formatProfileSummary(`service CPU profile — ${p.label} (${p.windows} window(s))`, p.summary),
    ]),
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
  const own = parseEmployersArgs(process.argv.slice(2));
  const args = parseBenchArgs(own.rest, []);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const quick = args.quick;
  const size = quick ? SIZES.quick : SIZES.full;
  const baselineRuns = args.runs ?? size.baselineRuns;
  const sweepSizes = own.sizes ?? [...(quick ? DEFAULT_SIZES.quick : DEFAULT_SIZES.full)];
  const sweepSize = {
    ...(quick ? SWEEP_SIZES.quick : SWEEP_SIZES.full),
    ...(own.sweepRuns ? { runs: own.sweepRuns } : {}),
  };

  let service: ServiceProcess | undefined;
  // Never leave a child behind (the service, the ceiling app): not on the watchdog, not on an interrupt.
  const sweepMs = sweepBudgetMs(sweepSizes, quick);
  const watchdogMs = (quick ? WATCHDOG_MS.quick : WATCHDOG_MS.full) + sweepMs;
  setTimeout(() => {
    process.stderr.write(`bench employers: watchdog: still running after ${watchdogMs / 1000} s, exiting\n`);
    ServiceProcess.killAll();
    process.exit(3);
  }, watchdogMs).unref();
  process.on('exit', () => ServiceProcess.killAll());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      ServiceProcess.killAll();
      process.exit(130);
    });
  }

  const endpoints = localEndpoints();
  const runId = newRunId();
  const started = new Date();
  const machine = machineInfo();
  const metrics: MetricResult[] = [];
  const baselineMetrics: MetricResult[] = [];
  const comparisons: ComparisonRow[] = [];
  const notes: string[] = [];
  const errors: BenchResultFile['errors'] = [];
  const memory: { before?: MemoryReading; after?: MemoryReading } = {};
  const database = benchName('employers', runId, '_');
  const dbUri = databaseUri(endpoints.mongoUri, database);
  const groupPrefix = benchName('employers-svc', runId);
  const groups: string[] = [];
  let kafka: Kafka | undefined;
  let admin: Admin | undefined;
  let events: EventTimer | undefined;
  let bench: EmployersBench | undefined;
  let nest: RunningServer | undefined;
  let bootMs: number | null = null;
  let sweep: SweepResult | undefined;
  let idleAfterWarmup: IdleMemory | undefined;
  let idleEarly: IdleMemory | undefined;
  const marks: Mark[] = [];
  const mark = (label: string, fromUs: number): void => {
    marks.push({ label, fromUs, toUs: nowUs() });
  };
  const profileDir = path.join(RESULTS_DIR, 'profiles', runId);
  // Personal data keys of this run: the service encrypts with them, and so do the sweep's documents.
  const piiKeys = {
    encryption: randomBytes(32).toString('base64'),
    hash: randomBytes(32).toString('base64'),
  };
  let profiles: Array<{ label: string; windows: number; summary: ProfileSummary }> = [];

  process.stderr.write(`bench employers${quick ? ' (quick)' : ''}: run ${runId}, database ${database}\n`);
  try {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run 'npx nx build employers' first`);

    // --- set-up: token issuer, Kafka groups at the end of their topics, the service -------------
    const issuer = await TestTokenIssuer.create();
    const officerToken = await issuer.mintFor(
      aPrincipal('officer').withSubject(`bench-officer-${runId}`).inStates('CHP').build(),
    );
    kafka = quietKafka(benchName('employers', runId), endpoints.kafkaBrokers);
    admin = kafka.admin();
    await withTimeout(admin.connect(), 15_000, 'kafka admin connect');
    // The service's groups start at the end of the shared topics, so it does not replay every
    // earlier run's audit and permit events while it is measured.
    groups.push(
      ...(await withTimeout(
        startGroupsAtEnd(kafka, admin, groupPrefix, EMPLOYERS_CONSUMER_GROUPS),
        30_000,
        'start the service groups at end',
      )),
    );
    const eventsGroup = benchName('employers-events', runId);
    groups.push(eventsGroup);
    events = await withTimeout(
      EventTimer.start({
        kafka,
        admin,
        topic: Topics.employer.name,
        type: REGISTERED_TYPE,
        groupId: eventsGroup,
      }),
      45_000,
      'event consumer',
    );
    log(`starting ${path.relative(REPO_ROOT, MAIN)}`);
    const port = await freePort();
    const bootStart = now();
    if (own.cpuProf) mkdirSync(profileDir, { recursive: true });
    if (own.serviceNodeOptions.length > 0) {
      notes.push(`experiment: the service ran with node ${own.serviceNodeOptions.join(' ')}`);
    }
    service = await ServiceProcess.start({
      main: MAIN,
      nodeArgs: [
        ...(own.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
        ...own.serviceNodeOptions,
      ],
      cwd: REPO_ROOT,
      port,
      readyTimeoutMs: 60_000,
      env: {
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        PII_ENCRYPTION_KEY: piiKeys.encryption,
        PII_HASH_KEY: piiKeys.hash,
        MONGODB_URI: dbUri,
        KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
        REDIS_URL: endpoints.redisUrl,
        AUTH_ISSUER: issuer.defaults.issuer,
        AUTH_AUDIENCE: issuer.defaults.audience,
        AUTH_PUBLIC_KEY: issuer.publicKeyPem,
        KAFKA_CONSUMER_GROUP_PREFIX: groupPrefix,
      },
    });
    bootMs = Math.round(elapsedMs(bootStart));
    log(`service ready on ${service.baseUrl} (pid ${service.pid}) after ${bootMs} ms`);

    // A failed single-size phase is recorded and the sweep still runs (its own service process state).
    try {
      // --- ceilings: bare mongodb driver → FerretDB, while the service idles ------------------------
      const baseline = await runBaseline({ only: ['mongo'], quick, runs: baselineRuns, endpoints, log });
      baselineMetrics.push(...baseline.metrics);
      notes.push(...baseline.notes.filter((n) => !n.startsWith('machine:')));
      errors.push(...baseline.errors);

      const run = new EmployersBench(service, issuer, events, runId, size);
      bench = run;
      const warm = await bench.newEmployers(size.warmup);
      const measured = await bench.newEmployers(size.registrations);
      memory.before = service.memory();

      // --- warm-up (not recorded): registrations, changes, reads ---------------------------------
      log(`warm-up: ${size.warmup} registrations, changes and reads of each`);
      await bench.register(warm, 'warmup-register');
      await bench.change(warm, 'warmup-change', size.concurrency, 200);
      await closedLoop(
        'warmup-read',
        warm.length * 4,
        size.concurrency,
        (i) => run.get(warm[i % warm.length]),
        200,
      );
      const idleReadings = await service.idleReadings();
      idleEarly = idleReadings.early;
      idleAfterWarmup = idleReadings.settled;
      log(
        `idle after warm-up: RSS ${idleEarly.rssMiB.toFixed(1)} MiB after ${IDLE_EARLY_MS / 1000} s, ` +
          `${idleAfterWarmup.rssMiB.toFixed(1)} MiB after ${IDLE_SETTLED_MS / 1000} s`,
      );

      // --- registrations ---------------------------------------------------------------------------
      log(`registrations: ${size.registrations}, concurrency ${size.concurrency}`);
      let fromUs = nowUs();
      const registrations = await bench.register(measured, 'register');
      mark('register', fromUs);
      const registerParams = { concurrency: size.concurrency, route: 'POST /employers', maxPoolSize: 10 };
      metrics.push(
        ...loadMetrics(
          'employers.register',
          'employers',
          `register ×${size.registrations} c${size.concurrency}`,
          'regs/s',
          registrations,
          registerParams,
        ),
      );

      // --- event latency: 201 → employer.registered consumed ----------------------------------------
      const timer = events;
      const ids = measured.map((e) => e.id);
      await waitFor(() => timer.count(ids) === ids.length, 20_000, 'employer.registered events', 20).catch(
        () => undefined,
      );
      const eventLatencies: number[] = [];
      for (const id of ids) {
        const seen = timer.seenAt.get(id);
        const created = bench.created.get(id);
        if (seen !== undefined && created !== undefined) eventLatencies.push(Number(seen - created) / 1e6);
      }
      const early = eventLatencies.filter((l) => l < 0).length;
      if (eventLatencies.length < ids.length) {
        notes.push(
          `events: only ${eventLatencies.length} of ${ids.length} employer.registered events arrived in 20 s.`,
        );
      }
      const ev = summarize(eventLatencies);
      const eventParams = {
        topic: Topics.employer.name,
        type: REGISTERED_TYPE,
        received: eventLatencies.length,
        expected: ids.length,
        consumedBefore201: early,
        consumer: 'kafkajs, own group started at the topic end, maxWaitTimeInMs 10, in the bench process',
      };
      const eventName = `201 → registered consumed ×${eventLatencies.length}`;
      for (const p of ['p50', 'p99'] as const) {
        metrics.push(
          one(
            {
              id: `employers.event.${p}`,
              group: 'employers',
              name: eventName,
              metric: p,
              unit: 'ms',
              better: 'lower',
              params: eventParams,
            },
            ev[p],
          ),
        );
      }

      // --- event latency without load: one registration at a time, each event awaited ---------------
      log(`event latency, idle: ${size.idleEvents} registrations one at a time`);
      const idle = await bench.newEmployers(size.idleEvents);
      const idleLatencies: number[] = [];
      for (const employer of idle) {
        await bench.register([employer], 'idle-register');
        await waitFor(() => timer.seenAt.has(employer.id), 5_000, `employer.registered of ${employer.id}`, 1);
        const seen = timer.seenAt.get(employer.id) as bigint;
        idleLatencies.push(Number(seen - (bench.created.get(employer.id) as bigint)) / 1e6);
      }
      const idleEv = summarize(idleLatencies);
      for (const p of ['p50', 'max'] as const) {
        metrics.push(
          one(
            {
              id: `employers.event.idle.${p}`,
              group: 'employers',
              name: `201 → registered consumed, 1 at a time ×${idle.length}`,
              metric: p,
              unit: 'ms',
              better: 'lower',
              params: {
                ...eventParams,
                received: idleLatencies.length,
                expected: idle.length,
                consumedBefore201: idleLatencies.filter((l) => l < 0).length,
                concurrency: 1,
              },
            },
            idleEv[p],
          ),
        );
      }

      // --- state changes on distinct employers -------------------------------------------------------
      log(`changes: ${measured.length} on distinct employers, concurrency ${size.concurrency}`);
      fromUs = nowUs();
      const changes = await bench.change(measured, 'change', size.concurrency, 200);
      mark('change', fromUs);
      metrics.push(
        ...loadMetrics(
          'employers.change',
          'employers',
          `change ×${measured.length} distinct c${size.concurrency}`,
          'changes/s',
          changes,
          { concurrency: size.concurrency, route: 'POST /employers/:id/changes', employers: measured.length },
        ),
      );

      // --- contention: one employer, serialised by its Redis lock: 10 in flight, then all 50 at once ---
      const contentionPhase = async (
        prefix: string,
        target: Employer,
        count: number,
        concurrency: number,
      ): Promise<void> => {
        log(`contention: ${count} changes on one employer, concurrency ${concurrency}`);
        const phaseFrom = nowUs();
        // How the hot document's embedded outbox grows meanwhile (sampled every 100 ms on a connection of our own).
        const outbox = { entries: 0, records: 0, bytes: 0 };
        let sampling = true;
        const sampler = (async () => {
          const probe = new MongoClient(dbUri, { maxPoolSize: 1, serverSelectionTimeoutMS: 5_000 });
          try {
            await probe.connect();
            const employers = probe
              .db(database)
              .collection<{ _id: string; outbox?: unknown[]; outboxRecords?: unknown[] }>('employers');
            while (sampling) {
              const doc = await employers.findOne({ _id: target.id });
              if (doc) {
                outbox.entries = Math.max(outbox.entries, doc.outbox?.length ?? 0);
                outbox.records = Math.max(outbox.records, doc.outboxRecords?.length ?? 0);
                outbox.bytes = Math.max(outbox.bytes, BSON.calculateObjectSize(doc));
              }
              await sleep(100);
            }
          } finally {
            await probe.close().catch(() => undefined);
          }
        })().catch(() => undefined);
        const changes = await run
          .change(
            Array.from({ length: count }, () => target),
            prefix,
            concurrency,
            null,
          )
          .finally(() => {
            sampling = false;
          });
        await sampler;
        mark(`contention c${concurrency}`, phaseFrom);
        const name = `change ×${count} one employer c${concurrency}`;
        const phaseMetrics = loadMetrics(`employers.${prefix}`, 'employers', name, 'changes/s', changes, {
          concurrency,
          route: 'POST /employers/:id/changes',
          employers: 1,
          lock: 'Redis, LOCK_WAIT_MS 5000 (default)',
          hotDocumentPeak: {
            outboxEntries: outbox.entries,
            outboxRecords: outbox.records,
            bsonBytes: outbox.bytes,
            sampledEveryMs: 100,
          },
        });
        const busy = [...changes.statuses.entries()]
          .filter(([k]) => k === '503 EMPLOYER.BUSY')
          .reduce((n, [, c]) => n + c, 0);
        metrics.push(
          ...phaseMetrics,
          one(
            {
              id: `employers.${prefix}.busy`,
              group: 'employers',
              name,
              metric: '503 BUSY',
              unit: 'responses',
              better: 'lower',
              params: phaseMetrics[0].params,
            },
            busy,
          ),
        );
        notes.push(
          `${prefix} (c${concurrency}): the hot employer's document peaked at ${outbox.entries} pending events and ` +
            `${outbox.records} history records in its outbox, ${(outbox.bytes / 1024).toFixed(1)} KB (sampled every 100 ms).`,
        );
        if ((changes.statuses.get('200') ?? 0) !== count) {
          notes.push(`${prefix}: ${describeStatuses(changes.statuses)} (expected 200 ×${count}).`);
        }
      };
      await contentionPhase('contention', measured[0], size.contention, size.contentionConcurrency);
      await contentionPhase('contentionAll', measured[2], size.contentionAll, size.contentionAll);

      // --- reads: autocannon, alternating with a bare Nest route at the same connections ---------------
      const reader = measured[1];
      const check = await bench.get(reader);
      if (check.status !== 200) throw new Error(`GET /employers/${reader.id} answered ${check.status}`);
      nest = await startNestPing();
      const nestUrl = nest.url;
      const readUrl = `${service.baseUrl}/employers/${reader.id}`;
      const readHeaders = { authorization: `Bearer ${reader.token}` };
      const loadOnce = async (which: 'service' | 'nest', durationSec: number): Promise<HttpLoadResult> => {
        const readFrom = nowUs();
        const r = await runHttpLoad({
          url: which === 'service' ? readUrl : nestUrl,
          connections: size.readConnections,
          durationSec,
          headers: which === 'service' ? readHeaders : {},
        });
        if (r.non2xx > 0 || r.errors > 0 || r.timeouts > 0) {
          throw new Error(`${which} reads: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
        }
        if (which === 'service' && durationSec === size.readSec) mark('read one employer', readFrom);
        return r;
      };
      const reads = await runInterleaved<HttpLoadResult>(
        (['service', 'nest'] as const).map((which) => ({
          key: which,
          warmup: () => loadOnce(which, size.readWarmupSec),
          run: () => loadOnce(which, size.readSec),
        })),
        size.readRuns,
        (msg) => log(`reads: ${msg}`),
      );
      const serviceReads = runsOf(reads, 'service');
      const nestReads = runsOf(reads, 'nest');
      const readParams = {
        connections: size.readConnections,
        durationSec: size.readSec,
        runs: size.readRuns,
        route: 'GET /employers/:id (employer staff token)',
        loadGenerator: 'autocannon in a worker thread of the bench process',
      };
      const nestRps = metricFromRuns(
        {
          id: 'http.nest.c32.rps',
          group: 'http',
          name: `bare nest GET /ping c${size.readConnections}`,
          metric: 'throughput',
          unit: 'req/s',
          better: 'higher',
          params: { ...readParams, route: 'GET /ping', server: 'NestJS 11 + Express, bench process' },
        },
        nestReads.map((r) => r.requestsPerSec),
      );
      const readRps = metricFromRuns(
        {
          id: 'employers.read.rps',
          group: 'employers',
          name: `read GET /employers/:id c${size.readConnections}`,
          metric: 'throughput',
          unit: 'req/s',
          better: 'higher',
          params: readParams,
        },
        serviceReads.map((r) => r.requestsPerSec),
      );
      const pairs = serviceReads.map((r, i) => r.requestsPerSec / nestReads[i].requestsPerSec);
      readRps.ratio = { value: median(pairs), label: 'of http.nest.c32.rps (paired)', runs: pairs };
      baselineMetrics.push(nestRps);
      metrics.push(
        readRps,
        ...(['p50', 'p99'] as const).map((p) =>
          metricFromRuns(
            {
              id: `employers.read.${p}`,
              group: 'employers',
              name: `read GET /employers/:id c${size.readConnections}`,
              metric: p,
              unit: 'ms',
              better: 'lower',
              params: readParams,
            },
            serviceReads.map((r) => r.latencyMs[p]),
          ),
        ),
      );
      await withTimeout(nest.close(), 10_000, 'close nest').catch(() => undefined);
      nest = undefined;

      // --- memory ------------------------------------------------------------------------------------
      memory.after = service.memory();
      const memDef = { group: 'employers', name: 'service process', unit: 'MiB', better: 'lower' as const };
      metrics.push(
        one({ ...memDef, id: 'employers.memory.rss.before', metric: 'RSS before' }, memory.before.rssMiB),
        one({ ...memDef, id: 'employers.memory.rss.after', metric: 'RSS after' }, memory.after.rssMiB),
        one({ ...memDef, id: 'employers.memory.rss.peak', metric: 'RSS peak' }, memory.after.peakMiB),
        one(
          {
            ...memDef,
            id: 'employers.memory.rss.idleAfterWarmup',
            metric: `RSS idle after warm-up (${IDLE_SETTLED_MS / 1000} s)`,
            params: { idleMs: IDLE_SETTLED_MS, heap: idleAfterWarmup?.heap },
          },
          idleAfterWarmup?.rssMiB ?? Number.NaN,
        ),
        one(
          {
            ...memDef,
            id: 'employers.memory.rss.idleEarly',
            metric: `RSS ${IDLE_EARLY_MS / 1000} s after warm-up`,
            params: { idleMs: IDLE_EARLY_MS, heap: idleEarly?.heap },
          },
          idleEarly?.rssMiB ?? Number.NaN,
        ),
      );

      // --- ratios ------------------------------------------------------------------------------------
      const value = (id: string): number =>
        findMetric([...metrics, ...baselineMetrics], id)?.value ?? Number.NaN;
      const compare = (id: string, against: string, note: string): void => {
        comparisons.push({
          id,
          against,
          value: value(id),
          baselineValue: value(against),
          ratio: ratio(value(id), value(against)),
          note,
        });
      };
      compare(
        'employers.register.throughput',
        BASELINE_METRICS.mongoInsertConcurrent,
        'one insert + lookups, lock, publish',
      );
      compare('employers.register.throughput', nestRps.id, 'full write path vs empty route');
      compare(
        'employers.change.throughput',
        BASELINE_METRICS.mongoUpdateConcurrent,
        'load, decide, save, publish',
      );
      compare(
        'employers.contention.throughput',
        'employers.change.throughput',
        'one lock vs distinct employers',
      );
      compare(
        'employers.contentionAll.throughput',
        'employers.change.throughput',
        'one lock, all 50 at once',
      );
      compare('employers.read.rps', nestRps.id, `median of ${pairs.length} paired runs`);
      for (const [id, against] of [
        ['employers.register.throughput', BASELINE_METRICS.mongoInsertConcurrent],
        ['employers.change.throughput', BASELINE_METRICS.mongoUpdateConcurrent],
        ['employers.contention.throughput', 'employers.change.throughput'],
      ] as const) {
        const m = metrics.find((x) => x.id === id);
        if (m) m.ratio = { value: ratio(value(id), value(against)), label: `of ${against}` };
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      errors.push({ group: 'employers', message });
      log(`FAILED: ${message}`);
    }

    // --- the sweep: the register from 100 to 100,000 employers, the ceilings next to the service -----
    if (sweepSizes.length > 0 && service.running()) {
      const store = new MongoClient(dbUri, { maxPoolSize: 4, serverSelectionTimeoutMS: 10_000 });
      try {
        await withTimeout(store.connect(), 15_000, 'connect for the sweep');
        sweep = await runSweep({
          runId,
          sizes: sweepSizes,
          size: sweepSize,
          service,
          officer: `Bearer ${officerToken}`,
          piiKeys,
          db: store.db(database) as Db,
          databaseName: database,
          databaseUri: dbUri,
          kafkaBrokers: endpoints.kafkaBrokers,
          redisUrl: endpoints.redisUrl,
          admin,
          log,
          mark: (m) => marks.push(m),
          deadline: new Deadline('sweep', sweepMs),
        });
        metrics.push(...sweep.metrics);
        notes.push(...sweep.notes);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        errors.push({ group: 'sweep', message });
        log(`sweep FAILED: ${message}`);
      } finally {
        await store.close().catch(() => undefined);
      }
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    errors.push({ group: 'employers', message });
    log(`FAILED: ${message}`);
  } finally {
    bench?.close();
    if (nest) await withTimeout(nest.close(), 10_000, 'close nest').catch(() => undefined);
    if (service) {
      try {
        const stopped = await service.stop(20_000);
        log(
          `service stopped: code ${stopped.code}, signal ${stopped.signal}, ${stopped.ms} ms after SIGTERM`,
        );
        if (stopped.code !== 0) {
          errors.push({
            group: 'shutdown',
            message: `SIGTERM → exit code ${stopped.code} signal ${stopped.signal}\n${service.output()}`,
          });
        }
        if (/sweep failed|Client must be connected|not marked or pruned/.test(service.output())) {
          notes.push('shutdown: the service logged messaging errors while closing (see its output).');
        }
      } catch (err) {
        errors.push({ group: 'shutdown', message: `${(err as Error).message}\n${service.output()}` });
      }
      if (own.cpuProf) {
        const file = existsSync(profileDir)
          ? readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'))
          : undefined;
        if (file) {
          try {
            profiles = profilesByPhase(path.join(profileDir, file), marks);
            notes.push(
              `cpu profile of the service: ${path.relative(REPO_ROOT, path.join(profileDir, file))}`,
            );
          } catch (err) {
            notes.push(`cpu profile: ${(err as Error).message}`);
          }
        } else {
          notes.push(`cpu profile: the service wrote none into ${profileDir}`);
        }
      }
    }
    await events?.stop().catch(() => undefined);
    if (admin) {
      await withTimeout(admin.deleteGroups(groups), 15_000, 'delete consumer groups').catch((err: Error) =>
        log(`clean-up: consumer groups: ${err.message}`),
      );
      await admin.disconnect().catch(() => undefined);
    }
    const mongo = new MongoClient(dbUri, { serverSelectionTimeoutMS: 10_000, maxPoolSize: 1 });
    await withTimeout(
      mongo.connect().then(() => mongo.db(database).dropDatabase()),
      15_000,
      `drop database ${database}`,
    ).catch((err: Error) => log(`clean-up: ${err.message}`));
    await mongo.close().catch(() => undefined);
    // The service's list positions of this database (one counter per state) and any lock left behind.
    await withTimeout(
      deleteRedisKeys(endpoints.redisUrl, [`frontera:employers:list:${database}:*`, `bench:${runId}:*`]),
      15_000,
      'delete Redis keys',
    ).catch((err: Error) => log(`clean-up: Redis keys: ${err.message}`));
  }

  const finished = new Date();
  machine.loadavg.end = os.loadavg().map((l) => Math.round(l * 100) / 100);
  const busiest = Math.max(machine.loadavg.start[0], machine.loadavg.end[0]);
  if (busiest > machine.cpus.availableParallelism) {
    notes.push(
      `machine: 1-minute load average reached ${busiest} on ${machine.cpus.availableParallelism} cores: ` +
        'absolute figures are depressed; compare the ratios, which pair figures of this run.',
    );
  }
  notes.push(
    `the service, FerretDB + PostgreSQL, Kafka, Redis and the bench's own clients (node:http, ` +
      `autocannon worker) share ${os.availableParallelism()} cores: every service figure is a lower bound.`,
  );
  const goals = evaluateGoals({
    metrics,
    rows: sweep?.rows ?? [],
    idle: sweep?.idle ?? [],
    afterWarmup: idleAfterWarmup,
  });
  const result: BenchResultFile & {
    comparisons: ComparisonRow[];
    sweep?: Omit<SweepResult, 'metrics' | 'notes'> & { ratios?: ReturnType<typeof sweepRatios> };
    goals: Goal[];
    idleAfterWarmup?: IdleMemory;
    profiles?: typeof profiles;
    marks?: Mark[];
  } = {
    schema: RESULT_SCHEMA,
    name: 'employers',
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    options: {
      quick,
      runId,
      baselineRuns,
      sizes: size,
      service: path.relative(REPO_ROOT, MAIN),
      database,
      bootMs,
      sweepSizes,
      sweep: sweepSize,
      cpuProf: own.cpuProf,
      serviceNodeOptions: own.serviceNodeOptions,
    },
    machine,
    endpoints: {
      kafka: endpoints.kafkaBrokers.join(','),
      mongodb: redactUri(endpoints.mongoUri),
      redis: redactUri(endpoints.redisUrl),
    },
    metrics: [...baselineMetrics, ...metrics],
    notes,
    errors,
    comparisons,
    ...(sweep
      ? {
          sweep: {
            rows: sweep.rows,
            idle: sweep.idle,
            documentBytes: sweep.documentBytes,
            ratios: sweepRatios(sweep.rows),
          },
        }
      : {}),
    goals,
    ...(idleAfterWarmup ? { idleAfterWarmup } : {}),
    ...(own.cpuProf ? { profiles, marks } : {}),
  };
  const files = writeResults(result);
  printReport(result, comparisons, memory, files, {
    sweep,
    goals,
    idleAfterWarmup,
    profiles,
    sweepRuns: sweepSize.runs,
  });
  return errors.length > 0 ? 1 : 0;
}

runBenchCommand('bench employers', main, USAGE);
