import * as path from 'node:path';
import { Redis } from 'ioredis';
import type { Admin } from 'kafkajs';
import type { Db } from 'mongodb';
import { freePort } from '@frontera/platform-testing';
import {
  benchName,
  Deadline,
  HttpLoadResult,
  median,
  metricFromRuns,
  MetricResult,
  perSecond,
  ratio,
  REPO_ROOT,
  runHttpLoad,
  runInterleaved,
  runsOf,
  sleep,
  summarize,
  withTimeout,
} from '../lib';
import { closedLoop, type LoadRun } from './closed-loop';
import {
  EMPLOYER_SHAPE,
  EmployerDocuments,
  EMPLOYERS_COLLECTION,
  listPositionsKey,
  loadEmployers,
} from './employer-documents';
import { JsonClient } from './http';
import { ferretTable, vacuumAnalyze } from './postgres';
import {
  backendClientPort,
  childrenOf,
  connectionPorts,
  ForeignCpu,
  isAutovacuumWorker,
  isPostgresBackend,
  localServerPids,
  sampleCpu,
  type ProcessGroup,
} from './proc-stats';
import { heapFromMetrics, IDLE_SETTLED_MS, readMemory, ServiceProcess } from './service-process';

export const DEFAULT_SIZES = { full: [100, 10_000], quick: [100, 1_000] } as const;
export const MAX_SIZE = 200_000;

export const SWEEP_SIZES = {
  full: {
    runs: 3,
    readSec: 3,
    readWarmupSec: 1,
    readConnections: 32,
    readIds: 1_000,
    writes: 100,
    writeWarmup: 32,
    writeConcurrency: 16,
    idleSec: 20,
    idleFrom: 10_000,
  },
  quick: {
    runs: 1,
    readSec: 1,
    readWarmupSec: 1,
    readConnections: 32,
    readIds: 200,
    writes: 50,
    writeWarmup: 16,
    writeConcurrency: 16,
    idleSec: 5,
    idleFrom: 1_000,
  },
};
export type SweepSizes = (typeof SWEEP_SIZES)['full'];

/** A stretch of the run, for cutting the service's CPU profile (µs of the monotonic clock). */
export interface Mark {
  label: string;
  fromUs: number;
  toUs: number;
}

export interface SweepContext {
  runId: string;
  sizes: readonly number[];
  size: SweepSizes;
  service: ServiceProcess;
  /** `Bearer …` of an officer of CHP (every loaded employer is in CHP). */
  officer: string;
  /** The keys the service encrypts and hashes personal data with (base64). */
  piiKeys: { encryption: string; hash: string };
  /** The service's database. */
  db: Db;
  databaseName: string;
  databaseUri: string;
  kafkaBrokers: string[];
  redisUrl: string;
  admin: Admin;
  log: (message: string) => void;
  mark: (mark: Mark) => void;
  deadline: Deadline;
}

export interface IdleReading {
  size: number;
  windowMs: number;
  /** % of one core, by process group. */
  cpu: Record<string, number>;
  processes: Record<string, number>;
  serviceRssMiB: { start: number; end: number };
  autovacuumSeen: boolean;
  /** CPU of processes outside the bench, the service, the bare app and the servers meanwhile, % of a core. */
  otherCpu: number;
  /** From the service's /metrics (prom-client default metrics), MiB. */
  serviceHeap?: Record<string, number>;
  /**
   * Messages the service's consumers handled during the window (`frontera_consumer_messages_total`
   * from /metrics, after − before): other apps' events on the shared topics, work an idle service
   * does not do in production. Undefined when /metrics did not answer.
   */
  consumedMessages?: number;
}

/** The sum of `frontera_consumer_messages_total` over its series in a Prometheus text, or undefined. */
export function consumedMessagesFromMetrics(text: string): number | undefined {
  let total: number | undefined;
  for (const match of text.matchAll(
    /^frontera_consumer_messages_total(?:\{[^}]*\})? (\d+(?:\.\d+)?(?:e\+?\d+)?)$/gm,
  )) {
    total = (total ?? 0) + Number(match[1]);
  }
  return total;
}

async function serviceMetricsText(baseUrl: string): Promise<string | undefined> {
  try {
    const res = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(5_000) });
    return await res.text();
  } catch {
    return undefined;
  }
}

export interface SweepRow {
  size: number;
  loadDocsPerSec: number | null;
  ping: number;
  ceilingRead: number;
  read: number;
  readP99: number;
  readVsCeiling: number;
  ceilingWrite: number;
  ceilingBudget: number;
  command: number;
  commandP99: number;
  commandVsCeiling: number;
  commandVsBudget: number;
  /** CPU of processes other than the bench, the service, the ceiling app and the servers during the runs, % of a core. */
  otherCpu: number;
  /** VACUUM (ANALYZE) of the table after the load, ms (null: not done). */
  vacuumMs: number | null;
}

export interface SweepResult {
  metrics: MetricResult[];
  rows: SweepRow[];
  idle: IdleReading[];
  notes: string[];
  documentBytes: number;
}

const READ_CASES = ['ping', 'ceilingRead', 'read'] as const;
const WRITE_CASES = ['ceilingWrite', 'ceilingBudget', 'command'] as const;
const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);

/** `count` distinct integers of [0, n), in random order. */
function sample(n: number, count: number): number[] {
  const picked = new Set<number>();
  const want = Math.min(n, count);
  if (want === n) return Array.from({ length: n }, (_, i) => i).sort(() => Math.random() - 0.5);
  while (picked.size < want) picked.add(Math.floor(Math.random() * n));
  return [...picked];
}

/**
 * The register from 100 to 100,000 employers: at each size (loaded in bulk, see
 * employer-documents.ts), the ceilings of the bare app (ceiling-app.ts) and the service, read and
 * write, alternated run by run; at sizes from `idleFrom`, the idle CPU of the service and of the
 * database and the service's idle memory.
 */
export async function runSweep(ctx: SweepContext): Promise<SweepResult> {
  const { size } = ctx;
  const metrics: MetricResult[] = [];
  const rows: SweepRow[] = [];
  const idle: IdleReading[] = [];
  const notes: string[] = [];
  const topic = benchName('employers-ceiling', ctx.runId);
  const documents = new EmployerDocuments(ctx.runId, ctx.piiKeys);
  const documentBytes = await documents.check();
  const employers = ctx.db.collection(EMPLOYERS_COLLECTION);
  const servers = localServerPids(REPO_ROOT);
  for (const name of ['ferretdb', 'postgres'] as const) {
    if (!servers[name])
      notes.push(`idle: no ${name} process found (infra/local/servers.sh status): its CPU is not measured.`);
  }
  let ceiling: ServiceProcess | undefined;
  const client = new JsonClient(ctx.service.baseUrl, size.writeConcurrency);
  let ceilingClient: JsonClient | undefined;
  const redis = new Redis(ctx.redisUrl, {
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
    lazyConnect: true,
  });
  const positions = { redis, key: listPositionsKey(ctx.databaseName) };

  try {
    await withTimeout(
      ctx.admin.createTopics({
        topics: [{ topic, numPartitions: 6, replicationFactor: 1 }],
        waitForLeaders: true,
      }),
      30_000,
      `create topic ${topic}`,
    );
    await withTimeout(redis.connect(), 10_000, `connect ${ctx.redisUrl}`);
    const removed = await employers.deleteMany({});
    ctx.log(`sweep: removed the ${removed.deletedCount} employers of the single-size phases`);
    ceiling = await ServiceProcess.start({
      main: path.join(REPO_ROOT, 'tools/scripts/run-ts.cjs'),
      args: [path.join(REPO_ROOT, 'bench/employers/ceiling-app.ts')],
      cwd: REPO_ROOT,
      port: await freePort(),
      readyTimeoutMs: 60_000,
      env: {
        NODE_ENV: 'production',
        MONGODB_URI: ctx.databaseUri,
        KAFKA_BROKERS: ctx.kafkaBrokers.join(','),
        REDIS_URL: ctx.redisUrl,
        CEILING_TOPIC: topic,
        CEILING_LOCK_PREFIX: `bench:${ctx.runId}:lock:`,
        CEILING_HISTORY_COLLECTION: 'bench_ceiling_history',
      },
    });
    ctx.log(`sweep: ceiling app on ${ceiling.baseUrl} (pid ${ceiling.pid})`);
    const ceilingApp = ceiling;
    const ceilingHttp = new JsonClient(ceilingApp.baseUrl, size.writeConcurrency);
    ceilingClient = ceilingHttp;

    /** Status of each loaded employer as the service last answered it (the ceilings never change it). */
    const suspended = new Set<number>();
    let loaded = 0;
    for (const n of [...ctx.sizes].sort((a, b) => a - b)) {
      ctx.deadline.check();
      // --- load: insertMany of service-shaped documents up to n ---------------------------------
      let loadDocsPerSec: number | null = null;
      if (n > loaded) {
        ctx.log(`sweep: loading employers ${loaded} → ${n}`);
        const ms = await loadEmployers(employers, documents, positions, loaded, n, ctx.deadline);
        loadDocsPerSec = perSecond(n - loaded, ms);
        ctx.log(
          `sweep: loaded ${n - loaded} in ${(ms / 1000).toFixed(1)} s (${Math.round(loadDocsPerSec)}/s)`,
        );
        loaded = n;
      }
      // What autovacuum would do to the table within a minute of the load, done now, so that it does
      // not run in the middle of the measurements (nor the idle window).
      let vacuumMs: number | null = null;
      if (servers.postgresAddress) {
        try {
          const table = await ferretTable(servers.postgresAddress, ctx.databaseName, EMPLOYERS_COLLECTION);
          if (table) vacuumMs = await vacuumAnalyze(servers.postgresAddress, ctx.databaseName, table);
        } catch (err) {
          notes.push(`n${n}: VACUUM (ANALYZE) failed: ${(err as Error).message.split('\n')[0]}`);
        }
      }
      if (vacuumMs === null) notes.push(`n${n}: the employers table was not vacuumed after the load.`);
      else ctx.log(`sweep: VACUUM (ANALYZE) of the employers table in ${vacuumMs} ms`);
      await sleep(2_000);
      const tag = `n${n}`;
      const foreign = new ForeignCpu(() => knownPids(ctx, servers, ceilingApp));

      // --- reads: the empty route, (a) and the service, alternated ------------------------------
      const ids = sample(n, size.readIds).map((serial) => documents.idOf(serial));
      const readCase = (which: (typeof READ_CASES)[number], seconds: number, record: boolean) => async () => {
        const base = which === 'read' ? ctx.service.baseUrl : ceilingApp.baseUrl;
        const paths =
          which === 'ping'
            ? ['/ping']
            : ids.map((id) => (which === 'read' ? `/employers/${id}` : `/read/${id}`));
        const fromUs = nowUs();
        const r = await runHttpLoad({
          url: `${base}${paths[0]}`,
          paths,
          connections: size.readConnections,
          durationSec: seconds,
          headers: which === 'read' ? { authorization: ctx.officer } : {},
        });
        if (record) ctx.mark({ label: `${tag} ${which}`, fromUs, toUs: nowUs() });
        if (r.non2xx > 0 || r.errors > 0 || r.timeouts > 0) {
          throw new Error(`${tag} ${which}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
        }
        return r;
      };
      const reads = await runInterleaved<HttpLoadResult>(
        READ_CASES.map((which) => ({
          key: which,
          warmup: readCase(which, size.readWarmupSec, false),
          run: readCase(which, size.readSec, true),
        })),
        size.runs,
        (m) => ctx.log(`sweep ${tag} reads: ${m}`),
      );

      // --- writes: (b), (b′) and the service's command on distinct employers, alternated ----------
      const writeCase =
        (which: (typeof WRITE_CASES)[number], count: number, record: boolean) =>
        async (): Promise<LoadRun> => {
          const serials = sample(n, count);
          const fromUs = nowUs();
          const run = await closedLoop(
            `${tag} ${which}`,
            serials.length,
            size.writeConcurrency,
            (i) => {
              const serial = serials[i];
              const id = documents.idOf(serial);
              if (which === 'ceilingWrite') return ceilingHttp.send('POST', `/write/${id}`, {});
              if (which === 'ceilingBudget') return ceilingHttp.send('POST', `/budget/${id}`, {});
              const suspend = !suspended.has(serial);
              return client
                .send(
                  'POST',
                  `/employers/${id}/${suspend ? 'suspension' : 'reinstatement'}`,
                  { authorization: ctx.officer, 'x-correlation-id': `bench-${ctx.runId}-${tag}-${i}` },
                  { reason: suspend ? 'Revisión de nómina (bench)' : 'Nómina en regla (bench)' },
                )
                .then((reply) => {
                  if (reply.status === 200) {
                    if (suspend) suspended.add(serial);
                    else suspended.delete(serial);
                  }
                  return reply;
                });
            },
            200,
          );
          if (record) ctx.mark({ label: `${tag} ${which}`, fromUs, toUs: nowUs() });
          return run;
        };
      const writes = await runInterleaved<LoadRun>(
        WRITE_CASES.map((which) => ({
          key: which,
          warmup: writeCase(which, size.writeWarmup, false),
          run: writeCase(which, size.writes, true),
        })),
        size.runs,
        (m) => ctx.log(`sweep ${tag} writes: ${m}`),
      );

      // --- metrics of this size ----------------------------------------------------------------
      const readParams = {
        documents: n,
        distinctIds: ids.length,
        connections: size.readConnections,
        durationSec: size.readSec,
        loadGenerator: 'autocannon in a worker thread of the bench process',
      };
      const readNames = {
        ping: 'bare nest GET /ping (empty route)',
        ceilingRead: '(a) bare nest + findOne({_id})',
        read: 'service GET /employers/:id (officer)',
      } as const;
      const readMetric = (which: (typeof READ_CASES)[number]): MetricResult =>
        metricFromRuns(
          {
            id: `sweep.${tag}.${which}.rps`,
            group: 'sweep',
            name: `${readNames[which]} @${n.toLocaleString('en-US')}`,
            metric: 'throughput',
            unit: 'req/s',
            better: 'higher',
            params: readParams,
          },
          runsOf(reads, which).map((r) => r.requestsPerSec),
        );
      const readMetrics = Object.fromEntries(READ_CASES.map((w) => [w, readMetric(w)])) as Record<
        (typeof READ_CASES)[number],
        MetricResult
      >;
      const pairedRatio = (a: number[], b: number[]): { value: number; runs: number[] } => {
        const runs = a.map((x, i) => ratio(x, b[i]));
        return { value: median(runs), runs };
      };
      const readVsCeiling = pairedRatio(readMetrics.read.runs, readMetrics.ceilingRead.runs);
      readMetrics.read.ratio = { label: `of sweep.${tag}.ceilingRead.rps (paired)`, ...readVsCeiling };
      const ceilingVsPing = pairedRatio(readMetrics.ceilingRead.runs, readMetrics.ping.runs);
      readMetrics.ceilingRead.ratio = { label: `of sweep.${tag}.ping.rps (paired)`, ...ceilingVsPing };
      const readP99 = metricFromRuns(
        {
          id: `sweep.${tag}.read.p99`,
          group: 'sweep',
          name: `${readNames.read} @${n.toLocaleString('en-US')}`,
          metric: 'p99',
          unit: 'ms',
          better: 'lower',
          params: readParams,
        },
        runsOf(reads, 'read').map((r) => r.latencyMs.p99),
      );
      metrics.push(...READ_CASES.map((w) => readMetrics[w]), readP99);

      const writeNames = {
        ceilingWrite: '(b) bare nest: findOne + versioned updateOne + produce',
        ceilingBudget: "(b′) the service's round trips, bare (lock, outbox, publisher)",
        command: 'service POST suspension/reinstatement',
      } as const;
      const writeParams = {
        documents: n,
        perRun: Math.min(n, size.writes),
        concurrency: size.writeConcurrency,
        distinctEmployersPerRun: true,
      };
      const writeMetric = (which: (typeof WRITE_CASES)[number]): MetricResult =>
        metricFromRuns(
          {
            id: `sweep.${tag}.${which}.throughput`,
            group: 'sweep',
            name: `${writeNames[which]} @${n.toLocaleString('en-US')}`,
            metric: 'throughput',
            unit: 'writes/s',
            better: 'higher',
            params: writeParams,
          },
          runsOf(writes, which).map((r) => perSecond(r.count, r.ms)),
        );
      const writeMetrics = Object.fromEntries(WRITE_CASES.map((w) => [w, writeMetric(w)])) as Record<
        (typeof WRITE_CASES)[number],
        MetricResult
      >;
      const commandVsCeiling = pairedRatio(writeMetrics.command.runs, writeMetrics.ceilingWrite.runs);
      const commandVsBudget = pairedRatio(writeMetrics.command.runs, writeMetrics.ceilingBudget.runs);
      writeMetrics.command.ratio = {
        label: `of sweep.${tag}.ceilingWrite.throughput (paired)`,
        ...commandVsCeiling,
      };
      writeMetrics.ceilingBudget.ratio = {
        label: `of sweep.${tag}.ceilingWrite.throughput (paired)`,
        ...pairedRatio(writeMetrics.ceilingBudget.runs, writeMetrics.ceilingWrite.runs),
      };
      const commandLatency = (p: 'p50' | 'p99'): MetricResult =>
        metricFromRuns(
          {
            id: `sweep.${tag}.command.${p}`,
            group: 'sweep',
            name: `${writeNames.command} @${n.toLocaleString('en-US')}`,
            metric: p,
            unit: 'ms',
            better: 'lower',
            params: writeParams,
          },
          runsOf(writes, 'command').map((r) => summarize(r.latencies)[p]),
        );
      const commandP99 = commandLatency('p99');
      metrics.push(...WRITE_CASES.map((w) => writeMetrics[w]), commandLatency('p50'), commandP99);
      if (loadDocsPerSec !== null) {
        metrics.push(
          metricFromRuns(
            {
              id: `sweep.${tag}.load.throughput`,
              group: 'sweep',
              name: `insertMany /500 of ~${(documentBytes / 1024).toFixed(1)} KB employers up to ${n.toLocaleString('en-US')}`,
              metric: 'throughput',
              unit: 'docs/s',
              better: 'higher',
              params: { batchSize: 500, ordered: true, documentBytes, shape: EMPLOYER_SHAPE },
            },
            [loadDocsPerSec],
          ),
        );
      }
      rows.push({
        size: n,
        loadDocsPerSec,
        ping: readMetrics.ping.value,
        ceilingRead: readMetrics.ceilingRead.value,
        read: readMetrics.read.value,
        readP99: readP99.value,
        readVsCeiling: readVsCeiling.value,
        ceilingWrite: writeMetrics.ceilingWrite.value,
        ceilingBudget: writeMetrics.ceilingBudget.value,
        command: writeMetrics.command.value,
        commandP99: commandP99.value,
        commandVsCeiling: commandVsCeiling.value,
        commandVsBudget: commandVsBudget.value,
        otherCpu: foreign.corePct(),
        vacuumMs,
      });

      // --- idle: CPU of the service and of the database, memory of the service -------------------
      if (n >= size.idleFrom || n === Math.max(...ctx.sizes)) {
        const reading = await measureIdle(ctx, n, servers, ceilingApp);
        idle.push(reading);
        for (const [group, pct] of Object.entries(reading.cpu)) {
          metrics.push(
            metricFromRuns(
              {
                id: `sweep.${tag}.idle.${group}.cpu`,
                group: 'idle',
                name: `${group} idle @${n.toLocaleString('en-US')} (${Math.round(reading.windowMs / 1000)} s)`,
                metric: 'CPU',
                unit: '% of a core',
                better: 'lower',
                params: { processes: reading.processes[group], windowMs: reading.windowMs },
              },
              [pct],
            ),
          );
        }
        metrics.push(
          metricFromRuns(
            {
              id: `sweep.${tag}.idle.service.rss`,
              group: 'idle',
              name: `service idle @${n.toLocaleString('en-US')}`,
              metric: 'RSS',
              unit: 'MiB',
              better: 'lower',
              params: { ...reading.serviceRssMiB, heap: reading.serviceHeap },
            },
            [reading.serviceRssMiB.end],
          ),
        );
        if (reading.autovacuumSeen) {
          notes.push(
            `idle @${n}: a PostgreSQL autovacuum worker ran during the window (counted under postgresBackground).`,
          );
        }
        if (reading.consumedMessages) {
          notes.push(
            `idle @${n}: the service's consumers handled ${reading.consumedMessages} message(s) during the window ` +
              "(other apps' events on the shared topics): its idle CPU includes that work.",
          );
        }
      }
    }
  } finally {
    client.close();
    ceilingClient?.close();
    redis.disconnect();
    if (ceiling) {
      const stopped = await ceiling.stop(20_000).catch((err: Error) => {
        notes.push(`ceiling app: ${err.message}`);
        return undefined;
      });
      if (stopped && stopped.code !== 0) {
        notes.push(`ceiling app exited with code ${stopped.code}: ${ceiling.output().slice(-2_000)}`);
      }
    }
    await withTimeout(ctx.admin.deleteTopics({ topics: [topic] }), 15_000, `delete topic ${topic}`).catch(
      (err: Error) => ctx.log(`clean-up: topic ${topic}: ${err.message}`),
    );
  }
  return { metrics, rows, idle, notes, documentBytes };
}

/** The processes a measurement knows about: the bench, the service, the ceiling app and the local servers. */
function knownPids(
  ctx: SweepContext,
  servers: ReturnType<typeof localServerPids>,
  ceiling: ServiceProcess,
): number[] {
  const pids = [process.pid, ctx.service.pid, ceiling.pid];
  for (const pid of [servers.ferretdb, servers.redis, servers.kafka]) if (pid) pids.push(pid);
  if (servers.postgres) pids.push(servers.postgres, ...childrenOf(servers.postgres));
  // The ceiling app runs under run-ts.cjs: its node is the child itself.
  return pids;
}

/**
 * Waits until nothing is left to do (outbox published and pruned, no autovacuum worker), then
 * samples CPU over the idle window: the service, the ceiling app (a bare Nest with a pool and a
 * producer, for reference), FerretDB, PostgreSQL's backends (FerretDB's connections) and its
 * background processes.
 */
async function measureIdle(
  ctx: SweepContext,
  n: number,
  servers: ReturnType<typeof localServerPids>,
  ceiling: ServiceProcess,
): Promise<IdleReading> {
  const postmaster = servers.postgres;
  const pgPort = servers.postgresAddress?.port;
  /** The backends serving the measured FerretDB (others serve other clients of PostgreSQL). */
  const ferretBackends = (): number[] => {
    if (!postmaster) return [];
    const backends = childrenOf(postmaster).filter((pid) => isPostgresBackend(pid));
    if (!servers.ferretdb || !pgPort) return backends;
    const ports = connectionPorts(servers.ferretdb, pgPort);
    return backends.filter((pid) => ports.has(backendClientPort(pid) ?? -1));
  };
  const autovacuumRunning = (): boolean =>
    postmaster !== undefined && childrenOf(postmaster).some((pid) => isAutovacuumWorker(pid));
  // From the last request, long enough for V8's memory reducer to have collected what the sweep's
  // load left (its collection is the load's cost, not the idle service's: decision 0056).
  await sleep(IDLE_SETTLED_MS);
  const settle = new Deadline('autovacuum', 60_000);
  while (autovacuumRunning() && !settle.expired()) await sleep(1_000);
  ctx.log(`sweep n${n}: idle for ${ctx.size.idleSec} s`);
  const groups: ProcessGroup[] = [
    { name: 'service', pids: () => [ctx.service.pid] },
    { name: 'ferretdb', pids: () => (servers.ferretdb ? [servers.ferretdb] : []) },
    { name: 'postgresBackends', pids: ferretBackends },
    {
      name: 'postgresBackground',
      pids: () =>
        postmaster ? [postmaster, ...childrenOf(postmaster).filter((pid) => !isPostgresBackend(pid))] : [],
    },
    { name: 'ceilingApp', pids: () => [ceiling.pid] },
  ];
  const consumedBefore =
    consumedMessagesFromMetrics((await serviceMetricsText(ctx.service.baseUrl)) ?? '') ?? 0;
  const rssStart = readMemory(ctx.service.pid).rssMiB;
  let autovacuumSeen = false;
  const fromUs = nowUs();
  const foreign = new ForeignCpu(() => knownPids(ctx, servers, ceiling));
  const window = await sampleCpu(groups, ctx.size.idleSec * 1_000, () => {
    autovacuumSeen ||= autovacuumRunning();
  });
  ctx.mark({ label: `n${n} idle`, fromUs, toUs: nowUs() });
  const otherCpu = foreign.corePct();
  const rssEnd = readMemory(ctx.service.pid).rssMiB;
  const metricsText = await serviceMetricsText(ctx.service.baseUrl);
  const serviceHeap = metricsText === undefined ? undefined : heapFromMetrics(metricsText);
  const consumedAfter = metricsText === undefined ? undefined : consumedMessagesFromMetrics(metricsText);
  return {
    size: n,
    windowMs: window.windowMs,
    cpu: Object.fromEntries(window.groups.map((g) => [g.name, g.corePct])),
    processes: Object.fromEntries(window.groups.map((g) => [g.name, g.processes])),
    serviceRssMiB: { start: rssStart, end: rssEnd },
    autovacuumSeen,
    otherCpu,
    ...(serviceHeap ? { serviceHeap } : {}),
    ...(consumedAfter !== undefined ? { consumedMessages: consumedAfter - consumedBefore } : {}),
  };
}
