/**
 * P6, a national register (permits): the permits service's register loaded in bulk to a small size,
 * every kind of request measured, then loaded on to the full size (by default 100,000 employers and
 * 1,000,000 workers, applications and permits) and measured again; each request's rate at the full
 * size ÷ its rate at the small one, raw and normalised by a bare Nest route measured next to it
 * (the machine is shared: its speed drifts over a long run). See bench/README.md.
 *
 *   node tools/scripts/run-ts.cjs bench/register/register.bench.ts [--quick] [--employers=N] …
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { aPrincipal, TestTokenIssuer } from '@frontera/platform-auth/testing';
import { databaseUri, freePort, startGroupsAtEnd } from '@frontera/platform-testing';
import { PERMITS_CONSUMER_GROUPS } from '../../services/permits/src/messaging/consumer-groups';
import { aBenchWorker, permitsServiceEnv, withRedisDb } from '../permits/permits-seed';
import { startNestPing, type RunningServer } from '../baseline/http-apps';
import {
  benchName,
  type BenchResultFile,
  elapsedMs,
  formatMetricsTable,
  formatNumber,
  formatRatio,
  formatTable,
  localEndpoints,
  machineInfo,
  median,
  metricFromRuns,
  type MetricResult,
  newRunId,
  now,
  redactUri,
  REPO_ROOT,
  RESULT_SCHEMA,
  runBenchCommand,
  runHttpLoad,
  withTimeout,
  writeResults,
} from '../lib';
import { closedLoop } from '../employers/closed-loop';
import { quietKafka } from '../employers/event-timer';
import { JsonClient } from '../employers/http';
import { deleteRedisKeys } from '../employers/redis-keys';
import { ServiceProcess } from '../employers/service-process';
import { PermitsRegister, REGISTER_STATE, type LoadedPermit } from './permits-register';

const GOAL = 0.8;

const SIZES = {
  full: { employers: 100_000, small: 1_000, runs: 3, readSec: 5, commands: 120, connections: 16 },
  quick: { employers: 5_000, small: 500, runs: 1, readSec: 2, commands: 40, connections: 16 },
} as const;

const USAGE = `usage: node tools/scripts/run-ts.cjs bench/register/register.bench.ts [--quick] [--employers=N]
         [--small=N] [--workers-per-employer=N] [--runs=N] [--redis-db=N] [--keep]
  --quick                 ${SIZES.quick.small.toLocaleString('en-US')} then ${SIZES.quick.employers.toLocaleString('en-US')} employers, 1 run of 2 s per case (smoke run, ~3 min)
  --employers             employers of the full register (default ${SIZES.full.employers.toLocaleString('en-US')})
  --small                 employers of the small register measured first (default ${SIZES.full.small.toLocaleString('en-US')})
  --workers-per-employer  workers, each with an approved application and its permit (default 10)
  --runs                  recorded runs of every case at each size (default ${SIZES.full.runs})
  --redis-db              the service's Redis database (default 13)
  --keep                  keep the run's database (bench_register_<run>) for a look afterwards`;

interface Args {
  quick: boolean;
  employers: number | null;
  small: number | null;
  perEmployer: number;
  runs: number | null;
  redisDb: number;
  keep: boolean;
  help: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const out: Args = {
    quick: false,
    employers: null,
    small: null,
    perEmployer: 10,
    runs: null,
    redisDb: 13,
    keep: false,
    help: false,
  };
  const positive = (arg: string, name: string, max: number): number => {
    const n = Number(arg.slice(name.length + 3).replace(/_/g, ''));
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new Error(`--${name} expects 1..${max} (got '${arg}')`);
    return n;
  };
  for (const arg of argv) {
    if (arg === '--quick') out.quick = true;
    else if (arg === '--keep') out.keep = true;
    else if (arg === '--help' || arg === '-h') out.help = true;
    else if (arg.startsWith('--employers=')) out.employers = positive(arg, 'employers', 1_000_000);
    else if (arg.startsWith('--small=')) out.small = positive(arg, 'small', 1_000_000);
    else if (arg.startsWith('--workers-per-employer='))
      out.perEmployer = positive(arg, 'workers-per-employer', 50);
    else if (arg.startsWith('--runs=')) out.runs = positive(arg, 'runs', 20);
    else if (arg.startsWith('--redis-db=')) out.redisDb = positive(arg, 'redis-db', 15);
    else throw new Error(`unknown argument '${arg}'`);
  }
  return out;
}

const log = (message: string): void => {
  process.stderr.write(`  · ${message}\n`);
};

/** One measured request kind: its rate at each size, the bare route's next to it. */
interface CaseFigures {
  id: string;
  name: string;
  kind: 'lookup' | 'list page' | 'verification' | 'command';
  runs: { size: number; rate: number[]; p99: number[]; nest: number[] }[];
}

/** What the measurements address at one size: permits spread over the whole register loaded so far. */
interface Targets {
  permits: LoadedPermit[];
  /** A cursor of the officer's state list some pages in (GET /permits?cursor=…). */
  deepCursor: string;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const size = args.quick ? SIZES.quick : SIZES.full;
  const employers = args.employers ?? size.employers;
  const small = args.small ?? size.small;
  const runs = args.runs ?? size.runs;
  if (small >= employers) throw new Error(`--small (${small}) must be below --employers (${employers})`);
  const main = path.join(REPO_ROOT, 'dist/services/permits/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run 'npx nx build permits' first`);

  process.on('exit', () => ServiceProcess.killAll());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      ServiceProcess.killAll();
      process.exit(130);
    });
  }

  const endpoints = localEndpoints();
  const runId = newRunId();
  const run = runId
    .replace(/[^a-z0-9]/gi, '')
    .slice(-8)
    .toLowerCase();
  const started = new Date();
  const machine = machineInfo();
  const database = benchName('register', runId, '_');
  const dbUri = databaseUri(endpoints.mongoUri, database);
  const redisUrl = withRedisDb(endpoints.redisUrl, args.redisDb);
  const groupPrefix = benchName('register-svc', runId);
  const keys = { encryption: randomBytes(32).toString('base64'), hash: randomBytes(32).toString('base64') };
  const metrics: MetricResult[] = [];
  const notes: string[] = [];
  const errors: BenchResultFile['errors'] = [];
  const cases = new Map<string, CaseFigures>();
  const loads: { from: number; to: number; ms: number; documents: Record<string, number> }[] = [];
  let groups: string[] = [];
  let service: ServiceProcess | undefined;
  let kafka: Kafka | undefined;
  let admin: Admin | undefined;
  let producer: Producer | undefined;
  let register: PermitsRegister | undefined;
  let nest: RunningServer | undefined;
  let client: JsonClient | undefined;

  process.stderr.write(
    `bench register${args.quick ? ' (quick)' : ''}: run ${runId}, database ${database}: ` +
      `${small.toLocaleString('en-US')} then ${employers.toLocaleString('en-US')} employers × ${args.perEmployer} permits\n`,
  );
  try {
    const issuer = await TestTokenIssuer.create();
    kafka = quietKafka(benchName('register', runId), endpoints.kafkaBrokers);
    admin = kafka.admin();
    await withTimeout(admin.connect(), 15_000, 'kafka admin connect');
    groups = await withTimeout(
      startGroupsAtEnd(kafka, admin, groupPrefix, PERMITS_CONSUMER_GROUPS),
      30_000,
      'start the service groups at end',
    );
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    register = await PermitsRegister.open({
      mongoUri: dbUri,
      redisUrl,
      producer,
      keys,
      run,
      workersPerEmployer: args.perEmployer,
    });

    const port = await freePort();
    service = await ServiceProcess.start({
      main,
      cwd: REPO_ROOT,
      port,
      readyTimeoutMs: 60_000,
      env: permitsServiceEnv({
        mongoUri: dbUri,
        redisUrl,
        kafkaBrokers: endpoints.kafkaBrokers,
        keys: keys,
        issuer,
        groupPrefix,
      }),
    });
    log(`service ready on ${service.baseUrl} (pid ${service.pid})`);
    client = new JsonClient(service.baseUrl, size.connections);
    nest = await startNestPing();

    const sampled: LoadedPermit[] = [];
    let loaded = 0;
    const loadTo = async (to: number): Promise<void> => {
      const t0 = now();
      const from = loaded;
      let lastLog = now();
      await (register as PermitsRegister).load(from, to, {
        batchEmployers: 100,
        sample: (p) => sampled.push(p),
        onBatch: (done) => {
          if (elapsedMs(lastLog) > 15_000 || done === to) {
            lastLog = now();
            const rate = ((done - from) * args.perEmployer) / (elapsedMs(t0) / 1000);
            log(
              `load: ${done.toLocaleString('en-US')}/${to.toLocaleString('en-US')} employers ` +
                `(${(done * args.perEmployer).toLocaleString('en-US')} permits, ${formatNumber(rate)} permits/s)`,
            );
          }
        },
      });
      loaded = to;
      const documents = (register as PermitsRegister).sizes();
      loads.push({ from, to, ms: Math.round(elapsedMs(t0)), documents });
      log(`loaded in ${(elapsedMs(t0) / 1000).toFixed(0)} s: ${JSON.stringify(documents)}`);
    };

    const measure = async (at: number): Promise<void> => {
      // Tokens minted for each size: the load between the two outlasts a token's lifetime.
      const officerToken = await issuer.mintFor(
        aPrincipal('officer').withSubject(`bench-officer-${runId}`).inStates(REGISTER_STATE).build(),
      );
      const officer = { authorization: `Bearer ${officerToken}` };
      const targets = await targetsOf(client as JsonClient, officer, sampled);
      const tokens = new Map<string, string>();
      for (const p of targets.permits.slice(0, 200)) {
        tokens.set(
          p.employerId,
          await issuer.mintFor(aPrincipal('employer').ofEmployer(p.employerId).build()),
        );
      }
      const readCases: {
        id: string;
        name: string;
        kind: CaseFigures['kind'];
        headers?: Record<string, string>;
        paths: string[];
      }[] = [
        {
          id: 'permits.get',
          name: 'GET /permits/:id (officer)',
          kind: 'lookup',
          headers: officer,
          paths: targets.permits.map((p) => `/permits/${p.permitId}`),
        },
        {
          id: 'workers.get',
          name: 'GET /workers/:id (officer)',
          kind: 'lookup',
          headers: officer,
          paths: targets.permits.map((p) => `/workers/${p.workerId}`),
        },
        {
          id: 'permits.list.first',
          name: 'GET /permits (officer, first page of the state)',
          kind: 'list page',
          headers: officer,
          paths: ['/permits?limit=20'],
        },
        {
          id: 'permits.list.deep',
          name: 'GET /permits?cursor (officer, a page deep in the state)',
          kind: 'list page',
          headers: officer,
          paths: [`/permits?limit=20&cursor=${encodeURIComponent(targets.deepCursor)}`],
        },
        {
          id: 'applications.list.first',
          name: 'GET /applications (officer, first page of the state)',
          kind: 'list page',
          headers: officer,
          paths: ['/applications?limit=20'],
        },
        {
          id: 'verify.token',
          name: 'GET /verify/:token (public)',
          kind: 'verification',
          paths: targets.permits.map((p) => `/verify/${p.token}`),
        },
        {
          id: 'verify.number',
          name: 'GET /verify?number&birthYear (public)',
          kind: 'verification',
          paths: targets.permits.map((p) => `/verify?number=${p.number}&birthYear=${p.birthYear}`),
        },
      ];
      let commandCursor = 0;
      const commandPermits = targets.permits.slice(-Math.min(targets.permits.length, 400));
      const commandCases: { id: string; name: string; run: (count: number) => Promise<number> }[] = [
        {
          id: 'permits.suspend',
          name: 'POST /permits/:id/suspension then /reinstatement (officer)',
          run: async (count) => {
            const picked = Array.from(
              { length: count },
              (_, i) => commandPermits[(commandCursor + i) % commandPermits.length] as LoadedPermit,
            );
            commandCursor += count;
            const body = { reason: 'Bench: inspection of the worksite pending' };
            const suspended = await closedLoop(
              'suspensions',
              count,
              8,
              (i) =>
                (client as JsonClient).send(
                  'POST',
                  `/permits/${picked[i]?.permitId}/suspension`,
                  officer,
                  body,
                ),
              200,
            );
            await closedLoop(
              'reinstatements',
              count,
              8,
              (i) =>
                (client as JsonClient).send(
                  'POST',
                  `/permits/${picked[i]?.permitId}/reinstatement`,
                  officer,
                  body,
                ),
              200,
            );
            return count / (suspended.ms / 1000);
          },
        },
        {
          id: 'applications.submit',
          name: 'POST /applications (employer, a new worker)',
          run: async (count) => {
            const employersWithTokens = [...tokens.entries()];
            const done = await closedLoop(
              'applications',
              count,
              8,
              (i) => {
                const [employerId, token] = employersWithTokens[i % employersWithTokens.length] as [
                  string,
                  string,
                ];
                return (client as JsonClient).send(
                  'POST',
                  '/applications',
                  {
                    authorization: `Bearer ${token}`,
                    'idempotency-key': `reg-${runId}-${at}-${i}-${randomBytes(4).toString('hex')}`,
                  },
                  {
                    worksiteId: (register as PermitsRegister).worksiteId(Number(employerId.split('e').pop())),
                    kind: 'NEW',
                    worker: aBenchWorker(),
                    occupation: 'Cortador de café',
                    dailyWage: 320.5,
                    startDate: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
                    noRecruitmentFeeDeclared: true,
                  },
                );
              },
              201,
            );
            return count / (done.ms / 1000);
          },
        },
      ];

      const nestRate = async (): Promise<number> =>
        (
          await runHttpLoad({
            url: (nest as RunningServer).url,
            connections: size.connections,
            durationSec: size.readSec,
          })
        ).requestsPerSec;
      const record = (id: string, name: string, kind: CaseFigures['kind']) => {
        const c = cases.get(id) ?? { id, name, kind, runs: [] };
        cases.set(id, c);
        let row = c.runs.find((r) => r.size === at);
        if (!row) {
          row = { size: at, rate: [], p99: [], nest: [] };
          c.runs.push(row);
        }
        return row;
      };
      // Warm-up: one short pass of every read (the service's pools, the database's caches).
      for (const c of readCases) {
        await runHttpLoad({
          url: `${service?.baseUrl}${c.paths[0]}`,
          connections: size.connections,
          durationSec: 1,
          paths: c.paths,
          ...(c.headers ? { headers: c.headers } : {}),
        });
      }
      for (let r = 0; r < runs; r++) {
        for (const c of readCases) {
          const baseline = await nestRate();
          const result = await runHttpLoad({
            url: `${service?.baseUrl}${c.paths[0]}`,
            connections: size.connections,
            durationSec: size.readSec,
            paths: c.paths,
            ...(c.headers ? { headers: c.headers } : {}),
          });
          if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
            throw new Error(
              `${c.name}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
            );
          }
          const row = record(c.id, c.name, c.kind);
          row.rate.push(result.requestsPerSec);
          row.p99.push(result.latencyMs.p99);
          row.nest.push(baseline);
          log(
            `${at.toLocaleString('en-US')} employers, run ${r + 1}/${runs}: ${c.id} ${formatNumber(result.requestsPerSec)} req/s (bare ${formatNumber(baseline)})`,
          );
        }
        for (const c of commandCases) {
          const baseline = await nestRate();
          const rate = await c.run(size.commands);
          const row = record(c.id, c.name, 'command');
          row.rate.push(rate);
          row.nest.push(baseline);
          log(
            `${at.toLocaleString('en-US')} employers, run ${r + 1}/${runs}: ${c.id} ${formatNumber(rate)}/s (bare ${formatNumber(baseline)})`,
          );
        }
      }
    };

    await loadTo(small);
    await measure(small);
    await loadTo(employers);
    await measure(employers);
  } catch (err) {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    errors.push({ group: 'register', message });
    log(`FAILED: ${message}`);
  } finally {
    client?.close();
    if (nest) await withTimeout(nest.close(), 10_000, 'close nest').catch(() => undefined);
    if (service) {
      const stopped = await service.stop(20_000).catch(() => undefined);
      if (stopped && stopped.code !== 0) {
        errors.push({
          group: 'shutdown',
          message: `SIGTERM → exit code ${stopped.code}\n${service.output()}`,
        });
      }
    }
    await register?.close().catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
    if (admin) {
      await withTimeout(admin.deleteGroups(groups), 15_000, 'delete groups').catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
    }
    if (!args.keep) {
      const { MongoClient } = await import('mongodb');
      const mongo = new MongoClient(dbUri, { serverSelectionTimeoutMS: 10_000, maxPoolSize: 1 });
      await withTimeout(
        mongo.connect().then(() => mongo.db(database).dropDatabase()),
        120_000,
        `drop database ${database}`,
      ).catch((err: Error) => log(`clean-up: ${err.message}`));
      await mongo.close().catch(() => undefined);
    }
    await withTimeout(
      deleteRedisKeys(redisUrl, [
        `bull:${database}:*`,
        `frontera:permits:list:${database}:*`,
        `frontera:permits:rate:${database}:*`,
      ]),
      15_000,
      'delete Redis keys',
    ).catch(() => undefined);
  }

  // --- report -------------------------------------------------------------------------------------
  const rows: string[][] = [];
  const goals: { id: string; goal: string; value: number | null; met: boolean | null }[] = [];
  let misses = 0;
  for (const c of cases.values()) {
    const at = (s: number) => c.runs.find((r) => r.size === s);
    const low = at(small);
    const high = at(employers);
    for (const r of c.runs) {
      metrics.push({
        ...metricFromRuns(
          {
            id: `register.${c.id}.${r.size}`,
            group: 'register',
            name: `${c.name} at ${r.size.toLocaleString('en-US')} employers`,
            metric: 'throughput',
            unit: c.kind === 'command' ? 'commands/s' : 'req/s',
            better: 'higher',
            params: {
              employers: r.size,
              permits: r.size * args.perEmployer,
              p99Ms: r.p99.length > 0 ? median(r.p99) : undefined,
              bareNestRps: r.nest,
            },
          },
          r.rate,
        ),
      });
    }
    if (!low || !high) continue;
    const raw = median(high.rate) / median(low.rate);
    const normalised = median(high.rate) / median(high.nest) / (median(low.rate) / median(low.nest));
    const met = normalised >= GOAL;
    if (!met) misses += 1;
    goals.push({
      id: `register.${c.id}`,
      goal: `≥ ${GOAL.toFixed(2)}× its rate at ${small.toLocaleString('en-US')} employers (normalised)`,
      value: normalised,
      met,
    });
    rows.push([
      c.kind,
      c.name,
      formatNumber(median(low.rate)),
      formatNumber(median(high.rate)),
      low.p99.length > 0 ? `${formatNumber(median(low.p99))} / ${formatNumber(median(high.p99))}` : '—',
      formatRatio(raw),
      formatRatio(normalised),
      met ? 'met' : 'MISS',
    ]);
  }
  if (goals.length > 0) {
    const worst = goals.reduce((a, b) => ((a.value ?? Infinity) <= (b.value ?? Infinity) ? a : b));
    goals.unshift({
      id: 'register.worst',
      goal: `≥ ${GOAL.toFixed(2)}× (the slowest: ${worst.id.slice('register.'.length)})`,
      value: worst.value,
      met: goals.every((g) => g.met === true),
    });
  }
  const finished = new Date();
  const load = loads.at(-1);
  notes.push(
    `loaded through the permits service's own repositories (insertMany of workers, applications and ` +
      `permits; putMany of verification entries; store of standings), no events; ` +
      loads.map((l) => `${l.from}→${l.to} employers in ${(l.ms / 1000).toFixed(0)} s`).join(', '),
  );
  if (load) notes.push(`documents at the end: ${JSON.stringify(load.documents)}`);
  notes.push(
    `ratio = rate at ${employers.toLocaleString('en-US')} ÷ rate at ${small.toLocaleString('en-US')} employers; ` +
      `normalised = the same of (rate ÷ a bare Nest GET /ping measured just before it), which removes the ` +
      `machine's drift between the two sizes (the goal is read on it: ≥ ${GOAL}×)`,
  );
  const result: BenchResultFile & { goals: typeof goals } = {
    schema: RESULT_SCHEMA,
    name: 'register',
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    options: { ...args, employers, small, runs },
    machine,
    endpoints: {
      mongo: redactUri(dbUri),
      redis: redactUri(redisUrl),
      kafka: endpoints.kafkaBrokers.join(','),
    },
    metrics,
    notes,
    errors,
    goals,
  };
  const written = writeResults(result);
  const out: string[] = [
    '',
    `national register (permits service): ${small.toLocaleString('en-US')} → ${employers.toLocaleString('en-US')} employers, ` +
      `${args.perEmployer} workers and permits each — ${runs} run(s) per case, medians`,
    `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'} · load ${machine.loadavg.start.join('/')}`,
    '',
    formatMetricsTable(metrics),
    '',
    formatTable(
      [
        { header: 'kind' },
        { header: 'request' },
        { header: `at ${small.toLocaleString('en-US')}`, align: 'right' },
        { header: `at ${employers.toLocaleString('en-US')}`, align: 'right' },
        { header: 'p99 ms', align: 'right' },
        { header: 'ratio', align: 'right' },
        { header: 'normalised', align: 'right' },
        { header: `≥ ${GOAL}×` },
      ],
      rows,
    ),
    '',
    ...notes.map((n) => `note: ${n}`),
    ...errors.map((e) => `ERROR ${e.group}: ${e.message}`),
    '',
    `results: ${path.relative(REPO_ROOT, written.file)}`,
    '',
  ];
  process.stdout.write(out.join('\n'));
  return errors.length > 0 ? 1 : misses > 0 ? 3 : 0;
}

/** The sample, and a cursor some pages into the officer's state list of permits. */
async function targetsOf(
  client: JsonClient,
  officer: Record<string, string>,
  sampled: readonly LoadedPermit[],
): Promise<Targets> {
  let cursor: string | undefined;
  for (let page = 0; page < 25; page++) {
    const reply = await client.send(
      'GET',
      `/permits?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      officer,
    );
    if (reply.status !== 200) throw new Error(`GET /permits: ${reply.status} ${JSON.stringify(reply.body)}`);
    const next = (reply.body?.['nextCursor'] ?? reply.body?.['next']) as string | undefined | null;
    if (!next) break;
    cursor = next;
  }
  if (!cursor) throw new Error('GET /permits: the state list has no second page');
  // Spread over the register: every k-th sampled permit, at most 1,000.
  const step = Math.max(1, Math.floor(sampled.length / 1_000));
  return { permits: sampled.filter((_, i) => i % step === 0), deepCursor: cursor };
}

runBenchCommand('register', main, USAGE);
