import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { Queue, type JobState } from 'bullmq';
import { register } from 'prom-client';
import { Redis } from 'ioredis';
import { CorrelationContext } from '@frontera/platform-observability';
import { endpointsFromEnv, uniqueName } from '@frontera/platform-testing';
import {
  closeConnection,
  createProducerConnection,
  createWorkerConnection,
  JobQueue,
  JobsModule,
  JobsService,
  JobWorker,
  QUEUE_JOBS_METRIC,
  PersonalDataInJobPayloadError,
  QueueUnavailableError,
  type JobData,
  type JobHandler,
} from '../src';
import { applyEffectOnce, effectKeys, effectQueue, type ApplyEffectPayload } from './fixtures/effect-queue';

const WORKSPACE = join(__dirname, '../../../..');
const RUN_TS = join(WORKSPACE, 'tools/scripts/run-ts.cjs');
const CRASHING_WORKER = join(__dirname, 'fixtures/crash-after-effect.worker.ts');
const LOCK_MS = 2_000;
// Jest applies testTimeout only from the root config, not per project: set it here.
jest.setTimeout(20_000);

const { redisUrl } = endpointsFromEnv();

/** A port nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stateOf(queue: Queue, jobId: string): Promise<JobState | 'unknown'> {
  return queue.getJobState(jobId);
}

describe('platform-jobs against real Redis', () => {
  let producer: Redis;
  let workerConnection: Redis;
  let redis: Redis;
  const queues: JobQueue<ApplyEffectPayload>[] = [];
  const workers: JobWorker<ApplyEffectPayload>[] = [];
  const children: ChildProcess[] = [];

  function newQueue(name = uniqueName('jobs-int')): JobQueue<ApplyEffectPayload> {
    const queue = new JobQueue(effectQueue(name), { connection: producer });
    queues.push(queue);
    return queue;
  }

  function newWorker(
    queue: JobQueue<ApplyEffectPayload>,
    handler: JobHandler<ApplyEffectPayload>,
    options: { lockDuration?: number; stalledInterval?: number } = {},
  ): JobWorker<ApplyEffectPayload> {
    const worker = new JobWorker(queue.definition, handler, { connection: workerConnection, ...options });
    workers.push(worker);
    return worker;
  }

  beforeAll(async () => {
    producer = createProducerConnection(redisUrl);
    workerConnection = createWorkerConnection(redisUrl);
    redis = new Redis(redisUrl);
    await waitFor(
      'producer connection',
      async () => (producer.status === 'ready' ? true : undefined),
      10_000,
    );
  });

  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.close(5_000)));
    for (const queue of queues) {
      await queue.queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
    await Promise.all([closeConnection(producer), closeConnection(workerConnection), closeConnection(redis)]);
  });

  it('a BullMQ job survives a worker restart and is processed once', async () => {
    // Scenario: worker 1 (its own process) takes the job, applies the side effect
    // and is SIGKILLed before completing it, so the job stays "active" with a lock
    // nobody renews. Worker 2's stalled-job check finds the expired lock and puts
    // the job back; worker 2 runs the handler again, whose idempotency key keeps
    // the side effect from happening twice, and completes the job.
    const queue = newQueue();
    const keysPrefix = uniqueName('effect');
    const keys = effectKeys(keysPrefix);
    const job = await queue.add('apply', { subjectId: 'employer-1' });
    const jobId = job.id as string;
    const idempotencyKey = `employer-1:${jobId}`;

    // run-ts.cjs skips registering ts-node when FRONTERA_TS_REGISTERED is set, and
    // Jest's global setup sets it in this process: the child must not inherit it.
    const { FRONTERA_TS_REGISTERED: _registeredHere, ...childEnv } = process.env;
    const child = spawn(
      process.execPath,
      [RUN_TS, CRASHING_WORKER, redisUrl, queue.name, keysPrefix, String(LOCK_MS)],
      {
        cwd: WORKSPACE,
        env: childEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(child);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exit = await new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.once('exit', (code, signal) => resolve(signal ?? code)),
    );

    expect({ exit, output }).toEqual({
      exit: 'SIGKILL',
      output: expect.stringContaining(`applied ${jobId}`),
    });
    expect(await stateOf(queue.queue, jobId)).toBe('active');
    expect(await redis.hget(keys.effects, idempotencyKey)).toBe('worker-1');

    const runsOfWorker2: string[] = [];
    newWorker(
      queue,
      async (payload, context) => {
        runsOfWorker2.push(context.jobId);
        return applyEffectOnce(redis, keys, `${payload.subjectId}:${context.jobId}`, 'worker-2');
      },
      { lockDuration: LOCK_MS, stalledInterval: 500 },
    );

    await waitFor('the job to complete', async () =>
      (await stateOf(queue.queue, jobId)) === 'completed' ? true : undefined,
    );
    const finished = await queue.queue.getJob(jobId);
    expect(runsOfWorker2).toEqual([jobId]);
    expect(finished?.returnvalue).toBe(false); // worker 2 found the effect already applied
    expect(finished?.stalledCounter).toBe(1);
    expect(await redis.hgetall(keys.effects)).toEqual({ [idempotencyKey]: 'worker-1' });
    expect(await redis.hget(keys.runs, idempotencyKey)).toBe('2');
    await redis.del(keys.effects, keys.runs);
  }, 45_000); // a child process with ts-node, a lock to expire and a stalled-job check

  it('carries the correlation id from add() into the worker handler', async () => {
    const queue = newQueue();
    const seen = new Promise<{
      fromContext: string;
      fromScope: string | undefined;
      causation: string | undefined;
    }>((resolve) => {
      newWorker(queue, async (_payload, context) => {
        resolve({
          fromContext: context.correlationId,
          fromScope: CorrelationContext.current()?.correlationId,
          causation: CorrelationContext.current()?.causationId,
        });
        return true;
      });
    });

    const job = await CorrelationContext.run(
      { correlationId: 'corr-int-jobs-0001', causationId: 'evt-1' },
      () => queue.add('apply', { subjectId: 'employer-2' }),
    );

    expect(job.data).toEqual({
      payload: { subjectId: 'employer-2' },
      correlationId: 'corr-int-jobs-0001',
      causationId: 'evt-1',
    });
    expect(await seen).toEqual({
      fromContext: 'corr-int-jobs-0001',
      fromScope: 'corr-int-jobs-0001',
      causation: job.id,
    });
  });

  it('refuses a payload with personal-data keys when adding, and enqueues nothing', async () => {
    const queue = newQueue();
    const leaky = { subjectId: 'w-1', worker: { documentNumber: 'GT-1234567', phone: '+502 5555 1234' } };

    const attempt = queue.add('apply', leaky as unknown as ApplyEffectPayload);

    await expect(attempt).rejects.toThrow(PersonalDataInJobPayloadError);
    await expect(attempt).rejects.toThrow(/worker\.documentNumber, worker\.phone/);
    await expect(attempt).rejects.not.toThrow(/GT-1234567/);
    expect(await queue.queue.getJobCountByTypes('waiting', 'delayed', 'active', 'prioritized')).toBe(0);
  });

  it('fails a job with personal data that bypassed the producer, without running the handler or retrying', async () => {
    const queue = newQueue();
    const raw = new Queue<JobData<object>>(queue.name, { connection: producer });
    const handled: string[] = [];
    newWorker(queue, async (_payload, context) => {
      handled.push(context.jobId);
      return true;
    });

    const job = await raw.add(
      'apply',
      { payload: { subjectId: 'w-1', email: 'maria@example.com' } },
      { attempts: 3 },
    );
    await raw.close();

    await waitFor('the job to fail', async () =>
      (await stateOf(queue.queue, job.id as string)) === 'failed' ? true : undefined,
    );
    const failed = await queue.queue.getJob(job.id as string);
    expect(handled).toEqual([]);
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toMatch(/look like personal data \(email\)/);
    expect(failed?.failedReason).not.toContain('maria@example.com');
  });

  it('upserting a scheduler with the same id replaces it instead of adding another', async () => {
    const queue = newQueue();

    await queue.upsertSchedule(
      'audit-plan.employer-3',
      { every: 60_000 },
      { name: 'audit', payload: { subjectId: 'employer-3' } },
    );
    await queue.upsertSchedule(
      'audit-plan.employer-3',
      { every: 30_000 },
      { name: 'audit', payload: { subjectId: 'employer-3' } },
    );

    const schedulers = await queue.schedules();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: 'audit-plan.employer-3', every: 30_000, name: 'audit' });
    expect(schedulers[0].template?.data).toEqual({ payload: { subjectId: 'employer-3' } });
    // One next job (an `every` scheduler's first job is due at once), not one per upsert.
    expect(await queue.queue.getJobCountByTypes('waiting', 'delayed', 'prioritized')).toBe(1);
  });

  it('fails fast when Redis is down instead of waiting for it', async () => {
    const port = await closedPort();
    const deadProducer = createProducerConnection(`redis://127.0.0.1:${port}`);
    const queue = new JobQueue(effectQueue(uniqueName('jobs-down')), { connection: deadProducer });
    try {
      const started = Date.now();
      await expect(queue.add('apply', { subjectId: 'employer-4' })).rejects.toThrow(QueueUnavailableError);
      await expect(queue.add('apply', { subjectId: 'employer-4' })).rejects.toThrow(
        /Queue "jobs-down-.*" is unavailable: Redis connection is (connecting|reconnecting|close)/,
      );
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await queue.close();
      await closeConnection(deadProducer);
    }
  });

  it('close() waits for the job in progress to finish', async () => {
    const queue = newQueue();
    let finished = false;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const worker = newWorker(queue, async () => {
      started();
      await new Promise((resolve) => setTimeout(resolve, 500));
      finished = true;
      return true;
    });
    const job = await queue.add('apply', { subjectId: 'employer-5' });
    await running;

    await worker.close();

    expect(finished).toBe(true);
    expect(await stateOf(queue.queue, job.id as string)).toBe('completed');
  });

  it('reports queue depth by state in frontera_queue_jobs', async () => {
    const queue = newQueue();
    await queue.add('apply', { subjectId: 'employer-6' });
    await queue.add('apply', { subjectId: 'employer-7' }, { delay: 60_000 });

    const text = await register.getSingleMetricAsString(QUEUE_JOBS_METRIC);

    expect(text).toContain(`${QUEUE_JOBS_METRIC}{queue="${queue.name}",state="waiting"} 1`);
    expect(text).toContain(`${QUEUE_JOBS_METRIC}{queue="${queue.name}",state="delayed"} 1`);
    expect(text).toContain(`${QUEUE_JOBS_METRIC}{queue="${queue.name}",state="active"} 0`);
  });

  it('JobsModule drains workers, then closes queues and connections, when the application shuts down', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [JobsModule.forRoot({ redisUrl, serviceName: 'jobs-int' })],
    }).compile();
    const app = await moduleRef.init();
    const jobs = app.get(JobsService);
    const queue = jobs.queue(effectQueue(uniqueName('jobs-nest')));
    let finished = false;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const worker = jobs.worker(queue.definition, async () => {
      started();
      await new Promise((resolve) => setTimeout(resolve, 300));
      finished = true;
      return true;
    });
    await waitFor('producer connection', async () =>
      jobs.producerConnection.status === 'ready' ? true : undefined,
    );
    const job = await queue.add('apply', { subjectId: 'employer-8' });
    await running;

    await app.close();

    expect(finished).toBe(true);
    expect(worker.worker.isRunning()).toBe(false);
    expect(jobs.producerConnection.status).toBe('end');
    const check = new Queue(queue.name, { connection: producer });
    try {
      expect(await check.getJobState(job.id as string)).toBe('completed');
      await check.obliterate({ force: true });
    } finally {
      await check.close();
    }
  });
});
