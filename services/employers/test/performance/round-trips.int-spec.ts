import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Producer } from 'kafkajs';
import mongoose, { type Connection, type mongo } from 'mongoose';
import { EVENT_PRODUCER, MessagingRuntime, PENDING_FILTER } from '@frontera/platform-messaging';
import { LOCK_REDIS } from '@frontera/platform-locking';
import {
  recordDatabaseCommands,
  recordRedisCommands,
  waitFor,
  type DatabaseCommand,
} from '@frontera/platform-testing';
import { EMPLOYERS_COLLECTION } from '../../src/persistence/employer.schema';
import { EmployersTestApp } from '../support/employers-test-app';
import { aCompanyIn } from '../support/requests';

jest.setTimeout(60_000);

/**
 * The round-trip budget of the request path, counted from outside the code: the MongoDB driver's
 * command events, the commands the lock's Redis connection sends and the producer's Produce
 * requests. A change that adds a round trip fails here.
 *
 * - a GET by id: one database operation, nothing else;
 * - a command: the lock (SET NX + the release script), one read, one write on the request path;
 *   later, bounded: one Kafka produce, one insert of its history entries, one prune.
 * - a list page (GET /employers): one MGET of the list heads (on the lock's Redis connection) and
 *   one query per page bucket read, with or without filters, first page or one from `nextCursor`;
 * - every filter the service sent is one FerretDB pushes down to PostgreSQL's indexes (explain),
 *   the list's bucket queries with their filters included.
 */
describe('round trips per request', () => {
  let t: EmployersTestApp;
  let observer: Connection;
  let database: DatabaseCommand[] = [];
  let redis: string[] = [];
  let produces = 0;

  beforeAll(async () => {
    t = await EmployersTestApp.start({ monitorCommands: true, readEmployerTopic: true });
    observer = await mongoose.createConnection(t.config.MONGODB_URI, { maxPoolSize: 1 }).asPromise();
    database = recordDatabaseCommands(t.connection);
    const producer = t.app.get<Producer>(EVENT_PRODUCER);
    producer.on(producer.events.REQUEST, (event) => {
      if (event.payload.apiName === 'Produce') produces += 1;
    });
    // Every command the lock's connection sends (set, eval, pexpire…), counted at the client.
    redis = recordRedisCommands(t.app.get<Redis>(LOCK_REDIS));
    // The app's consumers read the shared topics other tests write to (the audits service's test apps
    // publish risk changes for every employer they see) on the same connection: stopped, so that only
    // the requests' own commands are counted. No case here consumes anything.
    await Promise.all(t.app.get(MessagingRuntime).consumers.map((consumer) => consumer.stop()));
  });

  afterAll(async () => {
    await observer?.close();
    await t?.close();
  });

  function reset(): void {
    database.length = 0;
    redis.length = 0;
    produces = 0;
  }

  /** The employer's outbox is empty and nothing is in flight (read on a connection of the test's own). */
  async function settled(employerId: string): Promise<void> {
    await waitFor(
      async () =>
        (await observer.collection(EMPLOYERS_COLLECTION).findOne({ _id: employerId } as never))?.[
          'outboxPending'
        ] === undefined,
      'the outbox pruned',
      10_000,
    );
    await sleep(300); // the relay's sweep of the collection may run meanwhile: counted apart below
  }

  /** Commands on the employers collection other than the relay's sweep of pending documents. */
  function onEmployers(): DatabaseCommand[] {
    return database.filter(
      (c) =>
        c.collection === EMPLOYERS_COLLECTION &&
        !(c.name === 'find' && JSON.stringify(c.filter) === JSON.stringify(PENDING_FILTER)),
    );
  }

  it('a GET by id is one database operation', async () => {
    const employer = await t.active(aCompanyIn('CHP'));
    await settled(employer.id);
    const officer = await t.callers.officer('CHP');
    reset();

    await t.http.get(`/employers/${employer.id}`).set('Authorization', officer).expect(200);

    expect(onEmployers().map((c) => c.name)).toEqual(['find']);
    expect(database.filter((c) => c.collection !== EMPLOYERS_COLLECTION)).toEqual([]);
    expect(redis).toEqual([]);
    expect(produces).toBe(0);
  });

  it('a command is the lock, one read and one write on the request path; a produce, a history insert and a prune later', async () => {
    const employer = await t.active(aCompanyIn('CHP'));
    await settled(employer.id);
    const officer = await t.callers.officer('CHP');
    reset();

    await t.http
      .post(`/employers/${employer.id}/suspension`)
      .set('Authorization', officer)
      .send({ reason: 'Revisión de nómina' })
      .expect(200);
    const onRequestPath = onEmployers().map((c) => c.name);
    const redisOnRequestPath = [...redis];

    await t.events.waitFor(employer.id, 'frontera.employer.suspended');
    await settled(employer.id);

    expect(onRequestPath.slice(0, 2)).toEqual(['find', 'update']);
    expect(redisOnRequestPath.slice(0, 2)).toEqual(['SET', 'EVAL']);
    expect(redis).toEqual(['SET', 'EVAL']); // no renewal: the command took less than ttl/3
    // Later: one prune of the employer's outbox, one insert of its history entries, one produce.
    expect(onEmployers().map((c) => c.name)).toEqual(['find', 'update', 'update']);
    expect(database.filter((c) => c.collection === 'employer_history').map((c) => c.name)).toEqual([
      'insert',
    ]);
    expect(
      database.filter((c) => ![EMPLOYERS_COLLECTION, 'employer_history'].includes(c.collection)),
    ).toEqual([]);
    expect(produces).toBe(1);
  });

  it('a list page is one MGET of the list heads and one query per bucket, with filters and from a cursor', async () => {
    // Employers of a state of their own in this file (TAB): three, all in the state's first bucket.
    const employers = [];
    for (let i = 0; i < 3; i++) employers.push(await t.active(aCompanyIn('TAB')));
    for (const employer of employers) await settled(employer.id);
    const officer = await t.callers.officer('TAB');
    const newestFirst = employers.map((e) => e.id).reverse();

    const pages: { items: { id: string }[]; nextCursor: string | null }[] = [];
    const perRequest: { database: string[]; redis: string[] }[] = [];
    for (const query of [
      '',
      '?status=ACTIVE&rating=A&sector=COFFEE',
      '?limit=2',
      undefined, // the second page: from the first one's nextCursor
    ]) {
      const path = query ?? `?limit=2&cursor=${pages.at(-1)?.nextCursor ?? ''}`;
      reset();
      const response = await t.http.get(`/employers${path}`).set('Authorization', officer).expect(200);
      pages.push(response.body as { items: { id: string }[]; nextCursor: string | null });
      perRequest.push({
        database: onEmployers().map((c) => `${c.name} ${JSON.stringify(shape(c.filter ?? {}))}`),
        redis: [...redis],
      });
      expect(database.filter((c) => c.collection !== EMPLOYERS_COLLECTION)).toEqual([]);
      expect(produces).toBe(0);
    }

    const ids = (page: { items: { id: string }[] }) => page.items.map((i) => i.id);
    expect(ids(pages[0])).toEqual(newestFirst);
    expect(ids(pages[1])).toEqual(newestFirst);
    expect([ids(pages[2]), ids(pages[3])]).toEqual([newestFirst.slice(0, 2), newestFirst.slice(2)]);
    expect(pages.map((p) => p.nextCursor === null)).toEqual([true, true, false, true]);
    const bucket = '{"state":"string","listPage":"number"}';
    const filteredBucket =
      '{"state":"string","status":"string","rating":"string","sector":"string","listPage":"number"}';
    expect(perRequest).toEqual([
      { database: [`find ${bucket}`], redis: ['MGET'] },
      { database: [`find ${filteredBucket}`], redis: ['MGET'] },
      { database: [`find ${bucket}`], redis: ['MGET'] },
      { database: [`find ${bucket}`], redis: ['MGET'] },
    ]);
  });

  it('every filter the service sent is pushed down by FerretDB (equality on top-level fields, indexed)', async () => {
    const employer = await t.active(aCompanyIn('CHP'));
    const staff = await t.callers.employer(employer.id);
    reset();
    await t.http
      .get(`/employers/${employer.id}/history`)
      .set('Authorization', await t.callers.officer('CHP'))
      .expect(200);
    await t.http
      .post(`/employers/${employer.id}/changes`)
      .set('Authorization', staff)
      .send({ legalName: 'Finca Nueva S.A. de C.V.', reason: 'Cambio de razón social' })
      .expect(200);
    await settled(employer.id);
    // The list: an officer's page without and with filters, and a second page from its nextCursor.
    const officer = await t.callers.officer('CHP', 'CAM');
    await t.http.get('/employers').set('Authorization', officer).expect(200);
    await t.http
      .get('/employers?state=CHP&status=ACTIVE&rating=A&sector=COFFEE')
      .set('Authorization', officer)
      .expect(200);
    const first = await t.http.get('/employers?limit=1').set('Authorization', officer).expect(200);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    await t.http
      .get(`/employers?limit=1&cursor=${first.body.nextCursor as string}`)
      .set('Authorization', officer)
      .expect(200);

    const filters = new Map<string, DatabaseCommand>();
    for (const command of database) {
      if (command.filter && Object.keys(command.filter).length > 0) {
        filters.set(`${command.collection} ${JSON.stringify(shape(command.filter))}`, command);
      }
    }
    expect(filters.size).toBeGreaterThan(0);
    // The list's bucket queries were among them, with and without filters.
    expect([...filters.keys()]).toEqual(
      expect.arrayContaining([
        `${EMPLOYERS_COLLECTION} {"state":"string","listPage":"number"}`,
        `${EMPLOYERS_COLLECTION} {"state":"string","status":"string","rating":"string","sector":"string","listPage":"number"}`,
      ]),
    );
    const notPushedDown: string[] = [];
    for (const [key, command] of filters) {
      const explained = await t.connection.db!.command({
        explain: { find: command.collection, filter: command.filter },
      });
      if (explained['filterPushdown'] !== true) notPushedDown.push(key);
    }
    expect(notPushedDown).toEqual([]);
  });
});

/** A filter's shape: its field names and operators, not its values (one entry per query kind). */
function shape(filter: mongo.Document): unknown {
  return Object.fromEntries(
    Object.entries(filter).map(([key, value]) => [
      key,
      value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
        ? shape(value as mongo.Document)
        : typeof value,
    ]),
  );
}
