import { READ_LOG_COLLECTION } from '../../src/workers/workers.schemas';
import { chainOf } from '../../src/workers/hash-chained-read-log';
import { anActiveEmployer, startPermitsApp, type PermitsTestApp } from '../support/permits-test-app';
import { aDistinctWorker, applyFor } from './worker-fixtures';

jest.setTimeout(90_000);

const PURPOSE = 'Revisión de la solicitud: cotejo del documento de identidad';

describe('workers: the scoped view, reads of personal data and the read log (real Kafka, FerretDB, Redis)', () => {
  let t: PermitsTestApp;

  beforeAll(async () => {
    t = await startPermitsApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  const entriesOf = (workerId: string) =>
    t.connection.collection(READ_LOG_COLLECTION).countDocuments({ chain: chainOf(workerId) });

  it('shows the worker without personal data to its employer and the officers of its state, as absent to others', async () => {
    const employer = await anActiveEmployer(t, { state: 'CHP' });
    const other = await anActiveEmployer(t, { state: 'CHP' });
    const worker = aDistinctWorker();
    const { workerId } = await applyFor(t, employer, worker);

    const own = await t.http
      .get(`/workers/${workerId}`)
      .set('Authorization', await t.callers.employer(employer.employerId))
      .expect(200);
    expect(own.body).toMatchObject({
      id: workerId,
      status: 'ACTIVE',
      nationality: 'GTM',
      sex: 'M',
      birthYear: Number(worker.dateOfBirth.slice(0, 4)),
      mergedInto: null,
      permits: [],
    });
    expect(own.body.initials).toMatch(/^[A-Z]/);
    const text = JSON.stringify(own.body);
    for (const personal of [
      worker.identityDocument.number,
      worker.givenNames,
      worker.surnames.first,
      worker.dateOfBirth,
      String(worker.phone).slice(-7),
      worker.homeAddress.line,
    ]) {
      expect(text).not.toContain(personal);
    }

    await t.http
      .get(`/workers/${workerId}`)
      .set('Authorization', await t.callers.officer('CHP'))
      .expect(200);
    const otherEmployer = await t.http
      .get(`/workers/${workerId}`)
      .set('Authorization', await t.callers.employer(other.employerId))
      .expect(404);
    expect(otherEmployer.body.code).toBe('WORKER.NOT_FOUND');
    const otherState = await t.http
      .get(`/workers/${workerId}`)
      .set('Authorization', await t.callers.officer('TAB'))
      .expect(404);
    expect(otherState.body.code).toBe('WORKER.NOT_FOUND');
    expect(otherState.headers['content-type']).toContain('application/problem+json');
  });

  it('a read with a purpose returns the decrypted data and appends an entry to the worker’s log', async () => {
    const employer = await anActiveEmployer(t, { state: 'CHP' });
    const worker = aDistinctWorker();
    const { workerId } = await applyFor(t, employer, worker);
    const officer = await t.callers.officer('CHP');

    const read = await t.http
      .post(`/workers/${workerId}/personal-data-reads`)
      .set('Authorization', officer)
      .send({ purpose: `  ${PURPOSE}  ` })
      .expect(200);

    expect(read.headers['cache-control']).toBe('private, no-store');
    expect(read.body.personalData).toMatchObject({
      givenNames: worker.givenNames,
      surnames: worker.surnames,
      dateOfBirth: worker.dateOfBirth,
      identityDocument: { type: 'NATIONAL_ID', issuingCountry: 'GTM' },
      homeAddress: worker.homeAddress,
    });
    expect(read.body.personalData.identityDocument.number.replace(/\D/g, '')).toBe(
      worker.identityDocument.number.replace(/\D/g, ''),
    );
    expect(read.body.read).toMatchObject({
      seq: 1,
      readerId: 'officer-CHP',
      readerRole: 'officer',
      readerEmployerId: null,
      purpose: PURPOSE,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    // The current employer may read too; its entry names it.
    const byEmployer = await t.http
      .post(`/workers/${workerId}/personal-data-reads`)
      .set('Authorization', await t.callers.employer(employer.employerId))
      .send({ purpose: 'Alta en nómina' })
      .expect(200);
    expect(byEmployer.body.read).toMatchObject({
      seq: 2,
      readerRole: 'employer',
      readerEmployerId: employer.employerId,
    });

    const log = await t.http
      .get(`/workers/${workerId}/personal-data-reads`)
      .set('Authorization', officer)
      .expect(200);
    expect(log.body.entries.map((e: { seq: number; purpose: string }) => [e.seq, e.purpose])).toEqual([
      [1, PURPOSE],
      [2, 'Alta en nómina'],
    ]);
    expect(log.body.entries[0].hash).toBe(read.body.read.hash);
    expect(log.headers['cache-control']).toBe('private, no-store');

    // Stored: ids and hashes in clear, the purpose only encrypted, never the data read.
    const stored = JSON.stringify(
      await t.connection
        .collection(READ_LOG_COLLECTION)
        .find({ chain: chainOf(workerId) })
        .toArray(),
    );
    expect(stored).not.toContain(PURPOSE);
    expect(stored).not.toContain(worker.identityDocument.number);
    expect(stored).not.toContain(worker.givenNames);
  });

  it.each([
    ['without a purpose', {}],
    ['with a blank purpose', { purpose: '   ' }],
    ['with a null purpose', { purpose: null }],
    ['with a purpose that is too long', { purpose: 'x'.repeat(2001) }],
  ])('refuses a read %s with 422 WORKER.INVALID_READ_PURPOSE and records nothing', async (_case, body) => {
    const employer = await anActiveEmployer(t, { state: 'CHP' });
    const { workerId } = await applyFor(t, employer, aDistinctWorker());

    const refused = await t.http
      .post(`/workers/${workerId}/personal-data-reads`)
      .set('Authorization', await t.callers.officer('CHP'))
      .send(body)
      .expect(422);

    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.code).toBe('WORKER.INVALID_READ_PURPOSE');
    expect(JSON.stringify(refused.body)).not.toContain('xxxxxxxx');
    expect(refused.body.personalData).toBeUndefined();
    expect(await entriesOf(workerId)).toBe(0);
  });

  it('refuses a purpose that is not text with 400 and records nothing', async () => {
    const employer = await anActiveEmployer(t, { state: 'CHP' });
    const { workerId } = await applyFor(t, employer, aDistinctWorker());
    const refused = await t.http
      .post(`/workers/${workerId}/personal-data-reads`)
      .set('Authorization', await t.callers.officer('CHP'))
      .send({ purpose: { $ne: null } })
      .expect(400);
    expect(refused.body.code).toBe('VALIDATION.FAILED');
    expect(await entriesOf(workerId)).toBe(0);
  });

  it('verification passes, then names the entry altered in the database, and the one removed', async () => {
    const employer = await anActiveEmployer(t, { state: 'CHP' });
    const { workerId } = await applyFor(t, employer, aDistinctWorker());
    const officer = await t.callers.officer('CHP');
    for (const purpose of ['Primera consulta', 'Segunda consulta', 'Tercera consulta', 'Cuarta consulta']) {
      await t.http
        .post(`/workers/${workerId}/personal-data-reads`)
        .set('Authorization', officer)
        .send({ purpose })
        .expect(200);
    }

    const intact = await t.http
      .post(`/workers/${workerId}/personal-data-reads/verification`)
      .set('Authorization', officer)
      .expect(200);
    expect(intact.body).toMatchObject({ workerId, intact: true, entries: 4, headLag: 0, head: { seq: 4 } });

    // Someone with the database (not the key) rewrites who read the second entry.
    const entries = t.connection.collection(READ_LOG_COLLECTION);
    const second = await entries.findOne({ chain: chainOf(workerId), seq: 2 });
    const payload = JSON.parse(String(second?.['payload'])) as Record<string, unknown>;
    await entries.updateOne(
      { _id: second?._id },
      { $set: { payload: JSON.stringify({ ...payload, readerId: 'someone-else' }) } },
    );

    const altered = await t.http
      .post(`/workers/${workerId}/personal-data-reads/verification`)
      .set('Authorization', officer)
      .send({})
      .expect(200);
    expect(altered.body).toEqual({ workerId, intact: false, entries: 4, firstBadSeq: 2, problem: 'ALTERED' });

    // Put it back: intact again, then remove the third one.
    await entries.updateOne({ _id: second?._id }, { $set: { payload: String(second?.['payload']) } });
    await t.http
      .post(`/workers/${workerId}/personal-data-reads/verification`)
      .set('Authorization', officer)
      .expect(200)
      .expect(({ body }) => expect(body.intact).toBe(true));
    await entries.deleteOne({ chain: chainOf(workerId), seq: 3 });
    const missing = await t.http
      .post(`/workers/${workerId}/personal-data-reads/verification`)
      .set('Authorization', officer)
      .expect(200);
    expect(missing.body).toMatchObject({ intact: false, entries: 3, firstBadSeq: 3, problem: 'MISSING' });
  });

  it('a checkpoint kept from an earlier verification detects a chain rolled back below it', async () => {
    const employer = await anActiveEmployer(t, { state: 'CHP' });
    const { workerId } = await applyFor(t, employer, aDistinctWorker());
    const officer = await t.callers.officer('CHP');
    for (const purpose of ['Primera consulta', 'Segunda consulta']) {
      await t.http
        .post(`/workers/${workerId}/personal-data-reads`)
        .set('Authorization', officer)
        .send({ purpose })
        .expect(200);
    }
    const { body } = await t.http
      .post(`/workers/${workerId}/personal-data-reads/verification`)
      .set('Authorization', officer)
      .expect(200);
    const checkpoint = body.head as { seq: number; hash: string };
    expect(checkpoint.seq).toBe(2);

    // The last entry removed with the chain's head (no head reads as position 0): only the checkpoint can tell.
    const heads = t.connection.collection(`${READ_LOG_COLLECTION}_heads`);
    await t.connection.collection(READ_LOG_COLLECTION).deleteOne({ chain: chainOf(workerId), seq: 2 });
    await heads.deleteOne({ _id: chainOf(workerId) } as never);

    const rolledBack = await t.http
      .post(`/workers/${workerId}/personal-data-reads/verification`)
      .set('Authorization', officer)
      .send({ expectedAtLeast: checkpoint })
      .expect(200);
    expect(rolledBack.body).toMatchObject({ intact: false, firstBadSeq: 2, problem: 'ROLLED_BACK' });
  });

  it('refuses a malformed checkpoint with 400', async () => {
    const employer = await anActiveEmployer(t, { state: 'CHP' });
    const { workerId } = await applyFor(t, employer, aDistinctWorker());
    const refused = await t.http
      .post(`/workers/${workerId}/personal-data-reads/verification`)
      .set('Authorization', await t.callers.officer('CHP'))
      .send({ expectedAtLeast: { seq: -1, hash: 'not-a-hash' } })
      .expect(400);
    expect(refused.body.code).toBe('VALIDATION.FAILED');
  });

  it('a worker whose log head was forged is not shown: 409 WORKER.READ_LOG_NOT_INTACT, nothing recorded', async () => {
    const employer = await anActiveEmployer(t, { state: 'CHP' });
    const { workerId } = await applyFor(t, employer, aDistinctWorker());
    const officer = await t.callers.officer('CHP');
    await t.http
      .post(`/workers/${workerId}/personal-data-reads`)
      .set('Authorization', officer)
      .send({ purpose: PURPOSE })
      .expect(200);
    await t.connection
      .collection(`${READ_LOG_COLLECTION}_heads`)
      .updateOne({ _id: chainOf(workerId) } as never, { $set: { mac: '0'.repeat(64) } });

    const refused = await t.http
      .post(`/workers/${workerId}/personal-data-reads`)
      .set('Authorization', officer)
      .send({ purpose: PURPOSE })
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'WORKER.READ_LOG_NOT_INTACT', problem: 'HEAD_ALTERED' });
    expect(refused.body.personalData).toBeUndefined();
    expect(await entriesOf(workerId)).toBe(1);
  });
});
