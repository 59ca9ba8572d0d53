/**
 * The whole system under a harvest wave (issue 14: P1, P2 and the memory of each service) — the three
 * BUILT services behind the nginx entry point (tools/system launcher), on the local servers, each
 * figure against a ceiling measured in the same run:
 *
 * - P1 issuance end to end: officers' approvals through the entry point, the clock stopped when every
 *   permit is visible in the audits read model (`held_permits`) AND in the employers' worksite headcounts;
 *   permits/s against the bare store doing the same number of document writes (the run's PostgreSQL
 *   tuple writes per permit, from pg_stat_user_tables of the run's schemas, priced at the same round's
 *   bare `insertOne`/`updateOne` rates).
 * - P2 event propagation: approvals at a steady half of P1's rate; per permit, the permit's write in the
 *   permits service (`permits.updatedAt`) → its `held_permits` entry written by the audits consumer
 *   (`updatedAt`); p99 against the bare kafkajs produce→consume p99 of the same run.
 * - Memory: VmRSS of each service idle after the set-up, sampled every 250 ms under the P1 load, and
 *   VmHWM at the end.
 *
 * Usage: node tools/scripts/run-ts.cjs bench/system/system.bench.ts [--quick] [--runs=N]
 * (bench/system/run.sh starts the servers and builds the services first). See bench/README.md.
 */
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import { MongoClient, type Db } from 'mongodb';
import { Topics } from '@frontera/contracts';
import { namespacedTopic } from '@frontera/platform-messaging';
import { databaseUri } from '@frontera/platform-testing';
import {
  ensureBuilt,
  SERVICE_NAMES,
  startSystem,
  type RunningSystem,
  type ServiceName,
} from '@frontera/system-launcher';
import { BASELINE_METRICS, runBaseline } from '../baseline/baseline';
import {
  type BenchResultFile,
  findMetric,
  formatMetricsTable,
  formatNumber,
  formatRatio,
  formatTable,
  localEndpoints,
  machineInfo,
  median,
  type MetricResult,
  metricFromRuns,
  newRunId,
  parseBenchArgs,
  percentile,
  redactUri,
  RESULT_SCHEMA,
  runBenchCommand,
  sleep,
  writeResults,
  REPO_ROOT,
} from '../lib';
import { psql, type PostgresAddress } from '../employers/postgres';
import {
  childrenOf,
  CLOCK_TICKS,
  localServerPids,
  machineBusyTicks,
  readProcStat,
} from '../employers/proc-stats';
import { quietKafka } from '../employers/event-timer';
import { IDLE_EARLY_MS, IDLE_SETTLED_MS, readMemory } from '../employers/service-process';
import { Api, application, headcountSum, pool, setUpWorld, type World } from '../../tools/system/world';

const USAGE = 'usage: system.bench.ts [--quick] [--runs=N]  (bench/README.md, "The whole system")';
/** P1's goal: permits/s ≥ 0.5 × the bare store for the same document writes. */
const P1_GOAL = 0.5;
/** P2's goal: p99 ≤ 2 × the bare kafkajs produce→consume p99. */
const P2_GOAL = 2;
/** The Redis database of the run's system (queues are under their database's prefix, decision 0050). */
const REDIS_DB = 10;
/** The world is set up for at least this many approvals: 6 employers, 12 worksites. */
const WORLD_APPROVALS = 600;

interface Sizes {
  readonly rounds: number;
  readonly perRound: number;
  readonly steady: number;
  readonly concurrency: number;
}
const SIZES: Record<'full' | 'quick', Sizes> = {
  full: { rounds: 3, perRound: 100, steady: 100, concurrency: 16 },
  quick: { rounds: 2, perRound: 30, steady: 30, concurrency: 16 },
};

interface Round {
  readonly permits: number;
  readonly ms: number;
  readonly permitsPerSecond: number;
  readonly tupleWrites: { inserts: number; updates: number; deletes: number };
  readonly writesPerPermit: number;
  readonly insertRate: number;
  readonly updateRate: number;
  readonly ceilingPermitsPerSecond: number;
  readonly ratio: number;
  readonly approvalP50: number;
  readonly approvalP99: number;
  /** Cores each process group used during the round (CPU time ÷ wall time). */
  readonly cpuCores: Record<string, number>;
  readonly machineCores: number;
}

interface Goal {
  id: string;
  goal: string;
  value: number;
  met: boolean | null;
}

const log = (line: string) => process.stderr.write(`[system] ${line}\n`);

async function main(): Promise<number> {
  const args = parseBenchArgs(process.argv.slice(2), []);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const sizes = { ...SIZES[args.quick ? 'quick' : 'full'], ...(args.runs ? { rounds: args.runs } : {}) };
  const endpoints = localEndpoints();
  const servers = localServerPids(REPO_ROOT);
  const postgres = servers.postgresAddress;
  if (!postgres) throw new Error("FerretDB's PostgreSQL not found in `infra/local/servers.sh status`");
  const runId = newRunId();
  // The world's generated ids (RFCs, documents) are built from a hex run id.
  const run = randomBytes(3).toString('hex');
  const namespace = `bench-system-${run}`;
  const started = new Date();
  const machine = machineInfo();
  const notes: string[] = [];
  const total = sizes.rounds * sizes.perRound + sizes.steady;

  await ensureBuilt();
  const system = await startSystem({
    namespace,
    endpoints: {
      kafkaBrokers: endpoints.kafkaBrokers,
      mongodbUri: endpoints.mongoUri,
      redisUrl: endpoints.redisUrl,
    },
    redisDatabase: REDIS_DB,
    readyTimeoutMs: 120_000,
  });
  const client = new MongoClient(endpoints.mongoUri, { maxPoolSize: 4, serverSelectionTimeoutMS: 10_000 });
  try {
    await client.connect();
    const db = (service: ServiceName): Db =>
      client.db(new URL(databaseUri(endpoints.mongoUri, `${namespace}_${service}`)).pathname.slice(1));
    const api = new Api(system.gatewayUrl, 120_000);

    log(
      `set-up: ${Math.ceil(Math.max(total, WORLD_APPROVALS) / 100)} employers, ${Math.ceil(Math.max(total, WORLD_APPROVALS) / 50)} worksites (namespace ${namespace})`,
    );
    const world = await setUpWorld(api, system.issuer, {
      tag: 'bench',
      run,
      // At least 12 worksites of 6 employers (capacity 60 each), whatever the count: the events of one
      // employer share a partition (key = employerId) and are applied in order.
      approvals: Math.max(total, WORLD_APPROVALS),
      legalName: 'Finca Banco',
    });
    await sleep(IDLE_EARLY_MS);
    const idleEarly = Object.fromEntries(SERVICE_NAMES.map((s) => [s, rssOf(system, s)])) as Record<
      ServiceName,
      number
    >;
    await sleep(IDLE_SETTLED_MS - IDLE_EARLY_MS);
    const idle = Object.fromEntries(SERVICE_NAMES.map((s) => [s, rssOf(system, s)])) as Record<
      ServiceName,
      number
    >;
    log(
      `idle RSS after ${IDLE_EARLY_MS / 1000} s: ${SERVICE_NAMES.map((s) => `${s} ${idleEarly[s].toFixed(0)} MiB`).join(', ')}; ` +
        `after ${IDLE_SETTLED_MS / 1000} s: ${SERVICE_NAMES.map((s) => `${s} ${idle[s].toFixed(0)} MiB`).join(', ')}`,
    );

    log(`submitting ${total} applications (untimed)`);
    const ids = await submitAll(api, world, run, total, sizes.concurrency);

    // P1, round by round: the mongo ceilings, then the round's approvals until visible everywhere.
    const rounds: Round[] = [];
    const loadRss: Record<ServiceName, number[]> = { employers: [], permits: [], audits: [] };
    let visible = 0;
    for (let r = 0; r < sizes.rounds; r++) {
      const ceilings = await runBaseline({
        only: ['mongo'],
        runs: 1,
        quick: args.quick,
        log: () => undefined,
      });
      const insertRate = findMetric(ceilings, BASELINE_METRICS.mongoInsertConcurrent)?.value ?? NaN;
      const updateRate = findMetric(ceilings, BASELINE_METRICS.mongoUpdateConcurrent)?.value ?? NaN;
      await quiet(postgres, namespace);
      const before = await tupleWrites(postgres, namespace);
      const batch = ids.slice(r * sizes.perRound, (r + 1) * sizes.perRound);
      const sampler = sampleRss(system, loadRss);
      const groups = cpuGroups(system, servers);
      const cpuBefore = cpuTicks(groups);
      const busyBefore = machineBusyTicks();
      const latencies: number[] = [];
      const t0 = Date.now();
      await pool(batch, sizes.concurrency, async (id) => {
        const a0 = Date.now();
        await approve(api, world, id);
        latencies.push(Date.now() - a0);
      });
      visible += batch.length;
      await untilVisible(db('audits'), api, world, visible, 180_000);
      const ms = Date.now() - t0;
      sampler.stop();
      const cpu = cpuShares(groups, cpuBefore, ms);
      const machineCores = ((machineBusyTicks() - busyBefore) * 1000) / CLOCK_TICKS / ms;
      await quiet(postgres, namespace);
      const after = await tupleWrites(postgres, namespace);
      const tuples = {
        inserts: after.inserts - before.inserts,
        updates: after.updates - before.updates,
        deletes: after.deletes - before.deletes,
      };
      const perPermit = (tuples.inserts + tuples.updates + tuples.deletes) / batch.length;
      // The bare store doing the same writes: inserts at the insert rate, updates and deletes at the update rate.
      const secondsPerPermit =
        tuples.inserts / batch.length / insertRate +
        (tuples.updates + tuples.deletes) / batch.length / updateRate;
      const ceiling = 1 / secondsPerPermit;
      const rate = (batch.length * 1000) / ms;
      rounds.push({
        permits: batch.length,
        ms,
        permitsPerSecond: rate,
        tupleWrites: tuples,
        writesPerPermit: perPermit,
        insertRate,
        updateRate,
        ceilingPermitsPerSecond: ceiling,
        ratio: rate / ceiling,
        approvalP50: percentile(latencies, 50),
        approvalP99: percentile(latencies, 99),
        cpuCores: cpu,
        machineCores,
      });
      log(
        `  approvals p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms; cores used: machine ${machineCores.toFixed(2)} — ` +
          Object.entries(cpu)
            .map(([k, v]) => `${k} ${v.toFixed(2)}`)
            .join(', '),
      );
      log(
        `P1 round ${r + 1}: ${batch.length} permits visible in ${(ms / 1000).toFixed(1)} s = ${rate.toFixed(2)}/s; ` +
          `${perPermit.toFixed(1)} document writes per permit (ins ${tuples.inserts}, upd ${tuples.updates}, del ${tuples.deletes}); ` +
          `bare store ${insertRate.toFixed(0)} inserts/s, ${updateRate.toFixed(0)} updates/s → ceiling ${ceiling.toFixed(2)} permits/s; ratio ${rate / ceiling >= 0 ? (rate / ceiling).toFixed(3) : 'n/a'}`,
      );
    }
    const peak = Object.fromEntries(SERVICE_NAMES.map((s) => [s, hwmOf(system, s)])) as Record<
      ServiceName,
      number
    >;

    // P2: a steady half of P1's rate; latency from the permit's write to the audits consumer's write.
    const p1Rate = median(rounds.map((r) => r.permitsPerSecond));
    const steadyRate = p1Rate / 2;
    const kafka = await runBaseline({ only: ['kafka'], runs: 1, quick: true, log: () => undefined });
    const bareP99 = findMetric(kafka, BASELINE_METRICS.kafkaRoundTripP99)?.value ?? NaN;
    const bareP50 = findMetric(kafka, BASELINE_METRICS.kafkaRoundTripP50)?.value ?? NaN;
    const steadyIds = ids.slice(sizes.rounds * sizes.perRound);
    log(
      `P2: ${steadyIds.length} approvals at ${steadyRate.toFixed(2)}/s (half of P1's ${p1Rate.toFixed(2)}/s)`,
    );
    const steadyStart = Date.now();
    await pool(steadyIds, sizes.concurrency, async (id, i) => {
      const due = steadyStart + (i / steadyRate) * 1000;
      if (due > Date.now()) await sleep(due - Date.now());
      await approve(api, world, id);
    });
    visible += steadyIds.length;
    await untilVisible(db('audits'), api, world, visible, 180_000);
    const stamps = await propagation(db('permits'), db('audits'), steadyIds);
    const produced = await producedAt(
      endpoints.kafkaBrokers,
      namespace,
      new Set(stamps.map((t) => t.permitId)),
    );
    const latencies = stamps.map((t) => t.heldAt - t.writtenAt);
    const relay = stamps.flatMap((t) =>
      produced.has(t.permitId) ? [(produced.get(t.permitId) as number) - t.writtenAt] : [],
    );
    const consume = stamps.flatMap((t) =>
      produced.has(t.permitId) ? [t.heldAt - (produced.get(t.permitId) as number)] : [],
    );
    const p2 = {
      count: latencies.length,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: Math.max(...latencies),
      bareP50,
      bareP99,
      /** permit write → the event's Kafka timestamp (the outbox publish after the write) */
      relayP50: percentile(relay, 50),
      relayP99: percentile(relay, 99),
      /** Kafka timestamp → held_permits written by the audits consumer (fetch, inbox, facts, read model) */
      consumerP50: percentile(consume, 50),
      consumerP99: percentile(consume, 99),
      brokenDown: relay.length,
    };
    log(
      `P2: permit write → held_permits p50 ${p2.p50} ms, p99 ${p2.p99} ms (write → produced p50 ${p2.relayP50} / p99 ${p2.relayP99} ms; ` +
        `produced → applied p50 ${p2.consumerP50} / p99 ${p2.consumerP99} ms; ${p2.brokenDown} events); bare kafkajs p99 ${bareP99.toFixed(1)} ms`,
    );
    const end = Object.fromEntries(SERVICE_NAMES.map((s) => [s, rssOf(system, s)])) as Record<
      ServiceName,
      number
    >;
    if (Object.values(api.retries).some((n) => n > 0))
      notes.push(`retried requests (transient answers): ${JSON.stringify(api.retries)}`);

    // The report.
    const p1Ratio = median(rounds.map((r) => r.ratio));
    const p2Ratio = p2.p99 / bareP99;
    const metrics: MetricResult[] = [
      metricFromRuns(
        {
          id: 'system.issuance.throughput',
          group: 'system',
          name: `P1 approvals → visible in audits and employers ×${sizes.perRound} c${sizes.concurrency}`,
          metric: 'throughput',
          unit: 'permits/s',
          better: 'higher',
          params: sizes,
        },
        rounds.map((r) => r.permitsPerSecond),
      ),
      metricFromRuns(
        {
          id: 'system.issuance.ceiling',
          group: 'system',
          name: 'P1 bare store, same document writes',
          metric: 'throughput',
          unit: 'permits/s',
          better: 'higher',
        },
        rounds.map((r) => r.ceilingPermitsPerSecond),
      ),
      metricFromRuns(
        {
          id: 'system.issuance.writesPerPermit',
          group: 'system',
          name: 'P1 PostgreSQL tuple writes per permit (3 services)',
          metric: 'count',
          unit: 'writes',
          better: 'lower',
        },
        rounds.map((r) => r.writesPerPermit),
      ),
      {
        ...metricFromRuns(
          {
            id: 'system.issuance.ratio',
            group: 'system',
            name: 'P1 ÷ its ceiling (by round)',
            metric: 'ratio',
            unit: '×',
            better: 'higher',
          },
          rounds.map((r) => r.ratio),
        ),
      },
      metricFromRuns(
        {
          id: 'system.propagation.p50',
          group: 'system',
          name: `P2 permit write → audits applied, ${steadyRate.toFixed(1)}/s`,
          metric: 'p50',
          unit: 'ms',
          better: 'lower',
        },
        [p2.p50],
      ),
      metricFromRuns(
        {
          id: 'system.propagation.p99',
          group: 'system',
          name: `P2 permit write → audits applied, ${steadyRate.toFixed(1)}/s`,
          metric: 'p99',
          unit: 'ms',
          better: 'lower',
        },
        [p2.p99],
      ),
      ...(
        [
          ['relay', 'P2 part: permit write → event produced (outbox publish)', p2.relayP50, p2.relayP99],
          ['consumer', 'P2 part: event produced → audits applied', p2.consumerP50, p2.consumerP99],
        ] as const
      ).flatMap(([part, name, p50, p99]) =>
        (
          [
            ['p50', p50],
            ['p99', p99],
          ] as const
        ).map(([q, v]) =>
          metricFromRuns(
            {
              id: `system.propagation.${part}.${q}`,
              group: 'system',
              name,
              metric: q,
              unit: 'ms',
              better: 'lower',
            },
            [v],
          ),
        ),
      ),
      metricFromRuns(
        {
          id: 'kafka.roundTrip.p99',
          group: 'kafka',
          name: 'bare kafkajs produce → consume (same run)',
          metric: 'p99',
          unit: 'ms',
          better: 'lower',
        },
        [bareP99],
      ),
      ...SERVICE_NAMES.flatMap((s) => [
        metricFromRuns(
          {
            id: `system.memory.${s}.idle`,
            group: 'memory',
            name: `${s} RSS idle after set-up (${IDLE_SETTLED_MS / 1000} s)`,
            metric: 'RSS',
            unit: 'MiB',
            better: 'lower',
          },
          [idle[s]],
        ),
        metricFromRuns(
          {
            id: `system.memory.${s}.idleEarly`,
            group: 'memory',
            name: `${s} RSS ${IDLE_EARLY_MS / 1000} s after set-up`,
            metric: 'RSS',
            unit: 'MiB',
            better: 'lower',
          },
          [idleEarly[s]],
        ),
        metricFromRuns(
          {
            id: `system.memory.${s}.load`,
            group: 'memory',
            name: `${s} RSS under P1 (max of 250 ms samples)`,
            metric: 'RSS',
            unit: 'MiB',
            better: 'lower',
          },
          [Math.max(...loadRss[s], 0)],
        ),
        metricFromRuns(
          {
            id: `system.memory.${s}.peak`,
            group: 'memory',
            name: `${s} VmHWM after P1`,
            metric: 'RSS peak',
            unit: 'MiB',
            better: 'lower',
          },
          [peak[s]],
        ),
      ]),
    ];
    const goals: Goal[] = [
      {
        id: 'system.issuance.ratio',
        goal: `≥ ${P1_GOAL.toFixed(2)}× the bare store for the same document writes (P1)`,
        value: p1Ratio,
        met: Number.isFinite(p1Ratio) ? p1Ratio >= P1_GOAL : null,
      },
      {
        id: 'system.propagation.p99',
        goal: `≤ ${P2_GOAL.toFixed(1)}× the bare kafkajs produce→consume p99 (P2)`,
        value: p2Ratio,
        met: Number.isFinite(p2Ratio) ? p2Ratio <= P2_GOAL : null,
      },
      ...SERVICE_NAMES.map((s) => ({
        id: `system.memory.${s}.idle`,
        goal: '≤ 150 MB resident idle (value in MB of 10⁶ bytes)',
        value: idle[s] * 1.048576,
        met: Number.isFinite(idle[s]) ? idle[s] * 1.048576 <= 150 : null,
      })),
    ];
    const load = os.loadavg();
    if (load[0] > os.availableParallelism()) {
      notes.push(
        `1-minute load average ${load[0].toFixed(1)} on ${os.availableParallelism()} cores: absolute figures are depressed; read the ratios.`,
      );
    }
    notes.push(
      'the three services, nginx, FerretDB + PostgreSQL, Kafka, Redis and the bench share the cores: every figure is a lower bound',
      "document writes are PostgreSQL tuple writes of the run's schemas (every collection FerretDB keeps: aggregates, outboxes, inboxes, idempotency keys, read models), counted from pg_stat_user_tables after the database went quiet",
    );
    const finished = new Date();
    const result: BenchResultFile & {
      goals: Goal[];
      rounds: Round[];
      propagation: typeof p2;
      memory: Record<string, unknown>;
    } = {
      schema: RESULT_SCHEMA,
      name: 'system',
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
      options: { quick: args.quick, runId, namespace, ...sizes },
      machine: {
        ...machine,
        loadavg: { ...machine.loadavg, end: load.map((l) => Math.round(l * 100) / 100) },
      },
      endpoints: {
        mongodb: redactUri(endpoints.mongoUri),
        kafka: endpoints.kafkaBrokers.join(','),
        redis: redactUri(endpoints.redisUrl),
        gateway: system.gatewayUrl,
      },
      metrics,
      notes,
      errors: [],
      goals,
      rounds,
      propagation: p2,
      memory: {
        idle,
        load: Object.fromEntries(SERVICE_NAMES.map((s) => [s, Math.max(...loadRss[s], 0)])),
        peak,
        end,
      },
    };
    const files = writeResults(result);
    process.stdout.write(`${formatMetricsTable(metrics)}\n\n`);
    process.stdout.write(
      `${formatTable(
        [
          { header: 'round', align: 'right' },
          { header: 'permits/s', align: 'right' },
          { header: 'writes/permit', align: 'right' },
          { header: 'inserts/s bare', align: 'right' },
          { header: 'updates/s bare', align: 'right' },
          { header: 'ceiling permits/s', align: 'right' },
          { header: 'ratio', align: 'right' },
        ],
        rounds.map((r, i) => [
          String(i + 1),
          formatNumber(r.permitsPerSecond),
          r.writesPerPermit.toFixed(1),
          formatNumber(r.insertRate),
          formatNumber(r.updateRate),
          formatNumber(r.ceilingPermitsPerSecond),
          formatRatio(r.ratio),
        ]),
      )}\n\n`,
    );
    for (const g of goals) {
      process.stdout.write(
        `goal ${g.id}: ${g.goal}: ${Number.isFinite(g.value) ? g.value.toFixed(3) : 'n/a'} — ${g.met === null ? 'not measured' : g.met ? 'met' : 'NOT met'}\n`,
      );
    }
    for (const n of notes) process.stdout.write(`note: ${n}\n`);
    process.stdout.write(`written: ${files.file}\n`);
    return 0;
  } finally {
    await client.close().catch(() => undefined);
    await system.stop().catch((error: unknown) => log(`stop: ${String(error)}`));
  }
}

async function submitAll(
  api: Api,
  world: World,
  run: string,
  total: number,
  concurrency: number,
): Promise<string[]> {
  const ids: string[] = Array.from({ length: total }, () => '');
  await pool(ids, concurrency, async (_, i) => {
    // Round-robin over the worksites: a harvest wave is many farms at once, not one farm's backlog.
    const site = world.worksites[i % world.worksites.length];
    if (!site) throw new Error(`no worksite for application ${i}`);
    const body = await api.expect('POST', '/applications', [201], {
      token: world.employerTokens.get(site.employerId),
      idempotencyKey: `bench-app-${run}-${i}`,
      json: application(run, site.id, i),
    });
    ids[i] = body.id;
  });
  return ids;
}

async function approve(api: Api, world: World, id: string): Promise<void> {
  await api.expect('POST', `/applications/${id}/approval`, [200], {
    token: world.officer,
    idempotencyKey: `bench-approve-${id}`,
    json: { reason: 'Documentos revisados; temporada de cosecha de café' },
  });
}

/** Until `n` permits are held in the audits read model and the worksites' headcounts sum to `n`. */
async function untilVisible(audits: Db, api: Api, world: World, n: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let held = 0;
  let heads = 0;
  while (Date.now() < deadline) {
    held = held >= n ? held : await audits.collection('held_permits').countDocuments({});
    if (held >= n) {
      heads = await headcountSum(api, world.officer, world.worksites);
      if (heads >= n) return;
    }
    await sleep(100);
  }
  throw new Error(
    `not visible within ${timeoutMs} ms: held permits ${held}, headcount ${heads}, expected ${n}`,
  );
}

/** Per permit of `applicationIds`: its write in permits and its held_permits write (audits), epoch ms. */
async function propagation(
  permits: Db,
  audits: Db,
  applicationIds: readonly string[],
): Promise<{ permitId: string; writtenAt: number; heldAt: number }[]> {
  const issued = await permits
    .collection('permits')
    .find({ applicationId: { $in: [...applicationIds] } }, { projection: { _id: 1, updatedAt: 1 } })
    .toArray();
  const held = await audits
    .collection('held_permits')
    .find({}, { projection: { _id: 1, updatedAt: 1 } })
    .toArray();
  const heldAt = new Map(held.map((h) => [String(h['_id']), (h['updatedAt'] as Date).getTime()]));
  const out: { permitId: string; writtenAt: number; heldAt: number }[] = [];
  for (const p of issued) {
    const at = heldAt.get(String(p['_id']));
    if (at !== undefined)
      out.push({ permitId: String(p['_id']), writtenAt: (p['updatedAt'] as Date).getTime(), heldAt: at });
  }
  if (out.length !== applicationIds.length) {
    throw new Error(`P2: ${out.length} of ${applicationIds.length} permits matched in held_permits`);
  }
  return out;
}

/** The Kafka (CreateTime) timestamp of each permit's `frontera.permit.issued` on the run's permit topic. */
async function producedAt(
  brokers: string[],
  namespace: string,
  permitIds: ReadonlySet<string>,
): Promise<Map<string, number>> {
  const kafka = quietKafka(`${namespace}-probe`, brokers);
  const consumer = kafka.consumer({ groupId: `${namespace}-bench-probe`, maxWaitTimeInMs: 100 });
  const found = new Map<string, number>();
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: namespacedTopic(namespace, Topics.permit.name), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const event = JSON.parse(message.value?.toString() ?? '{}') as {
          type?: string;
          data?: { permitId?: string };
        };
        const id = event.data?.permitId;
        if (event.type === 'frontera.permit.issued' && id !== undefined && permitIds.has(id)) {
          found.set(id, Number(message.timestamp));
        }
      },
    });
    const deadline = Date.now() + 30_000;
    while (found.size < permitIds.size && Date.now() < deadline) await sleep(200);
  } finally {
    await consumer.disconnect().catch(() => undefined);
    const admin = kafka.admin();
    await admin
      .connect()
      .then(() => admin.deleteGroups([`${namespace}-bench-probe`]))
      .catch(() => undefined)
      .finally(() => admin.disconnect());
  }
  return found;
}

/** Tuple writes (inserts, updates, deletes) of the run's FerretDB schemas, from pg_stat_user_tables. */
async function tupleWrites(pg: PostgresAddress, namespace: string) {
  const row = await psql(
    pg,
    `SELECT coalesce(sum(n_tup_ins),0), coalesce(sum(n_tup_upd),0), coalesce(sum(n_tup_del),0) FROM pg_stat_user_tables WHERE schemaname LIKE '${namespace.replace(/[^a-z0-9-]/g, '')}%'`,
  );
  const [inserts, updates, deletes] = row.split('|').map(Number) as [number, number, number];
  return { inserts, updates, deletes };
}

/** Until the run's tuple writes stop moving for 2 s (outboxes drained, sweeps idle; stats flushed). */
async function quiet(pg: PostgresAddress, namespace: string): Promise<void> {
  let last = '';
  for (let i = 0; i < 30; i++) {
    const now = JSON.stringify(await tupleWrites(pg, namespace));
    if (now === last) return;
    last = now;
    await sleep(2_000);
  }
}

type Groups = Record<string, () => number[]>;

/** The processes of the run: each service, nginx is left out (a few %), the local servers, this bench. */
function cpuGroups(system: RunningSystem, servers: ReturnType<typeof localServerPids>): Groups {
  const one = (pid: number | undefined) => () => (pid === undefined ? [] : [pid]);
  return {
    ...Object.fromEntries(SERVICE_NAMES.map((s) => [s, () => one(system.services[s].pid)()])),
    ferretdb: one(servers.ferretdb),
    postgres: () =>
      servers.postgres === undefined ? [] : [servers.postgres, ...childrenOf(servers.postgres)],
    kafka: one(servers.kafka),
    redis: one(servers.redis),
    bench: one(process.pid),
  };
}

function cpuTicks(groups: Groups): Record<string, Map<number, number>> {
  return Object.fromEntries(
    Object.entries(groups).map(([name, pids]) => [
      name,
      new Map(pids().map((pid) => [pid, readProcStat(pid)?.ticks ?? 0])),
    ]),
  );
}

function cpuShares(
  groups: Groups,
  before: Record<string, Map<number, number>>,
  wallMs: number,
): Record<string, number> {
  const after = cpuTicks(groups);
  return Object.fromEntries(
    Object.entries(after).map(([name, pids]) => {
      let ticks = 0;
      for (const [pid, end] of pids) ticks += Math.max(0, end - (before[name]?.get(pid) ?? 0));
      return [name, Math.round(((ticks * 1000) / CLOCK_TICKS / wallMs) * 100) / 100];
    }),
  );
}

function rssOf(system: RunningSystem, service: ServiceName): number {
  const pid = system.services[service].pid;
  return pid === undefined ? NaN : readMemory(pid).rssMiB;
}

function hwmOf(system: RunningSystem, service: ServiceName): number {
  const pid = system.services[service].pid;
  return pid === undefined ? NaN : readMemory(pid).peakMiB;
}

function sampleRss(system: RunningSystem, into: Record<ServiceName, number[]>): { stop(): void } {
  const timer = setInterval(() => {
    for (const s of SERVICE_NAMES) {
      const v = rssOf(system, s);
      if (Number.isFinite(v)) into[s].push(v);
    }
  }, 250);
  return { stop: () => clearInterval(timer) };
}

runBenchCommand('system bench', main, USAGE);
