/**
 * The audits service's planning and its sweep as the register grows — the real AppModule
 * (consumers, repositories, the task sweep) in this process on the real FerretDB, Kafka and Redis,
 * with the driver's command monitoring on — and the scheduling alternative the audits issue asks
 * to compare: one BullMQ job scheduler per employer. See bench/README.md and docs/decisions/0038.
 * Usage: node tools/scripts/run-ts.cjs bench/audits/audits.bench.ts [--quick] [--sizes=…] (bench/audits/run.sh
 * starts the servers first).
 */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { Redis } from 'ioredis';
import type { Consumer, Producer } from 'kafkajs';
import { MongoClient, type Collection } from 'mongodb';
import { createEvent, topicOf, Topics, type EventEnvelope } from '@frontera/contracts';
import {
  assessEmployer,
  taskIntegrationEvents,
  type AuditPlanRepository,
  type AuditTaskRepository,
} from '@frontera/audits-application';
import { AuditTask, CalendarDate, type AuditProgram, type RiskModel } from '@frontera/audits-domain';
import { anInspectorUser, aSupervisor } from '@frontera/audits-domain/testing';
import { MessagingRuntime } from '@frontera/platform-messaging';
import { ServiceTestApp } from '@frontera/platform-runtime/testing';
import { databaseUri } from '@frontera/platform-testing';
import type { Clock } from '@frontera/shared-application';
import { AppModule } from '../../services/audits/src/app.module';
import { AuditsConfig } from '../../services/audits/src/config/audits.config';
import { AUDITS_CONSUMER_GROUPS } from '../../services/audits/src/messaging/consumer-groups';
import {
  EMPLOYER_PROFILES_COLLECTION,
  PLANS_COLLECTION,
  TASKS_COLLECTION,
} from '../../services/audits/src/persistence/audits.schemas';
import { TaskSweeps } from '../../services/audits/src/sweeps/task-sweeps';
import {
  AUDIT_PROGRAM,
  CLOCK,
  PLAN_REPOSITORY,
  RISK_MODEL,
  TASK_REPOSITORY,
} from '../../services/audits/src/wiring/tokens';
import { EventTimer } from '../employers/event-timer';
import { ferretTable, vacuumAnalyze } from '../employers/postgres';
import { localServerPids } from '../employers/proc-stats';
import {
  benchName,
  Deadline,
  elapsedMs,
  formatMetricsTable,
  formatNumber,
  formatRatio,
  formatTable,
  localEndpoints,
  machineInfo,
  metricFromRuns,
  newRunId,
  now,
  percentile,
  redactUri,
  REPO_ROOT,
  RESULT_SCHEMA,
  runBenchCommand,
  runConcurrent,
  sleep,
  waitFor,
  writeResults,
  type BenchResultFile,
  type MetricDef,
  type MetricResult,
} from '../lib';
import { AuditDocuments, loadPairs } from './audit-documents';
import { DbMonitor, type CommandCount } from './db-monitor';
import { deleteKeys, keyMemory, runSchedulerComparison, type SchedulerFigures } from './schedulers';

const PHASES = ['service', 'schedulers'] as const;
type Phase = (typeof PHASES)[number];
const DEFAULT_REDIS_DB = 12;
/** The goal of the audits issue: planning cost per employer at the largest size ÷ at the smallest. */
const PLANNING_GOAL = 1.2;

interface Sizes {
  sizes: number[];
  /** Employers planned (and re-planned in a batch) on top of each size. */
  sample: number;
  /** Employers re-planned one at a time (event → risk latency). */
  latency: number;
  /** Due plans in each sweep tick. */
  due: number;
  /** Sweep ticks per size. */
  runs: number;
  /** Job schedulers of the BullMQ alternative (and the sample re-planned there). */
  schedulers: number;
  schedulerReplan: number;
}

const SIZES: Record<'full' | 'quick', Sizes> = {
  full: {
    sizes: [1_000, 10_000, 100_000],
    sample: 200,
    latency: 30,
    due: 50,
    runs: 3,
    schedulers: 100_000,
    schedulerReplan: 10_000,
  },
  quick: {
    sizes: [500, 2_000],
    sample: 40,
    latency: 10,
    due: 20,
    runs: 2,
    schedulers: 5_000,
    schedulerReplan: 1_000,
  },
};
const WATCHDOG_MS = { full: 30 * 60_000, quick: 10 * 60_000 };

const USAGE = `usage: node tools/scripts/run-ts.cjs bench/audits/audits.bench.ts [--quick] [--sizes=N,N,…]
         [--sample=N] [--due=N] [--runs=N] [--schedulers=N] [--only=service,schedulers] [--redis-db=N]
  --quick        sizes ${SIZES.quick.sizes.join(',')}, samples of ${SIZES.quick.sample}, ${SIZES.quick.due} due plans × ${SIZES.quick.runs} ticks, ${SIZES.quick.schedulers.toLocaleString('en-US')} schedulers (~2 min)
  --sizes        register sizes, ascending (default ${SIZES.full.sizes.join(',')})
  --sample       employers planned and re-planned on top of each size (default ${SIZES.full.sample}); plus ${SIZES.full.latency} re-planned one at a time
  --due          due plans per sweep tick (default ${SIZES.full.due}); --runs ticks per size (default ${SIZES.full.runs})
  --schedulers   job schedulers of the BullMQ alternative (default ${SIZES.full.schedulers.toLocaleString('en-US')})
  --only         phases: service (planning, re-planning, risk latency, Redis, sweep ticks), schedulers
  --redis-db     Redis database of the run (default ${DEFAULT_REDIS_DB}); it must be empty: the run deletes its keys afterwards
The servers must be running: bench/audits/run.sh (npm run bench:audits) starts them.`;

interface AuditsArgs {
  quick: boolean;
  help: boolean;
  only: Phase[];
  redisDb: number;
  overrides: Partial<Sizes>;
}

function positiveInt(arg: string, min: number, max: number): number {
  const value = Number(arg.slice(arg.indexOf('=') + 1).replace(/_/g, ''));
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${arg.slice(0, arg.indexOf('='))} expects ${min}..${max} (got '${arg}')`);
  }
  return value;
}

function parseArgs(argv: readonly string[]): AuditsArgs {
  const out: AuditsArgs = {
    quick: false,
    help: false,
    only: [...PHASES],
    redisDb: DEFAULT_REDIS_DB,
    overrides: {},
  };
  for (const arg of argv) {
    const flag = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
    const value = arg.slice(flag.length + 1);
    switch (flag) {
      case '--quick':
        out.quick = true;
        break;
      case '--help':
      case '-h':
        out.help = true;
        break;
      case '--sizes': {
        const sizes = value.split(',').map((s) => Number(s.replace(/_/g, '')));
        if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 100 || n > 1_000_000)) {
          throw new Error(`--sizes expects sizes 100..1000000 (got '${value}')`);
        }
        out.overrides.sizes = [...new Set(sizes)].sort((a, b) => a - b);
        break;
      }
      case '--sample':
        out.overrides.sample = positiveInt(arg, 10, 5_000);
        break;
      case '--due':
        out.overrides.due = positiveInt(arg, 1, 1_000);
        break;
      case '--runs':
        out.overrides.runs = positiveInt(arg, 1, 10);
        break;
      case '--schedulers':
        out.overrides.schedulers = positiveInt(arg, 100, 1_000_000);
        break;
      case '--redis-db':
        out.redisDb = positiveInt(arg, 1, 15);
        break;
      case '--only': {
        const names = value.split(',').map((s) => s.trim());
        const unknown = names.filter((n) => !PHASES.includes(n as Phase));
        if (names.length === 0 || unknown.length > 0) {
          throw new Error(`--only expects a subset of ${PHASES.join(',')} (got '${value}')`);
        }
        out.only = names as Phase[];
        break;
      }
      default:
        throw new Error(`unknown argument '${arg}'`);
    }
  }
  return out;
}

function withRedisDb(url: string, db: number): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** The service's clock: real time, or real time from an instant the bench sets (a sweep's day). */
class BenchClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** From now on the clock reads `at` and runs on from there; null: real time again. */
  set(at: Date | null): void {
    this.offsetMs = at === null ? 0 : at.getTime() - Date.now();
  }
}

async function usedMemory(redis: Redis): Promise<number> {
  const match = /^used_memory:(\d+)/m.exec(await redis.info('memory'));
  return match ? Number(match[1]) : Number.NaN;
}

/** One size's figures. */
interface SizeFigures {
  size: number;
  /** The probe (ms) before and after the planning and re-planning. */
  probeMs: number[];
  loadMs: number;
  loadPairsPerSecond: number;
  vacuumMs: number | null;
  plan: {
    employers: number;
    ms: number;
    perEmployerMs: number;
    p50: number;
    p99: number;
    commands: CommandCount;
  };
  redis: {
    bytesPerEmployer: number;
    keysPerEmployer: number;
    keyBytesPerEmployer: number;
    usedBefore: number;
    usedAfter: number;
  };
  replan: {
    employers: number;
    ms: number;
    perEmployerMs: number;
    p50: number;
    p99: number;
    commands: CommandCount;
  };
  risk: { samples: number; storedP50: number; storedP99: number; publishedP50: number; publishedP99: number };
  ticks: {
    due: number;
    ms: number[];
    /** The probe (ms) next to each due tick. */
    probeMs: number[];
    commands: number[];
    last: CommandCount;
    emptyMs: number[];
    emptyCommands: number[];
    lastEmpty: CommandCount;
  };
}

interface ServiceContext {
  t: ServiceTestApp<AuditsConfig>;
  clock: BenchClock;
  monitor: DbMonitor;
  docs: AuditDocuments;
  program: AuditProgram;
  riskModel: RiskModel;
  plans: AuditPlanRepository;
  tasks: AuditTaskRepository;
  sweeps: TaskSweeps;
  producer: Producer;
  risk: EventTimer;
  redis: Redis;
  collections: { plans: Collection; profiles: Collection; tasks: Collection; probe: Collection };
  database: string;
  runId: string;
  log: (line: string) => void;
  deadline: Deadline;
}

/** Publishes events (chunks of 500, acks -1); returns the instant each was sent, by subject. */
async function publish(
  ctx: Pick<ServiceContext, 'producer' | 'monitor'>,
  events: readonly { event: EventEnvelope; key: string; subject: string }[],
): Promise<Map<string, bigint>> {
  const { producer } = ctx;
  for (const e of events) ctx.monitor.markEvent(e.event.id);
  const sentAt = new Map<string, bigint>();
  for (let i = 0; i < events.length; i += 500) {
    const chunk = events.slice(i, i + 500);
    const at = now();
    for (const e of chunk) sentAt.set(e.subject, at);
    await producer.send({
      topic: topicOf(chunk[0].event.type as never),
      acks: -1,
      messages: chunk.map((e) => ({ key: e.key, value: JSON.stringify(e.event) })),
    });
  }
  return sentAt;
}

/** Waits until the service's database commands stop for `quietMs` (bounded): the last writes of a path. */
async function settle(monitor: DbMonitor, quietMs = 500, maxMs = 15_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let last = monitor.snapshot().total;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await sleep(50);
    const total = monitor.snapshot().total;
    if (total !== last) {
      last = total;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) {
      return;
    }
  }
}

function latencySummary(
  sentAt: Map<string, bigint>,
  doneAt: Map<string, bigint>,
): { p50: number; p99: number } {
  const values = [...doneAt.entries()].map(([id, at]) => elapsedMs(sentAt.get(id) as bigint, at));
  return { p50: percentile(values, 50), p99: percentile(values, 99) };
}

function lastOf(values: Map<string, bigint>): bigint {
  let max = 0n;
  for (const v of values.values()) if (v > max) max = v;
  return max;
}

/** Planning: `employer.verified` of `ids` (registered, one worksite: their profiles stored) → plans stored. */
async function measurePlanning(
  ctx: ServiceContext,
  ids: readonly string[],
): Promise<SizeFigures['plan'] & { redis: SizeFigures['redis'] }> {
  const { monitor, docs } = ctx;
  await ctx.collections.profiles.insertMany(
    ids.map((id) => docs.profileDocument(docs.profile(id, null), 2)) as never[],
    { ordered: true },
  );
  const storedAt = new Map<string, bigint>();
  const wanted = new Set(ids);
  const unwatch = monitor.watch(PLANS_COLLECTION, (command, at) => {
    if (command.name !== 'insert') return;
    for (const id of command.ids) if (wanted.has(id) && !storedAt.has(id)) storedAt.set(id, at);
  });
  for (const id of ids) ctx.risk.expect(id);
  const usedBefore = await usedMemory(ctx.redis);
  const keysBefore = await keyMemory(ctx.redis);
  monitor.reset();
  const events = ids.map((id, i) => ({
    key: id,
    subject: id,
    event: createEvent({
      type: 'frontera.employer.verified',
      subject: id,
      correlationId: randomUUID(),
      data: {
        employerId: id,
        registrationNumber: `PE-CHP-2026-${String((i % 999_999) + 1).padStart(6, '0')}`,
        rating: 'A',
        sector: 'COFFEE',
        state: 'CHP',
        verifiedBy: 'officer-1',
        verifiedAt: new Date().toISOString(),
      },
    }) as EventEnvelope,
  }));
  const started = now();
  const sentAt = await publish(ctx, events);
  try {
    await waitFor(() => storedAt.size === ids.length, 180_000, `${ids.length} plans stored`, 10);
  } finally {
    unwatch();
  }
  const ms = elapsedMs(started, lastOf(storedAt));
  // Everything the planning writes and publishes (profile, inbox, the first risk change).
  await waitFor(
    () => ctx.risk.count(ids) === ids.length,
    120_000,
    `${ids.length} first risk changes published`,
    20,
  );
  await settle(monitor);
  const commands = monitor.snapshot();
  const usedAfter = await usedMemory(ctx.redis);
  const keysAfter = await keyMemory(ctx.redis);
  const latency = latencySummary(sentAt, storedAt);
  return {
    employers: ids.length,
    ms,
    perEmployerMs: ms / ids.length,
    ...latency,
    commands,
    redis: {
      usedBefore,
      usedAfter,
      bytesPerEmployer: (usedAfter - usedBefore) / ids.length,
      keysPerEmployer: (keysAfter.keys - keysBefore.keys) / ids.length,
      keyBytesPerEmployer: (keysAfter.bytes - keysBefore.bytes) / ids.length,
    },
  };
}

interface Prepared {
  readonly employerId: string;
  readonly outcome: EventEnvelope;
  readonly newTier: string;
}

/**
 * Before a re-planning (not timed): the employer's first periodic audit became a task (the plan
 * records it, as the sweep does), which an inspector completed with two SERIOUS findings — the task
 * stored COMPLETED through the service's repository; its `frontera.audit.outcome.recorded` (the
 * service's own mapping) is what the bench publishes. The findings move the employer's tier (LOW →
 * MEDIUM): the consumer recomputes the risk and replaces the schedule.
 */
async function prepareReplan(ctx: ServiceContext, employerId: string): Promise<Prepared> {
  const plan = await ctx.plans.findById(employerId);
  if (!plan) throw new Error(`no plan for ${employerId}`);
  const due = plan.scheduled.find((e) => e.originType === 'PLAN' && e.taskId === null);
  if (!due) throw new Error(`the plan of ${employerId} has no periodic audit scheduled`);
  const taskId = `${employerId}-t1`;
  const at = new Date();
  const task = AuditTask.create({ ...plan.taskRequestFor(due, taskId), roster: [] }, at, ctx.program);
  plan.taskCreated(due.key, taskId, at);
  if ((await ctx.plans.save(plan, [])) !== 'SAVED') throw new Error(`plan of ${employerId} not saved`);
  const inspector = anInspectorUser(`${employerId}-insp`);
  task.assign({ inspectorId: `${employerId}-insp`, mode: 'AUTOMATIC' }, aSupervisor(), at);
  task.start(inspector, at);
  task.recordFinding({ findingId: `${taskId}-f1`, code: 'UNSAFE_HOUSING' }, inspector, at);
  task.recordFinding(
    { findingId: `${taskId}-f2`, code: 'WITHHELD_WAGES', workersAffected: 5 },
    inspector,
    at,
  );
  task.complete({ correctiveActionDeadline: null }, inspector, at);
  const outcome = taskIntegrationEvents(task.pullEvents(), { correlationId: randomUUID() }).find(
    (e) => e.type === 'frontera.audit.outcome.recorded',
  );
  if (!outcome) throw new Error('the completed task raised no frontera.audit.outcome.recorded');
  if ((await ctx.tasks.insert(task, [])) !== 'INSERTED') throw new Error(`task ${taskId} not inserted`);
  const profile = ctx.docs.profile(employerId, new Date());
  const newTier = assessEmployer(profile, [task], new Date(), ctx.riskModel).tier;
  if (newTier === plan.tier) throw new Error(`the findings leave ${employerId} at tier ${plan.tier}`);
  return { employerId, outcome: outcome as EventEnvelope, newTier };
}

/** Re-planning: the outcome events of `prepared` → the plan's risk write (the new tier) and risk.changed. */
async function measureReplanning(
  ctx: ServiceContext,
  prepared: readonly Prepared[],
): Promise<{
  ms: number;
  storedAt: Map<string, bigint>;
  publishedAt: Map<string, bigint>;
  sentAt: Map<string, bigint>;
}> {
  const byId = new Map(prepared.map((p) => [p.employerId, p]));
  const storedAt = new Map<string, bigint>();
  const unwatch = ctx.monitor.watch(PLANS_COLLECTION, (command, at) => {
    if (command.name !== 'update') return;
    const id = command.ids[0];
    const p = id !== undefined ? byId.get(id) : undefined;
    const tier = (command.set?.['record'] as { tier?: unknown } | undefined)?.tier;
    if (p && tier === p.newTier && !storedAt.has(id)) storedAt.set(id, at);
  });
  for (const p of prepared) {
    ctx.risk.seenAt.delete(p.employerId);
    ctx.risk.expect(p.employerId);
  }
  const started = now();
  const sentAt = await publish(
    ctx,
    prepared.map((p) => ({ event: p.outcome, key: p.employerId, subject: p.employerId })),
  );
  try {
    await waitFor(() => storedAt.size === prepared.length, 180_000, `${prepared.length} re-plans stored`, 5);
    await waitFor(
      () => ctx.risk.count(prepared.map((p) => p.employerId)) === prepared.length,
      120_000,
      `${prepared.length} risk changes published`,
      5,
    );
  } finally {
    unwatch();
  }
  const publishedAt = new Map(
    prepared.map((p) => [p.employerId, ctx.risk.seenAt.get(p.employerId) as bigint]),
  );
  return { ms: elapsedMs(started, lastOf(storedAt)), storedAt, publishedAt, sentAt };
}

/**
 * The machine's pace right now: the median of 15 `findOne({ _id })` of a one-document collection of
 * the run's database on the bench's own connection (ms). Taken next to each measurement, so a busy
 * neighbour shows in it and a size's figure can be read in these units (figure ÷ probe).
 */
async function probe(ctx: ServiceContext): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < 15; i++) {
    const started = now();
    await ctx.collections.probe.findOne({ _id: 'probe' } as never);
    values.push(elapsedMs(started));
  }
  return percentile(values, 50);
}

/**
 * Waits until no plan or task holds a pending outbox (the relay published everything written so
 * far), at most 90 s; then until the database is quiet. Returns the documents still pending (0).
 */
async function outboxDrained(ctx: ServiceContext): Promise<number> {
  const pending = async () =>
    (await ctx.collections.plans.countDocuments({ outboxPending: true })) +
    (await ctx.collections.tasks.countDocuments({ outboxPending: true }));
  const deadline = Date.now() + 90_000;
  let left = await pending();
  while (left > 0 && Date.now() < deadline) {
    await sleep(250);
    left = await pending();
  }
  if (left > 0) ctx.log(`${left} documents still hold a pending outbox after 90 s; going on`);
  await settle(ctx.monitor);
  return left;
}

/** Planning of `ids`, then their re-planning: the first `batch` together, the rest one at a time. */
async function planAndReplan(
  ctx: ServiceContext,
  ids: readonly string[],
  batch: number,
  label: string,
): Promise<{
  planned: Awaited<ReturnType<typeof measurePlanning>>;
  replan: SizeFigures['replan'];
  stored: number[];
  published: number[];
}> {
  const { log } = ctx;
  log(`${label}: planning ${ids.length} employers (employer.verified → plan stored)`);
  const planned = await measurePlanning(ctx, ids);
  log(`${label}: preparing ${ids.length} completed audits`);
  const prepared: Prepared[] = new Array(ids.length);
  await runConcurrent(
    ids.length,
    8,
    async (i) => {
      prepared[i] = await prepareReplan(ctx, ids[i]);
    },
    ctx.deadline,
  );
  await outboxDrained(ctx);
  log(`${label}: re-planning ${batch} employers (outcome with findings → tier change → schedule replaced)`);
  ctx.monitor.reset();
  const together = await measureReplanning(ctx, prepared.slice(0, batch));
  await settle(ctx.monitor);
  const commands = ctx.monitor.snapshot();
  log(`${label}: ${ids.length - batch} re-plannings one at a time`);
  const stored: number[] = [];
  const published: number[] = [];
  for (const p of prepared.slice(batch)) {
    const one = await measureReplanning(ctx, [p]);
    const sent = one.sentAt.get(p.employerId) as bigint;
    stored.push(elapsedMs(sent, one.storedAt.get(p.employerId) as bigint));
    published.push(elapsedMs(sent, one.publishedAt.get(p.employerId) as bigint));
  }
  await outboxDrained(ctx);
  return {
    planned,
    replan: {
      employers: batch,
      ms: together.ms,
      perEmployerMs: together.ms / batch,
      ...latencySummary(together.sentAt, together.storedAt),
      commands,
    },
    stored,
    published,
  };
}

/**
 * The service's Kafka consumers paused (and resumed): during a tick the service's only database
 * commands are then the sweep's and the relay's (other apps' events on the shared topics wait).
 * Reaches into the platform's EventConsumer for its kafkajs consumer: bench-only.
 */
function consumersOf(ctx: ServiceContext): { consumer: Consumer; topics: readonly string[] }[] {
  return ctx.t.app.get(MessagingRuntime).consumers.map((c) => ({
    consumer: (c as unknown as { consumer: Consumer }).consumer,
    topics: c.topics,
  }));
}

/** One sweep tick at `day`'s noon; `expected` plans must be swept (and as many tasks created, plus the random sample's). */
async function tick(
  ctx: ServiceContext,
  day: CalendarDate,
  expected: number,
  label: string,
): Promise<{ ms: number; commands: CommandCount }> {
  // Consumers paused: every data command of the service meanwhile is the tick's (or the relay's).
  const consumers = consumersOf(ctx);
  for (const { consumer, topics } of consumers) consumer.pause(topics.map((topic) => ({ topic })));
  ctx.monitor.mark(['']);
  ctx.clock.set(ctx.docs.instantOn(day));
  try {
    await settle(ctx.monitor);
    ctx.monitor.reset();
    const started = now();
    const result = await ctx.sweeps.run(
      {},
      { correlationId: `bench-tick-${ctx.runId}-${label}`, signal: new AbortController().signal },
    );
    const ms = elapsedMs(started);
    // A LOW plan whose random draw falls on the tick's day is in the day's bucket too (the sample,
    // decision 0035): swept for its draw, with a RANDOM audit when it is selected — on top of the due
    // plans and their tasks.
    if (
      result.plans < expected ||
      result.plans > expected + result.randomDrawn ||
      result.created !== expected + result.randomSelected ||
      result.failed > 0
    ) {
      throw new Error(
        `the ${label} tick of ${day.toString()} swept ${result.plans} plans (${result.randomDrawn} drawn for the random sample), ` +
          `created ${result.created} tasks (${result.randomSelected} of them the sample's), ${result.failed} failed ` +
          `(expected ${expected} due plans and tasks, plus the sample's)`,
      );
    }
    await outboxDrained(ctx);
    return { ms, commands: ctx.monitor.snapshot() };
  } finally {
    ctx.clock.set(null);
    ctx.monitor.mark([ctx.docs.idPrefix]);
    for (const { consumer, topics } of consumers) consumer.resume(topics.map((topic) => ({ topic })));
  }
}

/** Due plans of their own bucket, 400 + 50·k days ahead: no register plan's bucket, nor an earlier tick's overdue tasks, is in a tick's catch-up window. */
async function dueBucket(
  ctx: ServiceContext,
  due: number,
  counters: { tickDay: number; dueSerial: number },
): Promise<CalendarDate> {
  const today = CalendarDate.fromInstant(new Date(), ctx.program.utcOffsetMinutes);
  const day = today.addDays(400 + 50 * counters.tickDay++);
  const first = counters.dueSerial;
  counters.dueSerial += due;
  await loadPairs(
    ctx.collections,
    (serial) => ctx.docs.duePair(serial, day),
    first,
    first + due,
    ctx.deadline,
  );
  return day;
}

/** Not recorded: a planning, re-planning and tick of a few employers (JIT, pools, consumer fetches). */
async function warmUp(
  ctx: ServiceContext,
  sizes: Sizes,
  counters: { tickDay: number; dueSerial: number },
): Promise<void> {
  const ids = Array.from({ length: 24 }, (_, i) => ctx.docs.employerId('w', i));
  await planAndReplan(ctx, ids, 16, 'warm-up');
  const day = await dueBucket(ctx, Math.min(sizes.due, 10), counters);
  await tick(ctx, day, Math.min(sizes.due, 10), 'warm-up');
}

async function runSize(
  ctx: ServiceContext,
  size: number,
  from: number,
  sizes: Sizes,
  sizeIndex: number,
  counters: { tickDay: number; dueSerial: number },
): Promise<SizeFigures> {
  const { log, docs } = ctx;
  const label = `n=${size.toLocaleString('en-US')}`;
  const base = Date.now();
  log(`${label}: loading ${(size - from).toLocaleString('en-US')} plans and profiles`);
  const loadMs = await loadPairs(
    ctx.collections,
    (serial) => docs.registerPair(serial, base),
    from,
    size,
    ctx.deadline,
  );
  let vacuumMs: number | null = null;
  const pg = localServerPids(REPO_ROOT).postgresAddress;
  if (pg) {
    vacuumMs = 0;
    for (const collection of [PLANS_COLLECTION, EMPLOYER_PROFILES_COLLECTION]) {
      const table = await ferretTable(pg, ctx.database, collection);
      if (table) vacuumMs += await vacuumAnalyze(pg, ctx.database, table);
    }
  }

  // Planning (and the Redis it takes) and re-planning, on a sample on top of the register.
  const ids = Array.from({ length: sizes.sample + sizes.latency }, (_, i) =>
    docs.employerId(`p${sizeIndex}x`, i),
  );
  const probeMs = await probe(ctx);
  const { planned, replan, stored, published } = await planAndReplan(ctx, ids, sizes.sample, label);
  const probeAfterMs = await probe(ctx);

  // Sweep ticks: the same number of due plans at every size, in a bucket of their own; and a tick
  // with nothing due (25 days later: an empty window).
  const ticks: SizeFigures['ticks'] = {
    due: sizes.due,
    ms: [],
    probeMs: [],
    commands: [],
    last: { byKind: {}, total: 0, all: 0, relayScans: 0 },
    emptyMs: [],
    emptyCommands: [],
    lastEmpty: { byKind: {}, total: 0, all: 0, relayScans: 0 },
  };
  log(`${label}: ${sizes.runs} sweep ticks of ${sizes.due} due plans (and as many with nothing due)`);
  for (let r = 0; r < sizes.runs; r++) {
    const day = await dueBucket(ctx, sizes.due, counters);
    ticks.probeMs.push(await probe(ctx));
    const due = await tick(ctx, day, sizes.due, `${label}-${r}-due`);
    ticks.ms.push(due.ms);
    ticks.commands.push(due.commands.total);
    ticks.last = due.commands;
    const empty = await tick(ctx, day.addDays(25), 0, `${label}-${r}-empty`);
    ticks.emptyMs.push(empty.ms);
    ticks.emptyCommands.push(empty.commands.total);
    ticks.lastEmpty = empty.commands;
  }
  const { redis, ...plan } = planned;
  return {
    size,
    probeMs: [probeMs, probeAfterMs],
    loadMs,
    loadPairsPerSecond: ((size - from) * 1000) / Math.max(1, loadMs),
    vacuumMs,
    plan,
    redis,
    replan,
    risk: {
      samples: stored.length,
      storedP50: percentile(stored, 50),
      storedP99: percentile(stored, 99),
      publishedP50: percentile(published, 50),
      publishedP99: percentile(published, 99),
    },
    ticks,
  };
}

function sizeMetrics(f: SizeFigures): MetricResult[] {
  const n = `n${f.size}`;
  const def = (
    id: string,
    name: string,
    metric: string,
    unit: string,
    better: 'higher' | 'lower',
    params?: Record<string, unknown>,
  ): MetricDef => ({
    id: `audits.${n}.${id}`,
    group: 'audits',
    name: `${name} @${f.size}`,
    metric,
    unit,
    better,
    ...(params ? { params } : {}),
  });
  return [
    metricFromRuns(
      def('load.throughput', 'bulk load plan+profile', 'throughput', 'pairs/s', 'higher', {
        vacuumMs: f.vacuumMs,
      }),
      [f.loadPairsPerSecond],
    ),
    metricFromRuns(
      def('plan.perEmployer', `planning ×${f.plan.employers}`, 'per employer', 'ms', 'lower', {
        employers: f.plan.employers,
        ms: f.plan.ms,
      }),
      [f.plan.perEmployerMs],
    ),
    metricFromRuns(def('plan.p50', 'planning latency', 'p50', 'ms', 'lower'), [f.plan.p50]),
    metricFromRuns(def('plan.p99', 'planning latency', 'p99', 'ms', 'lower'), [f.plan.p99]),
    metricFromRuns(
      def('plan.commands', 'planning db commands', 'per employer', 'cmds', 'lower', {
        byKind: f.plan.commands.byKind,
      }),
      [f.plan.commands.total / f.plan.employers],
    ),
    metricFromRuns(
      def('replan.perEmployer', `re-planning ×${f.replan.employers}`, 'per employer', 'ms', 'lower', {
        employers: f.replan.employers,
        ms: f.replan.ms,
      }),
      [f.replan.perEmployerMs],
    ),
    metricFromRuns(
      def('replan.commands', 're-planning db commands', 'per employer', 'cmds', 'lower', {
        byKind: f.replan.commands.byKind,
      }),
      [f.replan.commands.total / f.replan.employers],
    ),
    metricFromRuns(def('risk.stored.p50', `event → risk stored ×${f.risk.samples}`, 'p50', 'ms', 'lower'), [
      f.risk.storedP50,
    ]),
    metricFromRuns(def('risk.stored.p99', 'event → risk stored', 'p99', 'ms', 'lower'), [f.risk.storedP99]),
    metricFromRuns(def('risk.published.p50', 'event → risk.changed consumed', 'p50', 'ms', 'lower'), [
      f.risk.publishedP50,
    ]),
    metricFromRuns(def('risk.published.p99', 'event → risk.changed consumed', 'p99', 'ms', 'lower'), [
      f.risk.publishedP99,
    ]),
    metricFromRuns(
      def('redis.bytesPerEmployer', 'Redis used_memory Δ', 'per employer', 'bytes', 'lower', { ...f.redis }),
      [f.redis.bytesPerEmployer],
    ),
    metricFromRuns(def('redis.keysPerEmployer', 'Redis keys Δ', 'per employer', 'keys', 'lower'), [
      f.redis.keysPerEmployer,
    ]),
    metricFromRuns(
      def('redis.keyBytesPerEmployer', 'Redis db keys MEMORY USAGE Δ', 'per employer', 'bytes', 'lower'),
      [f.redis.keyBytesPerEmployer],
    ),
    metricFromRuns(def('tick.ms', `sweep tick, ${f.ticks.due} due plans`, 'time', 'ms', 'lower'), f.ticks.ms),
    metricFromRuns(
      def('tick.commands', 'sweep tick db commands', 'count', 'cmds', 'lower', {
        byKind: f.ticks.last.byKind,
      }),
      f.ticks.commands,
    ),
    metricFromRuns(def('tick.empty.ms', 'sweep tick, nothing due', 'time', 'ms', 'lower'), f.ticks.emptyMs),
    metricFromRuns(
      def('tick.empty.commands', 'sweep tick, nothing due, db commands', 'count', 'cmds', 'lower', {
        byKind: f.ticks.lastEmpty.byKind,
      }),
      f.ticks.emptyCommands,
    ),
  ];
}

function schedulerMetrics(s: SchedulerFigures): MetricResult[] {
  const def = (
    id: string,
    name: string,
    metric: string,
    unit: string,
    better: 'higher' | 'lower',
    params?: Record<string, unknown>,
  ): MetricDef => ({
    id: `schedulers.${id}`,
    group: 'bullmq',
    name,
    metric,
    unit,
    better,
    ...(params ? { params } : {}),
  });
  return [
    metricFromRuns(
      def('upsert.perEmployer', `upsertJobScheduler ×${s.employers}`, 'per employer', 'ms', 'lower', {
        ms: s.upsert.ms,
        perSecond: s.upsert.perSecond,
      }),
      [s.upsert.perEmployerMs],
    ),
    metricFromRuns(
      def('memory.bytesPerEmployer', 'Redis used_memory Δ', 'per employer', 'bytes', 'lower', {
        ...s.memory,
      }),
      [s.memory.bytesPerEmployer],
    ),
    metricFromRuns(def('memory.keysPerEmployer', 'Redis keys Δ', 'per employer', 'keys', 'lower'), [
      s.memory.keysPerEmployer,
    ]),
    metricFromRuns(
      def('memory.keyBytesPerEmployer', 'Redis db keys MEMORY USAGE Δ', 'per employer', 'bytes', 'lower'),
      [s.memory.keyBytesPerEmployer],
    ),
    metricFromRuns(
      def(
        'replan.perEmployer',
        `upsert again, new cadence ×${s.replan.sample}`,
        'per employer',
        'ms',
        'lower',
      ),
      [s.replan.perEmployerMs],
    ),
    metricFromRuns(
      def('tick.perJob', `${s.tick.due} due jobs, one Worker`, 'per job', 'ms', 'lower', {
        ms: s.tick.ms,
        redisCpuMs: s.tick.redisCpuMs,
      }),
      [s.tick.perJobMs],
    ),
    metricFromRuns(
      def('tick.commandsPerJob', 'Redis commands of the tick', 'per job', 'cmds', 'lower', {
        byCommand: s.tick.byCommand,
      }),
      [s.tick.commandsPerJob],
    ),
  ];
}

interface Goal {
  id: string;
  goal: string;
  value: number;
  met: boolean | null;
}

function report(
  result: BenchResultFile,
  figures: SizeFigures[],
  schedulers: SchedulerFigures | undefined,
  goals: Goal[],
  ratios: { label: string; value: number }[],
  files: { file: string; latest: string },
): void {
  const lines: string[] = ['', formatMetricsTable(result.metrics), ''];
  if (figures.length > 0) {
    const median = (v: number[]) => percentile(v, 50);
    lines.push(
      'The register as it grows (per employer: wall time of a batch ÷ employers; ticks: median of runs):',
      formatTable(
        [
          { header: 'employers' },
          { header: 'probe ms plan/tick', align: 'right' },
          { header: 'load pairs/s', align: 'right' },
          { header: 'plan ms/emp', align: 'right' },
          { header: 'plan cmds/emp', align: 'right' },
          { header: 're-plan ms/emp', align: 'right' },
          { header: 're-plan cmds/emp', align: 'right' },
          { header: 'risk stored p50/p99', align: 'right' },
          { header: 'risk.changed p50/p99', align: 'right' },
          { header: 'Redis B/emp', align: 'right' },
          { header: 'tick ms', align: 'right' },
          { header: 'tick cmds', align: 'right' },
          { header: 'empty tick ms/cmds', align: 'right' },
        ],
        figures.map((f) => [
          f.size.toLocaleString('en-US'),
          `${formatNumber(median(f.probeMs))} / ${formatNumber(median(f.ticks.probeMs))}`,
          formatNumber(f.loadPairsPerSecond),
          formatNumber(f.plan.perEmployerMs),
          formatNumber(f.plan.commands.total / f.plan.employers),
          formatNumber(f.replan.perEmployerMs),
          formatNumber(f.replan.commands.total / f.replan.employers),
          `${formatNumber(f.risk.storedP50)} / ${formatNumber(f.risk.storedP99)}`,
          `${formatNumber(f.risk.publishedP50)} / ${formatNumber(f.risk.publishedP99)}`,
          formatNumber(f.redis.bytesPerEmployer),
          formatNumber(median(f.ticks.ms)),
          formatNumber(median(f.ticks.commands)),
          `${formatNumber(median(f.ticks.emptyMs))} / ${formatNumber(median(f.ticks.emptyCommands))}`,
        ]),
      ),
      '',
      `Due tick (${figures[0].ticks.commands.length} runs of the due plans at each size), commands of the last run at ${figures.at(-1)?.size.toLocaleString('en-US')}: ${JSON.stringify(figures.at(-1)?.ticks.last.byKind)}`,
      `Empty tick commands: ${JSON.stringify(figures.at(-1)?.ticks.lastEmpty.byKind)}`,
      '',
      'Largest ÷ smallest size:',
      ...ratios.map((r) => `  ${r.label}: ${formatRatio(r.value)}`),
      '',
    );
  }
  if (schedulers) {
    const last = figures.at(-1);
    lines.push(
      `Scheduling: one BullMQ job scheduler per employer (${schedulers.employers.toLocaleString('en-US')}) vs the sweep of day buckets${last ? ` (${last.size.toLocaleString('en-US')} plans)` : ''}:`,
      formatTable(
        [
          { header: 'figure' },
          { header: 'job schedulers', align: 'right' },
          { header: 'sweep of day buckets', align: 'right' },
        ],
        [
          [
            'Redis per employer (used_memory Δ)',
            `${formatNumber(schedulers.memory.bytesPerEmployer)} B`,
            last ? `${formatNumber(last.redis.bytesPerEmployer)} B` : 'n/a',
          ],
          [
            "Redis per employer (the run's keys' MEMORY USAGE Δ)",
            `${formatNumber(schedulers.memory.keyBytesPerEmployer)} B`,
            last ? `${formatNumber(last.redis.keyBytesPerEmployer)} B` : 'n/a',
          ],
          [
            'Redis keys per employer',
            formatNumber(schedulers.memory.keysPerEmployer),
            last ? formatNumber(last.redis.keysPerEmployer) : 'n/a',
          ],
          [
            `Redis total for ${schedulers.employers.toLocaleString('en-US')}`,
            `${formatNumber((schedulers.memory.usedAfter - schedulers.memory.usedBefore) / 2 ** 20)} MiB used_memory, ${formatNumber((schedulers.memory.keyBytesPerEmployer * schedulers.employers) / 2 ** 20)} MiB keys`,
            last
              ? `${formatNumber((last.redis.keyBytesPerEmployer * schedulers.employers) / 2 ** 20)} MiB keys`
              : 'n/a',
          ],
          [
            'planning: schedule write per employer',
            `${formatNumber(schedulers.upsert.perEmployerMs)} ms (upsert, 32 in flight)`,
            last ? `${formatNumber(1000 / last.loadPairsPerSecond)} ms (plan+profile insertMany)` : 'n/a',
          ],
          [
            'planning: the whole path per employer',
            'n/a (a plan is still stored)',
            last ? `${formatNumber(last.plan.perEmployerMs)} ms` : 'n/a',
          ],
          [
            're-planning: schedule write per employer',
            `${formatNumber(schedulers.replan.perEmployerMs)} ms (upsert again)`,
            'none (the plan save holds the bucket)',
          ],
          [
            'tick: scheduling overhead',
            `${formatNumber(schedulers.tick.perJobMs)} ms and ${formatNumber(schedulers.tick.commandsPerJob)} Redis commands per due job`,
            last
              ? `${formatNumber(median2(last.ticks.emptyCommands))} bucket queries per tick (${formatNumber(median2(last.ticks.emptyMs))} ms), + 1 per ${200} due plans`
              : 'n/a',
          ],
          [
            'tick: whole sweep per due plan',
            'n/a (its job would do the same task creation)',
            last
              ? `${formatNumber(median2(last.ticks.ms) / last.ticks.due)} ms, ${formatNumber(median2(last.ticks.commands) / last.ticks.due)} db commands`
              : 'n/a',
          ],
        ],
      ),
      `  scheduler jobs after the upserts: ${JSON.stringify(schedulers.jobCounts)}; tick Redis commands ${JSON.stringify(schedulers.tick.byCommand)}; Redis CPU during the tick ${formatNumber(schedulers.tick.redisCpuMs)} ms (server-wide); clean-up ${formatNumber(schedulers.cleanupMs)} ms`,
      '',
    );
  }
  if (goals.length > 0) {
    lines.push('Goals (figures of this run):');
    for (const g of goals)
      lines.push(
        `  ${g.met === null ? 'n/a ' : g.met ? 'MET ' : 'MISS'}  ${g.id}: ${g.goal} — ${formatRatio(g.value)}`,
      );
    lines.push('');
  }
  lines.push(
    ...result.notes.map((n) => `note: ${n}`),
    ...result.errors.map((e) => `FAILED ${e.group}: ${e.message}`),
    `results: ${path.relative(REPO_ROOT, files.file)} (also ${path.relative(REPO_ROOT, files.latest)})`,
    `total time: ${(result.durationMs / 1000).toFixed(1)} s`,
    '',
  );
  process.stdout.write(lines.join('\n'));
}

function median2(values: number[]): number {
  return percentile(values, 50);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const sizes: Sizes = { ...(args.quick ? SIZES.quick : SIZES.full), ...args.overrides };
  const watchdogMs = args.quick ? WATCHDOG_MS.quick : WATCHDOG_MS.full;
  setTimeout(() => {
    process.stderr.write(`bench audits: watchdog: still running after ${watchdogMs / 1000} s, exiting\n`);
    process.exit(3);
  }, watchdogMs).unref();

  const endpoints = localEndpoints();
  const runId = newRunId();
  const started = new Date();
  const machine = machineInfo();
  const log = (line: string) =>
    process.stderr.write(`[${((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
  const notes: string[] = [];
  const errors: BenchResultFile['errors'] = [];
  const metrics: MetricResult[] = [];
  const figures: SizeFigures[] = [];
  let schedulers: SchedulerFigures | undefined;
  const database = benchName('audits', runId, '_');
  const redisUrl = withRedisDb(endpoints.redisUrl, args.redisDb);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const deadline = new Deadline('bench audits', watchdogMs - 60_000);

  const keysAtStart = await redis.dbsize();
  if (keysAtStart > 0) {
    redis.disconnect();
    throw new Error(
      `Redis database ${args.redisDb} holds ${keysAtStart} keys: choose an empty one with --redis-db`,
    );
  }

  if (args.only.includes('service')) {
    let t: ServiceTestApp<AuditsConfig> | undefined;
    let store: MongoClient | undefined;
    let producer: Producer | undefined;
    let risk: EventTimer | undefined;
    const clock = new BenchClock();
    try {
      log(`starting the audits AppModule (database ${database}, Redis db ${args.redisDb})`);
      t = await ServiceTestApp.start({
        serviceName: 'audits',
        configClass: AuditsConfig,
        module: (config) => AppModule.forRoot(config, { monitorCommands: true }),
        consumerGroups: AUDITS_CONSUMER_GROUPS,
        env: {
          MONGODB_URI: databaseUri(endpoints.mongoUri, database),
          MONGODB_MAX_POOL_SIZE: '10',
          REDIS_URL: redisUrl,
          // The scheduled sweep runs at boot (nothing due) and not again: the bench runs the ticks.
          TASK_SWEEP_EVERY_MS: '86400000',
        },
        overrides: [{ provide: CLOCK, useValue: clock }],
      });
      const program = t.app.get<AuditProgram>(AUDIT_PROGRAM);
      const riskModel = t.app.get<RiskModel>(RISK_MODEL);
      store = await MongoClient.connect(databaseUri(endpoints.mongoUri, database), { maxPoolSize: 4 });
      const db = store.db(database);
      producer = t.kafka.producer({ allowAutoTopicCreation: false });
      await producer.connect();
      risk = await EventTimer.start({
        kafka: t.kafka,
        admin: t.admin,
        topic: Topics.risk.name,
        type: 'frontera.audit.risk.changed',
        groupId: benchName('audits-risk', runId),
      });
      const docs = new AuditDocuments(program, riskModel, `b${runId.replace(/[^A-Za-z0-9]/g, '')}`);
      await docs.check(Date.now());
      await db.collection('bench_probe').insertOne({ _id: 'probe', at: new Date() } as never);
      const ctx: ServiceContext = {
        t,
        clock,
        monitor: new DbMonitor(t.connection.getClient() as unknown as MongoClient, database),
        docs,
        program,
        riskModel,
        plans: t.app.get<AuditPlanRepository>(PLAN_REPOSITORY),
        tasks: t.app.get<AuditTaskRepository>(TASK_REPOSITORY),
        sweeps: t.app.get(TaskSweeps),
        producer,
        risk,
        redis,
        collections: {
          plans: db.collection(PLANS_COLLECTION),
          profiles: db.collection(EMPLOYER_PROFILES_COLLECTION),
          tasks: db.collection(TASKS_COLLECTION),
          probe: db.collection('bench_probe'),
        },
        database,
        runId,
        log,
        deadline,
      };
      ctx.monitor.mark([docs.idPrefix]);
      let loaded = 0;
      const counters = { tickDay: 0, dueSerial: 0 };
      await warmUp(ctx, sizes, counters);
      for (const [i, size] of sizes.sizes.entries()) {
        const f = await runSize(ctx, size, loaded, sizes, i, counters);
        loaded = size;
        figures.push(f);
        metrics.push(...sizeMetrics(f));
        log(
          `n=${size.toLocaleString('en-US')}: plan ${formatNumber(f.plan.perEmployerMs)} ms/employer, re-plan ${formatNumber(f.replan.perEmployerMs)} ms/employer, tick ${formatNumber(median2(f.ticks.ms))} ms / ${formatNumber(median2(f.ticks.commands))} commands`,
        );
      }
    } catch (error) {
      errors.push({
        group: 'service',
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      log(`service phase failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      clock.set(null);
      await risk?.stop().catch(() => undefined);
      await producer?.disconnect().catch(() => undefined);
      await store?.close().catch(() => undefined);
      // The risk timer's group, then the app (its consumer groups deleted, its database dropped).
      await t?.admin.deleteGroups([benchName('audits-risk', runId)]).catch(() => undefined);
      await t?.close().catch((error: Error) => errors.push({ group: 'cleanup', message: error.message }));
    }
  }

  if (args.only.includes('schedulers')) {
    try {
      schedulers = await runSchedulerComparison({
        redisUrl,
        prefix: benchName('audits-sched', runId),
        employers: sizes.schedulers,
        replanSample: sizes.schedulerReplan,
        due: sizes.due,
        deadline,
        log,
      });
      metrics.push(...schedulerMetrics(schedulers));
    } catch (error) {
      errors.push({
        group: 'schedulers',
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      log(`scheduler phase failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  // The Redis database was empty when the run started: everything in it is the run's.
  const leftover = await deleteKeys(redis, '*').catch(() => -1);
  if (leftover > 0)
    notes.push(`clean-up: ${leftover} Redis keys of the run deleted from database ${args.redisDb}`);
  redis.disconnect();

  const ratios: { label: string; value: number }[] = [];
  const goals: Goal[] = [];
  if (figures.length >= 2) {
    const first = figures[0];
    const last = figures[figures.length - 1];
    const label = `${last.size.toLocaleString('en-US')} ÷ ${first.size.toLocaleString('en-US')}`;
    const planRatio = last.plan.perEmployerMs / first.plan.perEmployerMs;
    ratios.push(
      { label: `planning ms/employer ${label}`, value: planRatio },
      {
        label: `planning db commands/employer ${label}`,
        value:
          last.plan.commands.total / last.plan.employers / (first.plan.commands.total / first.plan.employers),
      },
      {
        label: `re-planning ms/employer ${label}`,
        value: last.replan.perEmployerMs / first.replan.perEmployerMs,
      },
      { label: `event → risk stored p50 ${label}`, value: last.risk.storedP50 / first.risk.storedP50 },
      {
        label: `planning ms/employer in probe units (÷ the probe of its size) ${label}`,
        value:
          last.plan.perEmployerMs /
          median2(last.probeMs) /
          (first.plan.perEmployerMs / median2(first.probeMs)),
      },
      {
        label: `sweep tick ms in probe units ${label}`,
        value:
          median2(last.ticks.ms) /
          median2(last.ticks.probeMs) /
          (median2(first.ticks.ms) / median2(first.ticks.probeMs)),
      },
      {
        label: `sweep tick ms (same due plans) ${label}`,
        value: median2(last.ticks.ms) / median2(first.ticks.ms),
      },
      {
        label: `sweep tick db commands ${label}`,
        value: median2(last.ticks.commands) / median2(first.ticks.commands),
      },
      { label: `empty tick ms ${label}`, value: median2(last.ticks.emptyMs) / median2(first.ticks.emptyMs) },
    );
    goals.push({
      id: 'audits.plan.perEmployer',
      goal: `≤ ${PLANNING_GOAL.toFixed(1)}× (planning cost per employer at ${last.size.toLocaleString('en-US')} ÷ at ${first.size.toLocaleString('en-US')})`,
      value: planRatio,
      met: Number.isFinite(planRatio) ? planRatio <= PLANNING_GOAL : null,
    });
  }
  notes.push(
    "the service runs in the bench process (its AppModule, as the integration tests start it): the bench's publishing and timers share its event loop; every figure is a lower bound on 2 shared cores",
    "Kafka topics are the shared catalogue topics (decision 0033): other apps running meanwhile also consume the bench's events, and the service consumes theirs",
  );

  const finished = new Date();
  const result: BenchResultFile & {
    goals: Goal[];
    ratios: typeof ratios;
    sizes: SizeFigures[];
    schedulers?: SchedulerFigures;
  } = {
    schema: RESULT_SCHEMA,
    name: 'audits',
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    options: { quick: args.quick, runId, ...sizes, only: args.only, database, redisDb: args.redisDb },
    machine: {
      ...machine,
      loadavg: {
        ...machine.loadavg,
        end: (await import('node:os')).loadavg().map((l) => Math.round(l * 100) / 100),
      },
    },
    endpoints: {
      kafka: endpoints.kafkaBrokers.join(','),
      mongodb: redactUri(endpoints.mongoUri),
      redis: redactUri(redisUrl),
    },
    metrics,
    notes,
    errors,
    goals,
    ratios,
    sizes: figures,
    ...(schedulers ? { schedulers } : {}),
  };
  const files = writeResults(result);
  if (process.env['BENCH_DEBUG_HANDLES']) {
    const handles = (process as unknown as { _getActiveHandles(): object[] })._getActiveHandles();
    const describe = (h: object) => {
      const socket = h as { remotePort?: number; localPort?: number };
      return `${h.constructor?.name}${socket.remotePort ? `→${socket.remotePort}` : ''}`;
    };
    setTimeout(
      () => process.stderr.write(`active handles after 3 s: ${handles.map(describe).join(', ')}\n`),
      3_000,
    ).unref();
    process.stderr.write(`active handles: ${handles.map(describe).join(', ')}\n`);
  }
  report(result, figures, schedulers, goals, ratios, files);
  return errors.length > 0 ? 1 : 0;
}

runBenchCommand('bench audits', main, USAGE);
