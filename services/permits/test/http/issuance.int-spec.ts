import { PERMITS_COLLECTION, WORKERS_COLLECTION } from '../../src/persistence/permits.schemas';
import {
  aNewApplication,
  anActiveEmployer,
  aWorker,
  startPermitsApp,
  type PermitsTestApp,
} from '../support/permits-test-app';

jest.setTimeout(90_000);

describe('applications → approval → permit (real Kafka, FerretDB, Redis)', () => {
  let t: PermitsTestApp;

  beforeAll(async () => {
    t = await startPermitsApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('an employer applies, an officer of the state approves, the permit is issued with a valid number and one year of validity', async () => {
    const employer = await anActiveEmployer(t);
    const worker = aWorker();

    const submitted = await t.http
      .post('/applications')
      .set('Authorization', await t.callers.employer(employer.employerId))
      .send(aNewApplication(employer, worker))
      .expect(201);

    expect(submitted.body).toMatchObject({
      status: 'SUBMITTED',
      kind: 'NEW',
      employerId: employer.employerId,
      state: 'CHP',
      workerRegistered: true,
      allowedActions: expect.arrayContaining(['APPROVE', 'REJECT', 'WITHDRAW']),
    });
    const approval = await t.http
      .post(`/applications/${submitted.body.id}/approval`)
      .set('Authorization', await t.callers.officer('CHP'))
      .send({ reason: 'Documentación completa y verificada' })
      .expect(200);

    expect(approval.body.application.status).toBe('APPROVED');
    const permit = approval.body.permit;
    expect(permit).toMatchObject({
      status: 'ACTIVE',
      kind: 'NEW',
      workerId: submitted.body.workerId,
      state: 'CHP',
    });
    expect(permit.number).toMatch(/^TVTF-CHP-\d{2}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[0-9A-Z*]$/);
    const from = new Date(`${permit.validFrom}T00:00:00Z`);
    const last = new Date(`${permit.lastValidDay}T00:00:00Z`);
    expect(Math.round((last.getTime() - from.getTime()) / 86_400_000)).toBeGreaterThanOrEqual(364);
    await t.events.waitFor(permit.id, 'frontera.permit.issued');
    const fetched = await t.http
      .get(`/permits/${permit.id}`)
      .set('Authorization', await t.callers.employer(employer.employerId))
      .expect(200);
    expect(fetched.body.number).toBe(permit.number);
  });

  it('an approval retried with its Idempotency-Key answers the first approval again (the same permit), never a 409 nor a second permit', async () => {
    const employer = await anActiveEmployer(t);
    const submitted = await t.http
      .post('/applications')
      .set('Authorization', await t.callers.employer(employer.employerId))
      .send(aNewApplication(employer, aWorker()))
      .expect(201);
    const officer = await t.callers.officer('CHP');
    const approve = () =>
      t.http
        .post(`/applications/${submitted.body.id}/approval`)
        .set('Authorization', officer)
        .set('Idempotency-Key', `approve-${submitted.body.id}`)
        .send({ reason: 'Documentación completa y verificada' });

    const first = await approve().expect(200);
    const retried = await approve().expect(200);

    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.body.permit.id).toBe(first.body.permit.id);
    expect(retried.body.permit.number).toBe(first.body.permit.number);
    const permits = await t.connection
      .collection(PERMITS_COLLECTION)
      .countDocuments({ applicationId: submitted.body.id });
    expect(permits).toBe(1);
    // Without the key a repeat is refused as before: the application is APPROVED already.
    await t.http
      .post(`/applications/${submitted.body.id}/approval`)
      .set('Authorization', officer)
      .send({ reason: 'Documentación completa y verificada' })
      .expect(409);
  });

  it('refuses an ineligible application with every failed rule, storing nothing (a 15-year-old Honduran, fee paid, low wage)', async () => {
    const employer = await anActiveEmployer(t);
    const fifteen = new Date(Date.now() - 15 * 365.25 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const worker = aWorker({ nationality: 'HND', dateOfBirth: fifteen });
    const workersBefore = await t.connection.collection(WORKERS_COLLECTION).countDocuments();

    const refused = await t.http
      .post('/applications')
      .set('Authorization', await t.callers.employer(employer.employerId))
      .send(aNewApplication(employer, worker, { noRecruitmentFeeDeclared: false, dailyWage: 100 }))
      .expect(422);

    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.code).toBe('APPLICATION.NOT_ELIGIBLE');
    expect(refused.body.failures.map((f: { code: string }) => f.code)).toEqual(
      expect.arrayContaining([
        'NATIONALITY_NOT_ELIGIBLE',
        'UNDER_AGE',
        'RECRUITMENT_FEE',
        'WAGE_BELOW_MINIMUM',
      ]),
    );
    expect(await t.connection.collection(WORKERS_COLLECTION).countDocuments()).toBe(workersBefore);
  });

  it('the same document is the same worker: a second application reuses the record', async () => {
    const first = await anActiveEmployer(t);
    const second = await anActiveEmployer(t);
    const worker = aWorker();
    const a = await t.http
      .post('/applications')
      .set('Authorization', await t.callers.employer(first.employerId))
      .send(aNewApplication(first, worker))
      .expect(201);
    const b = await t.http
      .post('/applications')
      .set('Authorization', await t.callers.employer(second.employerId))
      .send(aNewApplication(second, { ...worker, givenNames: 'José' }))
      .expect(201);

    expect(b.body.workerId).toBe(a.body.workerId);
    expect(b.body.workerRegistered).toBe(false);
  });

  it('stores the document number and phone only encrypted', async () => {
    const employer = await anActiveEmployer(t);
    const worker = aWorker();
    const submitted = await t.http
      .post('/applications')
      .set('Authorization', await t.callers.employer(employer.employerId))
      .send(aNewApplication(employer, worker))
      .expect(201);

    const raw = JSON.stringify(await t.raw(WORKERS_COLLECTION, submitted.body.workerId));
    expect(raw).not.toContain(worker.identityDocument.number);
    expect(raw).not.toContain(worker.phone!.replace(/\D/g, '').slice(-7));
    expect(raw).not.toContain('Pérez');
  });

  it('an officer suspends and reinstates a permit; an invalid transition is 409 with the allowed actions', async () => {
    const employer = await anActiveEmployer(t);
    const submitted = await t.http
      .post('/applications')
      .set('Authorization', await t.callers.employer(employer.employerId))
      .send(aNewApplication(employer))
      .expect(201);
    const officer = await t.callers.officer('CHP');
    const { body } = await t.http
      .post(`/applications/${submitted.body.id}/approval`)
      .set('Authorization', officer)
      .send({ reason: 'ok' })
      .expect(200);
    const id = body.permit.id;

    await t.http
      .post(`/permits/${id}/suspension`)
      .set('Authorization', officer)
      .send({ reason: 'Revisión' })
      .expect(200);
    const conflict = await t.http
      .post(`/permits/${id}/suspension`)
      .set('Authorization', officer)
      .send({ reason: 'otra vez' })
      .expect(409);
    expect(conflict.body).toMatchObject({
      currentState: 'SUSPENDED',
      allowedActions: expect.arrayContaining(['REINSTATE']),
    });
    const reinstated = await t.http
      .post(`/permits/${id}/reinstatement`)
      .set('Authorization', officer)
      .send({ reason: 'Aclarado' })
      .expect(200);
    expect(reinstated.body.status).toBe('ACTIVE');
    const history = await t.http.get(`/permits/${id}/history`).set('Authorization', officer).expect(200);
    expect(history.body.entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['ISSUE', 'SUSPEND', 'REINSTATE']),
    );
    expect((await t.raw(PERMITS_COLLECTION, id))?.['status']).toBe('ACTIVE');
  });
});
