/**
 * The permits service as deployed — the BUILT dist/services/permits/main.js as a child process with
 * its own database, Redis database and keys — under load, each figure compared with a ceiling
 * measured in the same run: public verifications against a bare Nest route, approvals against the
 * bare driver's concurrent updateOne, a roster import against the bare insertMany.
 * Usage: node tools/scripts/run-ts.cjs bench/permits/permits.bench.ts [--quick] [--runs=N]
 * (bench/permits/run.sh starts the servers and builds the service first). See bench/README.md.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Admin, Kafka } from 'kafkajs';
import { MongoClient, type Db } from 'mongodb';
import { aPrincipal, TestTokenIssuer } from '@frontera/platform-auth/testing';
import { EventFeeder } from '@frontera/platform-runtime/testing';
import { databaseUri, freePort, startGroupsAtEnd } from '@frontera/platform-testing';
import { PERMITS_CONSUMER_GROUPS } from '../../services/permits/src/messaging/consumer-groups';
import { ROSTER_CONTENT_TYPE } from '../../services/permits/src/rosters/roster-file.reader';
import { rosterCsv, validRows } from '../../services/permits/test/rosters/roster-files';
import { BASELINE_METRICS, runBaseline } from '../baseline/baseline';
import { startNestPing, type RunningServer } from '../baseline/http-apps';
import {
  benchName,
  type BenchResultFile,
  type Column,
  elapsedMs,
  findMetric,
  formatMetricsTable,
  formatNumber,
  formatRatio,
  formatTable,
  type HttpLoadResult,
  localEndpoints,
  machineInfo,
  median,
  type MetricDef,
  metricFromRuns,
  type MetricResult,
  newRunId,
  now,
  parseBenchArgs,
  perSecond,
  ratio,
  redactUri,
  REPO_ROOT,
  RESULT_SCHEMA,
  runBenchCommand,
  runHttpLoad,
  runInterleaved,
  runsOf,
  sleep,
  summarize,
  withTimeout,
  writeResults,
} from '../lib';
import { closedLoop, type LoadRun } from '../employers/closed-loop';
import { quietKafka } from '../employers/event-timer';
import { JsonClient, type Reply } from '../employers/http';
import { deleteRedisKeys } from '../employers/redis-keys';
import {
  IDLE_EARLY_MS,
  IDLE_SETTLED_MS,
  ServiceProcess,
  type IdleMemoryReading,
  type MemoryReading,
} from '../employers/service-process';
import {
  aBenchApplication,
  aBenchWorker,
  seedEmployer,
  storeVerificationReads,
  tokenIndexOf,
  verificationEntriesProjected,
  verificationTokens,
  type SeededEmployer,
  permitsServiceEnv,
  withRedisDb,
} from './permits-seed';

/** A phase left out on purpose (`--only`, `--no-roster`), noted rather than reported as an error. */
class SkippedPhase extends Error {}

const MAIN = path.join(REPO_ROOT, 'dist/services/permits/main.js');
const WATCHDOG_MS = { full: 20 * 60_000, quick: 5 * 60_000 };
/** The Redis database of the run's service (BullMQ queues, locks, list positions, rate limits). */
const DEFAULT_REDIS_DB = 9;
const STATE = 'CHP';

const SIZES = {
  full: {
    warmup: 16,
    /** Applications submitted, then approved: the permits verified afterwards. */
    approvals: 300,
    concurrency: 16,
    rounds: 3,
    verifyConnections: 32,
    verifySec: 4,
    verifyWarmupSec: 1,
    verifyRuns: 3,
    rosterRows: 10_000,
    idleMs: 5_000,
  },
  quick: {
    warmup: 8,
    approvals: 60,
    concurrency: 16,
    rounds: 2,
    verifyConnections: 32,
    verifySec: 2,
    verifyWarmupSec: 1,
    verifyRuns: 2,
    rosterRows: 1_000,
    idleMs: 3_000,
  },
};
type Sizes = (typeof SIZES)['full'];

/** The service's consumer groups (KAFKA_CONSUMER_GROUP_PREFIX-<suffix>) and their topics. */

const GOALS = { verify: 0.7, roster: 0.3 } as const;

/** What `--only` may select: every phase (default) or the roster alone with its ceiling. */
const PHASES = ['all', 'roster'] as const;
type Phases = (typeof PHASES)[number];

const USAGE = `usage: node tools/scripts/run-ts.cjs bench/permits/permits.bench.ts [--quick] [--runs=N]
         [--roster-rows=N] [--redis-db=N] [--only=roster] [--main=FILE] [--no-roster]
  --quick        ${SIZES.quick.approvals} approvals, 2 s verification runs, a ${SIZES.quick.rosterRows.toLocaleString('en-US')}-row roster (smoke run, ~2 min)
  --runs         rounds of (mongo ceilings, approvals) (default ${SIZES.full.rounds}, --quick ${SIZES.quick.rounds}); verification runs per case are the same number
  --roster-rows  data rows of the roster file (default ${SIZES.full.rosterRows}, --quick ${SIZES.quick.rosterRows}; at most 10000, ROSTER_MAX_ROWS)
  --redis-db     Redis database of the service (default ${DEFAULT_REDIS_DB}: its BullMQ queues are its own, not shared with test apps)
  --only=roster  the roster phase alone: one round of the mongo ceilings, then the roster (no warm-up
                 submissions, approvals or verifications); its ratio is against that round's insertMany
  --main         the service's entry (default dist/services/permits/main.js, the build); a .ts file runs
                 from source through tools/scripts/run-ts.cjs (transpile only), for a tree not built
  --no-roster    skip the roster phase (approvals and verifications only)
The service must be built (npx nx build permits) and the servers running: bench/permits/run.sh does both.`;

interface PermitsArgs {
  rosterRows: number | null;
  redisDb: number;
  only: Phases;
  main: string;
  noRoster: boolean;
  rest: string[];
}

function parsePermitsArgs(argv: readonly string[]): PermitsArgs {
  const out: PermitsArgs = {
    rosterRows: null,
    redisDb: DEFAULT_REDIS_DB,
    only: 'all',
    main: MAIN,
    noRoster: false,
    rest: [],
  };
  for (const arg of argv) {
    if (arg === '--no-roster') {
      out.noRoster = true;
      continue;
    }
    if (arg.startsWith('--only=')) {
      const value = arg.slice('--only='.length);
      if (!(PHASES as readonly string[]).includes(value)) {
        throw new Error(`--only expects one of: ${PHASES.join(', ')} (got '${value}')`);
      }
      out.only = value as Phases;
      continue;
    }
    if (arg.startsWith('--main=')) {
      out.main = path.resolve(REPO_ROOT, arg.slice('--main='.length));
      continue;
    }
    if (arg.startsWith('--roster-rows=')) {
      const n = Number(arg.slice('--roster-rows='.length).replace(/_/g, ''));
      if (!Number.isInteger(n) || n < 1 || n > 10_000)
        throw new Error(`--roster-rows expects 1..10000 (got '${arg}')`);
      out.rosterRows = n;
    } else if (arg.startsWith('--redis-db=')) {
      const n = Number(arg.slice('--redis-db='.length));
      if (!Number.isInteger(n) || n < 1 || n > 15) throw new Error(`--redis-db expects 1..15 (got '${arg}')`);
      out.redisDb = n;
    } else {
      out.rest.push(arg);
    }
  }
  return out;
}

const log = (message: string): void => {
  process.stderr.write(`  · ${message}\n`);
};

/** Per consumer group of the service: messages of its topic after the group's committed offsets. */
async function groupLag(admin: Admin, groupPrefix: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [suffix, topics] of Object.entries(PERMITS_CONSUMER_GROUPS)) {
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      const [committed] = await admin.fetchOffsets({ groupId: `${groupPrefix}-${suffix}`, topics: [topic] });
      let lag = 0;
      for (const end of ends) {
        const at = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        lag += Number(at) < 0 ? 0 : Math.max(0, Number(end.offset) - Number(at));
      }
      out[suffix] = (out[suffix] ?? 0) + lag;
    }
  }
  return out;
}

function toSample(r: HttpLoadResult): VerifySample {
  return { rps: r.requestsPerSec, p50: r.latencyMs.p50, p99: r.latencyMs.p99 };
}

function one(def: MetricDef, value: number): MetricResult {
  return metricFromRuns(def, [value]);
}

/** An issued permit as the bench verifies it. */
interface Verifiable {
  permitId: string;
  number: string;
  workerId: string;
  birthYear: number;
}

/** One run of a verification case: requests per second and latency percentiles. */
interface VerifySample {
  rps: number;
  p50: number;
  p99: number;
}

class PermitsClient {
  private readonly client: JsonClient;

  constructor(
    baseUrl: string,
    maxSockets: number,
    private readonly runId: string,
    private readonly employerToken: string,
    private readonly officerToken: string,
  ) {
    this.client = new JsonClient(baseUrl, maxSockets, 60_000);
  }

  close(): void {
    this.client.close();
  }

  private headers(token: string, correlation: string): Record<string, string> {
    return { authorization: `Bearer ${token}`, 'x-correlation-id': `bench-${this.runId}-${correlation}` };
  }

  /** POST /applications for `count` new workers (201 each); the ids and the workers' birth years. */
  async submit(
    employer: SeededEmployer,
    count: number,
    concurrency: number,
    label: string,
  ): Promise<{ run: LoadRun; submitted: Array<{ id: string; birthYear: number }> }> {
    const workers = Array.from({ length: count }, () => aBenchWorker());
    const submitted: Array<{ id: string; birthYear: number }> = [];
    const run = await closedLoop(
      label,
      count,
      concurrency,
      async (i) => {
        const reply = await this.client.send(
          'POST',
          '/applications',
          this.headers(this.employerToken, `${label}-${i}`),
          aBenchApplication(employer, workers[i]),
        );
        if (reply.status === 201) {
          submitted.push({
            id: String(reply.body?.['id']),
            birthYear: Number(workers[i].dateOfBirth.slice(0, 4)),
          });
        }
        return reply;
      },
      201,
    );
    return { run, submitted };
  }

  /** POST /applications/:id/approval by an officer of the state (200 each): the permits issued. */
  async approve(
    applications: ReadonlyArray<{ id: string; birthYear: number }>,
    concurrency: number,
    label: string,
  ): Promise<{ run: LoadRun; permits: Verifiable[] }> {
    const permits: Verifiable[] = [];
    const run = await closedLoop(
      label,
      applications.length,
      concurrency,
      async (i) => {
        const reply = await this.client.send(
          'POST',
          `/applications/${applications[i].id}/approval`,
          this.headers(this.officerToken, `${label}-${i}`),
          { reason: 'Documentación completa y verificada' },
        );
        const permit = reply.body?.['permit'] as
          | { id?: string; number?: string; workerId?: string }
          | undefined;
        if (reply.status === 200 && permit?.id && permit.number && permit.workerId) {
          permits.push({
            permitId: permit.id,
            number: permit.number,
            workerId: permit.workerId,
            birthYear: applications[i].birthYear,
          });
        }
        return reply;
      },
      200,
    );
    return { run, permits };
  }

  uploadRoster(worksiteId: string, csv: string): Promise<Reply> {
    return this.client.sendText(
      'POST',
      `/worksites/${worksiteId}/rosters`,
      this.headers(this.employerToken, 'roster'),
      `${ROSTER_CONTENT_TYPE}; charset=utf-8`,
      csv,
    );
  }

  roster(id: string): Promise<Reply> {
    return this.client.send('GET', `/rosters/${id}`, this.headers(this.employerToken, 'roster-poll'));
  }

  verifyToken(token: string): Promise<Reply> {
    return this.client.send('GET', `/verify/${token}`, {});
  }
}

function loadMetrics(
  prefix: string,
  name: string,
  unit: string,
  runs: readonly LoadRun[],
  params: Record<string, unknown>,
): MetricResult[] {
  const statuses: Record<string, number> = {};
  for (const r of runs) for (const [k, n] of r.statuses) statuses[k] = (statuses[k] ?? 0) + n;
  const base = {
    group: 'permits',
    name,
    params: { ...params, count: runs.reduce((n, r) => n + r.count, 0), runs: runs.length, statuses },
  };
  return [
    metricFromRuns(
      { ...base, id: `${prefix}.throughput`, metric: 'throughput', unit, better: 'higher' },
      runs.map((r) => perSecond(r.count, r.ms)),
    ),
    ...(['p50', 'p99'] as const).map((p) =>
      metricFromRuns(
        { ...base, id: `${prefix}.${p}`, metric: p, unit: 'ms', better: 'lower' },
        runs.map((r) => summarize(r.latencies)[p]),
      ),
    ),
  ];
}

interface ComparisonRow {
  id: string;
  against: string;
  value: number;
  baselineValue: number;
  /** Median of the paired per-run ratios when the runs were paired, else value ÷ baselineValue. */
  ratio: number;
  pairedRuns?: number[];
  p99Ms?: number;
  goal?: number;
  note: string;
}

interface Goal {
  id: string;
  goal: string;
  value: number;
  met: boolean | null;
}

function printReport(
  result: BenchResultFile,
  comparisons: readonly ComparisonRow[],
  goals: readonly Goal[],
  memory: { idle?: IdleMemoryReading; idleEarly?: IdleMemoryReading; end?: MemoryReading },
  files: { file: string; latest: string },
): void {
  const m = result.machine;
  const columns: Column[] = [
    { header: 'measured' },
    { header: 'value', align: 'right' },
    { header: 'p99 ms', align: 'right' },
    { header: 'ceiling (same run)' },
    { header: 'value', align: 'right' },
    { header: 'ratio', align: 'right' },
    { header: 'goal', align: 'right' },
    { header: 'reading' },
  ];
  const rows = comparisons.map((c) => [
    c.id,
    formatNumber(c.value),
    c.p99Ms === undefined ? '' : formatNumber(c.p99Ms),
    c.against,
    formatNumber(c.baselineValue),
    formatRatio(c.ratio),
    c.goal === undefined ? '' : `≥ ${c.goal.toFixed(2)}×`,
    c.note,
  ]);
  const mib = (v?: number): string => (v === undefined ? 'n/a' : `${v.toFixed(1)} MiB`);
  const lines = [
    '',
    `permits service (${String(result.options['service'])}, one process${result.options['only'] === 'roster' ? ', --only=roster' : ''}) — ` +
      `${result.options['quick'] ? 'QUICK (smoke) run' : 'full run'}; medians of the runs; ratios paired run by run ` +
      `where the runs alternated; spread = ±½(max−min)/median`,
    `${m.os.type} ${m.os.release} ${m.os.arch} · ${m.cpus.count} × ${m.cpus.model} · ` +
      `Node ${m.node.version} · git ${m.git.commit?.slice(0, 10) ?? 'n/a'}${m.git.dirty ? ' (dirty)' : ''} · ` +
      `load ${m.loadavg.start.join('/')} → ${m.loadavg.end?.join('/') ?? '?'}`,
    '',
    formatMetricsTable(result.metrics),
    '',
    'Ratios (measured ÷ ceiling, both from this run):',
    formatTable(columns, rows),
    '',
    `service memory: RSS idle after warm-up ${mib(memory.idleEarly?.rssMiB)} after ${IDLE_EARLY_MS / 1000} s, ` +
      `${mib(memory.idle?.rssMiB)} after ${IDLE_SETTLED_MS / 1000} s` +
      `${memory.idle?.heap?.['heapUsed'] !== undefined ? ` (V8 heap used ${mib(memory.idle.heap['heapUsed'])})` : ''}, ` +
      `RSS at the end ${mib(memory.end?.rssMiB)}, peak RSS (VmHWM) ${mib(memory.end?.peakMiB)}`,
    '',
    'Goals (figures of this run):',
    ...goals.map(
      (g) =>
        `  ${g.met === null ? 'n/a ' : g.met ? 'MET ' : 'MISS'}  ${g.id}: ${g.goal} — ${formatRatio(g.value)}`,
    ),
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
  const own = parsePermitsArgs(process.argv.slice(2));
  const args = parseBenchArgs(own.rest, []);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const quick = args.quick;
  const size: Sizes = {
    ...(quick ? SIZES.quick : SIZES.full),
    ...(args.runs ? { rounds: args.runs, verifyRuns: args.runs } : {}),
    ...(own.rosterRows ? { rosterRows: own.rosterRows } : {}),
  };

  const watchdogMs = quick ? WATCHDOG_MS.quick : WATCHDOG_MS.full;
  setTimeout(() => {
    process.stderr.write(`bench permits: watchdog: still running after ${watchdogMs / 1000} s, exiting\n`);
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
  const memory: { idle?: IdleMemoryReading; idleEarly?: IdleMemoryReading; end?: MemoryReading } = {};
  const database = benchName('permits', runId, '_');
  const dbUri = databaseUri(endpoints.mongoUri, database);
  const redisUrl = withRedisDb(endpoints.redisUrl, own.redisDb);
  const groupPrefix = benchName('permits-svc', runId);
  const groups: string[] = [];
  const piiKeys = {
    encryption: randomBytes(32).toString('base64'),
    hash: randomBytes(32).toString('base64'),
  };
  let service: ServiceProcess | undefined;
  let kafka: Kafka | undefined;
  let admin: Admin | undefined;
  let feeder: EventFeeder | undefined;
  let store: MongoClient | undefined;
  let client: PermitsClient | undefined;
  let nest: RunningServer | undefined;
  let ceilingStore: MongoClient | undefined;
  let consumerLag: Record<string, number> | undefined;
  let bootMs: number | null = null;

  process.stderr.write(`bench permits${quick ? ' (quick)' : ''}: run ${runId}, database ${database}\n`);
  try {
    if (!existsSync(own.main)) throw new Error(`${own.main} is missing: run 'npx nx build permits' first`);
    const fromSource = own.main.endsWith('.ts');

    // --- set-up: tokens, the service's groups at the end of their topics, the service ------------
    const issuer = await TestTokenIssuer.create();
    const employerId = `org_bench${runId.replace(/[^a-z0-9]/gi, '').toLowerCase()}`;
    const employerToken = await issuer.mintFor(aPrincipal('employer').ofEmployer(employerId).build());
    const officerToken = await issuer.mintFor(
      aPrincipal('officer').withSubject(`bench-officer-${runId}`).inStates(STATE).build(),
    );
    kafka = quietKafka(benchName('permits', runId), endpoints.kafkaBrokers);
    admin = kafka.admin();
    await withTimeout(admin.connect(), 15_000, 'kafka admin connect');
    groups.push(
      ...(await withTimeout(
        startGroupsAtEnd(kafka, admin, groupPrefix, PERMITS_CONSUMER_GROUPS),
        30_000,
        'start the service groups at end',
      )),
    );
    log(`starting ${path.relative(REPO_ROOT, own.main)}${fromSource ? ' (from source, ts-node)' : ''}`);
    const port = await freePort();
    const bootStart = now();
    service = await ServiceProcess.start({
      ...(fromSource
        ? { main: path.join(REPO_ROOT, 'tools/scripts/run-ts.cjs'), args: [own.main] }
        : { main: own.main }),
      cwd: REPO_ROOT,
      port,
      readyTimeoutMs: fromSource ? 180_000 : 60_000,
      env: permitsServiceEnv({
        mongoUri: dbUri,
        redisUrl,
        kafkaBrokers: endpoints.kafkaBrokers,
        keys: piiKeys,
        issuer,
        groupPrefix,
      }),
    });
    bootMs = Math.round(elapsedMs(bootStart));
    log(`service ready on ${service.baseUrl} (pid ${service.pid}) after ${bootMs} ms`);

    store = new MongoClient(dbUri, { maxPoolSize: 4, serverSelectionTimeoutMS: 10_000 });
    await withTimeout(store.connect(), 15_000, 'connect to the service database');
    const db: Db = store.db(database);
    feeder = await EventFeeder.start(kafka);
    // Capacity far above what the run issues: the worksite's headcount is not what is measured.
    const employer = await seedEmployer(
      feeder,
      db,
      { employerId, worksiteId: `ws_bench${runId.replace(/[^a-z0-9]/gi, '').toLowerCase()}` },
      { state: STATE, capacity: 100_000 },
    );
    log(`employer ${employer.employerId} active with worksite ${employer.worksiteId}`);
    const run = new PermitsClient(service.baseUrl, size.concurrency, runId, employerToken, officerToken);
    client = run;

    const rosterOnly = own.only === 'roster';
    if (rosterOnly) size.rounds = 1;

    // --- warm-up (not recorded): submissions, approvals, verifications -----------------------------
    if (!rosterOnly) {
      log(`warm-up: ${size.warmup} applications submitted and approved, verified`);
      const warm = await run.submit(employer, size.warmup, size.concurrency, 'warmup-submit');
      const warmPermits = await run.approve(warm.submitted, size.concurrency, 'warmup-approve');
      const warmTokens = await verificationTokens(
        db,
        piiKeys,
        warmPermits.permits.map((p) => p.permitId),
      );
      await verificationEntriesProjected(db, piiKeys, [...warmTokens.values()], 60_000);
      await closedLoop(
        'warmup-verify',
        warmTokens.size * 4,
        size.concurrency,
        (i) => run.verifyToken([...warmTokens.values()][i % warmTokens.size]),
        200,
      );
    }
    const idleReadings = await service.idleReadings();
    memory.idleEarly = idleReadings.early;
    memory.idle = idleReadings.settled;
    log(
      `idle after warm-up: RSS ${memory.idleEarly.rssMiB.toFixed(1)} MiB after ${IDLE_EARLY_MS / 1000} s, ` +
        `${memory.idle.rssMiB.toFixed(1)} MiB after ${IDLE_SETTLED_MS / 1000} s`,
    );

    // --- rounds: the bare mongo ceilings, then approvals of applications submitted before ----------
    const perRound = Math.ceil(size.approvals / size.rounds);
    const submitRuns: LoadRun[] = [];
    const approveRuns: LoadRun[] = [];
    const baselineRounds: BenchResultFile[] = [];
    const permits: Verifiable[] = [];
    for (let round = 0; round < size.rounds; round++) {
      log(`round ${round + 1}/${size.rounds}: mongo ceilings`);
      const baseline = await runBaseline({ only: ['mongo'], quick, runs: 1, endpoints, log });
      if (baseline.errors.length > 0) {
        errors.push(...baseline.errors.map((e) => ({ ...e, group: `round ${round + 1} ${e.group}` })));
      }
      baselineRounds.push(baseline);
      if (rosterOnly) continue;
      log(`round ${round + 1}/${size.rounds}: ${perRound} applications submitted, then approved`);
      const submitted = await run.submit(employer, perRound, size.concurrency, `submit-${round}`);
      submitRuns.push(submitted.run);
      const approved = await run.approve(submitted.submitted, size.concurrency, `approve-${round}`);
      approveRuns.push(approved.run);
      permits.push(...approved.permits);
    }
    // The mongo ceilings: one metric per id with a run per round (each round's one recorded run).
    for (const id of [
      BASELINE_METRICS.mongoInsertConcurrent,
      BASELINE_METRICS.mongoInsertMany,
      BASELINE_METRICS.mongoUpdateConcurrent,
    ]) {
      const perRun = baselineRounds.map((b) => findMetric(b, id));
      const first = perRun.find((m) => m !== undefined);
      if (!first) continue;
      const { group, name, metric, unit, better } = first;
      baselineMetrics.push(
        metricFromRuns(
          {
            id,
            group,
            name,
            metric,
            unit,
            better,
            params: { ...first.params, rounds: size.rounds, recordedRunsPerRound: 1 },
          },
          perRun.map((m) => m?.value ?? Number.NaN),
        ),
      );
    }
    const approveParams = {
      concurrency: size.concurrency,
      route: 'POST /applications/:id/approval (officer of CHP)',
      applicationsPerRound: perRound,
      maxPoolSize: 10,
    };
    if (!rosterOnly)
      metrics.push(
        ...loadMetrics(
          'permits.submit',
          `submit ×${perRound}/round c${size.concurrency}`,
          'apps/s',
          submitRuns,
          { ...approveParams, route: 'POST /applications (employer staff, NEW, worker registered)' },
        ),
        ...loadMetrics(
          'permits.approve',
          `approve → permit issued ×${perRound}/round c${size.concurrency}`,
          'permits/s',
          approveRuns,
          approveParams,
        ),
      );
    const updateRuns = baselineRounds.map(
      (b) => findMetric(b, BASELINE_METRICS.mongoUpdateConcurrent)?.value ?? Number.NaN,
    );
    const approvePairs = approveRuns.map((r, i) => perSecond(r.count, r.ms) / updateRuns[i]);
    const approveMetric = findMetric(metrics, 'permits.approve.throughput');
    if (approveMetric) {
      approveMetric.ratio = {
        value: median(approvePairs),
        label: `of ${BASELINE_METRICS.mongoUpdateConcurrent} (paired by round)`,
        runs: approvePairs,
      };
    }

    // --- public verifications: by token and by number, alternated with a bare Nest route ------------
    const verifyPairs: Record<string, number[]> = {};
    const storePairs: Record<string, number[]> = {};
    try {
      if (rosterOnly) throw new SkippedPhase();
      const tokens = await verificationTokens(
        db,
        piiKeys,
        permits.map((p) => p.permitId),
      );
      // The service's own consumer projects each issued permit into the verification read model.
      const projectStart = now();
      await verificationEntriesProjected(db, piiKeys, [...tokens.values()], 120_000);
      log(
        `verification entries of ${tokens.size} permits projected (${Math.round(elapsedMs(projectStart))} ms after the last approval's answer)`,
      );
      const tokenPaths = permits.map(
        (p) => `/verify/${encodeURIComponent(tokens.get(p.permitId) as string)}`,
      );
      const numberPaths = permits.map(
        (p) => `/verify?number=${encodeURIComponent(p.number)}&birthYear=${p.birthYear}`,
      );
      for (const [label, samplePath] of [
        ['token', tokenPaths[0]],
        ['number', numberPaths[0]],
      ] as const) {
        const check = await fetch(`${service.baseUrl}${samplePath}`, { signal: AbortSignal.timeout(10_000) });
        const body = (await check.json()) as Record<string, unknown>;
        if (check.status !== 200 || body['valid'] !== true) {
          throw new Error(`GET /verify by ${label} answered ${check.status} ${JSON.stringify(body)}`);
        }
      }
      const storeReads = permits.map((p) => ({
        tokenIndex: tokenIndexOf(piiKeys, tokens.get(p.permitId) as string),
      }));
      // The bare driver with the service's pool size, on the service's own documents.
      ceilingStore = new MongoClient(dbUri, { maxPoolSize: 10, serverSelectionTimeoutMS: 10_000 });
      await withTimeout(ceilingStore.connect(), 15_000, 'connect the store ceiling');
      const ceilingDb = ceilingStore.db(database);
      nest = await startNestPing();
      const nestUrl = nest.url;
      const verifyCases = {
        token: { url: `${service.baseUrl}/verify`, paths: tokenPaths },
        number: { url: `${service.baseUrl}/verify`, paths: numberPaths },
        nest: { url: nestUrl, paths: undefined },
      } as const;
      type VerifyCase = keyof typeof verifyCases | 'store';
      const loadOnce = async (which: VerifyCase, durationSec: number): Promise<VerifySample> => {
        if (which === 'store') {
          const r = await storeVerificationReads(ceilingDb, storeReads, size.verifyConnections, durationSec);
          const lat = summarize(r.latencies);
          return { rps: perSecond(r.count, r.ms), p50: lat.p50, p99: lat.p99 };
        }
        const c = verifyCases[which];
        const r = await runHttpLoad({
          url: c.url,
          connections: size.verifyConnections,
          durationSec,
          ...(c.paths ? { paths: c.paths } : {}),
        });
        if (r.non2xx > 0 || r.errors > 0 || r.timeouts > 0) {
          throw new Error(
            `${which} verifications: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`,
          );
        }
        return toSample(r);
      };
      const reads = await runInterleaved<VerifySample>(
        (['token', 'number', 'nest', 'store'] as const).map((which) => ({
          key: which,
          warmup: () => loadOnce(which, size.verifyWarmupSec),
          run: () => loadOnce(which, size.verifySec),
        })),
        size.verifyRuns,
        (msg) => log(`verifications: ${msg}`),
      );
      const nestRuns = runsOf(reads, 'nest');
      const verifyParams = {
        connections: size.verifyConnections,
        durationSec: size.verifySec,
        runs: size.verifyRuns,
        permits: permits.length,
        loadGenerator: 'autocannon in a worker thread of the bench process, each request the next permit',
        rateLimit: 'VERIFY_RATE_PER_MINUTE=100000',
      };
      const nestRps = metricFromRuns(
        {
          id: 'http.nest.c32.rps',
          group: 'http',
          name: `bare nest GET /ping c${size.verifyConnections}`,
          metric: 'throughput',
          unit: 'req/s',
          better: 'higher',
          params: { ...verifyParams, route: 'GET /ping', server: 'NestJS 11 + Express, bench process' },
        },
        nestRuns.map((r) => r.rps),
      );
      const storeRuns = runsOf(reads, 'store');
      const storeRps = metricFromRuns(
        {
          id: 'permits.verify.storeCeiling.rps',
          group: 'permits',
          name: `bare driver: the store reads of a verification c${size.verifyConnections}`,
          metric: 'throughput',
          unit: 'verifications/s',
          better: 'higher',
          params: {
            ...verifyParams,
            what:
              'findOne(permit_verifications, { _id: tokenIndex }) with the answer projection; ' +
              'mongodb driver, maxPoolSize 10, closed loop',
          },
        },
        storeRuns.map((r) => r.rps),
      );
      baselineMetrics.push(nestRps, storeRps);
      for (const which of ['token', 'number'] as const) {
        const serviceRuns = runsOf(reads, which);
        const route = which === 'token' ? 'GET /verify/:token' : 'GET /verify?number&birthYear';
        const rps = metricFromRuns(
          {
            id: `permits.verify.${which}.rps`,
            group: 'permits',
            name: `verify ${route} c${size.verifyConnections}`,
            metric: 'throughput',
            unit: 'req/s',
            better: 'higher',
            params: { ...verifyParams, route },
          },
          serviceRuns.map((r) => r.rps),
        );
        const pairs = serviceRuns.map((r, i) => r.rps / nestRuns[i].rps);
        verifyPairs[which] = pairs;
        storePairs[which] = serviceRuns.map((r, i) => r.rps / storeRuns[i].rps);
        rps.ratio = { value: median(pairs), label: 'of http.nest.c32.rps (paired)', runs: pairs };
        metrics.push(
          rps,
          ...(['p50', 'p99'] as const).map((p) =>
            metricFromRuns(
              {
                id: `permits.verify.${which}.${p}`,
                group: 'permits',
                name: `verify ${route} c${size.verifyConnections}`,
                metric: p,
                unit: 'ms',
                better: 'lower',
                params: { ...verifyParams, route },
              },
              serviceRuns.map((r) => r[p]),
            ),
          ),
        );
      }
      await withTimeout(nest.close(), 10_000, 'close nest').catch(() => undefined);
      nest = undefined;
    } catch (err) {
      if (err instanceof SkippedPhase) {
        // --only=roster
      } else {
        const message = err instanceof Error ? err.message : String(err);
        errors.push({ group: 'verify', message });
        log(`verifications FAILED: ${message}`);
      }
    }

    // --- a roster file: upload, then poll until COMPLETED ---------------------------------------------
    let rosterPair: { value: number; ceiling: number } | undefined;
    try {
      if (own.noRoster) throw new SkippedPhase('roster skipped (--no-roster)');
      const csv = rosterCsv(validRows(size.rosterRows));
      log(
        `roster: ${size.rosterRows} rows (${(Buffer.byteLength(csv) / 1024).toFixed(0)} KiB), upload and poll`,
      );
      const rosterStart = now();
      const accepted = await run.uploadRoster(employer.worksiteId, csv);
      const uploadMs = elapsedMs(rosterStart);
      if (accepted.status !== 202) {
        throw new Error(`roster upload answered ${accepted.status} ${JSON.stringify(accepted.body)}`);
      }
      const importId = String(accepted.body?.['id']);
      let done: Record<string, unknown> | undefined;
      let polls = 0;
      const limitMs = Math.max(120_000, size.rosterRows * 60);
      while (elapsedMs(rosterStart) < limitMs) {
        await sleep(250);
        polls++;
        const reply = await run.roster(importId);
        if (reply.status !== 200) throw new Error(`GET /rosters/${importId} answered ${reply.status}`);
        const status = reply.body?.['status'];
        if (status === 'COMPLETED' || status === 'FAILED') {
          done = reply.body;
          break;
        }
      }
      const totalMs = elapsedMs(rosterStart);
      if (!done) throw new Error(`roster ${importId} not COMPLETED within ${limitMs / 1000} s`);
      if (done['status'] !== 'COMPLETED' || done['accepted'] !== size.rosterRows) {
        throw new Error(`roster ${importId}: ${JSON.stringify(done)}`);
      }
      const rosterParams = {
        rows: size.rosterRows,
        bytes: Buffer.byteLength(csv),
        uploadMs: Math.round(uploadMs),
        polls,
        pollEveryMs: 250,
        timed: 'from sending the file to the first GET /rosters/:id answering COMPLETED',
        jobSettings: 'ROSTER_BATCH_SIZE, ROSTER_ROW_CONCURRENCY, ROSTER_JOB_CONCURRENCY: the defaults',
        service: fromSource ? 'from source (ts-node, transpile only)' : 'built (dist)',
      };
      metrics.push(
        one(
          {
            id: 'permits.roster.rows',
            group: 'permits',
            name: `roster ×${size.rosterRows} rows → applications`,
            metric: 'throughput',
            unit: 'rows/s',
            better: 'higher',
            params: rosterParams,
          },
          perSecond(size.rosterRows, totalMs),
        ),
        one(
          {
            id: 'permits.roster.upload',
            group: 'permits',
            name: `roster ×${size.rosterRows} rows: POST answered 202`,
            metric: 'time',
            unit: 'ms',
            better: 'lower',
            params: rosterParams,
          },
          uploadMs,
        ),
      );
      // The adjacent ceiling: the last round's insertMany (the rounds ran just before).
      const lastInsertMany =
        findMetric(baselineRounds[baselineRounds.length - 1], BASELINE_METRICS.mongoInsertMany)?.value ??
        Number.NaN;
      rosterPair = { value: perSecond(size.rosterRows, totalMs), ceiling: lastInsertMany };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof SkippedPhase) {
        notes.push(message);
        log(message);
      } else {
        errors.push({ group: 'roster', message });
        log(`roster FAILED: ${message}`);
      }
    }

    // --- the service's consumers at the end: events on their topics not yet handled ----------------------
    consumerLag = await withTimeout(groupLag(admin, groupPrefix), 15_000, 'consumer lag').catch(
      () => undefined,
    );
    if (consumerLag && consumerLag['workers'] > 0) {
      // How fast the duplicate check (worker.registered, its own events) works its backlog off.
      const fromLag = consumerLag['workers'];
      const drainStart = now();
      await sleep(size.idleMs * 2);
      const later = await withTimeout(groupLag(admin, groupPrefix), 15_000, 'consumer lag').catch(
        () => undefined,
      );
      if (later) {
        const drainMs = elapsedMs(drainStart);
        metrics.push(
          one(
            {
              id: 'permits.consumer.workers.drain',
              group: 'permits',
              name: 'worker checks consumer: backlog handled (no new load)',
              metric: 'throughput',
              unit: 'events/s',
              better: 'higher',
              params: { lagBefore: fromLag, lagAfter: later['workers'], windowMs: Math.round(drainMs) },
            },
            perSecond(Math.max(0, fromLag - later['workers']), drainMs),
          ),
        );
        consumerLag = later;
      }
    }
    if (consumerLag) {
      notes.push(
        `consumer lag before SIGTERM (events of the shared topics not yet handled by the service's groups): ` +
          Object.entries(consumerLag)
            .map(([g, n]) => `${g} ${n}`)
            .join(', '),
      );
    }

    // --- memory -----------------------------------------------------------------------------------------
    memory.end = service.memory();
    const memDef = { group: 'permits', name: 'service process', unit: 'MiB', better: 'lower' as const };
    metrics.push(
      one(
        {
          ...memDef,
          id: 'permits.memory.rss.idleAfterWarmup',
          metric: `RSS idle after warm-up (${IDLE_SETTLED_MS / 1000} s)`,
          params: { idleMs: IDLE_SETTLED_MS, heap: memory.idle.heap },
        },
        memory.idle.rssMiB,
      ),
      one(
        {
          ...memDef,
          id: 'permits.memory.rss.idleEarly',
          metric: `RSS ${IDLE_EARLY_MS / 1000} s after warm-up`,
          params: { idleMs: IDLE_EARLY_MS, heap: memory.idleEarly?.heap },
        },
        memory.idleEarly?.rssMiB ?? Number.NaN,
      ),
      one({ ...memDef, id: 'permits.memory.rss.end', metric: 'RSS at the end' }, memory.end.rssMiB),
      one({ ...memDef, id: 'permits.memory.rss.peak', metric: 'RSS peak (VmHWM)' }, memory.end.peakMiB),
    );

    // --- ratios -------------------------------------------------------------------------------------------
    const value = (id: string): number =>
      findMetric([...metrics, ...baselineMetrics], id)?.value ?? Number.NaN;
    for (const which of ['token', 'number'] as const) {
      if (!verifyPairs[which]) continue;
      comparisons.push({
        id: `permits.verify.${which}.rps`,
        against: 'http.nest.c32.rps',
        value: value(`permits.verify.${which}.rps`),
        baselineValue: value('http.nest.c32.rps'),
        ratio: median(verifyPairs[which]),
        pairedRuns: verifyPairs[which],
        p99Ms: value(`permits.verify.${which}.p99`),
        goal: GOALS.verify,
        note: `median of ${verifyPairs[which].length} paired runs`,
      });
    }
    for (const which of ['token', 'number'] as const) {
      if (!storePairs[which]) continue;
      comparisons.push({
        id: `permits.verify.${which}.rps`,
        against: 'permits.verify.storeCeiling.rps',
        value: value(`permits.verify.${which}.rps`),
        baselineValue: value('permits.verify.storeCeiling.rps'),
        ratio: median(storePairs[which]),
        pairedRuns: storePairs[which],
        note: 'against its own one read on the bare driver (paired)',
      });
    }
    if (!rosterOnly)
      comparisons.push({
        id: 'permits.approve.throughput',
        against: BASELINE_METRICS.mongoUpdateConcurrent,
        value: value('permits.approve.throughput'),
        baselineValue: value(BASELINE_METRICS.mongoUpdateConcurrent),
        ratio: median(approvePairs),
        pairedRuns: approvePairs,
        p99Ms: value('permits.approve.p99'),
        note: `lock, eligibility, permit insert, application save, publish; median of ${approvePairs.length} rounds`,
      });
    if (!rosterOnly)
      comparisons.push({
        id: 'permits.submit.throughput',
        against: BASELINE_METRICS.mongoInsertConcurrent,
        value: value('permits.submit.throughput'),
        baselineValue: value(BASELINE_METRICS.mongoInsertConcurrent),
        ratio: ratio(value('permits.submit.throughput'), value(BASELINE_METRICS.mongoInsertConcurrent)),
        p99Ms: value('permits.submit.p99'),
        note: 'worker registered (sealed, blind indexes) + application; ratio of medians',
      });
    if (rosterPair) {
      const rosterMetric = metrics.find((x) => x.id === 'permits.roster.rows');
      const r = ratio(rosterPair.value, rosterPair.ceiling);
      if (rosterMetric)
        rosterMetric.ratio = { value: r, label: `of ${BASELINE_METRICS.mongoInsertMany} (last round)` };
      comparisons.push({
        id: 'permits.roster.rows',
        against: BASELINE_METRICS.mongoInsertMany,
        value: rosterPair.value,
        baselineValue: rosterPair.ceiling,
        ratio: r,
        goal: GOALS.roster,
        note: `vs the last round's insertMany (median of rounds ${formatNumber(value(BASELINE_METRICS.mongoInsertMany))})`,
      });
      if (!rosterOnly)
        comparisons.push({
          id: 'permits.roster.rows',
          against: 'permits.submit.throughput',
          value: rosterPair.value,
          baselineValue: value('permits.submit.throughput'),
          ratio: ratio(rosterPair.value, value('permits.submit.throughput')),
          note: 'a row is an application: the job against POST /applications at c16',
        });
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    errors.push({ group: 'permits', message });
    log(`FAILED: ${message}`);
  } finally {
    client?.close();
    if (nest) await withTimeout(nest.close(), 10_000, 'close nest').catch(() => undefined);
    await ceilingStore?.close().catch(() => undefined);
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
      } catch (err) {
        errors.push({ group: 'shutdown', message: `${(err as Error).message}\n${service.output()}` });
      }
    }
    await feeder?.stop().catch(() => undefined);
    if (admin) {
      await withTimeout(admin.deleteGroups(groups), 15_000, 'delete consumer groups').catch((err: Error) =>
        log(`clean-up: consumer groups: ${err.message}`),
      );
      await admin.disconnect().catch(() => undefined);
    }
    const mongo = store ?? new MongoClient(dbUri, { serverSelectionTimeoutMS: 10_000, maxPoolSize: 1 });
    await withTimeout(
      mongo.connect().then(() => mongo.db(database).dropDatabase()),
      15_000,
      `drop database ${database}`,
    ).catch((err: Error) => log(`clean-up: ${err.message}`));
    await mongo.close().catch(() => undefined);
    // The run's keys in the service's Redis database: the roster queue (prefixed with the database's
    // name), the sweep and housekeeping queues and their schedulers, list positions, rate limits.
    // Locks are left to their TTL (a key of another instance on this database could be held).
    await withTimeout(
      deleteRedisKeys(redisUrl, [
        `bull:${database}:*`,
        'bull:permits-*',
        `frontera:permits:list:${database}:*`,
        `frontera:permits:rate:${database}:*`,
      ]),
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
  const goals: Goal[] = comparisons
    .filter((c) => c.goal !== undefined)
    .map((c) => ({
      id: c.id,
      goal: `≥ ${(c.goal as number).toFixed(2)}× ${c.against}`,
      value: c.ratio,
      met: Number.isFinite(c.ratio) ? c.ratio >= (c.goal as number) : null,
    }));
  const result: BenchResultFile & {
    comparisons: ComparisonRow[];
    goals: Goal[];
    memory: typeof memory;
    consumerLag?: Record<string, number>;
  } = {
    schema: RESULT_SCHEMA,
    name: 'permits',
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    options: {
      quick,
      runId,
      sizes: size,
      service: path.relative(REPO_ROOT, own.main),
      only: own.only,
      database,
      redisDb: own.redisDb,
      bootMs,
    },
    machine,
    endpoints: {
      kafka: endpoints.kafkaBrokers.join(','),
      mongodb: redactUri(endpoints.mongoUri),
      redis: redactUri(redisUrl),
    },
    metrics: [...baselineMetrics, ...metrics],
    notes,
    errors,
    comparisons,
    goals,
    memory,
    ...(consumerLag ? { consumerLag } : {}),
  };
  const files = writeResults(result);
  printReport(result, comparisons, goals, memory, files);
  return errors.length > 0 ? 1 : 0;
}

runBenchCommand('bench permits', main, USAGE);
