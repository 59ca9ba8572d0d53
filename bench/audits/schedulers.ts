import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { Deadline, elapsedMs, now, runConcurrent, withTimeout } from '../lib';
import { DAY_MS, REGISTER_BUCKETS } from './audit-documents';

/**
 * The alternative to the sweep of day buckets (docs/decisions/0038): one BullMQ job scheduler per
 * employer (`upsertJobScheduler` keyed by the employer, `every` = the tier's cadence, the first run on
 * the plan's next task day), whose jobs a Worker turns into tasks. Bare bullmq on the local Redis, a
 * queue prefix of the run's own, removed afterwards; nothing of the service runs.
 */
export interface SchedulerFigures {
  readonly employers: number;
  readonly upsert: { readonly ms: number; readonly perEmployerMs: number; readonly perSecond: number };
  readonly memory: {
    readonly usedBefore: number;
    readonly usedAfter: number;
    readonly bytesPerEmployer: number;
    readonly keysBefore: number;
    readonly keysAfter: number;
    readonly keysPerEmployer: number;
    /** The queue's keys' MEMORY USAGE (sampled) per employer. */
    readonly keyBytesPerEmployer: number;
  };
  /** Re-planning: the scheduler of `sample` employers upserted again with the new tier's cadence. */
  readonly replan: { readonly sample: number; readonly perEmployerMs: number };
  /** States of the jobs after the upserts (the delayed next runs). */
  readonly jobCounts: Record<string, number>;
  /** A tick: `due` schedulers whose run is now, worked by one Worker (no-op processor). */
  readonly tick: {
    readonly due: number;
    readonly ms: number;
    readonly perJobMs: number;
    /** Redis commands the bench process sent meanwhile (the Worker's connections and the queue's). */
    readonly commands: number;
    readonly commandsPerJob: number;
    readonly byCommand: Record<string, number>;
    /** Redis server CPU (INFO cpu, user + sys) during the tick, ms: server-wide, other clients included. */
    readonly redisCpuMs: number;
    readonly keysAfter: number;
  };
  readonly cleanupMs: number;
}

async function info(redis: Redis, section: string, field: string): Promise<number> {
  const text = await redis.info(section);
  const match = new RegExp(`^${field}:([\\d.]+)`, 'm').exec(text);
  return match ? Number(match[1]) : Number.NaN;
}

async function redisCpuMs(redis: Redis): Promise<number> {
  return ((await info(redis, 'cpu', 'used_cpu_user')) + (await info(redis, 'cpu', 'used_cpu_sys'))) * 1000;
}

/** Counts every command the process's ioredis clients send while `fn` runs (by command name). */
async function countingRedisCommands<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; byCommand: Record<string, number> }> {
  const byCommand: Record<string, number> = {};
  const proto = Redis.prototype as unknown as {
    sendCommand: (command: { name: string }, ...rest: unknown[]) => unknown;
  };
  const original = proto.sendCommand;
  proto.sendCommand = function (this: unknown, command: { name: string }, ...rest: unknown[]) {
    const name = String(command?.name ?? '?').toLowerCase();
    byCommand[name] = (byCommand[name] ?? 0) + 1;
    return original.call(this, command, ...rest);
  };
  try {
    return { result: await fn(), byCommand };
  } finally {
    proto.sendCommand = original;
  }
}

/**
 * The keys of the connection's database and the memory they take: `MEMORY USAGE` of a random sample
 * of up to `sample` keys (reservoir over a full SCAN) times the key count. Unlike `used_memory` of
 * INFO (the whole server, other clients' data included), it counts only this database.
 */
export async function keyMemory(redis: Redis, sample = 2_000): Promise<{ keys: number; bytes: number }> {
  let cursor = '0';
  let keys = 0;
  const picked: string[] = [];
  for (let page = 0; page < 20_000; page++) {
    const [next, batch] = await redis.scan(cursor, 'COUNT', 1_000);
    for (const key of batch) {
      keys += 1;
      if (picked.length < sample) picked.push(key);
      else {
        const j = Math.floor(Math.random() * keys);
        if (j < sample) picked[j] = key;
      }
    }
    cursor = next;
    if (cursor === '0') break;
  }
  if (picked.length === 0) return { keys: 0, bytes: 0 };
  const pipeline = redis.pipeline();
  for (const key of picked) pipeline.call('MEMORY', 'USAGE', key);
  const results = (await pipeline.exec()) ?? [];
  const sizes = results.map(([error, value]) => (error ? 0 : Number(value ?? 0)));
  return { keys, bytes: (sizes.reduce((a, b) => a + b, 0) / sizes.length) * keys };
}

/** Deletes the keys matching `pattern` until none is left (SCAN pages of 1,000, bounded). */
export async function deleteKeys(redis: Redis, pattern: string, maxPages = 20_000): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  for (let page = 0; page < maxPages; page++) {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1_000);
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    cursor = next;
    if (cursor === '0') break;
  }
  return deleted;
}

export async function runSchedulerComparison(options: {
  redisUrl: string;
  prefix: string;
  employers: number;
  replanSample: number;
  due: number;
  concurrency?: number;
  deadline: Deadline;
  log: (line: string) => void;
}): Promise<SchedulerFigures> {
  const { employers, due, prefix } = options;
  const concurrency = options.concurrency ?? 32;
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
  const queue = new Queue('audit-plans', { connection, prefix });
  const cadence = { LOW: 180 * DAY_MS, MEDIUM: 90 * DAY_MS };
  const base = Date.now();
  const firstRun = (i: number) => base + (REGISTER_BUCKETS.first + (i % REGISTER_BUCKETS.spread)) * DAY_MS;
  let cleanupMs = 0;
  try {
    await queue.waitUntilReady();
    const usedBefore = await info(connection, 'memory', 'used_memory');
    const keysBefore = await connection.dbsize();
    const keyBytesBefore = (await keyMemory(connection)).bytes;

    // Planning: one scheduler per employer, its first run on the plan's next task day.
    options.log(`upserting ${employers.toLocaleString('en-US')} job schedulers (${concurrency} in flight)`);
    const started = now();
    await runConcurrent(
      employers,
      concurrency,
      async (i) => {
        await queue.upsertJobScheduler(
          `employer:${i}`,
          { every: cadence.LOW, startDate: firstRun(i) },
          { name: 'create-task', data: { employerId: `e${i}` } },
        );
      },
      options.deadline,
    );
    const upsertMs = elapsedMs(started);
    const usedAfter = await info(connection, 'memory', 'used_memory');
    const keysAfter = await connection.dbsize();
    const keyBytesAfter = (await keyMemory(connection)).bytes;
    const jobCounts = await queue.getJobCounts('delayed', 'waiting', 'active', 'completed', 'prioritized');

    // Re-planning: a tier change replaces the schedule (new cadence, same first run).
    const sample = Math.min(options.replanSample, employers);
    const replanStarted = now();
    await runConcurrent(
      sample,
      concurrency,
      async (i) => {
        await queue.upsertJobScheduler(
          `employer:${i}`,
          { every: cadence.MEDIUM, startDate: firstRun(i) },
          { name: 'create-task', data: { employerId: `e${i}` } },
        );
      },
      options.deadline,
    );
    const replanMs = elapsedMs(replanStarted);

    // A tick: `due` schedulers whose run is now, among the others; one Worker works them off.
    for (let i = 0; i < due; i++) {
      await queue.upsertJobScheduler(
        `due:${i}`,
        { every: cadence.LOW },
        { name: 'create-task', data: { employerId: `due${i}` } },
      );
    }
    const cpuBefore = await redisCpuMs(connection);
    let completed = 0;
    const { result: tickMs, byCommand } = await countingRedisCommands(async () => {
      const tickStarted = now();
      const workerConnection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
      const worker = new Worker(
        'audit-plans',
        async () => {
          /* the task creation itself would be the same work in both designs */
        },
        { connection: workerConnection, prefix, concurrency: 10, autorun: false },
      );
      const done = new Promise<void>((resolve) => {
        worker.on('completed', () => {
          completed += 1;
          if (completed >= due) resolve();
        });
      });
      void worker.run();
      await withTimeout(done, 120_000, `${due} scheduler jobs completed`);
      const ms = elapsedMs(tickStarted);
      await worker.close();
      workerConnection.disconnect();
      return ms;
    });
    const redisCpu = (await redisCpuMs(connection)) - cpuBefore;
    const commands = Object.values(byCommand).reduce((a, b) => a + b, 0);
    const keysAfterTick = await connection.dbsize();

    return {
      employers,
      upsert: { ms: upsertMs, perEmployerMs: upsertMs / employers, perSecond: (employers * 1000) / upsertMs },
      memory: {
        usedBefore,
        usedAfter,
        bytesPerEmployer: (usedAfter - usedBefore) / employers,
        keysBefore,
        keysAfter,
        keysPerEmployer: (keysAfter - keysBefore) / employers,
        keyBytesPerEmployer: (keyBytesAfter - keyBytesBefore) / employers,
      },
      replan: { sample, perEmployerMs: replanMs / Math.max(1, sample) },
      jobCounts,
      tick: {
        due,
        ms: tickMs,
        perJobMs: tickMs / due,
        commands,
        commandsPerJob: commands / due,
        byCommand,
        redisCpuMs: redisCpu,
        keysAfter: keysAfterTick,
      },
      get cleanupMs() {
        return cleanupMs;
      },
    };
  } finally {
    const cleanupStarted = now();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close().catch(() => undefined);
    await deleteKeys(connection, `${prefix}:*`).catch(() => undefined);
    cleanupMs = elapsedMs(cleanupStarted);
    connection.disconnect();
  }
}
