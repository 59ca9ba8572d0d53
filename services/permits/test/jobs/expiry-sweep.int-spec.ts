import {
  endpointsFromEnv,
  recordDatabaseCommands,
  uniqueName,
  waitFor,
  type DatabaseCommand,
} from '@frontera/platform-testing';
import {
  closeConnection,
  createProducerConnection,
  JobQueue,
  JobsService,
  queuePrefixFor,
} from '@frontera/platform-jobs';
import { QUEUES } from '../../src/jobs/queues';
import { PERMITS_COLLECTION } from '../../src/persistence/permits.schemas';
import { PERMIT_SWEEP_SCHEDULER_ID, PermitSweeps } from '../../src/sweeps/permit-sweeps';
import { PERMIT_SWEEP_JOB_NAME } from '../../src/sweeps/sweep.queue';
import { CLOCK } from '../../src/wiring/tokens';
import { anIssuedPermit, storedPermit } from '../support/permit-lifecycle';
import { anActiveEmployer, startPermitsApp, type PermitsTestApp } from '../support/permits-test-app';
import { redisDatabase, ShiftedClock } from '../support/shifted-clock';

jest.setTimeout(120_000);

const HOUR_MS = 3_600_000;
const CATCH_UP_DAYS = 7;

/**
 * The expiry and notice sweep of the real service on the real servers, time moved by the injected
 * clock (never by sleeping). The app has a Redis database of its own, so its sweep queue and
 * scheduler are this file's alone (no other test app's worker takes its jobs, nor it theirs), and a
 * sweep interval of a day, so the only runs are the ones the tests start (and the scheduler's first,
 * at boot, before any permit exists).
 */
describe('expiry and notice sweep (scheduled BullMQ job, injected clock)', () => {
  const clock = new ShiftedClock();
  let t: PermitsTestApp;
  let commands: DatabaseCommand[] = [];
  const redisUrl = redisDatabase(endpointsFromEnv().redisUrl, 11);
  const otherDatabase = uniqueName('other_permits');
  let databaseName = '';

  beforeAll(async () => {
    t = await startPermitsApp({
      env: {
        EXPIRY_NOTICE_DAYS: '5',
        SWEEP_CATCH_UP_DAYS: String(CATCH_UP_DAYS),
        SWEEP_EVERY_MS: '86400000',
        REDIS_URL: redisUrl,
      },
      overrides: [{ provide: CLOCK, useValue: clock }],
      monitorCommands: true,
    });
    databaseName = t.connection.db?.databaseName ?? '';
    commands = recordDatabaseCommands(t.connection);
  });

  afterEach(() => clock.reset());

  afterAll(async () => {
    await t?.close();
    // The app's queues on its Redis database go with it, and the other database's queue of the test below.
    const connection = createProducerConnection(redisUrl);
    await waitFor(() => connection.status === 'ready', 'a Redis connection');
    for (const prefix of [queuePrefixFor(databaseName), queuePrefixFor(otherDatabase)]) {
      for (const definition of [QUEUES.expirySweep, QUEUES.housekeeping]) {
        const queue = new JobQueue<object>(definition, { connection, prefix, metrics: false });
        await queue.queue.obliterate({ force: true }).catch(() => undefined);
        await queue.close();
      }
    }
    await closeConnection(connection);
  });

  const sweep = (payload: { catchUpDays?: number } = {}) =>
    t.app.get(PermitSweeps).run(payload, {
      correlationId: uniqueName('sweep'),
      signal: new AbortController().signal,
    });

  it('a permit is noticed once (frontera.permit.expiring) on its notice day and expired (frontera.permit.expired) at its local midnight; a second run changes nothing', async () => {
    const employer = await anActiveEmployer(t);
    const permit = await anIssuedPermit(t, employer);
    const issued = await storedPermit(t, permit.id);
    const noticeOn = issued['noticeOn'] as string;
    const expiresOn = issued['expiresOn'] as string;
    const validUntil = new Date(permit.validUntil);
    // Five days before the expiry day (EXPIRY_NOTICE_DAYS), at 09:00 in Chiapas.
    expect(noticeOn).toBe(dayBefore(expiresOn, 5));

    clock.set(new Date(`${noticeOn}T15:00:00Z`));
    const noticed = await sweep();

    expect(noticed).toMatchObject({ noticed: 1, expired: 0, failed: 0, to: noticeOn });
    await t.events.waitFor(permit.id, 'frontera.permit.expiring');
    const afterNotice = await storedPermit(t, permit.id);
    expect(afterNotice).toMatchObject({ noticeOn: null, expiresOn, status: 'ACTIVE' });
    expect(afterNotice['version']).toBe((issued['version'] as number) + 1);

    clock.set(new Date(validUntil.getTime() - 60_000));
    const tooEarly = await sweep();
    // Quintana Roo's day has begun, Chiapas' has not: the permit is read and left for later.
    expect(tooEarly).toMatchObject({ noticed: 0, expired: 0, unchanged: 1, failed: 0 });
    expect((await storedPermit(t, permit.id))['status']).toBe('ACTIVE');

    clock.set(new Date(validUntil.getTime() + 60_000));
    const expired = await sweep();

    expect(expired).toMatchObject({ noticed: 0, expired: 1, failed: 0, to: expiresOn });
    const [event] = await t.events.waitFor(permit.id, 'frontera.permit.expired');
    expect(event?.event.data).toMatchObject({ permitId: permit.id, until: permit.validUntil });
    const afterExpiry = await storedPermit(t, permit.id);
    expect(afterExpiry).toMatchObject({ status: 'EXPIRED', expiresOn: null, noticeOn: null });
    expect(afterExpiry['appliedEvents']).toEqual(
      expect.arrayContaining([`notice:${noticeOn}`, `expire:${expiresOn}`]),
    );

    clock.set(new Date(validUntil.getTime() + 2 * HOUR_MS));
    const again = await sweep();

    expect(again).toMatchObject({ noticed: 0, expired: 0, unchanged: 0, failed: 0 });
    expect((await storedPermit(t, permit.id))['version']).toBe(afterExpiry['version']);
    // The expiry came after the notice on the employer's partition: the notice was published once.
    expect(t.events.about(permit.id, 'frontera.permit.expiring')).toHaveLength(1);
    const history = await t.http
      .get(`/permits/${permit.id}/history`)
      .set('Authorization', await t.callers.officer('CHP'))
      .expect(200);
    expect(history.body.entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['ISSUE', 'NOTICE', 'EXPIRE']),
    );
  });

  it('a run over no due permits reads only the empty buckets: one indexed equality query per bucket day, however many permits exist', async () => {
    const employer = await anActiveEmployer(t);
    const issued = [];
    for (let i = 0; i < 3; i++) issued.push(await anIssuedPermit(t, employer));
    // The publisher prunes each write's outbox after publishing it: let that finish, so that only
    // the sweep's own commands are counted.
    for (const permit of issued) {
      await waitFor(
        async () => (await storedPermit(t, permit.id))['outboxPending'] === undefined,
        `the outbox of ${permit.id} drained`,
      );
    }
    // Today: nothing is due (the permits above start in ten days and are valid a year). The app's
    // consumers share the connection and the catalogue topics other tests write to: a run during
    // which a consumer handled an event (recorded in processed_events) is taken again.
    const quietRun = async () => {
      for (let attempt = 1; ; attempt++) {
        commands.length = 0;
        const run = await sweep();
        if (attempt === 50 || !commands.some((c) => c.collection === 'processed_events')) return run;
      }
    };
    const result = await quietRun();

    expect(result).toMatchObject({ noticed: 0, expired: 0, unchanged: 0, failed: 0 });
    // The sweep's reads are its bucket queries; finds of the app's other parts that happened to run
    // meanwhile (the relay's look for pending outboxes, a consumer's lookup) are not the sweep's.
    const onPermits = commands.filter((c) => c.collection === PERMITS_COLLECTION);
    const bucketQueries = onPermits.filter((c) =>
      /^(noticeOn|expiresOn)$/.test(Object.keys(c.filter ?? {}).join()),
    );
    const buckets = 2 * (CATCH_UP_DAYS + 1);
    expect(result.queries).toBe(buckets);
    expect(bucketQueries.map((c) => c.name)).toEqual(Array(buckets).fill('find'));
    expect(bucketQueries.map((c) => Object.keys(c.filter ?? {}).join())).toEqual(
      Array.from({ length: buckets }, (_, i) => (i % 2 === 0 ? 'noticeOn' : 'expiresOn')),
    );
    // Nothing was due: nothing on the permits was written.
    expect(onPermits.filter((c) => c.name !== 'find')).toEqual([]);
    // Each bucket query is an equality FerretDB pushes down to PostgreSQL.
    const db = t.connection.db;
    if (!db) throw new Error('no database');
    for (const command of bucketQueries.slice(0, 2)) {
      const explained = await db.command({ explain: { find: PERMITS_COLLECTION, filter: command.filter } });
      expect(explained['filterPushdown']).toBe(true);
    }
  });

  it('runs as a BullMQ job of the service’s queue, and the scheduler has one entry under its stable id', async () => {
    const employer = await anActiveEmployer(t);
    const permit = await anIssuedPermit(t, employer);
    const queue = t.app.get(JobsService).queue(QUEUES.expirySweep);

    await waitFor(
      async () => (await queue.schedules()).some((s) => s.key === PERMIT_SWEEP_SCHEDULER_ID),
      'the sweep scheduler',
    );
    const schedules = await queue.schedules();
    expect(schedules).toHaveLength(1);
    expect(schedules[0]).toMatchObject({ key: PERMIT_SWEEP_SCHEDULER_ID, every: 86_400_000 });

    clock.set(new Date(new Date(permit.validUntil).getTime() + HOUR_MS));
    const job = await queue.add(PERMIT_SWEEP_JOB_NAME, {}, { jobId: uniqueName('sweep-run') });
    await waitFor(async () => (await job.getState()) === 'completed', 'the sweep job', 20_000);

    expect((await storedPermit(t, permit.id))['status']).toBe('EXPIRED');
    await t.events.waitFor(permit.id, 'frontera.permit.expired');
  });

  it('takes only the jobs of its own database: a sweep queued under another database’s prefix is left to that deployment', async () => {
    const connection = createProducerConnection(redisUrl);
    await waitFor(() => connection.status === 'ready', 'a Redis connection');
    const foreign = new JobQueue(QUEUES.expirySweep, {
      connection,
      prefix: queuePrefixFor(otherDatabase),
      metrics: false,
    });
    try {
      // Another deployment's run first, then the app's own: one queue would take them in this order.
      const theirs = await foreign.add(PERMIT_SWEEP_JOB_NAME, {}, { jobId: uniqueName('their-run') });
      const own = await t.app
        .get(JobsService)
        .queue(QUEUES.expirySweep)
        .add(PERMIT_SWEEP_JOB_NAME, {}, { jobId: uniqueName('own-run') });
      await waitFor(async () => (await own.getState()) === 'completed', 'the app’s own sweep job', 20_000);

      expect(
        await connection.exists(`${queuePrefixFor(databaseName)}:${QUEUES.expirySweep.name}:${own.id}`),
      ).toBe(1);
      expect(await theirs.getState()).toBe('waiting');
    } finally {
      await foreign.close();
      await closeConnection(connection);
    }
  });

  it('refuses a payload that is not the sweep’s (validated when added)', async () => {
    const queue = t.app.get(JobsService).queue(QUEUES.expirySweep);
    await expect(
      queue.add(PERMIT_SWEEP_JOB_NAME, { catchUpDays: 1000 } as never, { jobId: uniqueName('bad') }),
    ).rejects.toMatchObject({ code: 'JOBS.INVALID_PAYLOAD' });
    await expect(
      queue.add(PERMIT_SWEEP_JOB_NAME, { permitId: 'x' } as never, { jobId: uniqueName('bad') }),
    ).rejects.toMatchObject({ code: 'JOBS.INVALID_PAYLOAD' });
  });
});

function dayBefore(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}
