import { ROSTER_COLUMN_NAMES, type RosterColumnName, type RosterRow } from '@frontera/permits-domain';
import {
  aPermit,
  aStandingWorksite,
  aWorker,
  anEmployerStanding,
  T0,
  testEligibilityRules,
} from '@frontera/permits-domain/testing';
import { FixedClock, InMemoryAggregateLock, SequentialIds } from '@frontera/shared-application/testing';
import { AppError, type Caller } from '@frontera/shared-kernel';
import {
  InMemoryApplicationRepository,
  InMemoryEmployerStandingRepository,
  InMemoryPermitRepository,
  InMemoryWorkerRepository,
} from '../../testing';
import { InMemoryRosterImports, InMemoryRosterJobs } from '../../testing/in-memory-roster-imports';
import { ProcessRosterImportHandler } from './process-roster-import.handler';
import { rosterApplicationId, rosterWorkerId } from './roster-batch.importer';
import { GetRosterErrorsHandler, GetRosterImportHandler } from './roster-queries';
import type { RosterFile } from './roster.ports';
import { UploadRosterHandler } from './upload-roster.handler';

const EMPLOYER = 'org_1';
const WORKSITE = 'ws_1';
const OTHER_WORKSITE = 'ws_2';
const staff: Caller = { id: 'user-1', role: 'employer', states: [], employerId: EMPLOYER };

let documents = 0;
function aRow(overrides: Partial<Record<RosterColumnName, string>> = {}): RosterRow {
  documents += 1;
  const cells: Record<RosterColumnName, string> = {
    givenNames: 'José Luis',
    'surnames.first': 'Pérez',
    'surnames.second': 'López',
    dateOfBirth: '1996-03-18',
    sex: 'm',
    nationality: 'gtm',
    'identityDocument.type': 'NATIONAL_ID',
    'identityDocument.number': `2547890${String(documents).padStart(6, '0')}`,
    'identityDocument.issuingCountry': 'GTM',
    'placeOfBirth.country': 'GTM',
    'placeOfBirth.locality': '',
    'homeAddress.line': 'Aldea El Carmen, casa 12',
    'homeAddress.locality': 'Malacatán',
    'homeAddress.country': 'GTM',
    phone: '',
    photoReference: '',
    occupation: 'Cortador de café',
    dailyWage: '320.50',
    startDate: '2026-04-01',
    noRecruitmentFeeDeclared: 'sí',
    ...overrides,
  };
  return ROSTER_COLUMN_NAMES.map((name) => cells[name]);
}

function setup(options: { batchSize?: number } = {}) {
  const standings = new InMemoryEmployerStandingRepository();
  standings.given(
    anEmployerStanding()
      .withId(EMPLOYER)
      .active()
      .withWorksite(aStandingWorksite().withId(WORKSITE).withCapacity(500))
      .withWorksite(aStandingWorksite().withId(OTHER_WORKSITE))
      .build(),
  );
  const rosters = new InMemoryRosterImports();
  const jobs = new InMemoryRosterJobs();
  const workers = new InMemoryWorkerRepository();
  const applications = new InMemoryApplicationRepository();
  const clock = new FixedClock(T0);
  const ids = new SequentialIds();
  const permits = new InMemoryPermitRepository();
  const common = {
    workers,
    applications,
    permits,
    lock: new InMemoryAggregateLock(),
    clock,
    ids,
    standings,
    rules: testEligibilityRules(),
  };
  const upload = new UploadRosterHandler({
    rosters,
    standings,
    jobs,
    ids,
    clock,
    rosterBatchSize: options.batchSize ?? 2,
  });
  const processor = new ProcessRosterImportHandler({ ...common, rosters, rosterRowConcurrency: 3 });
  const send = (rows: readonly RosterRow[], digest = `digest-${rows.length}`, worksiteId = WORKSITE) => {
    const file: RosterFile = { digest, rows };
    return upload.execute({
      worksiteId,
      readFile: async () => file,
      metadata: { caller: staff, correlationId: 'c-1' },
    });
  };
  const run = (importId: string) =>
    processor.execute(importId, { correlationId: 'c-1', causationId: 'job-1' });
  return { rosters, jobs, workers, applications, permits, send, run, processor, upload };
}

function caught(error: unknown): AppError {
  if (error instanceof AppError) return error;
  throw error;
}

describe('roster imports (upload, job, reports)', () => {
  it('Given three valid rows, When the roster is uploaded and its job runs, Then it is QUEUED with one job carrying its id, and ends COMPLETED with three applications of derived ids, one event and no stored rows', async () => {
    const { rosters, jobs, workers, applications, send, run } = setup();

    const { roster, created } = await send([aRow(), aRow(), aRow()]);

    expect(created).toBe(true);
    expect(roster).toMatchObject({
      status: 'QUEUED',
      rows: 3,
      batches: 2,
      employerId: EMPLOYER,
      state: 'CHP',
    });
    expect([...jobs.jobs.entries()]).toEqual([[`${roster.id}-v1`, roster.id]]);
    expect(await run(roster.id)).toBe('COMPLETED');

    const done = rosters.stored(roster.id);
    expect(done).toMatchObject({
      status: 'COMPLETED',
      processedRows: 3,
      accepted: 3,
      rejected: 0,
      percentage: 100,
    });
    for (const row of [1, 2, 3]) {
      expect(applications.stored(rosterApplicationId(roster.id, row))).toMatchObject({
        status: 'SUBMITTED',
        worksiteId: WORKSITE,
      });
    }
    expect(workers.store.rows.size).toBe(3);
    expect(rosters.published.map((e) => [e.type, e.data])).toEqual([
      [
        'frontera.roster.import.completed',
        {
          importId: roster.id,
          employerId: EMPLOYER,
          worksiteId: WORKSITE,
          rows: 3,
          accepted: 3,
          rejected: 0,
        },
      ],
    ]);
    expect(rosters.published[0]).toMatchObject({ correlationid: 'c-1', causationid: 'job-1' });
    expect(await rosters.rowsOf(roster.id, 0)).toBeNull();
    // progress once per batch: start, two batches
    expect(rosters.saves.get(roster.id)).toBe(3);
  });

  it('Given good and bad rows, When the job runs, Then good rows become applications, every problem of a bad row is reported by column and code without its values, and nothing of a bad row is stored', async () => {
    const { rosters, workers, applications, send, run } = setup();
    const fifteen = '2011-06-01';
    const rows = [
      aRow(),
      aRow({ dateOfBirth: fifteen, nationality: 'HND', noRecruitmentFeeDeclared: 'no' }),
      aRow({ dailyWage: 'mucho', noRecruitmentFeeDeclared: 'quizá' }),
      aRow({ 'identityDocument.number': '' }),
      aRow(),
    ];
    const { roster } = await send(rows);
    await run(roster.id);

    expect(rosters.stored(roster.id)).toMatchObject({ status: 'COMPLETED', accepted: 2, rejected: 3 });
    const report = await new GetRosterErrorsHandler({ rosters }).execute(roster.id, staff);
    expect(report.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [2, 'nationality', 'NATIONALITY_NOT_ELIGIBLE'],
      [2, 'dateOfBirth', 'UNDER_AGE'],
      [2, 'noRecruitmentFeeDeclared', 'RECRUITMENT_FEE'],
      [3, 'dailyWage', 'ROSTER.INVALID_VALUE'],
      [3, 'noRecruitmentFeeDeclared', 'ROSTER.INVALID_VALUE'],
      [4, 'identityDocument.number', 'WORKER.INVALID_DOCUMENT'],
    ]);
    const text = JSON.stringify(report.errors);
    expect(text).not.toContain('mucho');
    expect(text).not.toContain('Pérez');
    expect(text).not.toContain(fifteen);
    expect(report.errors[0].message.es.length).toBeGreaterThan(10);
    expect(workers.store.rows.size).toBe(2);
    expect(applications.store.rows.size).toBe(2);
    expect(applications.stored(rosterApplicationId(roster.id, 5))).not.toBeNull();
    expect(applications.stored(rosterApplicationId(roster.id, 2))).toBeNull();
  });

  it('Given a file uploaded before, When the same content is uploaded again, Then nothing is created and the first import answers', async () => {
    const { rosters, jobs, send, run } = setup();
    const rows = [aRow(), aRow()];
    const first = await send(rows, 'same');
    await run(first.roster.id);

    const again = await send(rows, 'same');

    expect(again).toMatchObject({ created: false });
    expect(again.roster.id).toBe(first.roster.id);
    expect(again.roster.status).toBe('COMPLETED');
    expect(rosters.imports.size).toBe(1);
    expect(jobs.jobs.size).toBe(1);
    // for another worksite of the employer it is another roster
    expect((await send(rows, 'same', OTHER_WORKSITE)).created).toBe(true);
  });

  it('Given a job that crashed after submitting part of a batch, When it runs again, Then it resumes at that batch and submits no row twice', async () => {
    const { rosters, applications, workers, send, processor } = setup({ batchSize: 4 });
    const { roster } = await send([aRow(), aRow(), aRow(), aRow(), aRow(), aRow()]);
    // The first run dies while recording the first batch (its four applications are stored).
    const save = rosters.save.bind(rosters);
    let saves = 0;
    rosters.save = async (r, events) => {
      saves += 1;
      if (saves === 2) throw new Error('worker crashed');
      return save(r, events);
    };
    await expect(processor.execute(roster.id, { correlationId: 'c-1' })).rejects.toThrow('worker crashed');
    expect(applications.store.rows.size).toBe(4);
    expect(rosters.stored(roster.id)).toMatchObject({ status: 'RUNNING', processedRows: 0 });

    expect(await processor.execute(roster.id, { correlationId: 'c-1' })).toBe('COMPLETED');

    expect(rosters.stored(roster.id)).toMatchObject({
      status: 'COMPLETED',
      accepted: 6,
      rejected: 0,
      runs: 2,
    });
    expect(applications.store.rows.size).toBe(6);
    expect(workers.store.rows.size).toBe(6);
    expect(rosters.published).toHaveLength(1);
  });

  it('Given a finished import, When its job runs again, Then nothing changes', async () => {
    const { rosters, applications, send, run } = setup();
    const { roster } = await send([aRow()]);
    await run(roster.id);
    expect(await run(roster.id)).toBe('ALREADY_FINISHED');
    expect(applications.store.rows.size).toBe(1);
    expect(rosters.published).toHaveLength(1);
  });

  it('Given an import whose rows are gone, When its job runs, Then it FAILS; uploading the file again queues it again and it completes', async () => {
    const { rosters, jobs, send, run } = setup();
    const rows = [aRow(), aRow(), aRow()];
    const { roster } = await send(rows, 'lost');
    await rosters.deleteRows(roster.id);

    expect(await run(roster.id)).toBe('FAILED');
    expect(rosters.stored(roster.id)).toMatchObject({ status: 'FAILED', failure: 'ROWS_MISSING' });

    const again = await send(rows, 'lost');
    expect(again).toMatchObject({ created: false });
    expect(again.roster.status).toBe('QUEUED');
    expect(jobs.jobs.size).toBe(2);
    expect(await run(roster.id)).toBe('COMPLETED');
    expect(rosters.stored(roster.id)).toMatchObject({ status: 'COMPLETED', accepted: 3 });
  });

  it('refuses a worksite that is not the employer’s before reading the file, and other roles', async () => {
    const { upload, rosters } = setup();
    let read = false;
    const elsewhere = upload.execute({
      worksiteId: 'ws_other',
      readFile: async () => {
        read = true;
        return { digest: 'x', rows: [aRow()] };
      },
      metadata: { caller: staff, correlationId: 'c' },
    });
    await expect(elsewhere).rejects.toMatchObject({ code: 'ROSTER.WORKSITE_NOT_FOUND', status: 404 });
    expect(read).toBe(false);
    expect(rosters.imports.size).toBe(0);

    const officer: Caller = { id: 'off-1', role: 'officer', states: ['CHP'] };
    const refused = new UploadRosterHandler({
      rosters,
      standings: new InMemoryEmployerStandingRepository(),
      jobs: new InMemoryRosterJobs(),
      ids: new SequentialIds(),
      clock: new FixedClock(T0),
      rosterBatchSize: 10,
    }).execute({
      worksiteId: WORKSITE,
      readFile: async () => {
        throw new Error('must not be read');
      },
      metadata: { caller: officer, correlationId: 'c' },
    });
    await expect(refused).rejects.toMatchObject({ code: 'PERMIT.ACCESS_DENIED', status: 403 });
  });

  it('shows an import to its employer only: another employer gets 404, an officer 403', async () => {
    const { rosters, send } = setup();
    const { roster } = await send([aRow()]);
    const get = new GetRosterImportHandler({ rosters });

    expect((await get.execute(roster.id, staff)).id).toBe(roster.id);
    const other = caught(
      await get.execute(roster.id, { ...staff, employerId: 'org_2' }).catch((e: unknown) => e),
    );
    expect(other).toMatchObject({ code: 'ROSTER.NOT_FOUND', status: 404 });
    const officer = caught(
      await get.execute(roster.id, { id: 'o', role: 'officer', states: ['CHP'] }).catch((e: unknown) => e),
    );
    expect(officer.status).toBe(403);
  });
});

describe('a roster batch with batched I/O (RosterBatchImporter)', () => {
  const NUMBER = (row: RosterRow) => row[ROSTER_COLUMN_NAMES.indexOf('identityDocument.number')];

  /** A worker registered before the roster (by `POST /applications`), with the row's document. */
  function registeredWith(row: RosterRow, id: string) {
    return aWorker().withId(id).withDocument('NATIONAL_ID', NUMBER(row), 'GTM').build();
  }

  it('Given valid rows, bad rows, a document twice in the file and rows of workers registered before, When one batch runs, Then each row ends as POST /applications would end it, with one insertMany of workers and one of applications and lookups only for the registered documents', async () => {
    const { rosters, workers, applications, permits, send, run } = setup({ batchSize: 10 });
    const known = aRow();
    const holder = aRow();
    const twice = aRow();
    workers.given(registeredWith(known, 'wkr-known'), registeredWith(holder, 'wkr-holder'));
    permits.given(aPermit().forWorker('wkr-holder').forEmployer('org_9').active().build());
    const rows = [
      aRow(), // 1: new worker
      twice, // 2: registers the document…
      known, // 3: a worker registered before: reused, no second record
      aRow({ dailyWage: '100.00' }), // 4: below the minimum wage
      [...twice], // 5: …which this row applies for too
      holder, // 6: registered before and holds an ACTIVE permit
      aRow({ noRecruitmentFeeDeclared: 'quizá' }), // 7: not a boolean
    ];
    const { roster } = await send(rows, 'mixed');
    workers.store.resetCounts();
    applications.store.resetCounts();

    expect(await run(roster.id)).toBe('COMPLETED');

    expect(rosters.stored(roster.id)).toMatchObject({ status: 'COMPLETED', accepted: 4, rejected: 3 });
    const report = await new GetRosterErrorsHandler({ rosters }).execute(roster.id, staff);
    expect(report.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [4, 'dailyWage', 'WAGE_BELOW_MINIMUM'],
      [6, 'identityDocument.number', 'WORKER_HAS_ACTIVE_PERMIT'],
      [7, 'noRecruitmentFeeDeclared', 'ROSTER.INVALID_VALUE'],
    ]);
    const workerOf = (row: number) => applications.stored(rosterApplicationId(roster.id, row))?.workerId;
    expect([1, 2, 3, 5].map(workerOf)).toEqual([
      rosterWorkerId(roster.id, 1),
      rosterWorkerId(roster.id, 2),
      'wkr-known',
      rosterWorkerId(roster.id, 2),
    ]);
    for (const row of [4, 6, 7]) expect(applications.stored(rosterApplicationId(roster.id, row))).toBeNull();
    // Two workers registered (rows 1 and 2), none for the bad rows, the in-file duplicate or the known ones.
    expect(workers.store.rows.size).toBe(4);
    expect(workers.stored(rosterWorkerId(roster.id, 4))).toBeNull();
    expect(workers.stored(rosterWorkerId(roster.id, 5))).toBeNull();
    // Batched: one insertMany each; by document only the two registered before (refused by the
    // unique document) and the row refused as a new worker (its document might be registered).
    expect(workers.store.callsOf('insertMany')).toBe(1);
    expect(workers.store.callsOf('insert')).toBe(0);
    expect(applications.store.callsOf('insertMany')).toBe(1);
    expect(applications.store.callsOf('insert')).toBe(0);
    expect(workers.store.callsOf('findByDocumentKey')).toBe(3);
    // One event per stored worker and application.
    expect(workers.store.published.map((e) => e.type)).toEqual([
      'frontera.worker.registered',
      'frontera.worker.registered',
    ]);
    expect(applications.store.published.map((e) => e.subject).sort()).toEqual(
      [1, 2, 3, 5].map((row) => rosterApplicationId(roster.id, row)).sort(),
    );
  });

  it('Given a document whose first row is ineligible, When the batch runs, Then the first eligible row of that document registers the worker', async () => {
    const { workers, applications, send, run } = setup({ batchSize: 10 });
    const row = aRow();
    const cheap = [...row];
    cheap[ROSTER_COLUMN_NAMES.indexOf('dailyWage')] = '10.00';
    const { roster } = await send([cheap, row], 'first-ineligible');

    await run(roster.id);

    expect(workers.store.rows.size).toBe(1);
    expect(workers.stored(rosterWorkerId(roster.id, 2))).not.toBeNull();
    expect(applications.stored(rosterApplicationId(roster.id, 1))).toBeNull();
    expect(applications.stored(rosterApplicationId(roster.id, 2))?.workerId).toBe(
      rosterWorkerId(roster.id, 2),
    );
  });

  it('Given a row of a registered worker whose cells disagree with the register, When the batch runs, Then it is decided on the stored worker as POST /applications decides it', async () => {
    const { workers, applications, send, run } = setup({ batchSize: 10 });
    const row = aRow({ nationality: 'HND' });
    workers.given(registeredWith(row, 'wkr-gtm'));
    const { roster } = await send([row], 'stored-facts');

    await run(roster.id);

    expect(applications.stored(rosterApplicationId(roster.id, 1))?.workerId).toBe('wkr-gtm');
    expect(workers.store.rows.size).toBe(1);
  });

  it('Given a batch that ran and was not recorded (a crash), When it runs again, Then no worker, application or event is stored twice and every row counts as accepted', async () => {
    const { rosters, workers, applications, send, processor } = setup({ batchSize: 10 });
    const known = aRow();
    workers.given(registeredWith(known, 'wkr-known'));
    const twice = aRow();
    const { roster } = await send([aRow(), twice, known, [...twice], aRow({ dailyWage: '1.00' })], 'retry');
    const running = rosters.stored(roster.id);
    if (!running) throw new Error('no import');

    const first = await processor.processBatch(
      running,
      0,
      (await rosters.rowsOf(roster.id, 0)) ?? [],
      false,
      {
        correlationId: 'c-1',
      },
    );
    const stored = { workers: workers.store.rows.size, applications: applications.store.rows.size };
    const events = [...workers.store.published, ...applications.store.published].length;
    const again = await processor.processBatch(running, 0, (await rosters.rowsOf(roster.id, 0)) ?? [], true, {
      correlationId: 'c-1',
    });

    expect(first.map((r) => r.accepted)).toEqual([true, true, true, true, false]);
    expect(again).toEqual(first);
    expect(stored).toEqual({ workers: 3, applications: 4 });
    expect({ workers: workers.store.rows.size, applications: applications.store.rows.size }).toEqual(stored);
    expect([...workers.store.published, ...applications.store.published]).toHaveLength(events);
    expect(events).toBe(2 + 4);
  });

  it('Given a crashed batch whose worker got a permit before the retry, When it runs again, Then the row still counts as accepted (its application is there)', async () => {
    const { rosters, applications, permits, send, processor } = setup({ batchSize: 10 });
    const { roster } = await send([aRow()], 'permit-meanwhile');
    const running = rosters.stored(roster.id);
    if (!running) throw new Error('no import');
    const rows = (await rosters.rowsOf(roster.id, 0)) ?? [];
    await processor.processBatch(running, 0, rows, false, { correlationId: 'c-1' });
    permits.given(aPermit().forWorker(rosterWorkerId(roster.id, 1)).forEmployer(EMPLOYER).active().build());

    const again = await processor.processBatch(running, 0, rows, true, { correlationId: 'c-1' });

    expect(again).toEqual([{ row: 1, accepted: true, errors: [] }]);
    expect(applications.store.rows.size).toBe(1);
  });
});
