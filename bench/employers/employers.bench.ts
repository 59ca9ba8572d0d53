/**
 * The employers service as deployed — the BUILT dist/services/employers/main.js as a child process
 * with its own database — under load, compared with ceilings measured in the same run.
 * Usage: node tools/scripts/run-ts.cjs bench/employers/employers.bench.ts [--quick] [--runs=N]
 * (bench/employers/run.sh starts the servers and builds the service first). See bench/README.md.
 */
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Admin, Kafka } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { Topics } from '@frontera/contracts';
import { aRegistration, anAddress, anRfc } from '@frontera/employers-domain/testing';
import { aPrincipal, TestTokenIssuer } from '@frontera/platform-auth/testing';
import { databaseUri, freePort, startGroupAtEnd } from '@frontera/platform-testing';
import { BASELINE_METRICS, runBaseline } from '../baseline/baseline';
import { startNestPing, type RunningServer } from '../baseline/http-apps';
import {
  benchName,
  BenchResultFile,
  Column,
  Deadline,
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
  runConcurrent,
  runInterleaved,
  runsOf,
  summarize,
  waitFor,
  withTimeout,
  writeResults,
  runBenchCommand,
} from '../lib';
import { EventTimer, quietKafka } from './event-timer';
import { JsonClient, type Reply } from './http';
import { ServiceProcess, type MemoryReading } from './service-process';

const MAIN = path.join(REPO_ROOT, 'dist/services/employers/main.js');
const WATCHDOG_MS = { full: 5 * 60_000, quick: 2 * 60_000 };
const REGISTERED_TYPE = 'frontera.employer.registered';

const SIZES = {
  full: {
    warmup: 16,
    registrations: 300,
    concurrency: 16,
    contention: 50,
    contentionConcurrency: 10,
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
    readConnections: 32,
    readSec: 2,
    readWarmupSec: 1,
    readRuns: 1,
    baselineRuns: 2,
    idleEvents: 5,
  },
};
type Sizes = (typeof SIZES)['full'];

/** The service's consumer groups (KAFKA_CONSUMER_GROUP_PREFIX-<suffix>) and their topics. */
const SERVICE_GROUPS: ReadonlyArray<readonly [string, string]> = [
  ['audit-outcomes', Topics.auditTask.name],
  ['risk', Topics.risk.name],
  ['permits', Topics.permit.name],
];

const USAGE = `usage: node tools/scripts/run-ts.cjs bench/employers/employers.bench.ts [--quick] [--runs=N]
  --quick   60 registrations, 2 s read runs, smaller mongo ceilings (smoke run, ~30 s)
  --runs    recorded runs of the mongo ceilings (default ${SIZES.full.baselineRuns}, --quick ${SIZES.quick.baselineRuns})
The service must be built (npx nx build employers) and the servers running: bench/employers/run.sh does both.`;

const log = (message: string): void => {
  process.stderr.write(`  · ${message}\n`);
};

interface Employer {
  id: string;
  token: string;
}

/** A finished closed-loop run of requests: wall time and per-request latencies. */
interface LoadRun {
  count: number;
  ms: number;
  latencies: number[];
  statuses: Map<string, number>;
}

function statusKey(reply: Reply): string {
  const code = reply.body?.['code'];
  return typeof code === 'string' ? `${reply.status} ${code}` : String(reply.status);
}

function describeStatuses(statuses: Map<string, number>): string {
  return [...statuses.entries()].map(([k, n]) => `${k} ×${n}`).join(', ');
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
    this.client = new JsonClient(service.baseUrl, Math.max(size.concurrency, size.contentionConcurrency));
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
  private async load(
    label: string,
    count: number,
    concurrency: number,
    call: (index: number) => Promise<Reply>,
    expected: number | null,
  ): Promise<LoadRun> {
    const latencies: number[] = [];
    const statuses = new Map<string, number>();
    const deadline = new Deadline(label, 60_000);
    const start = now();
    await runConcurrent(
      count,
      concurrency,
      async (i) => {
        const t0 = now();
        const reply = await call(i);
        latencies.push(elapsedMs(t0));
        const key = statusKey(reply);
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
      },
      deadline,
    );
    const ms = elapsedMs(start);
    const unexpected = [...statuses.keys()].filter((k) => expected !== null && k !== String(expected));
    if (unexpected.length > 0) {
      throw new Error(`${label}: expected ${expected} only, got ${describeStatuses(statuses)}`);
    }
    return { count, ms, latencies, statuses };
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

function printReport(
  result: BenchResultFile,
  comparisons: readonly ComparisonRow[],
  memory: { before?: MemoryReading; after?: MemoryReading },
  files: { file: string; latest: string },
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
    ...result.notes.map((n) => `note: ${n}`),
    ...result.errors.map((e) => `FAILED ${e.group}: ${e.message}`),
    `results: ${path.relative(REPO_ROOT, files.file)} (also ${path.relative(REPO_ROOT, files.latest)})`,
    `total time: ${(result.durationMs / 1000).toFixed(1)} s`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

async function main(): Promise<number> {
  const args = parseBenchArgs(process.argv.slice(2), []);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const quick = args.quick;
  const size = quick ? SIZES.quick : SIZES.full;
  const baselineRuns = args.runs ?? size.baselineRuns;

  let service: ServiceProcess | undefined;
  // Never leave the service behind: not on the watchdog, not on an interrupt.
  const watchdogMs = quick ? WATCHDOG_MS.quick : WATCHDOG_MS.full;
  setTimeout(() => {
    process.stderr.write(`bench employers: watchdog: still running after ${watchdogMs / 1000} s, exiting\n`);
    service?.kill();
    process.exit(3);
  }, watchdogMs).unref();
  process.on('exit', () => service?.kill());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      service?.kill();
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

  process.stderr.write(`bench employers${quick ? ' (quick)' : ''}: run ${runId}, database ${database}\n`);
  try {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run 'npx nx build employers' first`);

    // --- set-up: token issuer, Kafka groups at the end of their topics, the service -------------
    const issuer = await TestTokenIssuer.create();
    kafka = quietKafka(benchName('employers', runId), endpoints.kafkaBrokers);
    admin = kafka.admin();
    await withTimeout(admin.connect(), 15_000, 'kafka admin connect');
    // The service's groups start at the end of the shared topics, so it does not replay every
    // earlier run's audit and permit events while it is measured.
    for (const [suffix, topic] of SERVICE_GROUPS) {
      const groupId = `${groupPrefix}-${suffix}`;
      groups.push(groupId);
      await withTimeout(startGroupAtEnd(kafka, admin, groupId, [topic]), 30_000, `start ${groupId} at end`);
    }
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
    service = await ServiceProcess.start({
      main: MAIN,
      cwd: REPO_ROOT,
      port,
      readyTimeoutMs: 60_000,
      env: {
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
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

    // --- ceilings: bare mongodb driver → FerretDB, while the service idles ------------------------
    const baseline = await runBaseline({ only: ['mongo'], quick, runs: baselineRuns, endpoints, log });
    baselineMetrics.push(...baseline.metrics);
    notes.push(...baseline.notes.filter((n) => !n.startsWith('machine:')));
    errors.push(...baseline.errors);

    bench = new EmployersBench(service, issuer, events, runId, size);
    const warm = await bench.newEmployers(size.warmup);
    const measured = await bench.newEmployers(size.registrations);
    memory.before = service.memory();

    // --- warm-up (not recorded): registrations, changes, reads ---------------------------------
    log(`warm-up: ${size.warmup} registrations and changes`);
    await bench.register(warm, 'warmup-register');
    await bench.change(warm, 'warmup-change', size.concurrency, 200);

    // --- registrations ---------------------------------------------------------------------------
    log(`registrations: ${size.registrations}, concurrency ${size.concurrency}`);
    const registrations = await bench.register(measured, 'register');
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
    const changes = await bench.change(measured, 'change', size.concurrency, 200);
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

    // --- contention: one employer, serialised by its Redis lock ---------------------------------
    log(`contention: ${size.contention} changes on one employer, concurrency ${size.contentionConcurrency}`);
    const hot = measured[0];
    const contention = await bench.change(
      Array.from({ length: size.contention }, () => hot),
      'contention',
      size.contentionConcurrency,
      null,
    );
    const contentionMetrics = loadMetrics(
      'employers.contention',
      'employers',
      `change ×${size.contention} one employer c${size.contentionConcurrency}`,
      'changes/s',
      contention,
      {
        concurrency: size.contentionConcurrency,
        route: 'POST /employers/:id/changes',
        employers: 1,
        lock: 'Redis, LOCK_WAIT_MS 5000 (default)',
      },
    );
    const busy = [...contention.statuses.entries()]
      .filter(([k]) => k === '503 EMPLOYER.BUSY')
      .reduce((n, [, c]) => n + c, 0);
    const ok = contention.statuses.get('200') ?? 0;
    metrics.push(
      ...contentionMetrics,
      one(
        {
          id: 'employers.contention.busy',
          group: 'employers',
          name: `change ×${size.contention} one employer c${size.contentionConcurrency}`,
          metric: '503 BUSY',
          unit: 'responses',
          better: 'lower',
          params: contentionMetrics[0].params,
        },
        busy,
      ),
    );
    if (ok !== size.contention) {
      notes.push(`contention: ${describeStatuses(contention.statuses)} (expected 200 ×${size.contention}).`);
    }

    // --- reads: autocannon, alternating with a bare Nest route at the same connections ---------------
    const reader = measured[1];
    const check = await bench.get(reader);
    if (check.status !== 200) throw new Error(`GET /employers/${reader.id} answered ${check.status}`);
    nest = await startNestPing();
    const nestUrl = nest.url;
    const readUrl = `${service.baseUrl}/employers/${reader.id}`;
    const readHeaders = { authorization: `Bearer ${reader.token}` };
    const loadOnce = async (which: 'service' | 'nest', durationSec: number): Promise<HttpLoadResult> => {
      const r = await runHttpLoad({
        url: which === 'service' ? readUrl : nestUrl,
        connections: size.readConnections,
        durationSec,
        headers: which === 'service' ? readHeaders : {},
      });
      if (r.non2xx > 0 || r.errors > 0 || r.timeouts > 0) {
        throw new Error(`${which} reads: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
      }
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
  const result: BenchResultFile & { comparisons: ComparisonRow[] } = {
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
  };
  const files = writeResults(result);
  printReport(result, comparisons, memory, files);
  return errors.length > 0 ? 1 : 0;
}

runBenchCommand('bench employers', main, USAGE);
