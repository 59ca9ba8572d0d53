import { getMetadataStorage } from 'class-validator';
import { isPersonalPayloadKey } from './payload/personal-data-guard';

/** A class whose properties carry class-validator decorators; instances are the job payload. */
export type PayloadClass<P extends object> = new () => P;

/** Keep at most `count` finished jobs, and none older than `age` seconds. */
export interface KeepFinishedJobs {
  count: number;
  age?: number;
}

export interface JobBackoff {
  type: 'exponential' | 'fixed';
  /** Milliseconds before the first retry (exponential doubles it each time). */
  delay: number;
}

export interface QueueSpec<P extends object> {
  /** Lower-case letters, digits, `-` and `.`: `audits.periodic-audit`. */
  name: string;
  payload: PayloadClass<P>;
  /** Total attempts including the first; default 5. */
  attempts?: number;
  /** Default exponential from 2 s. */
  backoff?: JobBackoff;
  /** Default 1,000 jobs and one day. */
  removeOnComplete?: KeepFinishedJobs;
  /** Default 5,000 jobs and seven days: long enough to investigate, bounded so Redis does not grow. */
  removeOnFail?: KeepFinishedJobs;
}

export interface QueueJobOptions {
  readonly attempts: number;
  readonly backoff: JobBackoff;
  readonly removeOnComplete: KeepFinishedJobs;
  readonly removeOnFail: KeepFinishedJobs;
}

export interface QueueDefinition<P extends object> {
  readonly name: string;
  readonly payload: PayloadClass<P>;
  readonly jobOptions: QueueJobOptions;
}

export const DEFAULT_JOB_OPTIONS: QueueJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { count: 1_000, age: 24 * 3600 },
  removeOnFail: { count: 5_000, age: 7 * 24 * 3600 },
};

const QUEUE_NAME = /^[a-z][a-z0-9.-]{0,62}$/;

function positiveInteger(value: number | undefined, what: string): void {
  if (value !== undefined && (!Number.isInteger(value) || value <= 0)) {
    throw new Error(`${what} must be a positive integer, got ${value}`);
  }
}

function checkKeep(keep: KeepFinishedJobs, what: string): void {
  positiveInteger(keep.count, `${what}.count`);
  positiveInteger(keep.age, `${what}.age`);
}

/** Property names that carry class-validator decorators on the payload class. */
export function declaredPayloadProperties(payload: PayloadClass<object>): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(payload, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}

/**
 * Declares a queue: its name, payload class and retry/retention policy. Keep a
 * service's definitions together (see {@link defineQueues}) so queue names are
 * declared in one place. Refuses at startup a payload class that declares a
 * field looking like personal data.
 */
export function defineQueue<P extends object>(spec: QueueSpec<P>): QueueDefinition<P> {
  if (!QUEUE_NAME.test(spec.name)) {
    throw new Error(`Queue name "${spec.name}" must be lower-case letters, digits, "-" and "." (no ":")`);
  }
  positiveInteger(spec.attempts, `${spec.name}: attempts`);
  positiveInteger(spec.backoff?.delay, `${spec.name}: backoff.delay`);
  const jobOptions: QueueJobOptions = {
    attempts: spec.attempts ?? DEFAULT_JOB_OPTIONS.attempts,
    backoff: spec.backoff ?? DEFAULT_JOB_OPTIONS.backoff,
    removeOnComplete: spec.removeOnComplete ?? DEFAULT_JOB_OPTIONS.removeOnComplete,
    removeOnFail: spec.removeOnFail ?? DEFAULT_JOB_OPTIONS.removeOnFail,
  };
  checkKeep(jobOptions.removeOnComplete, `${spec.name}: removeOnComplete`);
  checkKeep(jobOptions.removeOnFail, `${spec.name}: removeOnFail`);

  const properties = declaredPayloadProperties(spec.payload);
  if (properties.length === 0) {
    throw new Error(`${spec.payload.name} (payload of "${spec.name}") declares no validated property`);
  }
  const personal = properties.filter((p) => isPersonalPayloadKey(p));
  if (personal.length > 0) {
    throw new Error(
      `${spec.payload.name} (payload of "${spec.name}") declares fields that look like personal data: ` +
        `${personal.join(', ')}; job payloads carry ids only`,
    );
  }
  return Object.freeze({ name: spec.name, payload: spec.payload, jobOptions: Object.freeze(jobOptions) });
}

/** A service's queues, in one place; refuses two definitions with the same name. */
export function defineQueues<T extends Record<string, QueueDefinition<object>>>(queues: T): Readonly<T> {
  const seen = new Map<string, string>();
  for (const [key, definition] of Object.entries(queues)) {
    const other = seen.get(definition.name);
    if (other !== undefined)
      throw new Error(`Queues "${other}" and "${key}" are both named "${definition.name}"`);
    seen.set(definition.name, key);
  }
  return Object.freeze(queues);
}
