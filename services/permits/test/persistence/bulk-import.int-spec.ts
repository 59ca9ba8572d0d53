import { randomBytes } from 'node:crypto';
import {
  Permit,
  PermitNumber,
  permitVerificationEntry,
  type EmployerStanding,
} from '@frontera/permits-domain';
import { aPermitApplication, aWorker } from '@frontera/permits-domain/testing';
import type { MongoApplicationRepository } from '../../src/persistence/mongo-application.repository';
import type { MongoEmployerStandingRepository } from '../../src/persistence/mongo-employer-standing.repository';
import type { MongoPermitRepository } from '../../src/persistence/mongo-permit.repository';
import type { MongoWorkerRepository } from '../../src/persistence/mongo-worker.repository';
import {
  APPLICATIONS_COLLECTION,
  PERMITS_COLLECTION,
  WORKER_BLOCKING_KEYS_COLLECTION,
  WORKERS_COLLECTION,
} from '../../src/persistence/permits.schemas';
import type { MongoPermitVerificationReadModel } from '../../src/verification/mongo-permit-verifications';
import {
  APPLICATION_REPOSITORY,
  PERMIT_REPOSITORY,
  STANDING_REPOSITORY,
  VERIFICATION_READ_MODEL,
  WORKER_REPOSITORY,
} from '../../src/wiring/tokens';
import { anActiveEmployer, startPermitsApp, type PermitsTestApp } from '../support/permits-test-app';

jest.setTimeout(120_000);

/** Characters of a permit number's random part (digits and capitals without 0, 1, I, O). */
const ALPHABET = 'HJKLMNPQRSTUVWXYZ23456789';

/**
 * The bulk path a register is loaded by (bench/register): the repositories' insertMany with
 * `settled` (records written first, nothing pending) and the read model's putMany, read back
 * through the service's own routes — what was loaded is what the service lists, shows and verifies.
 */
describe('bulk import of workers, applications, permits and verification entries', () => {
  let t: PermitsTestApp;

  beforeAll(async () => {
    t = await startPermitsApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('stores them settled and listed in order; the routes show, list and verify them; putMany again updates in place', async () => {
    const employer = await anActiveEmployer(t, { state: 'CHP', capacity: 100 });
    const standings = t.app.get<MongoEmployerStandingRepository>(STANDING_REPOSITORY);
    const standing = (await standings.find(employer.employerId))?.standing as EmployerStanding;
    const run = randomBytes(4).toString('hex');
    const workers = Array.from({ length: 30 }, (_, i) =>
      aWorker()
        .withId(`wkr_bulk${run}${i}`)
        .named('Ana Lucía', 'Xol', 'Cú')
        .bornOn(`1990-01-${String(i + 1).padStart(2, '0')}`)
        .withDocument(
          'NATIONAL_ID',
          `8${run.replace(/\D/g, '7').padEnd(6, '7')}${String(i).padStart(6, '0')}`,
          'GTM',
        )
        .withPhone(`+502 4${String(i).padStart(7, '0')}`)
        .build(),
    );
    const approved = workers.map((worker, i) =>
      aPermitApplication()
        .withId(`app_bulk${run}${i}`)
        .forEmployer(standing)
        .atWorksite(employer.worksiteId, 'CHP')
        .forWorker(worker)
        .buildApproved(),
    );
    const permits = approved.map(({ approved: application }, i) => {
      const permit = Permit.issue(
        {
          permitId: `pmt_bulk${run}${i}`,
          application,
          number: PermitNumber.issue({
            state: 'CHP',
            year: 2026,
            random: `${run
              .slice(0, 4)
              .toUpperCase()
              .replace(/[01IO]/g, 'Z')}AB${ALPHABET[Math.floor(i / 25)]}${ALPHABET[i % 25]}`,
          }),
          verificationToken: randomBytes(16).toString('base64url'),
        },
        {},
        new Date(),
      );
      permit.pullEvents();
      return permit;
    });

    const settled = { settled: true } as const;
    const outcomes = await Promise.all([
      t.app.get<MongoWorkerRepository>(WORKER_REPOSITORY).insertMany(
        workers.map((aggregate) => ({ aggregate, events: [] })),
        settled,
      ),
      t.app.get<MongoApplicationRepository>(APPLICATION_REPOSITORY).insertMany(
        approved.map(({ application }) => ({ aggregate: application, events: [] })),
        settled,
      ),
      t.app.get<MongoPermitRepository>(PERMIT_REPOSITORY).insertMany(
        permits.map((aggregate) => ({ aggregate, events: [] })),
        settled,
      ),
    ]);
    const readModel = t.app.get<MongoPermitVerificationReadModel>(VERIFICATION_READ_MODEL);
    const entries = permits.map((permit, i) =>
      permitVerificationEntry(permit, workers[i] as (typeof workers)[number], standing.publicName),
    );
    await readModel.putMany(entries);

    expect(outcomes.flat().every((o) => o === 'INSERTED')).toBe(true);
    const db = t.connection.db!;
    for (const name of [WORKERS_COLLECTION, APPLICATIONS_COLLECTION, PERMITS_COLLECTION]) {
      expect(
        await db
          .collection(name)
          .countDocuments({ _id: { $regex: `bulk${run}` }, outboxPending: true } as never),
      ).toBe(0);
    }
    // The duplicate check's blocking keys, moved before the workers were stored.
    const keys = await db
      .collection(WORKER_BLOCKING_KEYS_COLLECTION)
      .countDocuments({ workerId: { $in: workers.map((w) => w.id) } });
    expect(keys).toBeGreaterThanOrEqual(workers.length);

    const employerToken = await t.callers.employer(employer.employerId);
    const listed = await t.http.get('/permits?limit=100').set('Authorization', employerToken).expect(200);
    expect((listed.body.items as { id: string }[]).map((p) => p.id)).toEqual(
      permits.map((p) => p.id).reverse(),
    );
    const officer = await t.callers.officer('CHP');
    await t.http.get(`/permits/${permits[7]?.id}`).set('Authorization', officer).expect(200);
    const worker = await t.http.get(`/workers/${workers[7]?.id}`).set('Authorization', officer).expect(200);
    expect(worker.body).toMatchObject({ id: workers[7]?.id });
    const verified = await t.http.get(`/verify/${permits[7]?.verificationToken.value}`).expect(200);
    expect(verified.body).toMatchObject({ status: 'ACTIVE' });

    // A second putMany (a rebuild of the same entries) updates them in place.
    await readModel.putMany(entries);
    expect(
      await db
        .collection('permit_verifications')
        .countDocuments({ number: { $in: entries.map((e) => e.compactNumber) } }),
    ).toBe(30);
  });
});
