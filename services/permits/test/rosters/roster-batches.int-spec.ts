import { randomUUID } from 'node:crypto';
import {
  ProcessRosterImportHandler,
  rosterApplicationId,
  rosterWorkerId,
} from '@frontera/permits-application';
import { ROSTER_COLUMN_NAMES, RosterImport, type RosterRow } from '@frontera/permits-domain';
import { waitFor } from '@frontera/platform-testing';
import {
  APPLICATIONS_COLLECTION,
  PERMITS_COLLECTION,
  WORKERS_COLLECTION,
} from '../../src/persistence/permits.schemas';
import {
  aNewApplication,
  anActiveEmployer,
  aWorker,
  startPermitsApp,
  type GivenEmployer,
  type PermitsTestApp,
} from '../support/permits-test-app';
import { aRosterRow, type RosterCells } from './roster-files';

jest.setTimeout(180_000);

/** A roster row as stored (cells in ROSTER_COLUMNS order). */
const cellsOf = (row: Record<string, string>): RosterRow => ROSTER_COLUMN_NAMES.map((c) => row[c] ?? '');

/**
 * The batch path of the roster job on the real servers: one batch run by the handler directly
 * (as the job runs it), twice — a crash after the inserts and before the import recorded the
 * batch, then its retry.
 */
describe('a roster batch with batched I/O (real FerretDB, Kafka, Redis)', () => {
  let t: PermitsTestApp;
  let employer: GivenEmployer;

  beforeAll(async () => {
    t = await startPermitsApp();
    employer = await anActiveEmployer(t, { capacity: 500 });
  });

  afterAll(async () => {
    await t?.close();
  });

  const count = (collection: string, filter: object) =>
    t.connection.collection(collection).countDocuments(filter);

  /** A worker registered by `POST /applications` before the roster: its id and document number. */
  async function registeredBefore(): Promise<{ workerId: string; applicationId: string; number: string }> {
    const worker = aWorker();
    const response = await t.http
      .post('/applications')
      .set('Authorization', await t.callers.employer(employer.employerId))
      // Begun two days ago: once approved, the permit is ACTIVE at once.
      .send(
        aNewApplication(employer, worker, {
          startDate: new Date(Date.now() - 2 * 24 * 3600 * 1000).toISOString().slice(0, 10),
        }),
      )
      .expect(201);
    return {
      workerId: response.body.workerId as string,
      applicationId: response.body.id as string,
      number: worker.identityDocument.number,
    };
  }

  function anImport(rows: number): RosterImport {
    return RosterImport.receive(
      {
        importId: `rim_${randomUUID().replace(/-/g, '')}`,
        employerId: employer.employerId,
        worksiteId: employer.worksiteId,
        state: 'CHP',
        rows,
        batchSize: rows,
      },
      { id: `staff-${employer.employerId}`, role: 'employer' },
      new Date(),
    );
  }

  it('Given valid and bad rows, a document twice in the file and rows of workers registered before (one holding an ACTIVE permit), When the batch runs and runs again, Then each row ends as POST /applications would end it, nothing is stored twice and each worker and application is published once', async () => {
    const known = await registeredBefore();
    const holder = await registeredBefore();
    await t.http
      .post(`/applications/${holder.applicationId}/approval`)
      .set('Authorization', await t.callers.officer('CHP'))
      .send({ reason: 'Completo' })
      .expect(200);
    await waitFor(
      async () =>
        (await count(PERMITS_COLLECTION, { workerId: holder.workerId, status: 'ACTIVE' })) === 1 || undefined,
      'the holder’s permit',
    );
    const twice = aRosterRow();
    const withDocument = (number: string, cells: RosterCells = {}) =>
      aRosterRow({ 'identityDocument.number': number, ...cells });
    const rows = [
      aRosterRow(), // 1: a new worker
      twice, // 2: registers its document…
      withDocument(known.number, { nationality: 'HND' }), // 3: registered before: its stored facts decide
      aRosterRow({ dailyWage: '100.00' }), // 4: below the minimum wage
      { ...twice, givenNames: 'Otro Nombre' }, // 5: …and this row applies for that worker
      withDocument(holder.number), // 6: registered before, holds an ACTIVE permit
      aRosterRow({ 'identityDocument.number': '' }), // 7: no document
      aRosterRow(), // 8: a new worker
    ].map(cellsOf);
    const roster = anImport(rows.length);
    const processor = t.app.get(ProcessRosterImportHandler);
    const workersBefore = await count(WORKERS_COLLECTION, {});

    const first = await processor.processBatch(roster, 0, rows, false, { correlationId: randomUUID() });
    // The crash: the import never recorded the batch; the retry runs it again.
    const again = await processor.processBatch(roster, 0, rows, true, { correlationId: randomUUID() });

    expect(first.map((r) => [r.row, r.accepted, r.errors.map((e) => `${e.field}:${e.code}`)])).toEqual([
      [1, true, []],
      [2, true, []],
      [3, true, []],
      [4, false, ['dailyWage:WAGE_BELOW_MINIMUM']],
      [5, true, []],
      [6, false, ['identityDocument.number:WORKER_HAS_ACTIVE_PERMIT']],
      [7, false, ['identityDocument.number:WORKER.INVALID_DOCUMENT']],
      [8, true, []],
    ]);
    expect(again).toEqual(first);

    // Three workers registered once (rows 1, 2, 8); none for the bad rows, the in-file duplicate or the known ones.
    expect((await count(WORKERS_COLLECTION, {})) - workersBefore).toBe(3);
    for (const row of [1, 2, 8])
      expect(await t.raw(WORKERS_COLLECTION, rosterWorkerId(roster.id, row))).not.toBeNull();
    for (const row of [3, 4, 5, 6, 7])
      expect(await t.raw(WORKERS_COLLECTION, rosterWorkerId(roster.id, row))).toBeNull();
    const workerOfRow = async (row: number) =>
      (await t.raw(APPLICATIONS_COLLECTION, rosterApplicationId(roster.id, row)))?.['workerId'] ?? null;
    expect(await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map(workerOfRow))).toEqual([
      rosterWorkerId(roster.id, 1),
      rosterWorkerId(roster.id, 2),
      known.workerId,
      null,
      rosterWorkerId(roster.id, 2),
      null,
      null,
      rosterWorkerId(roster.id, 8),
    ]);
    // The personal data of the new workers is sealed as a single registration's: no value in clear.
    const stored = JSON.stringify(await t.raw(WORKERS_COLLECTION, rosterWorkerId(roster.id, 2)));
    for (const value of [twice['identityDocument.number'], twice['surnames.first'], twice.dateOfBirth]) {
      expect(stored).not.toContain(value);
    }

    // Each new worker and each application published once, through the outbox of its own document.
    for (const row of [1, 2, 8]) {
      await t.events.waitFor(rosterWorkerId(roster.id, row), 'frontera.worker.registered');
    }
    for (const row of [1, 2, 3, 5, 8]) {
      await t.events.waitFor(rosterApplicationId(roster.id, row), 'frontera.permit.application.submitted');
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (const row of [1, 2, 8]) {
      expect(t.events.about(rosterWorkerId(roster.id, row), 'frontera.worker.registered')).toHaveLength(1);
    }
    for (const row of [1, 2, 3, 5, 8]) {
      expect(
        t.events.about(rosterApplicationId(roster.id, row), 'frontera.permit.application.submitted'),
      ).toHaveLength(1);
    }
    for (const row of [4, 6, 7]) {
      expect(
        t.events.about(rosterApplicationId(roster.id, row), 'frontera.permit.application.submitted'),
      ).toHaveLength(0);
    }
    // The registered worker was reused unchanged: still one worker with that document, no new event.
    expect(t.events.about(known.workerId, 'frontera.worker.registered').length).toBeLessThanOrEqual(1);
  });
});
