// The chaos command (issue 14, decision 0049): N permit approvals through the entry point of the
// whole system (tools/system: the three built services behind the gateway) while every service is
// killed with SIGKILL at random moments and restarted, and Kafka and Redis are each restarted once —
// on a PRIVATE set of servers (infra/local/servers.sh under tmp/chaos/servers, ports 24000–24999),
// so the restarts hurt nobody else. Then, polling with a deadline, it checks that nothing was lost
// and nothing was applied twice, prints the counts as a table, and exits 1 on any difference.
//
//   node tools/scripts/run-ts.cjs tools/ops/chaos.ts [--approvals 1000] [--kills-per-service 3]
//       [--concurrency 8] [--seconds-per-fault 20] [--settle-seconds 300] [--keep-servers] [--json <file>]
//       [--instances N] [--cluster] [--broker-kills K] [--broker-down-seconds S]
//
// --instances N runs N processes of each service (the launcher's replicas; a service kill hits one at
// random). --cluster puts Kafka on a private three-broker cluster (infra/local/kafka-cluster.sh, ports
// base+192…197, replication factor 3, min.insync.replicas 2) instead of the single node: Kafka and
// Redis are then not restarted, and --broker-kills K brokers are killed with SIGKILL and restarted after
// --broker-down-seconds (8). The report then also shows each consumer group's members and partitions.
//
// The services must be built (npx nx run-many -t build -p employers permits audits); `--build`
// builds them first. Exit codes: 0 every check held, 1 a difference (or a failure), 2 bad usage.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { AssignerProtocol, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { type TestTokenIssuer } from '@frontera/platform-auth/testing';
import { createKafka, DeadLetters, namespacedKafka } from '@frontera/platform-messaging';
import { databaseUri, type InfraEndpoints } from '@frontera/platform-testing';
import {
  ensureBuilt,
  ROOT,
  SERVICE_NAMES,
  startSystem,
  stopAllSystems,
  type RunningSystem,
  type ServiceName,
} from '@frontera/system-launcher';
import {
  Api,
  application,
  eventually,
  headcountSum,
  PER_WORKSITE,
  pool,
  setUpWorld,
  StuckKeyError,
  type Worksite,
} from '../system/world';

const exec = promisify(execFile);
const SERVERS = path.join(ROOT, 'infra/local/servers.sh');
const CLUSTER = path.join(ROOT, 'infra/local/kafka-cluster.sh');
/** Approvals per worksite (the worksite's capacity is a little more). */

export interface ChaosOptions {
  readonly approvals: number;
  readonly killsPerService: number;
  readonly concurrency: number;
  readonly settleSeconds: number;
  /** The work (applications + approvals) takes at least this long, at a steady rate, so every fault meets traffic. */
  readonly secondsPerFault: number;
  readonly keepServers: boolean;
  readonly build: boolean;
  readonly json?: string;
  /** Private servers: data directory and the port base (base+92 Kafka, +93 controller, +432 …). */
  readonly serversDir: string;
  readonly portBase: number;
  readonly log: (line: string) => void;
  /** Processes of each service (the launcher's `instances`). */
  readonly instances?: number;
  /** Kafka on a private three-broker cluster instead of the single node. */
  readonly cluster?: boolean;
  /** Brokers killed with SIGKILL (and restarted) during the work; cluster only. */
  readonly brokerKills?: number;
  readonly brokerDownSeconds?: number;
}

/** One consumer group of the run as its coordinator describes it after the checks. */
export interface GroupReport {
  readonly group: string;
  /** The coordinator's state (Stable once a rebalance is over). */
  readonly state: string;
  readonly members: number;
  /** Partitions assigned to each member (all topics the group reads), largest first. */
  readonly partitionsPerMember: readonly number[];
}

/** The scale-out settings' defaults: one instance of each service, the single Kafka node. */
const SCALE_DEFAULTS = { instances: 1, cluster: false, brokerKills: 0, brokerDownSeconds: 8 };
type RunOptions = ChaosOptions & typeof SCALE_DEFAULTS;

export interface CheckRow {
  readonly check: string;
  readonly expected: number;
  readonly actual: number;
}

export interface ChaosReport {
  readonly namespace: string;
  readonly approvals: number;
  readonly faults: readonly { fault: string; atProgress: number; tookMs: number }[];
  readonly retries: Record<string, number>;
  readonly durationsMs: Record<string, number>;
  readonly rows: readonly CheckRow[];
  readonly ok: boolean;
  readonly instances: number;
  readonly cluster: boolean;
  /** Permits per second from the first approval until every permit is visible in audits and employers. */
  readonly approvalsPerSecond: number;
  readonly groups: readonly GroupReport[];
}

class UsageError extends Error {}

export function parseOptions(argv: readonly string[], log: (line: string) => void): ChaosOptions {
  const options = {
    approvals: 1000,
    killsPerService: 3,
    concurrency: 8,
    settleSeconds: 300,
    secondsPerFault: 20,
    keepServers: false,
    build: false,
    json: undefined as string | undefined,
    serversDir: path.join(ROOT, 'tmp/chaos/servers'),
    portBase: 24_000,
    log,
    ...SCALE_DEFAULTS,
  };
  const whole = (arg: string, text: string | undefined, min: number): number => {
    const n = Number(text);
    if (text === undefined || !Number.isInteger(n) || n < min)
      throw new UsageError(`${arg}: a whole number ≥ ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--approvals') options.approvals = whole(arg, argv[++i], 1);
    else if (arg === '--kills-per-service') options.killsPerService = whole(arg, argv[++i], 0);
    else if (arg === '--concurrency') options.concurrency = whole(arg, argv[++i], 1);
    else if (arg === '--settle-seconds') options.settleSeconds = whole(arg, argv[++i], 10);
    else if (arg === '--seconds-per-fault') options.secondsPerFault = whole(arg, argv[++i], 0);
    else if (arg === '--keep-servers') options.keepServers = true;
    else if (arg === '--instances') options.instances = whole(arg, argv[++i], 1);
    else if (arg === '--cluster') options.cluster = true;
    else if (arg === '--broker-kills') options.brokerKills = whole(arg, argv[++i], 0);
    else if (arg === '--broker-down-seconds') options.brokerDownSeconds = whole(arg, argv[++i], 0);
    else if (arg === '--build') options.build = true;
    else if (arg === '--json') {
      const file = argv[++i];
      if (!file) throw new UsageError('--json needs a file');
      options.json = file;
    } else throw new UsageError(`unknown option ${arg}`);
  }
  if (options.instances > 4) throw new UsageError('--instances: at most 4');
  if (options.brokerKills > 0 && !options.cluster) throw new UsageError('--broker-kills needs --cluster');
  return options;
}

// ---------------------------------------------------------------------------------------------
// The private servers
// ---------------------------------------------------------------------------------------------

/**
 * The `export NAME=value` lines that servers.sh env and kafka-cluster.sh env print (`printf %q`:
 * a value may be single-quoted, and its commas come escaped as `\,`), as plain values.
 */
function exportsOf(text: string): Record<string, string> {
  return Object.fromEntries(
    [...text.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [
      m[1],
      (m[2] as string).replace(/^'(.*)'$/, '$1').replace(/\\(.)/g, '$1'),
    ]),
  );
}

/** servers.sh of the chaos: its own data directory and ports; never the shared servers. */
export class PrivateServers {
  constructor(
    private readonly dataDir: string,
    private readonly portBase: number,
  ) {}

  private env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env };
    // Set to the shared servers' values these would mean "external": the private set is local.
    delete env['KAFKA_BROKERS'];
    delete env['MONGODB_URI'];
    delete env['REDIS_URL'];
    return {
      ...env,
      FRONTERA_DATA_DIR: this.dataDir,
      FRONTERA_KAFKA_PORT: String(this.portBase + 92),
      FRONTERA_KAFKA_CONTROLLER_PORT: String(this.portBase + 93),
      FRONTERA_POSTGRES_PORT: String(this.portBase + 432),
      FRONTERA_MONGO_PORT: String(this.portBase + 17),
      FRONTERA_REDIS_PORT: String(this.portBase + 379),
      FRONTERA_KAFKA_HEAP_OPTS: process.env['FRONTERA_KAFKA_HEAP_OPTS'] ?? '-Xmx384m -Xms128m',
    };
  }

  async run(command: string, ...servers: string[]): Promise<string> {
    const { stdout } = await exec('bash', [SERVERS, command, ...servers], {
      env: this.env(),
      maxBuffer: 4 * 1024 * 1024,
    });
    return stdout;
  }

  /** Starts the set (or only `servers`); the endpoints of all four as servers.sh prints them. */
  async start(...servers: string[]): Promise<InfraEndpoints> {
    mkdirSync(this.dataDir, { recursive: true });
    await this.run('start', ...servers);
    const exported = exportsOf(await this.run('env'));
    const kafka = exported['KAFKA_BROKERS'];
    const mongo = exported['MONGODB_URI'];
    const redis = exported['REDIS_URL'];
    if (!kafka || !mongo || !redis)
      throw new Error(`servers.sh env printed no endpoints: ${JSON.stringify(exported)}`);
    return { kafkaBrokers: kafka.split(','), mongodbUri: mongo, redisUrl: redis };
  }

  /** Stops one server of the private set (graceful, SIGKILL after the stop timeout) and starts it again. */
  async restart(server: 'kafka' | 'redis'): Promise<void> {
    await this.run('stop', server);
    await this.run('start', server);
  }

  async stop(): Promise<void> {
    await this.run('stop');
  }
}

/** infra/local/kafka-cluster.sh of the chaos: the private set's data directory, ports base+192…197. */
export class PrivateCluster {
  constructor(
    private readonly dataDir: string,
    private readonly portBase: number,
  ) {}

  private env(): NodeJS.ProcessEnv {
    const b = this.portBase;
    return {
      ...process.env,
      FRONTERA_DATA_DIR: this.dataDir,
      FRONTERA_KAFKA_CLUSTER_PORTS: `${b + 192} ${b + 193} ${b + 194}`,
      FRONTERA_KAFKA_CLUSTER_CONTROLLER_PORTS: `${b + 195} ${b + 196} ${b + 197}`,
    };
  }

  async run(...args: string[]): Promise<string> {
    const { stdout } = await exec('bash', [CLUSTER, ...args], {
      env: this.env(),
      maxBuffer: 4 * 1024 * 1024,
      timeout: 300_000,
    });
    return stdout;
  }

  /** Starts the three brokers (a fresh cluster: its data of an earlier run deleted); their addresses. */
  async start(): Promise<string[]> {
    await this.run('reset');
    await this.run('start');
    const brokers = exportsOf(await this.run('env'))['KAFKA_BROKERS'];
    if (!brokers) throw new Error('kafka-cluster.sh env printed no KAFKA_BROKERS');
    return brokers.split(',');
  }

  async stop(): Promise<void> {
    await this.run('stop');
  }
}

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

export async function runChaos(given: ChaosOptions): Promise<ChaosReport> {
  const options: RunOptions = { ...SCALE_DEFAULTS, ...given };
  const { log } = options;
  const run = randomBytes(3).toString('hex');
  const namespace = `chaos-${run}`;
  const durationsMs: Record<string, number> = {};
  const timed = async <T>(name: string, body: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    try {
      return await body();
    } finally {
      durationsMs[name] = Date.now() - t0;
      log(`  ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  };

  if (
    options.build ||
    SERVICE_NAMES.some((s) => !existsSync(path.join(ROOT, 'dist/services', s, 'main.js')))
  ) {
    await timed('build', () => ensureBuilt());
  }
  const servers = new PrivateServers(options.serversDir, options.portBase);
  const cluster = options.cluster ? new PrivateCluster(options.serversDir, options.portBase) : undefined;
  log(`private servers under ${options.serversDir} (ports ${options.portBase}–${options.portBase + 999})`);
  let endpoints = await timed('servers start', () =>
    cluster ? servers.start('postgres', 'ferretdb', 'redis') : servers.start(),
  );
  let system: RunningSystem | undefined;
  try {
    if (cluster) {
      const brokers = await timed('cluster start', () => cluster.start());
      log(`  three-broker cluster at ${brokers.join(',')}`);
      endpoints = { ...endpoints, kafkaBrokers: brokers };
    }
    const systemEndpoints = endpoints;
    system = await timed('system start', () =>
      startSystem({
        namespace,
        endpoints: systemEndpoints,
        instances: options.instances,
        ...(cluster ? { kafkaReplicationFactor: 3 } : {}),
        redisDatabase: 1,
        runDir: path.join(ROOT, 'tmp/chaos/runs', namespace),
        readyTimeoutMs: 120_000,
        serviceEnv: { audits: { TASK_SWEEP_EVERY_MS: '10000' } },
      }),
    );
    const report = await drive(system, servers, cluster, endpoints, options, run, timed, durationsMs);
    if (!report.ok) log(system.logTails(30));
    return report;
  } finally {
    await stopAllSystems({ keepData: options.keepServers }).catch(() => undefined);
    if (!options.keepServers) {
      await cluster?.stop().catch((error) => log(`cluster stop: ${String(error)}`));
      await servers.stop().catch((error) => log(`servers stop: ${String(error)}`));
    }
  }
}

async function drive(
  system: RunningSystem,
  servers: PrivateServers,
  cluster: PrivateCluster | undefined,
  endpoints: InfraEndpoints,
  options: RunOptions,
  run: string,
  timed: <T>(name: string, body: () => Promise<T>) => Promise<T>,
  durationsMs: Record<string, number>,
): Promise<ChaosReport> {
  const { log } = options;
  const api = new Api(system.gatewayUrl, 240_000);
  const issuer: TestTokenIssuer = system.issuer;
  // 1. Set-up (before the chaos): an inspector of the area, verified employers with worksites.
  const { officer, employerTokens, worksites } = await timed('set-up', () =>
    setUpWorld(api, issuer, { tag: 'chaos', run, approvals: options.approvals, legalName: 'Finca Caos' }),
  );
  const employerCount = new Set(worksites.map((w) => w.employerId)).size;
  log(`  ${employerCount} employers, ${worksites.length} worksites verified and known to permits`);

  // 2. The faults, at random moments of the work's progress (applications + approvals).
  const totalOps = options.approvals * 2;
  let done = 0;
  const faults: { fault: string; atProgress: number; tookMs: number }[] = [];
  const plan: { fault: string; at: number }[] = [];
  for (const name of SERVICE_NAMES) {
    for (let k = 0; k < options.killsPerService; k++) plan.push({ fault: `kill ${name}`, at: 0 });
  }
  // On the cluster the point is a broker's failover: the brokers are killed, Kafka and Redis not restarted.
  if (cluster) {
    for (let k = 0; k < options.brokerKills; k++) plan.push({ fault: 'kill broker', at: 0 });
  } else plan.push({ fault: 'restart kafka', at: 0 }, { fault: 'restart redis', at: 0 });
  // A broker dies among the approvals (the second half of the work: P1's load); the rest anywhere.
  for (const f of plan) {
    f.at = Math.floor(
      totalOps * (f.fault === 'kill broker' ? 0.55 + Math.random() * 0.3 : 0.03 + Math.random() * 0.85),
    );
  }
  plan.sort((a, b) => a.at - b.at);
  let workDone = false;
  const chaos = (async () => {
    for (const f of plan) {
      while (done < f.at && !workDone) await new Promise((r) => setTimeout(r, 100));
      const t0 = Date.now();
      const at = done;
      const [verb, target] = f.fault.split(' ') as [string, string];
      log(`  ${f.fault} at ${done}/${totalOps}`);
      if (verb === 'kill' && target === 'broker' && cluster) {
        const node = 1 + Math.floor(Math.random() * 3);
        log(`    broker ${node}: SIGKILL, back in ${options.brokerDownSeconds} s`);
        await cluster.run('kill', String(node));
        await new Promise((r) => setTimeout(r, options.brokerDownSeconds * 1000));
        await cluster.run('restart', String(node));
      } else if (verb === 'kill') {
        const replicas = system.replicas[target as ServiceName];
        const service = replicas[Math.floor(Math.random() * replicas.length)] as (typeof replicas)[number];
        await service.kill('SIGKILL');
        await service.restart();
      } else {
        await servers.restart(target as 'kafka' | 'redis');
      }
      faults.push({ fault: f.fault, atProgress: at, tookMs: Date.now() - t0 });
    }
  })();
  chaos.catch(() => undefined);
  // A steady rate: operation k starts no earlier than start + k / rate, so the work lasts at least
  // secondsPerFault per fault and the faults fall among the requests, not after them.
  const workStart = Date.now();
  const rate = totalOps / Math.max(1, plan.length * options.secondsPerFault);
  let started = 0;
  const paced = async () => {
    const due = workStart + (started++ / rate) * 1000;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
  };

  // 3. Applications, then approvals, at a steady concurrency; each retried while a service is down.
  const applicationIds: string[] = Array.from({ length: options.approvals }, () => '');
  let alreadyApproved = 0;
  let approvalsStartedAt = Date.now();
  let stuckKeys = 0;
  try {
    await timed('applications', () =>
      pool(applicationIds, options.concurrency, async (_, i) => {
        await paced();
        const site = worksites[Math.floor(i / PER_WORKSITE)] as Worksite;
        try {
          const body = await api.expect('POST', '/applications', [201], {
            token: employerTokens.get(site.employerId),
            idempotencyKey: `chaos-app-${run}-${i}`,
            json: application(run, site.id, i),
            what: 'POST /applications',
          });
          applicationIds[i] = body.id;
        } catch (error) {
          if (!(error instanceof StuckKeyError)) throw error;
          stuckKeys++;
          log(`  ${error.message}: not approved, counted`);
        }
        done++;
      }),
    );
    approvalsStartedAt = Date.now();
    await timed('approvals', () =>
      pool(applicationIds, options.concurrency, async (id) => {
        await paced();
        if (id === '') {
          done++; // its application is stuck (counted above): nothing to approve
          return;
        }
        const answer = await api.call('POST', `/applications/${id}/approval`, {
          token: officer,
          idempotencyKey: `chaos-approve-${id}`,
          json: { reason: 'Documentos revisados; temporada de cosecha de café' },
          what: 'POST /applications/:id/approval',
        });
        if (answer.status === 409) {
          // A retry after an approval whose answer was lost (the permits service killed after the
          // write): the application is APPROVED already and no second permit was issued.
          const current = await api.expect('GET', `/applications/${id}`, [200], { token: officer });
          if (current.status !== 'APPROVED')
            throw new Error(`approval of ${id}: 409 ${JSON.stringify(answer.body)}`);
          alreadyApproved++;
        } else if (answer.status !== 200) {
          throw new Error(
            `approval of ${id}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 600)}`,
          );
        }
        done++;
      }),
    );
  } finally {
    workDone = true;
  }
  await timed('faults finished', () => chaos);
  if (alreadyApproved > 0) log(`  ${alreadyApproved} approval(s) answered 409 on a retry: already APPROVED`);

  // 4. Settle and check.
  const { rows, settledAt } = await timed('checks', () =>
    check(
      system,
      endpoints,
      api,
      officer,
      worksites,
      applicationIds.filter((id) => id !== ''),
      options.settleSeconds * 1000,
    ),
  );
  rows.unshift(
    {
      check: 'applications submitted (answered 201)',
      expected: options.approvals,
      actual: options.approvals - stuckKeys,
    },
    { check: 'idempotency keys stuck IN_PROGRESS after a kill', expected: 0, actual: stuckKeys },
  );
  const groups = await describeGroups(endpoints, system.namespace);
  if (options.instances > 1) {
    // Every group shared out: a member per instance, each with partitions (6 per event topic).
    rows.push({
      check: `consumer groups with ${options.instances} members, each assigned partitions`,
      expected: groups.length,
      actual: groups.filter(
        (g) => g.members === options.instances && g.partitionsPerMember.every((n) => n > 0),
      ).length,
    });
  }
  durationsMs['total'] = Object.values(durationsMs).reduce((a, b) => a + b, 0);
  const approved = rows.find((r) => r.check === 'permits (permits)')?.actual ?? 0;
  return {
    namespace: system.namespace,
    approvals: options.approvals,
    faults,
    retries: api.retries,
    durationsMs,
    rows,
    ok: rows.every((r) => r.expected === r.actual),
    instances: options.instances,
    cluster: options.cluster,
    approvalsPerSecond: approved / Math.max(0.001, (settledAt - approvalsStartedAt) / 1000),
    groups,
  };
}

type Db = mongoose.Connection;

async function check(
  system: RunningSystem,
  endpoints: InfraEndpoints,
  api: Api,
  officer: string,
  worksites: readonly Worksite[],
  applicationIds: readonly string[],
  settleMs: number,
): Promise<{
  rows: CheckRow[];
  /** Every permit visible in audits and employers (or the deadline). */ settledAt: number;
}> {
  const n = applicationIds.length;
  const dbs = {} as Record<ServiceName, Db>;
  for (const name of SERVICE_NAMES) {
    dbs[name] = await mongoose
      .createConnection(databaseUri(endpoints.mongodbUri, `${system.namespace}_${name}`), {
        serverSelectionTimeoutMS: 10_000,
      })
      .asPromise();
  }
  try {
    const count = (db: Db, collection: string, filter: Record<string, unknown> = {}) =>
      db.collection(collection).countDocuments(filter);
    const headcounts = () => headcountSum(api, officer, worksites);
    const pending = async () => {
      let sum = 0;
      for (const name of SERVICE_NAMES) {
        for (const c of await dbs[name].listCollections()) {
          sum += await count(dbs[name], c.name, { outboxPending: true });
        }
      }
      return sum;
    };
    // The run files no complaint, but the task sweep may also draw an employer for a RANDOM audit (a
    // share of LOW-tier employers each cycle): the first audits are the PERIODIC tasks.
    const periodicTasks = async () =>
      (
        await dbs.audits
          .collection('audit_tasks')
          .find({}, { projection: { worksiteId: 1, 'record.kind': 1 } })
          .toArray()
      ).filter((t) => (t['record'] as { kind?: string } | undefined)?.kind === 'PERIODIC');

    // Settle: the events of the last approvals reach the other services, outboxes drain, the sweep plans.
    // The throughput's end is the first moment every permit is in audits and employers (visibleAt).
    let visibleAt: number | undefined;
    await eventually('the system to settle', settleMs, async () => {
      const permits = await count(dbs.permits, 'permits');
      const held = await count(dbs.audits, 'held_permits');
      const heads = await headcounts();
      const left = await pending();
      const tasks = (await periodicTasks()).length;
      if (permits === n && held === n && heads === n) visibleAt ??= Date.now();
      return permits === n && held === n && heads === n && left === 0 && tasks >= worksites.length
        ? true
        : undefined;
    }).catch(() => undefined); // the table says what did not settle
    const settledAt = visibleAt ?? Date.now();

    const permitsByApplication = await dbs.permits
      .collection('permits')
      .find({}, { projection: { applicationId: 1 } })
      .toArray();
    const perApplication = new Map<string, number>();
    for (const p of permitsByApplication) {
      const key = String(p['applicationId']);
      perApplication.set(key, (perApplication.get(key) ?? 0) + 1);
    }
    const approved = await count(dbs.permits, 'applications', { status: 'APPROVED' });
    const inbox = await Promise.all(
      SERVICE_NAMES.map(async (name) => {
        const records = await dbs[name]
          .collection('processed_events')
          .find({}, { projection: { consumer: 1, eventId: 1 } })
          .toArray();
        const keys = new Set(records.map((r) => `${r['consumer']}:${r['eventId']}`));
        return records.length - keys.size;
      }),
    );
    // An aggregate or read model keeps the ids of the events it applied: one listed twice was applied twice.
    const appliedTwice = await Promise.all(
      SERVICE_NAMES.map(async (name) => {
        let twice = 0;
        for (const c of await dbs[name].listCollections()) {
          const docs = await dbs[name]
            .collection(c.name)
            .find({ appliedEvents: { $exists: true } }, { projection: { appliedEvents: 1 } })
            .toArray();
          for (const d of docs) {
            const ids = (d['appliedEvents'] ?? []) as unknown[];
            twice += ids.length - new Set(ids.map(String)).size;
          }
        }
        return twice;
      }),
    );
    const tasks = await periodicTasks();
    const perWorksite = new Map<string, number>();
    for (const t of tasks)
      perWorksite.set(String(t['worksiteId']), (perWorksite.get(String(t['worksiteId'])) ?? 0) + 1);
    const ours = new Set(worksites.map((w) => w.id));
    const deadLetters = await countDeadLetters(endpoints, system.namespace);

    const rows: CheckRow[] = [
      { check: 'applications APPROVED (permits)', expected: n, actual: approved },
      { check: 'permits (permits)', expected: n, actual: permitsByApplication.length },
      {
        check: 'approvals with exactly one permit',
        expected: n,
        actual: applicationIds.filter((id) => perApplication.get(id) === 1).length,
      },
      { check: 'headcount, sum over worksites (employers)', expected: n, actual: await headcounts() },
      { check: 'held permits (audits)', expected: n, actual: await count(dbs.audits, 'held_permits') },
      {
        check: 'audit plans (audits, one per employer)',
        expected: new Set(worksites.map((w) => w.employerId)).size,
        actual: await count(dbs.audits, 'audit_plans'),
      },
      {
        check: 'worksites with exactly one first audit',
        expected: worksites.length,
        actual: [...ours].filter((w) => perWorksite.get(w) === 1).length,
      },
      {
        check: 'first audits of other worksites or twice',
        expected: 0,
        actual: tasks.length - [...ours].filter((w) => perWorksite.get(w) === 1).length,
      },
      ...SERVICE_NAMES.map((name, i) => ({
        check: `inbox duplicate event ids (${name})`,
        expected: 0,
        actual: inbox[i] as number,
      })),
      ...SERVICE_NAMES.map((name, i) => ({
        check: `events applied twice to a document (${name})`,
        expected: 0,
        actual: appliedTwice[i] as number,
      })),
      { check: 'outbox entries left (all services)', expected: 0, actual: await pending() },
      { check: 'dead letters (run namespace)', expected: 0, actual: deadLetters },
    ];
    return { rows, settledAt };
  } finally {
    await Promise.all(SERVICE_NAMES.map((name) => dbs[name]?.close()));
  }
}

async function countDeadLetters(endpoints: InfraEndpoints, namespace: string): Promise<number> {
  const kafka = namespacedKafka(
    createKafka({
      clientId: `${namespace}-chaos-dlq`,
      brokers: endpoints.kafkaBrokers,
      logLevel: logLevel.ERROR,
      kafka: { retry: { retries: 8 } },
    }),
    namespace,
  );
  const listings = await new DeadLetters({ kafka }).list({ limit: 1 });
  return listings.reduce((sum, l) => sum + l.total, 0);
}

/** The run's consumer groups (`<namespace>-…`): members and partitions per member, as assigned now. */
async function describeGroups(endpoints: InfraEndpoints, namespace: string): Promise<GroupReport[]> {
  const admin = createKafka({
    clientId: `${namespace}-chaos-groups`,
    brokers: endpoints.kafkaBrokers,
    logLevel: logLevel.ERROR,
    kafka: { retry: { retries: 8 } },
  }).admin();
  await admin.connect();
  try {
    const names = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((g) => g.startsWith(`${namespace}-`))
      .sort();
    if (names.length === 0) return [];
    // After a broker's kill a group may still be rebalancing (its coordinator moved, the old member id
    // not yet expired): its members have no assignment then. Read them once every group is Stable.
    const deadline = Date.now() + 90_000;
    let { groups } = await admin.describeGroups(names);
    while (groups.some((g) => g.state !== 'Stable') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1_000));
      ({ groups } = await admin.describeGroups(names));
    }
    return groups.map((g) => ({
      group: g.groupId.slice(namespace.length + 1),
      state: g.state,
      members: g.members.length,
      partitionsPerMember: g.members
        .map((m) => {
          const decoded = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
          return Object.values(decoded?.assignment ?? {}).reduce((sum, p) => sum + p.length, 0);
        })
        .sort((a, b) => b - a),
    }));
  } finally {
    await admin.disconnect();
  }
}

export function formatReport(report: ChaosReport): string {
  const width = Math.max(...report.rows.map((r) => r.check.length));
  const lines = [
    `chaos run ${report.namespace}: ${report.approvals} approvals, ${report.faults.length} faults, ` +
      `${report.instances} instance(s) of each service, Kafka ${report.cluster ? 'a three-broker cluster' : 'one node'}`,
    `throughput: ${report.approvalsPerSecond.toFixed(1)} permits/s (first approval → every permit in audits and employers)`,
    ...(report.groups.length > 0
      ? [
          'consumer groups (members: partitions each):',
          ...report.groups.map(
            (g) => `  ${g.group.padEnd(40)} ${g.members}: ${g.partitionsPerMember.join(' + ')}`,
          ),
        ]
      : []),
    ...report.faults.map(
      (f) =>
        `  ${f.fault.padEnd(16)} at ${String(f.atProgress).padStart(5)}  back in ${(f.tookMs / 1000).toFixed(1)} s`,
    ),
    `retries: ${
      Object.entries(report.retries)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none'
    }`,
    `durations: ${Object.entries(report.durationsMs)
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
      .join(', ')}`,
    '',
    `${'check'.padEnd(width)}  expected    actual`,
    ...report.rows.map(
      (r) =>
        `${r.check.padEnd(width)}  ${String(r.expected).padStart(8)}  ${String(r.actual).padStart(8)}${r.expected === r.actual ? '' : '  ← DIFFERENT'}`,
    ),
    '',
    report.ok ? 'OK: every check held' : 'FAILED: some counts differ',
  ];
  return lines.join('\n');
}

async function main(): Promise<number> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  let options: ChaosOptions;
  try {
    options = parseOptions(process.argv.slice(2), log);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(
        `${error.message}\nusage: chaos [--approvals N] [--kills-per-service K] [--concurrency C] [--seconds-per-fault S] [--settle-seconds S] [--keep-servers] [--build] [--json <file>] [--instances N] [--cluster] [--broker-kills K] [--broker-down-seconds S]\n`,
      );
      return 2;
    }
    throw error;
  }
  const report = await runChaos(options);
  log(formatReport(report));
  if (options.json) writeFileSync(options.json, JSON.stringify(report, null, 2));
  return report.ok ? 0 : 1;
}

// Run as a command (run-ts.cjs sets argv[1] to this file), not when a test imports it.
if (process.argv[1] === __filename) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(
        `chaos failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
