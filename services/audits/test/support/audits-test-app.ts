import { randomUUID } from 'node:crypto';
import { createEvent, Topics, type EventData, type EventType, type NewEvent } from '@frontera/contracts';
import { aPrincipal, TestTokenIssuer } from '@frontera/platform-auth/testing';
import { closeConnection, createProducerConnection, JobQueue, queuePrefixFor } from '@frontera/platform-jobs';
import { ServiceTestApp, type ServiceTestAppOptions } from '@frontera/platform-runtime/testing';
import { endpointsFromEnv, uniqueName, waitFor } from '@frontera/platform-testing';
import type { Clock } from '@frontera/shared-application';
import type { MexicanState, Sector } from '@frontera/shared-kernel';
import { AppModule } from '../../src/app.module';
import { AuditsConfig } from '../../src/config/audits.config';
import { AUDITS_CONSUMER_GROUPS } from '../../src/messaging/consumer-groups';
import type { RegisterInspectorRequest } from '../../src/http/dto/inspector.request';
import { QUEUES } from '../../src/jobs/queues';
import { OUTBOX_PROJECTION } from '@frontera/platform-messaging';
import {
  EMPLOYER_PROFILES_COLLECTION,
  PLANS_COLLECTION,
  REFERRAL_HISTORY,
  REFERRALS_COLLECTION,
  TASK_HISTORY,
  TASKS_COLLECTION,
} from '../../src/persistence/audits.schemas';
import { TaskSweeps } from '../../src/sweeps/task-sweeps';
import { CLOCK, RANDOM_DRAW } from '../../src/wiring/tokens';

export type AuditsServiceTestApp = ServiceTestApp<AuditsConfig>;

/** Bearer tokens for every kind of caller of the audits service, inspectors with a record id of their own. */
export class AuditsCallers {
  constructor(private readonly issuer: TestTokenIssuer) {}

  supervisor(...states: string[]): Promise<string> {
    return this.bearer(
      aPrincipal('supervisor')
        .withSubject(`supervisor-${states.join('-')}`)
        .inStates(...states),
    );
  }

  inspector(inspectorId: string, ...states: string[]): Promise<string> {
    return this.bearer(
      aPrincipal('inspector')
        .withSubject(`user-${inspectorId}`)
        .inStates(...states)
        .asInspector(inspectorId),
    );
  }

  officer(...states: string[]): Promise<string> {
    return this.bearer(
      aPrincipal('officer')
        .withSubject(`officer-${states.join('-')}`)
        .inStates(...states),
    );
  }

  employer(employerId: string): Promise<string> {
    return this.bearer(aPrincipal('employer').ofEmployer(employerId).withSubject(`user-of-${employerId}`));
  }

  private async bearer(builder: { build(): Parameters<TestTokenIssuer['mintFor']>[0] }): Promise<string> {
    return `Bearer ${await this.issuer.mintFor(builder.build())}`;
  }
}

/** A Redis URL on another logical database of the same server (this file's jobs, locks and schedulers). */
export function redisDatabase(url: string, database: number): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** The service's clock in tests that move time: real time plus a shift the test sets. */
export class ShiftedClock implements Clock {
  private shiftMs = 0;

  now(): Date {
    return new Date(Date.now() + this.shiftMs);
  }

  /** From now on the clock reads `at`, and runs on from there. */
  shiftDays(days: number): void {
    this.shiftMs = days * 86_400_000;
  }

  reset(): void {
    this.shiftMs = 0;
  }
}

/**
 * The service's random source in tests: the values a test queues first, then — after `seed(n)` — a
 * seeded sequence (the same seed, the same draws: a run is reproducible), else 0.999 999, which
 * selects nobody for the random sample (so other tests' task counts never change by chance).
 */
export class SeededDraws {
  private state: number | null = null;
  private readonly queued: number[] = [];

  /** From now on, a seeded sequence (a linear congruential generator's high bits). */
  seed(seed: number): void {
    this.state = (seed * 2_654_435_761) >>> 0 || 1;
  }

  /** The next draws, in order (each in [0, 1)). */
  queue(...values: number[]): void {
    this.queued.push(...values);
  }

  reset(): void {
    this.state = null;
    this.queued.length = 0;
  }

  readonly draw = (): number => {
    const next = this.queued.shift();
    if (next !== undefined) return next;
    if (this.state === null) return 0.999_999;
    this.state = (Math.imul(this.state, 1_664_525) + 1_013_904_223) >>> 0;
    return this.state / 2 ** 32;
  };
}

export interface AuditsTestHarness {
  readonly t: AuditsServiceTestApp;
  readonly as: AuditsCallers;
  readonly clock: ShiftedClock;
  /** The random sample's draws (RANDOM_DRAW). */
  readonly draws: SeededDraws;
  /** One task sweep at the injected clock's now (what the scheduled job runs). */
  sweep(catchUpDays?: number): ReturnType<TaskSweeps['run']>;
  close(): Promise<void>;
}

/**
 * The audits AppModule on the real servers, its consumer groups at the end of their topics, a clock
 * the test moves and a Redis database of its own (`redisDb`: one per test file, so no other test
 * app's worker runs this app's sweep jobs). The scheduled sweep runs once a day: the sweeps are the
 * ones the test starts (and the scheduler's first, at boot, which `startAuditsApp` waits for).
 */
export async function startAuditsApp(
  options: { readonly redisDb: number } & Partial<
    Pick<ServiceTestAppOptions<AuditsConfig>, 'env' | 'swagger'>
  >,
): Promise<AuditsTestHarness> {
  const issuer = await TestTokenIssuer.create();
  const clock = new ShiftedClock();
  const draws = new SeededDraws();
  const redisUrl = redisDatabase(endpointsFromEnv().redisUrl, options.redisDb);
  const t = await ServiceTestApp.start({
    serviceName: 'audits',
    configClass: AuditsConfig,
    module: (config) => AppModule.forRoot(config),
    consumerGroups: AUDITS_CONSUMER_GROUPS,
    readTopics: [Topics.auditTask.name, Topics.risk.name, Topics.complaint.name, Topics.referral.name],
    env: {
      AUTH_PUBLIC_KEY: issuer.publicKeyPem,
      AUTH_ISSUER: issuer.defaults.issuer,
      AUTH_AUDIENCE: issuer.defaults.audience,
      REDIS_URL: redisUrl,
      TASK_SWEEP_EVERY_MS: '86400000',
      COMPLAINT_RATE_PER_MINUTE: '1000',
      ...options.env,
    },
    overrides: [
      { provide: CLOCK, useValue: clock },
      { provide: RANDOM_DRAW, useValue: draws.draw },
    ],
    ...(options.swagger ? { swagger: true } : {}),
  });
  await bootSweepDone(t, redisUrl);
  return {
    t,
    as: new AuditsCallers(issuer),
    clock,
    draws,
    sweep: (catchUpDays?: number) =>
      t.app.get(TaskSweeps).run(catchUpDays !== undefined ? { catchUpDays } : {}, {
        correlationId: uniqueName('sweep'),
        signal: new AbortController().signal,
      }),
    close: async () => {
      const prefix = queuePrefixFor(t.connection.db?.databaseName ?? '');
      await t.close();
      const connection = createProducerConnection(redisUrl);
      await waitFor(() => connection.status === 'ready', 'a Redis connection');
      for (const definition of [QUEUES.taskSweep, QUEUES.housekeeping]) {
        const queue = new JobQueue<object>(definition, { connection, prefix, metrics: false });
        await queue.queue.obliterate({ force: true }).catch(() => undefined);
        await queue.close();
      }
      await closeConnection(connection);
    },
  };
}

export interface GivenEmployer {
  readonly employerId: string;
  readonly worksiteId: string;
  readonly state: MexicanState;
  readonly municipality: string;
}

export function employerEvent<T extends EventType>(
  type: T,
  employerId: string,
  data: EventData<T>,
  id?: string,
) {
  return createEvent({
    type,
    subject: employerId,
    correlationId: randomUUID(),
    data,
    ...(id !== undefined ? { id } : {}),
  } as NewEvent<T>);
}

export function worksiteAdded(
  employerId: string,
  worksite: { worksiteId: string; state: MexicanState; municipality: string },
) {
  return employerEvent('frontera.employer.worksite.added', employerId, {
    employerId,
    worksite: {
      ...worksite,
      activity: 'café',
      capacity: 50,
      housingProvided: true,
      eligibleForPermits: true,
    },
  });
}

/**
 * Given: an employer the employers service registered, gave one worksite and verified, as the audits
 * service learns it — from the employer events on Kafka; waits for its audit plan.
 */
export async function aVerifiedEmployer(
  t: AuditsServiceTestApp,
  options: { state?: MexicanState; municipality?: string; sector?: Sector } = {},
): Promise<GivenEmployer> {
  const employerId = uniqueName('org');
  const worksiteId = uniqueName('ws');
  const state = options.state ?? 'CHP';
  const municipality = options.municipality ?? 'Tapachula';
  const sector = options.sector ?? 'COFFEE';
  const events = [
    employerEvent('frontera.employer.registered', employerId, {
      employerId,
      kind: 'COMPANY',
      sector,
      state,
      municipality,
    }),
    worksiteAdded(employerId, { worksiteId, state, municipality }),
    employerEvent('frontera.employer.verified', employerId, {
      employerId,
      registrationNumber: `PE-${state}-2026-000001`,
      rating: 'A',
      sector,
      state,
      verifiedBy: 'officer-1',
      verifiedAt: new Date().toISOString(),
    }),
  ];
  for (const event of events) await t.feeder.publish(event, employerId);
  await waitFor(
    async () => (await t.raw(PLANS_COLLECTION, employerId)) ?? undefined,
    `plan of ${employerId}`,
  );
  await waitFor(async () => {
    const profile = await t.raw(EMPLOYER_PROFILES_COLLECTION, employerId);
    return (profile?.['appliedEvents'] as string[] | undefined)?.length === 3 || undefined;
  }, `profile of ${employerId}`);
  return { employerId, worksiteId, state, municipality };
}

/**
 * Waits until the sweep scheduler's first run, at boot, has finished: a test's own `sweep()` is then the
 * only one that sees the plans the test makes. (On a busy machine — two Jest workers on two cores — the
 * boot sweep came seconds late, drew a test's LOW plan itself, and the test's sweep found nothing to do.)
 */
async function bootSweepDone(t: AuditsServiceTestApp, redisUrl: string): Promise<void> {
  const prefix = queuePrefixFor(t.connection.db?.databaseName ?? '');
  const connection = createProducerConnection(redisUrl);
  const queue = new JobQueue<object>(QUEUES.taskSweep, { connection, prefix, metrics: false });
  try {
    await waitFor(() => connection.status === 'ready', 'a Redis connection');
    await waitFor(
      async () => {
        const counts = await queue.queue.getJobCounts('completed', 'failed');
        return (counts['completed'] ?? 0) + (counts['failed'] ?? 0) > 0;
      },
      'the boot sweep to finish',
      60_000,
      100,
    );
  } finally {
    await queue.close();
    await closeConnection(connection);
  }
}

/** A registration body for an inspector covering `states` (whole states unless municipalities are given). */
export function anInspectorRequest(
  overrides: Partial<RegisterInspectorRequest> & { states?: MexicanState[]; municipalities?: string[] } = {},
): RegisterInspectorRequest {
  const { states, municipalities, ...rest } = overrides;
  return {
    inspectorId: uniqueName('insp'),
    areas: (states ?? ['CHP']).map((state) => ({
      state,
      ...(municipalities !== undefined ? { municipalities } : {}),
    })),
    capacity: 10,
    ...rest,
  };
}

/** Registers an inspector as a supervisor of its states; returns its id. */
export async function anInspector(
  h: AuditsTestHarness,
  overrides: Parameters<typeof anInspectorRequest>[0] = {},
): Promise<string> {
  const body = anInspectorRequest(overrides);
  const states = body.areas.map((a) => a.state);
  await h.t.http
    .post('/inspectors')
    .set('Authorization', await h.as.supervisor(...states))
    .send(body)
    .expect(201);
  return body.inspectorId;
}

/**
 * An aggregate's history as this app's database holds it (the history collection plus what the
 * document's outbox still has pending): counts that other test apps on the shared topics cannot touch.
 */
export async function historyOf(
  h: AuditsTestHarness,
  kind: 'task' | 'referral',
  id: string,
): Promise<{ action: string; field: string; reason: string | null }[]> {
  const db = h.t.connection.db;
  if (!db) throw new Error('the database connection is not open');
  const [history, collection] =
    kind === 'task' ? [TASK_HISTORY, TASKS_COLLECTION] : [REFERRAL_HISTORY, REFERRALS_COLLECTION];
  const entries = await history.read(db, id, () =>
    db.collection(collection).findOne({ _id: id } as never, { projection: OUTBOX_PROJECTION }),
  );
  return entries.map((e) => ({ action: e.action, field: e.field, reason: e.reason }));
}
