// Failover on the three-broker cluster (infra/local/kafka-cluster.sh, decision 0048): two instances
// of one consumer group of the platform (EventConsumer with its inbox on FerretDB, each in its own
// process, as two replicas of a service would run) take a steady stream of permit-issued events
// while one broker is killed with SIGKILL and restarted. Prints: events acknowledged, applied,
// lost, applied twice; the group's partitions per instance (describeGroups); the time the
// restarted broker took to be back in sync; and the apply rate of one instance against two.
// Exits 1 when anything was lost or applied twice.
//
//   node tools/scripts/run-ts.cjs tools/ops/cluster-failover.ts [--rate 50] [--seconds 60]
//       [--burst 1000] [--down-seconds 8] [--keep-cluster] [--json <file>]
//
// The cluster is started if it is not running (and stopped at the end if this command started
// it, unless --keep-cluster). MONGODB_URI: the FerretDB server (default mongodb://127.0.0.1:17017/);
// each run uses a database and topics of its own and deletes them at the end.
import { execFile, fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { AssignerProtocol, logLevel, type Admin, type Kafka, type Producer } from 'kafkajs';
import mongoose from 'mongoose';
import { createEvent } from '@frontera/contracts';
import {
  createEventProducer,
  createKafka,
  ensureTopics,
  EventConsumer,
  eventHeaders,
  InboxStore,
  parseBrokers,
} from '@frontera/platform-messaging';

const root = path.resolve(__dirname, '../..');
const clusterScript = path.join(root, 'infra/local/kafka-cluster.sh');
const exec = promisify(execFile);
const PARTITIONS = 6;
const CONSUMER_NAME = 'failover';
const READ_MODEL = 'applied_events';

/** kafkajs retries long enough for a leadership move (a fenced broker, a new coordinator). */
const RETRY = { retries: 15, initialRetryTime: 300, maxRetryTime: 5_000 };

interface WorkerStats {
  kind: 'stats';
  handled: number;
  duplicate: number;
  firstAt: number | null;
  lastAt: number | null;
}

type WorkerMessage = { kind: 'started' } | WorkerStats;

function option(argv: string[], name: string, fallback: number): number {
  const at = argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function cluster(...args: string[]): Promise<string> {
  const { stdout } = await exec('bash', [clusterScript, ...args], { cwd: root, timeout: 300_000 });
  return stdout;
}

async function clusterBrokers(): Promise<string[]> {
  const env = await cluster('env');
  const line = env.split('\n').find((l) => l.startsWith('export KAFKA_BROKERS='));
  if (!line) throw new Error('kafka-cluster.sh env printed no KAFKA_BROKERS');
  return parseBrokers(line.slice('export KAFKA_BROKERS='.length).replace(/\\/g, ''));
}

function databaseUri(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A permit-issued event like the permits service publishes (P1), keyed by its employer. */
function permitIssued(employerId: string, n: number) {
  const permitId = `prm_${randomBytes(8).toString('hex')}`;
  return createEvent({
    type: 'frontera.permit.issued',
    subject: permitId,
    correlationId: randomUUID(),
    data: {
      permitId,
      permitNumber: `TVTF-FO-${n}`,
      workerId: `wrk_${randomBytes(8).toString('hex')}`,
      employerId,
      worksiteId: `${employerId}-ws1`,
      state: 'CHP',
      occupation: 'Corte de café',
      validFrom: '2026-12-02',
      validUntil: '2027-12-01',
    },
  });
}

class Instance {
  stats: WorkerStats = { kind: 'stats', handled: 0, duplicate: 0, firstAt: null, lastAt: null };
  private readonly child: ChildProcess;
  readonly started: Promise<void>;

  constructor(
    readonly name: string,
    args: { brokers: string[]; topic: string; group: string; db: string },
  ) {
    this.child = fork(path.join(root, 'tools/scripts/run-ts.cjs'), [__filename, 'worker'], {
      cwd: root,
      env: {
        ...process.env,
        FAILOVER_BROKERS: args.brokers.join(','),
        FAILOVER_TOPIC: args.topic,
        FAILOVER_GROUP: args.group,
        FAILOVER_DB: args.db,
        FAILOVER_INSTANCE: name,
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.started = new Promise((resolve, reject) => {
      this.child.on('message', (message: WorkerMessage) => {
        if (message.kind === 'started') resolve();
        else this.stats = message;
      });
      this.child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it started`)));
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ kind: 'stop' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }
}

async function waitUntil(
  what: string,
  timeoutMs: number,
  check: () => Promise<boolean> | boolean,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Partitions per member of the group, as the group coordinator assigned them. */
async function assignment(admin: Admin, group: string, topic: string): Promise<Record<string, number[]>> {
  const { groups } = await admin.describeGroups([group]);
  const result: Record<string, number[]> = {};
  for (const member of groups[0]?.members ?? []) {
    const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
    result[member.clientId] = [...(decoded?.assignment[topic] ?? [])].sort((a, b) => a - b);
  }
  return result;
}

async function assignedAcross(admin: Admin, group: string, topic: string, instances: number) {
  let last: Record<string, number[]> = {};
  await waitUntil(`the group ${group} to spread over ${instances} instance(s)`, 90_000, async () => {
    last = await assignment(admin, group, topic).catch(() => ({}));
    const members = Object.values(last);
    return (
      members.length === instances &&
      members.every((p) => p.length > 0) &&
      members.reduce((n, p) => n + p.length, 0) === PARTITIONS
    );
  });
  return last;
}

async function sendUntilAcked(
  producer: Producer,
  topic: string,
  events: ReturnType<typeof permitIssued>[],
  counters: { retries: number },
): Promise<void> {
  const messages = events.map((e) => ({
    key: e.data.employerId,
    value: JSON.stringify(e),
    headers: eventHeaders({ eventId: e.id, type: e.type }),
  }));
  for (;;) {
    try {
      await producer.send({ topic, acks: -1, messages });
      return;
    } catch {
      counters.retries += 1; // the same events again: the consumers' inbox keeps them applied once
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

interface Topics {
  readonly names: string[];
  create(admin: Admin, prefix: string): Promise<string>;
}

function topicRegistry(runId: string): Topics {
  const names: string[] = [];
  return {
    names,
    async create(admin, prefix) {
      const name = `failover-${runId}-${prefix}`;
      names.push(name, `${name}.dlq`);
      await ensureTopics(
        admin,
        [
          { name, description: 'failover run', partitions: PARTITIONS, retentionMs: 3_600_000 },
          {
            name: `${name}.dlq`,
            description: 'failover run dead letters',
            partitions: 1,
            retentionMs: 3_600_000,
          },
        ],
        { replicationFactor: 3 },
      );
      return name;
    },
  };
}

/** Apply rate of `count` instances on a burst of `events` (first to last applied event). */
async function measure(
  kafka: Kafka,
  admin: Admin,
  topics: Topics,
  brokers: string[],
  dbBase: string,
  runId: string,
  count: number,
  events: number,
) {
  const topic = await topics.create(admin, `rate${count}`);
  const group = `failover-${runId}-rate${count}`;
  const db = databaseUri(dbBase, `frontera_failover_${runId}_rate${count}`);
  const instances = Array.from(
    { length: count },
    (_, i) => new Instance(`instance-${i + 1}`, { brokers, topic, group, db }),
  );
  try {
    await Promise.all(instances.map((i) => i.started));
    await assignedAcross(admin, group, topic, count);
    const producer = createEventProducer(kafka);
    await producer.connect();
    const counters = { retries: 0 };
    const employers = Array.from({ length: 60 }, (_, i) => `emp_fo_${runId}_${i}`);
    const all = Array.from({ length: events }, (_, n) =>
      permitIssued(employers[n % employers.length] as string, n),
    );
    for (let i = 0; i < all.length; i += 200)
      await sendUntilAcked(producer, topic, all.slice(i, i + 200), counters);
    await producer.disconnect();
    const handled = () => instances.reduce((n, i) => n + i.stats.handled, 0);
    await waitUntil(`${events} events applied by ${count} instance(s)`, 300_000, () => handled() >= events);
    const first = Math.min(...instances.map((i) => i.stats.firstAt ?? Infinity));
    const last = Math.max(...instances.map((i) => i.stats.lastAt ?? 0));
    const perSecond = Math.round((events / Math.max(1, last - first)) * 1000);
    log(`  ${count} instance(s): ${events} events applied in ${last - first} ms = ${perSecond}/s`);
    return { instances: count, events, ms: last - first, perSecond, db };
  } finally {
    await Promise.all(instances.map((i) => i.stop()));
  }
}

async function leaders(admin: Admin, topic: string): Promise<Map<number, number[]>> {
  const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
  const byBroker = new Map<number, number[]>();
  for (const p of metadata.topics[0]?.partitions ?? []) {
    byBroker.set(p.leader, [...(byBroker.get(p.leader) ?? []), p.partitionId]);
  }
  return byBroker;
}

async function replicaCounts(admin: Admin, topic: string): Promise<number[]> {
  const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
  return (metadata.topics[0]?.partitions ?? [])
    .sort((a, b) => a.partitionId - b.partitionId)
    .map((p) => p.replicas.length);
}

async function inSync(admin: Admin, topic: string): Promise<boolean> {
  const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
  return (metadata.topics[0]?.partitions ?? []).every((p) => p.isr.length === 3);
}

async function main(argv: string[]): Promise<number> {
  const rate = option(argv, 'rate', 50);
  const seconds = option(argv, 'seconds', 60);
  const burst = option(argv, 'burst', 1000);
  const downSeconds = option(argv, 'down-seconds', 8);
  const jsonAt = argv.indexOf('--json');
  const jsonFile = jsonAt >= 0 ? argv[jsonAt + 1] : undefined;
  const dbBase = process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:17017/';
  const runId = randomBytes(3).toString('hex');

  const status = await cluster('status');
  const wasRunning = status.split('\n').filter((l) => /\srunning\s/.test(l)).length === 3;
  if (!wasRunning) {
    log('starting the three-broker cluster (infra/local/kafka-cluster.sh start)…');
    process.stdout.write(await cluster('start'));
  }
  const brokers = await clusterBrokers();
  const kafka = createKafka({
    clientId: `failover-${runId}`,
    brokers,
    logLevel: logLevel.NOTHING,
    kafka: { retry: RETRY },
  });
  const admin = kafka.admin();
  await admin.connect();
  const topics = topicRegistry(runId);
  const databases: string[] = [];
  let failures = 0;
  try {
    log(
      `run ${runId}: brokers ${brokers.join(',')}, ${PARTITIONS} partitions, replication factor 3, min.insync.replicas 2`,
    );

    // 1. Apply rate: one instance, then two, on the same burst.
    log(`apply rate on a burst of ${burst} events:`);
    const one = await measure(kafka, admin, topics, brokers, dbBase, runId, 1, burst);
    const two = await measure(kafka, admin, topics, brokers, dbBase, runId, 2, burst);
    databases.push(one.db, two.db);
    log(`  two instances / one: ${(two.perSecond / Math.max(1, one.perSecond)).toFixed(2)}`);

    // 2. Failover: two instances under a steady load while one broker is killed and restarted.
    const topic = await topics.create(admin, 'failover');
    const group = `failover-${runId}-group`;
    const db = databaseUri(dbBase, `frontera_failover_${runId}_failover`);
    databases.push(db);
    const instances = [1, 2].map((i) => new Instance(`instance-${i}`, { brokers, topic, group, db }));
    const report: Record<string, unknown> = { runId, rate, seconds, downSeconds, burst, one, two };
    try {
      await Promise.all(instances.map((i) => i.started));
      const before = await assignedAcross(admin, group, topic, 2);
      log(`failover: ${rate} events/s for ${seconds} s; partitions before: ${JSON.stringify(before)}`);
      const byLeader = await leaders(admin, topic);
      const replicas = await replicaCounts(admin, topic);
      log(`  replicas per partition: ${replicas.join(',')}`);
      const victim = [...byLeader.entries()].sort((a, b) => b[1].length - a[1].length)[0]?.[0] ?? 1;
      const producer = createEventProducer(kafka);
      await producer.connect();
      const counters = { retries: 0 };
      const employers = Array.from({ length: 60 }, (_, i) => `emp_fo_${runId}_f${i}`);
      const acked = new Set<string>();
      const start = Date.now();
      const total = Math.round(rate * seconds);
      let killedAt = 0;
      let restartedAt = 0;
      let restart: Promise<void> | undefined;
      let insyncAt = 0;
      let n = 0;
      const ticks: Promise<void>[] = [];
      while (n < total) {
        const elapsed = Date.now() - start;
        if (!killedAt && elapsed >= (seconds * 1000) / 4) {
          killedAt = Date.now();
          log(
            `  t=${(elapsed / 1000).toFixed(1)} s: SIGKILL broker ${victim} (leader of partitions ${byLeader.get(victim)?.join(',')})`,
          );
          await cluster('kill', String(victim));
        }
        if (killedAt && !restart && Date.now() - killedAt >= downSeconds * 1000) {
          log(`  t=${((Date.now() - start) / 1000).toFixed(1)} s: restarting broker ${victim}`);
          restart = cluster('restart', String(victim)).then(() => {
            restartedAt = Date.now();
          });
        }
        const due = Math.min(total, Math.floor(((Date.now() - start) / 1000) * rate) + 1);
        if (due > n) {
          const batch = Array.from({ length: due - n }, (_, k) =>
            permitIssued(employers[(n + k) % employers.length] as string, n + k),
          );
          n = due;
          ticks.push(
            sendUntilAcked(producer, topic, batch, counters).then(() =>
              batch.forEach((e) => acked.add(e.id)),
            ),
          );
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      await Promise.all(ticks);
      const sentMs = Date.now() - start;
      await producer.disconnect();
      await restart;
      const handled = () => instances.reduce((s, i) => s + i.stats.handled, 0);
      await waitUntil(
        `all ${acked.size} acknowledged events applied`,
        300_000,
        () => handled() >= acked.size,
      );
      await waitUntil(`broker ${victim} back in sync`, 120_000, async () => {
        const ok = await inSync(admin, topic);
        if (ok && !insyncAt) insyncAt = Date.now();
        return ok;
      });
      const after = await assignment(admin, group, topic);

      // What the read model holds: one document per applied event, `applied` = handler runs.
      const connection = await mongoose.createConnection(db, { maxPoolSize: 2 }).asPromise();
      const docs = await connection
        .collection<{ _id: string; applied: number }>(READ_MODEL)
        .find({})
        .toArray();
      await connection.close();
      const appliedIds = new Set(docs.map((d) => d._id));
      const lost = [...acked].filter((id) => !appliedIds.has(id)).length;
      const twice = docs.filter((d) => d.applied > 1).length;
      const unexpected = docs.filter((d) => !acked.has(d._id)).length;
      const dlq = (await admin.fetchTopicOffsets(`${topic}.dlq`)).reduce(
        (s, p) => s + Number(p.high) - Number(p.low),
        0,
      );
      const duplicatesSkipped = instances.reduce((s, i) => s + i.stats.duplicate, 0);
      const perInstance = Object.fromEntries(instances.map((i) => [i.name, i.stats.handled]));
      const failover = {
        victim,
        replicas,
        acknowledged: acked.size,
        applied: docs.length,
        lost,
        appliedTwice: twice,
        unexpected,
        deadLettered: dlq,
        producerRetries: counters.retries,
        duplicatesSkippedByInbox: duplicatesSkipped,
        perInstance,
        partitionsBefore: before,
        partitionsAfter: after,
        sentMs,
        restartedAfterKillMs: restartedAt - killedAt,
        backInSyncAfterRestartMs: insyncAt - restartedAt,
      };
      report['failover'] = failover;
      log(
        `  acknowledged ${acked.size} in ${(sentMs / 1000).toFixed(1)} s (${counters.retries} batch(es) sent again after errors)`,
      );
      log(
        `  applied ${docs.length}: lost ${lost}, applied twice ${twice}, not produced ${unexpected}, dead-lettered ${dlq}, copies skipped by the inbox ${duplicatesSkipped}`,
      );
      log(`  per instance: ${JSON.stringify(perInstance)}; partitions after: ${JSON.stringify(after)}`);
      log(
        `  broker ${victim}: restarted ${(failover.restartedAfterKillMs / 1000).toFixed(1)} s after the kill, all partitions in sync ${(failover.backInSyncAfterRestartMs / 1000).toFixed(1)} s after the restart`,
      );
      if (lost + twice + unexpected + dlq > 0) failures += 1;
      if (Object.keys(before).length !== 2 || replicas.some((r) => r !== 3)) failures += 1;
    } finally {
      await Promise.all(instances.map((i) => i.stop()));
    }
    log(failures === 0 ? 'OK: nothing lost, nothing applied twice' : 'FAILED: see the figures above');
    if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await admin.deleteTopics({ topics: topics.names }).catch(() => undefined);
    await admin.disconnect();
    for (const db of databases) {
      const c = await mongoose.createConnection(db, { maxPoolSize: 1 }).asPromise();
      await c.dropDatabase();
      await c.close();
    }
    if (!wasRunning && !argv.includes('--keep-cluster')) {
      log('stopping the cluster (infra/local/kafka-cluster.sh stop)');
      await cluster('stop');
    }
  }
  return failures === 0 ? 0 : 1;
}

/** One instance of the consumer group, in its own process (run by main through `fork`). */
async function worker(): Promise<void> {
  const env = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const instance = env('FAILOVER_INSTANCE');
  const connection = await mongoose.createConnection(env('FAILOVER_DB'), { maxPoolSize: 5 }).asPromise();
  const readModel = connection.collection<{ _id: string; applied: number }>(READ_MODEL);
  const kafka = createKafka({
    clientId: instance,
    brokers: parseBrokers(env('FAILOVER_BROKERS')),
    logLevel: logLevel.NOTHING,
    kafka: { retry: RETRY },
  });
  const stats: WorkerStats = { kind: 'stats', handled: 0, duplicate: 0, firstAt: null, lastAt: null };
  const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
  const consumer = new EventConsumer({
    kafka,
    name: CONSUMER_NAME,
    groupId: env('FAILOVER_GROUP'),
    topics: [env('FAILOVER_TOPIC')],
    inbox: InboxStore.forConnection(connection),
    retry: { maxAttempts: 20, initialDelayMs: 200, maxDelayMs: 2_000 },
    logger: quiet,
    handlers: {
      'frontera.permit.issued': async (event) => {
        await readModel.updateOne(
          { _id: event.id },
          { $inc: { applied: 1 }, $setOnInsert: { employerId: event.data.employerId } },
          { upsert: true },
        );
        const now = Date.now();
        stats.firstAt ??= now;
        stats.lastAt = now;
        stats.handled += 1;
      },
    },
  });
  await consumer.start();
  process.send?.({ kind: 'started' });
  const timer = setInterval(() => process.send?.({ ...stats, duplicate: consumer.stats().duplicate }), 250);
  process.on('message', (message: { kind: string }) => {
    if (message.kind !== 'stop') return;
    void (async () => {
      clearInterval(timer);
      await consumer.stop();
      process.send?.({ ...stats, duplicate: consumer.stats().duplicate });
      await connection.close();
      process.exit(0);
    })();
  });
}

if (process.argv[2] === 'worker') {
  worker().catch((error: unknown) => {
    process.stderr.write(`failover worker: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
} else {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `cluster-failover: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
