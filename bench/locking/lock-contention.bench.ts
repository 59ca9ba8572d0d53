/**
 * Commands on ONE aggregate under contention: the per-aggregate Redis lock with this process's
 * waiters lined up per key (KeyTurns, the default) against the same lock with every waiter polling
 * Redis on its own backoff (`lineUp: false`, the behaviour before the line) — paired runs,
 * alternated, in the same process against the same servers, so the machine's noise hits both.
 *
 * Each command is what a service's command does under its lock: read the aggregate's document from
 * FerretDB, write it back with a version condition. 50 commands start at once (the issue's "50
 * concurrent changes on one employer"); latency is from its start to its end (wait included).
 *
 * Usage: node tools/scripts/run-ts.cjs bench/locking/lock-contention.bench.ts [--runs=N] [--commands=N]
 * (servers: infra/local/servers.sh start). Prints a table; writes bench/results/locking-<ts>.json.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import { RedisAggregateLock } from '@frontera/platform-locking';
import {
  localEndpoints,
  machineInfo,
  median,
  redactUri,
  spread,
  summarize,
  writeResults,
  type MetricResult,
} from '../lib';

interface Args {
  runs: number;
  commands: number;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { runs: 5, commands: 50 };
  for (const arg of argv) {
    const [key, value] = arg.replace(/^--/, '').split('=');
    if (key === 'runs') args.runs = Number(value);
    else if (key === 'commands') args.commands = Number(value);
    else throw new Error(`unknown option ${arg} (--runs=N --commands=N)`);
  }
  if (!(args.runs >= 1 && args.commands >= 2)) throw new Error('--runs ≥ 1 and --commands ≥ 2');
  return args;
}

interface RunFigures {
  throughput: number;
  p50: number;
  p99: number;
  busy: number;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const startedAt = new Date();
  const endpoints = localEndpoints();
  const redis = new Redis(endpoints.redisUrl, { maxRetriesPerRequest: 1 });
  const mongo = await MongoClient.connect(endpoints.mongoUri);
  const database = `bench_locking_${Date.now().toString(36)}`;
  const documents = mongo
    .db(database)
    .collection<{ _id: string; version: number; street: string }>('aggregates');
  const prefix = `frontera:bench-locking:${randomUUID()}:`;
  // The services' settings (LOCK_TTL_MS, LOCK_WAIT_MS defaults).
  const locks = {
    lined: new RedisAggregateLock(redis, { prefix, ttlMs: 10_000, waitMs: 5_000, lineUp: true }),
    polling: new RedisAggregateLock(redis, { prefix, ttlMs: 10_000, waitMs: 5_000, lineUp: false }),
  };

  async function run(kind: keyof typeof locks, id: string): Promise<RunFigures> {
    await documents.insertOne({ _id: id, version: 0, street: 'Calle 1' });
    const latencies: number[] = [];
    let busy = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: args.commands }, async (_, i) => {
        const t0 = performance.now();
        try {
          await locks[kind].withLock(`employer:${id}`, async () => {
            const doc = await documents.findOne({ _id: id });
            if (!doc) throw new Error('aggregate vanished');
            const written = await documents.updateOne(
              { _id: id, version: doc.version },
              { $set: { version: doc.version + 1, street: `Calle ${i}` } },
            );
            if (written.modifiedCount !== 1) throw new Error('version check failed under the lock');
          });
          latencies.push(performance.now() - t0);
        } catch (error) {
          if ((error as { code?: string }).code === 'LOCK.BUSY') busy += 1;
          else throw error;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const final = await documents.findOne({ _id: id });
    if (final?.version !== args.commands - busy) {
      throw new Error(`lost updates: version ${final?.version}, expected ${args.commands - busy}`);
    }
    const summary = summarize(latencies);
    return { throughput: latencies.length / elapsed, p50: summary.p50, p99: summary.p99, busy };
  }

  const figures: Record<keyof typeof locks, RunFigures[]> = { lined: [], polling: [] };
  try {
    // One unrecorded warm-up of each, then recorded runs alternated (polling first, then lined…).
    await run('polling', `warm-p-${randomUUID()}`);
    await run('lined', `warm-l-${randomUUID()}`);
    for (let r = 0; r < args.runs; r++) {
      for (const kind of r % 2 === 0 ? (['polling', 'lined'] as const) : (['lined', 'polling'] as const)) {
        figures[kind].push(await run(kind, `${kind}-${r}-${randomUUID()}`));
        process.stdout.write(`  · run ${r + 1}/${args.runs} ${kind} done\n`);
      }
    }
  } finally {
    await mongo
      .db(database)
      .dropDatabase()
      .catch(() => undefined);
    await mongo.close();
    redis.disconnect();
  }

  const metric = (
    kind: keyof typeof locks,
    key: keyof RunFigures,
    unit: string,
    better: 'higher' | 'lower',
  ): MetricResult => {
    const runs = figures[kind].map((f) => f[key]);
    return {
      id: `locking.${kind}.${key}`,
      group: 'locking',
      name: `${args.commands} commands on one aggregate, ${kind === 'lined' ? 'waiters lined up' : 'every waiter polls'}`,
      metric: key,
      unit,
      better,
      value: median(runs),
      runs,
      spread: spread(runs),
      params: { commands: args.commands, runs: args.runs, work: 'findOne + version-checked updateOne' },
    };
  };
  const metrics = (['polling', 'lined'] as const).flatMap((kind) => [
    metric(kind, 'throughput', 'commands/s', 'higher'),
    metric(kind, 'p50', 'ms', 'lower'),
    metric(kind, 'p99', 'ms', 'lower'),
    metric(kind, 'busy', 'count', 'lower'),
  ]);
  const value = (id: string) => metrics.find((m) => m.id === id)?.value ?? Number.NaN;
  const pairs = figures.lined.map((l, i) => l.throughput / (figures.polling[i] as RunFigures).throughput);

  console.log(
    `\nlock contention: ${args.commands} commands at once on one aggregate, ${args.runs} paired runs`,
  );
  console.log('case                        commands/s    p50 ms    p99 ms   503 BUSY');
  for (const kind of ['polling', 'lined'] as const) {
    console.log(
      `${(kind === 'lined' ? 'lined up (default)' : 'every waiter polls').padEnd(26)}  ${value(`locking.${kind}.throughput`).toFixed(1).padStart(10)}  ${value(`locking.${kind}.p50`).toFixed(0).padStart(8)}  ${value(`locking.${kind}.p99`).toFixed(0).padStart(8)}  ${String(value(`locking.${kind}.busy`)).padStart(9)}`,
    );
  }
  console.log(
    `throughput lined/polling: median of pairs ${median(pairs).toFixed(2)}× (runs ${pairs.map((p) => p.toFixed(2)).join(', ')}); p99 ${(value('locking.lined.p99') / value('locking.polling.p99')).toFixed(2)}×`,
  );
  const finishedAt = new Date();
  const written = writeResults({
    schema: 'frontera.bench/v1',
    name: 'locking',
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    options: { ...args },
    machine: machineInfo(),
    endpoints: { mongodb: redactUri(endpoints.mongoUri), redis: redactUri(endpoints.redisUrl) },
    metrics,
    notes: [`throughput lined/polling per pair: ${pairs.map((p) => p.toFixed(2)).join(', ')}`],
    errors: [],
  });
  console.log(`results: ${written.file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
