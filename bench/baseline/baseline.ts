import * as os from 'node:os';
import {
  BenchResultFile,
  Deadline,
  LocalEndpoints,
  localEndpoints,
  Logger,
  machineInfo,
  MetricResult,
  newRunId,
  redactUri,
  RESULT_SCHEMA,
  Suite,
  withTimeout,
} from '../lib';
import { bullmqSuite } from './suites/bullmq.suite';
import { httpSuite } from './suites/http.suite';
import { kafkaSuite } from './suites/kafka.suite';
import { lookupsSuite } from './suites/lookups.suite';
import { mongoSuite } from './suites/mongo.suite';

/** Suites in the order they run. */
export const BASELINE_SUITES: readonly Suite[] = [
  mongoSuite,
  lookupsSuite,
  kafkaSuite,
  bullmqSuite,
  httpSuite,
];
export const BASELINE_SUITE_NAMES = BASELINE_SUITES.map((s) => s.name);
/** Recorded runs per case after the warm-up: full run, --quick. */
export const DEFAULT_RUNS = { full: 5, quick: 3 } as const;

/** Ids of the ceilings, for compareToBaseline() mappings in later benchmarks. */
export const BASELINE_METRICS = {
  mongoInsertSequential: 'mongo.insertOne.sequential',
  mongoInsertConcurrent: 'mongo.insertOne.concurrent',
  mongoInsertMany: 'mongo.insertMany.batch',
  mongoUpdateConcurrent: 'mongo.updateOne.concurrent',
  lookupsFindOneIdSmall: 'lookups.findOne._id.n100',
  lookupsFindOneIdLarge: 'lookups.findOne._id.n20000',
  lookupsFindOneFieldSmall: 'lookups.findOne.field.n100',
  lookupsFindOneFieldLarge: 'lookups.findOne.field.n20000',
  kafkaRoundTripP50: 'kafka.roundTrip.p50',
  kafkaRoundTripP95: 'kafka.roundTrip.p95',
  kafkaRoundTripP99: 'kafka.roundTrip.p99',
  kafkaRoundTripMax: 'kafka.roundTrip.max',
  kafkaBatchE2e: 'kafka.batch.e2e',
  kafkaBatchProduce: 'kafka.batch.produce',
  bullmqJobs: 'bullmq.jobs.e2e',
  bullmqAdd: 'bullmq.jobs.add',
  bullmqSingleP50: 'bullmq.single.p50',
  bullmqSingleP99: 'bullmq.single.p99',
  httpNodeRps: 'http.node.rps',
  httpNodeMean: 'http.node.mean',
  httpNodeP50: 'http.node.p50',
  httpNodeP99: 'http.node.p99',
  httpNestRps: 'http.nest.rps',
  httpNestMean: 'http.nest.mean',
  httpNestP50: 'http.nest.p50',
  httpNestP99: 'http.nest.p99',
} as const;

export interface BaselineOptions {
  /** Smaller counts and 1 s HTTP runs. */
  quick?: boolean;
  /** Suite names to run (default: all). */
  only?: readonly string[] | null;
  /** Recorded runs per case, after one warm-up (default 5, --quick 3). */
  runs?: number;
  /** Progress lines (default: stderr). */
  log?: Logger;
  /** Server addresses (default: from KAFKA_BROKERS, MONGODB_URI, REDIS_URL). */
  endpoints?: LocalEndpoints;
  /** Name of the result ('baseline'); later benchmarks may embed the baseline under their own. */
  name?: string;
}

const stderrLog: Logger = (message) => process.stderr.write(`  · ${message}\n`);

/**
 * Measures the ceilings (bare clients on the local servers) and returns them as a result
 * object; does not print or write anything. Later benchmarks can call this in their own process
 * to get ceilings measured under the same machine load as their own figures.
 * A failing suite is recorded in `errors` and the others still run.
 */
export async function runBaseline(options: BaselineOptions = {}): Promise<BenchResultFile> {
  const quick = options.quick ?? false;
  const runs = options.runs ?? (quick ? DEFAULT_RUNS.quick : DEFAULT_RUNS.full);
  const log = options.log ?? stderrLog;
  const only = options.only ?? null;
  const suites = BASELINE_SUITES.filter((s) => !only || only.includes(s.name));
  const endpoints = options.endpoints ?? localEndpoints();
  const runId = newRunId();
  const started = new Date();
  const machine = machineInfo();

  const metrics: MetricResult[] = [];
  const notes: string[] = [];
  const errors: BenchResultFile['errors'] = [];
  for (const suite of suites) {
    const budget = quick ? suite.budgetMs.quick : suite.budgetMs.full;
    const deadline = new Deadline(`${suite.name} suite`, budget);
    const suiteStart = Date.now();
    log(`${suite.name}: start (budget ${Math.round(budget / 1000)} s)`);
    try {
      // The deadline stops the suite's loops; the timeout is the backstop for a hung await.
      // Clean-up steps have their own timeouts inside the suites.
      const out = await withTimeout(
        suite.run({ runId, endpoints, runs, quick, log, deadline }),
        budget + 20_000,
        `${suite.name} suite`,
      );
      metrics.push(...out.metrics);
      notes.push(...(out.notes ?? []));
      log(`${suite.name}: done in ${((Date.now() - suiteStart) / 1000).toFixed(1)} s`);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      errors.push({ group: suite.name, message });
      log(`${suite.name}: FAILED: ${message}`);
    }
  }
  const finished = new Date();
  machine.loadavg.end = os.loadavg().map((l) => Math.round(l * 100) / 100);
  const busiest = Math.max(machine.loadavg.start[0], machine.loadavg.end[0]);
  if (busiest > machine.cpus.availableParallelism) {
    notes.push(
      `machine: 1-minute load average reached ${busiest} on ${machine.cpus.availableParallelism} cores ` +
        `(other processes): absolute figures are depressed and spreads wide; compare only ratios within one run.`,
    );
  }

  return {
    schema: RESULT_SCHEMA,
    name: options.name ?? 'baseline',
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    options: { quick, only: only ?? BASELINE_SUITE_NAMES, runs, warmups: 1, runId },
    machine,
    endpoints: {
      kafka: endpoints.kafkaBrokers.join(','),
      mongodb: redactUri(endpoints.mongoUri),
      redis: redactUri(endpoints.redisUrl),
    },
    metrics,
    notes,
    errors,
  };
}
