import type { LocalEndpoints } from './endpoints';
import type { MetricResult } from './metrics';
import type { Logger } from './runner';
import type { Deadline } from './timing';

/** What a suite of a benchmark gets from the command that runs it. */
export interface SuiteContext {
  /** Unique per run: part of every database, topic, queue and group name the suite creates. */
  runId: string;
  endpoints: LocalEndpoints;
  /** Recorded runs per case (after one warm-up). */
  runs: number;
  /** Smaller counts and durations (smoke run). */
  quick: boolean;
  log: Logger;
  /** The suite's time budget; bounded loops check it. */
  deadline: Deadline;
}

export interface SuiteOutput {
  metrics: MetricResult[];
  /** Caveats printed under the table and stored in the JSON. */
  notes?: string[];
}

export interface Suite {
  name: string;
  /** Hard limit for the whole suite (setup, runs, clean-up), full and --quick. */
  budgetMs: { full: number; quick: number };
  run(ctx: SuiteContext): Promise<SuiteOutput>;
}
