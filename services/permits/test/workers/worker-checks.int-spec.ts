import { randomUUID } from 'node:crypto';
import type { EventData, EventEnvelope } from '@frontera/contracts';
import { workerIntegrationEvents } from '@frontera/permits-application';
import { Worker } from '@frontera/permits-domain';
import { LOCK_REDIS } from '@frontera/platform-locking';
import { INBOX_COLLECTION, MessagingRuntime, PENDING_FILTER } from '@frontera/platform-messaging';
import {
  recordDatabaseCommands,
  recordRedisCommands,
  waitFor,
  type DatabaseCommand,
} from '@frontera/platform-testing';
import type { Redis } from 'ioredis';
import type { WorkerDataDto } from '../../src/http/dto/worker.request';
import {
  APPLICATIONS_COLLECTION,
  PERMITS_COLLECTION,
  WORKER_BLOCKING_KEYS_COLLECTION,
  WORKER_HISTORY,
  WORKERS_COLLECTION,
} from '../../src/persistence/permits.schemas';
import { ALL_DEPS, type AllDeps } from '../../src/wiring/use-cases.module';
import {
  WORKER_CHECKS_CONSUMER,
  WorkerRegisteredConsumer,
} from '../../src/workers/worker-registered.consumer';
import {
  DUPLICATE_REVIEWS_COLLECTION,
  SHARED_CONTACT_GROUPS_COLLECTION,
} from '../../src/workers/workers.schemas';
import {
  anActiveEmployer,
  startPermitsApp,
  type GivenEmployer,
  type PermitsTestApp,
} from '../support/permits-test-app';
import { aDistinctWorker, applyFor, approve } from './worker-fixtures';

jest.setTimeout(120_000);

interface Review {
  readonly state: string;
  readonly workerId: string;
  readonly otherWorkerId: string;
  readonly score: number;
}

function defined<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new Error('expected a value');
  return value;
}

/** A date of birth of its own, so the pair a test makes is the only one flagged. */
function aBirthDate(): string {
  return new Date(Date.UTC(1975, 0, 1) + Math.floor(Math.random() * 9000) * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

/** Two registrations of one person: the same name but for accents and case, the same date of birth. */
function aNearIdenticalPair(): [WorkerDataDto, WorkerDataDto] {
  const dateOfBirth = aBirthDate();
  return [
    aDistinctWorker({ givenNames: 'José Luis', surnames: { first: 'Pérez', second: 'López' }, dateOfBirth }),
    aDistinctWorker({ givenNames: 'JOSE LUIS', surnames: { first: 'PEREZ', second: 'LOPEZ' }, dateOfBirth }),
  ];
}

/**
 * What follows a registration — duplicate detection and the shared-phone signal, run by the
 * service's consumer of its own `frontera.worker.registered` — and the officers' resolution of a
 * flagged pair (merge, distinct), over HTTP and Kafka on the real servers. The shared-phone
 * threshold is 2 here.
 */
describe('worker checks after a registration: possible duplicates and the shared-phone signal', () => {
  let t: PermitsTestApp;
  let first: GivenEmployer;
  let second: GivenEmployer;
  let database: DatabaseCommand[] = [];
  let redis: string[] = [];

  beforeAll(async () => {
    t = await startPermitsApp({
      env: { SHARED_PHONE_THRESHOLD: '2', CONSUMER_MAX_ATTEMPTS: '6' },
      monitorCommands: true,
    });
    database = recordDatabaseCommands(t.connection);
    redis = recordRedisCommands(t.app.get<Redis>(LOCK_REDIS));
    [first, second] = await Promise.all([
      anActiveEmployer(t, { state: 'CHP' }),
      anActiveEmployer(t, { state: 'CHP' }),
    ]);
  });

  afterAll(async () => {
    await t?.close();
  });

  const reviews = async (): Promise<Review[]> => {
    const { body } = await t.http
      .get('/workers/duplicates')
      .query({ limit: 100 })
      .set('Authorization', await t.callers.officer('CHP'))
      .expect(200);
    return body.items as Review[];
  };
  const reviewOf = (a: string, b: string) => (list: Review[]) =>
    list.find(
      (r) => (r.workerId === a && r.otherWorkerId === b) || (r.workerId === b && r.otherWorkerId === a),
    );
  const contactSignalsOf = (workerId: string) =>
    t.events.messages.filter((m) => {
      const event = m.event as EventEnvelope | undefined;
      return (
        event?.type === 'frontera.worker.contact.shared' &&
        (event.data as { workerIds: string[] }).workerIds.includes(workerId)
      );
    });
  /** The registration event again, under `id` (the same id: a redelivery), on the worker's partition. */
  const redeliver = async (workerId: string, id?: string) => {
    const [registered] = await t.events.waitFor(workerId, 'frontera.worker.registered');
    const event = defined(registered).event as EventEnvelope<
      'frontera.worker.registered',
      EventData<'frontera.worker.registered'>
    >;
    const again = { ...event, id: id ?? event.id };
    await t.feeder.publish(again, workerId);
    return again.id;
  };
  const handled = (eventId: string) =>
    waitFor(
      () =>
        t.connection
          .collection(INBOX_COLLECTION)
          .findOne({ _id: `${WORKER_CHECKS_CONSUMER}:${eventId}` } as never)
          .then((d) => d ?? undefined),
      `inbox mark of ${eventId}`,
    );

  it('a second registration with a near-identical name and the same date of birth is listed for the officers of the state', async () => {
    const [a, b] = aNearIdenticalPair();
    const one = await applyFor(t, first, a);
    const other = await applyFor(t, second, b);
    expect(other.workerId).not.toBe(one.workerId);

    const review = await waitFor(
      async () => reviewOf(one.workerId, other.workerId)(await reviews()),
      'the review',
    );
    // Named from whichever registration's check found the other (both records are in CHP).
    expect(review.state).toBe('CHP');
    expect([review.workerId, review.otherWorkerId].sort()).toEqual([one.workerId, other.workerId].sort());
    expect(review.score).toBeGreaterThanOrEqual(0.88);
    const officer = await t.callers.officer('CHP');
    for (const id of [one.workerId, other.workerId]) {
      const { body } = await t.http.get(`/workers/${id}`).set('Authorization', officer).expect(200);
      expect(body.hasPendingDuplicates).toBe(true);
    }
    // An officer of another state does not see it; the list names no personal data.
    const elsewhere = await t.http
      .get('/workers/duplicates')
      .set('Authorization', await t.callers.officer('TAB'))
      .expect(200);
    expect(reviewOf(one.workerId, other.workerId)(elsewhere.body.items)).toBeUndefined();
    const stored = JSON.stringify(
      await t.connection.collection(DUPLICATE_REVIEWS_COLLECTION).find().toArray(),
    );
    expect(stored).not.toMatch(/P[eé]rez|L[oó]pez|JOSE/i);
    expect(stored).not.toContain(a.dateOfBirth);
  });

  it('merge moves the applications and permits to the survivor; the merged record keeps its history and points at it', async () => {
    const [a, b] = aNearIdenticalPair();
    const survivor = await applyFor(t, first, a);
    await approve(t, first, survivor.applicationId);
    const merged = await applyFor(t, second, b);
    const permitId = await approve(t, second, merged.applicationId);
    await waitFor(async () => reviewOf(survivor.workerId, merged.workerId)(await reviews()), 'the review');
    const officer = await t.callers.officer('CHP');

    // A pair that was never flagged is refused and changes nothing.
    const unflagged = await t.http
      .post(
        `/workers/${merged.workerId}/duplicates/${(await applyFor(t, first, aDistinctWorker())).workerId}/merge`,
      )
      .set('Authorization', officer)
      .send({ reason: 'Mismo documento' })
      .expect(409);
    expect(unflagged.body.code).toBe('WORKER.DUPLICATE_NOT_FLAGGED');

    const { body } = await t.http
      .post(`/workers/${merged.workerId}/duplicates/${survivor.workerId}/merge`)
      .set('Authorization', officer)
      .send({ reason: 'Misma persona: registros duplicados por acentos' })
      .expect(200);

    expect(body.merged).toMatchObject({
      id: merged.workerId,
      status: 'MERGED',
      mergedInto: survivor.workerId,
    });
    expect(body.survivor).toMatchObject({
      id: survivor.workerId,
      status: 'ACTIVE',
      hasPendingDuplicates: false,
    });
    expect(body.movedApplicationIds).toEqual([merged.applicationId]);
    expect(body.movedPermitIds).toEqual([permitId]);

    const permit = await t.http.get(`/permits/${permitId}`).set('Authorization', officer).expect(200);
    expect(permit.body.workerId).toBe(survivor.workerId);
    const history = await t.http
      .get(`/permits/${permitId}/history`)
      .set('Authorization', officer)
      .expect(200);
    expect(history.body.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'WORKER_MERGED', from: merged.workerId, to: survivor.workerId }),
      ]),
    );
    const application = await t.http
      .get(`/applications/${merged.applicationId}`)
      .set('Authorization', officer)
      .expect(200);
    expect(application.body.workerId).toBe(survivor.workerId);
    const survivorView = await t.http
      .get(`/workers/${survivor.workerId}`)
      .set('Authorization', officer)
      .expect(200);
    expect(survivorView.body.permits.map((p: { id: string }) => p.id)).toContain(permitId);

    // The merged record is still there, frozen, with its history; its employer still finds it.
    const mergedView = await t.http
      .get(`/workers/${merged.workerId}`)
      .set('Authorization', await t.callers.employer(second.employerId))
      .expect(200);
    expect(mergedView.body).toMatchObject({ status: 'MERGED', mergedInto: survivor.workerId });
    const db = defined(t.connection.db);
    const recorded = await waitFor(async () => {
      const entries = await WORKER_HISTORY.read(db, merged.workerId, async () => null);
      return entries.some((e) => e.relatedId === survivor.workerId) && entries;
    }, 'the merged record’s history');
    expect(recorded.length).toBeGreaterThanOrEqual(2);
    await t.events.waitFor(merged.workerId, 'frontera.worker.merged');
    expect(reviewOf(survivor.workerId, merged.workerId)(await reviews())).toBeUndefined();
  });

  it('distinct closes the review: the pair leaves the list and is not flagged again', async () => {
    const [a, b] = aNearIdenticalPair();
    const one = await applyFor(t, first, a);
    const other = await applyFor(t, second, b);
    await waitFor(async () => reviewOf(one.workerId, other.workerId)(await reviews()), 'the review');
    const officer = await t.callers.officer('CHP');

    const { body } = await t.http
      .post(`/workers/${other.workerId}/duplicates/${one.workerId}/distinct`)
      .set('Authorization', officer)
      .send({ reason: 'Documentos distintos cotejados: son dos personas' })
      .expect(200);
    expect(body).toMatchObject({ id: other.workerId, status: 'ACTIVE', hasPendingDuplicates: false });
    const oneView = await t.http.get(`/workers/${one.workerId}`).set('Authorization', officer).expect(200);
    expect(oneView.body.hasPendingDuplicates).toBe(false);
    expect(reviewOf(one.workerId, other.workerId)(await reviews())).toBeUndefined();

    // The registration handled again (another event id: the handlers run in full): not flagged again.
    await handled(await redeliver(other.workerId, randomUUID()));
    expect(reviewOf(one.workerId, other.workerId)(await reviews())).toBeUndefined();
    const again = await t.http.get(`/workers/${other.workerId}`).set('Authorization', officer).expect(200);
    expect(again.body.hasPendingDuplicates).toBe(false);
  });

  it('two workers with one phone raise one frontera.worker.contact.shared with both ids and no phone; redeliveries change nothing', async () => {
    const phone = `+502 4${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const a = aDistinctWorker({ phone });
    const b = aDistinctWorker({ phone: phone.replace(/\s/g, '') });
    const one = await applyFor(t, first, a);
    const other = await applyFor(t, second, b);

    const signal = defined(
      (
        await waitFor(
          () => contactSignalsOf(one.workerId).length > 0 && contactSignalsOf(one.workerId),
          'the shared-phone signal',
        )
      )[0],
    );
    const event = signal.event as EventEnvelope<
      'frontera.worker.contact.shared',
      EventData<'frontera.worker.contact.shared'>
    >;
    expect(event.data).toEqual({
      workerIds: [one.workerId, other.workerId].sort(),
      employerIds: [first.employerId, second.employerId].sort(),
      count: 2,
    });
    const digits = phone.replace(/\D/g, '');
    for (const text of [digits, digits.slice(-7), phone]) expect(signal.raw).not.toContain(text);
    expect(signal.raw).not.toContain(a.identityDocument.number);
    const group = JSON.stringify(
      await t.connection.collection(SHARED_CONTACT_GROUPS_COLLECTION).find().toArray(),
    );
    expect(group).not.toContain(digits.slice(-7));

    // The same event twice (a redelivery), then the registration under another id (a handler rerun).
    const reviewsBefore = await t.connection.collection(DUPLICATE_REVIEWS_COLLECTION).countDocuments();
    await redeliver(other.workerId);
    await redeliver(other.workerId);
    await handled(await redeliver(other.workerId, randomUUID()));
    expect(contactSignalsOf(one.workerId)).toHaveLength(1);
    const stored = await t.connection
      .collection(SHARED_CONTACT_GROUPS_COLLECTION)
      .findOne({ groupId: event.subject });
    expect(stored).toMatchObject({ version: 1, signalledWorkerIds: [one.workerId, other.workerId].sort() });
    expect(await t.connection.collection(DUPLICATE_REVIEWS_COLLECTION).countDocuments()).toBe(reviewsBefore);
  });

  it('a worker left without its application (the request killed after storing the worker) is checked when the retried application comes: no dead letter, the signal then', async () => {
    const phone = `+502 5${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const known = await applyFor(t, first, aDistinctWorker({ phone }));
    // Its checks done (the consumer's mark), alone with the phone: no signal.
    await handled(`checked:${known.workerId}`);
    // What POST /applications leaves when its process dies between its two writes: the worker with
    // its registration event, no application.
    const data = aDistinctWorker({ phone });
    const deps = t.app.get<AllDeps>(ALL_DEPS);
    const orphan = Worker.register(
      { workerId: `wkr_${randomUUID().replace(/-/g, '')}`, ...data },
      { id: 'usr-killed-request', role: 'employer' },
      new Date(),
    );
    const origin = { correlationId: randomUUID() };
    expect(await deps.workers.insert(orphan, workerIntegrationEvents(orphan.pullEvents(), origin))).toBe(
      'INSERTED',
    );
    const [registered] = await t.events.waitFor(orphan.id, 'frontera.worker.registered');
    // Handled (the inbox marks only a handler that succeeded: a dead-lettered event is never marked):
    // a registration without its application is the application's event's to check.
    await handled(defined(registered).event.id);
    expect(contactSignalsOf(orphan.id)).toHaveLength(0);

    // The client retries; the application reuses the worker record, and its event runs the checks.
    const retried = await applyFor(t, second, data);
    expect(retried.workerId).toBe(orphan.id);

    const signal = defined(
      (
        await waitFor(
          () => contactSignalsOf(orphan.id).length > 0 && contactSignalsOf(orphan.id),
          'the shared-phone signal after the retried application',
        )
      )[0],
    );
    expect(signal.event?.data).toMatchObject({
      workerIds: [known.workerId, orphan.id].sort(),
      employerIds: [first.employerId, second.employerId].sort(),
    });
  });

  it('a registration alone raises no signal', async () => {
    const solo = await applyFor(t, first, aDistinctWorker());
    await handled(await redeliver(solo.workerId, randomUUID()));
    expect(contactSignalsOf(solo.workerId)).toHaveLength(0);
  });

  // Last: it stops the app's consumers, so that only the check's own commands are counted.
  it('the round trips of one check (a phone and a name of its own): the inbox, the worker once, its relations, one read per blocking key and one of its phone, the mark — no lock', async () => {
    const solo = await applyFor(t, first, aDistinctWorker());
    const mark = `${WORKER_CHECKS_CONSUMER}:checked:${solo.workerId}`;
    await waitFor(
      () =>
        t.connection
          .collection(INBOX_COLLECTION)
          .findOne({ _id: mark } as never)
          .then((d) => d ?? undefined),
      'the check of the registration',
    );
    await Promise.all(t.app.get(MessagingRuntime).consumers.map((consumer) => consumer.stop()));
    await waitFor(async () => {
      const docs = await Promise.all(
        [WORKERS_COLLECTION, APPLICATIONS_COLLECTION].map((name) =>
          t.connection.collection(name).findOne({ outboxPending: { $exists: true } } as never),
        ),
      );
      return docs.every((d) => d === null) || undefined;
    }, 'the outboxes pruned');
    await t.connection.collection(INBOX_COLLECTION).deleteOne({ _id: mark } as never);
    const worker = defined(await t.app.get<AllDeps>(ALL_DEPS).workers.findById(solo.workerId));
    const blockingKeys = new Set(worker.duplicateBlockingKeys()).size;

    database.length = 0;
    redis.length = 0;
    const outcome = await t.app
      .get(WorkerRegisteredConsumer)
      .check(solo.workerId, { correlationId: randomUUID(), causationId: randomUUID() });

    expect(outcome).toEqual({ checked: true, flagged: 0, signalled: false });
    const sent = database
      .filter((c) => !(c.name === 'find' && JSON.stringify(c.filter) === JSON.stringify(PENDING_FILTER)))
      .map((c) => `${c.name} ${c.collection} ${Object.keys(c.filter ?? {}).join(',')}`)
      .sort();
    expect(sent).toEqual(
      [
        `find ${INBOX_COLLECTION} _id`,
        `find ${WORKERS_COLLECTION} _id`,
        `find ${APPLICATIONS_COLLECTION} workerId`,
        `find ${PERMITS_COLLECTION} workerId`,
        ...Array.from({ length: blockingKeys }, () => `find ${WORKER_BLOCKING_KEYS_COLLECTION} key`),
        `find ${WORKERS_COLLECTION} phoneIndex`,
        `insert ${INBOX_COLLECTION} `,
      ].sort(),
    );
    expect(redis).toEqual([]);
  });
});
