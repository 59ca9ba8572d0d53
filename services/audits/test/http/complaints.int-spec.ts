import { waitFor } from '@frontera/platform-testing';
import { COMPLAINTS_COLLECTION, TASKS_COLLECTION } from '../../src/persistence/audits.schemas';
import {
  anInspector,
  aVerifiedEmployer,
  startAuditsApp,
  type AuditsTestHarness,
} from '../support/audits-test-app';
import { aMunicipality } from '../support/tasks';

jest.setTimeout(120_000);

const DESCRIPTION = 'Nos retienen los pasaportes en la oficina del capataz Ramiro Gómez.';
const PLACE = 'Finca El Mirador, camino a Cacahoatán';

interface StoredComplaint {
  _id: string;
  status: string;
  record: { triage: { taskId: string } | null };
}

/**
 * Complaints on the real servers: anyone files one without login and follows it with receipt code and
 * secret; the free texts and the contact are encrypted at rest and never published; a complaint naming
 * a known employer is triaged by the service into a CRITICAL audit within 48 hours; supervisors triage
 * the others; the audit's end closes the complaint.
 */
describe('complaints (real Kafka, FerretDB, Redis)', () => {
  let h: AuditsTestHarness;

  beforeAll(async () => {
    h = await startAuditsApp({ redisDb: 10 });
  });

  afterAll(async () => {
    await h?.close();
  });

  const byCode = async (receiptCode: string) =>
    (await h.t.connection
      .collection(COMPLAINTS_COLLECTION)
      .findOne({ receiptCode: receiptCode.replace(/-/g, '') })) as unknown as StoredComplaint;

  it('anyone files one anonymously about a place and follows it with code and secret; texts are sealed and never published', async () => {
    const filed = await h.t.http
      .post('/complaints')
      .send({
        place: PLACE,
        state: 'CHP',
        description: DESCRIPTION,
        indicators: ['RETENTION_OF_IDENTITY_DOCUMENTS'],
      })
      .expect(201);

    expect(filed.body).toEqual({
      receiptCode: expect.stringMatching(/^Q-\d{2}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[0-9A-Z*]$/),
      secret: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      status: 'RECEIVED',
    });
    const stored = await byCode(filed.body.receiptCode);
    const raw = JSON.stringify(stored);
    for (const secretText of [DESCRIPTION, PLACE, filed.body.secret]) expect(raw).not.toContain(secretText);
    const [received] = await h.t.events.waitFor(stored._id, 'frontera.audit.complaint.received');
    expect(received?.event.data).toMatchObject({
      complaintId: stored._id,
      channel: 'WEB',
      anonymous: true,
      forcedLabourIndicator: true,
      state: 'CHP',
    });
    expect(received?.raw).not.toContain('pasaportes');

    const status = await h.t.http
      .post('/complaints/status')
      .send({
        receiptCode: filed.body.receiptCode.toLowerCase().replace(/-/g, ' '),
        secret: filed.body.secret,
      })
      .expect(200);
    expect(status.body).toMatchObject({
      receiptCode: filed.body.receiptCode,
      status: 'RECEIVED',
      informationAdded: 0,
    });
    const wrongSecret = await h.t.http
      .post('/complaints/status')
      .send({ receiptCode: filed.body.receiptCode, secret: 'not-the-secret-at-all' })
      .expect(404);
    expect(wrongSecret.body.code).toBe('COMPLAINT.NOT_FOUND');
    const malformed = await h.t.http
      .post('/complaints/status')
      .send({ receiptCode: 'Q-26-XXXX', secret: 'x' })
      .expect(422);
    expect(malformed.body.code).toBe('COMPLAINT.RECEIPT_CODE_INVALID');
  });

  it('a complaint naming a known employer with a forced-labour indicator becomes a CRITICAL audit due within 48 hours, assigned; its end closes the complaint', async () => {
    const municipality = aMunicipality();
    const inspectorId = await anInspector(h, { states: ['CHP'], municipalities: [municipality] });
    const employer = await aVerifiedEmployer(h.t, { municipality });
    const before = Date.now();

    const filed = await h.t.http
      .post('/complaints')
      .send({
        employerId: employer.employerId,
        state: 'CHP',
        description: DESCRIPTION,
        indicators: ['DEBT_BONDAGE'],
        contact: { name: 'Rosa Méndez', phone: '+529621234567', language: 'es' },
      })
      .expect(201);

    const complaint = await waitFor(async () => {
      const c = await byCode(filed.body.receiptCode);
      return c?.status === 'TRIAGED' ? c : undefined;
    }, 'automatic triage');
    const taskId = complaint.record.triage?.taskId as string;
    const task = await waitFor(async () => {
      const t = await h.t.raw(TASKS_COLLECTION, taskId);
      return t?.['status'] === 'ASSIGNED' ? t : undefined;
    }, 'the complaint task assigned');
    expect(task).toMatchObject({
      employerId: employer.employerId,
      worksiteId: employer.worksiteId,
      inspectorId,
    });
    const record = task['record'] as {
      kind: string;
      priority: string;
      dueAt: string;
      origin: { type: string };
    };
    expect(record).toMatchObject({ kind: 'COMPLAINT', priority: 'CRITICAL', origin: { type: 'COMPLAINT' } });
    expect(Date.parse(record.dueAt) - before).toBeLessThanOrEqual(48 * 3_600_000 + 60_000);
    expect(JSON.stringify(await byCode(filed.body.receiptCode))).not.toContain('Rosa Méndez');
    const view = await h.t.http
      .post('/complaints/status')
      .send({ receiptCode: filed.body.receiptCode, secret: filed.body.secret })
      .expect(200);
    expect(view.body.status).toBe('UNDER_REVIEW');

    const inspector = await h.as.inspector(inspectorId, 'CHP');
    await h.t.http.post(`/tasks/${taskId}/start`).set('Authorization', inspector).expect(200);
    await h.t.http.post(`/tasks/${taskId}/completion`).set('Authorization', inspector).send({}).expect(200);

    await waitFor(
      async () => (await byCode(filed.body.receiptCode))?.status === 'CLOSED' || undefined,
      'closed',
    );
    const closed = await h.t.events.waitFor(complaint._id, 'frontera.audit.complaint.closed');
    expect(closed[0]?.event.data).toMatchObject({ resolution: 'AUDITED', taskId });
  });

  it('a place complaint waits for a supervisor of its state, who triages it naming employer and worksite', async () => {
    const employer = await aVerifiedEmployer(h.t, { municipality: aMunicipality() });
    const filed = await h.t.http
      .post('/complaints')
      .send({ place: PLACE, state: 'CHP', description: DESCRIPTION })
      .expect(201);
    const stored = await waitFor(async () => (await byCode(filed.body.receiptCode)) ?? undefined, 'stored');
    const supervisor = await h.as.supervisor('CHP');
    const listed = await h.t.http.get('/complaints').set('Authorization', supervisor).expect(200);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toContain(stored._id);

    const withoutEmployer = await h.t.http
      .post(`/complaints/${stored._id}/triage`)
      .set('Authorization', supervisor)
      .send({})
      .expect(409);
    expect(withoutEmployer.body.code).toBe('COMPLAINT.EMPLOYER_REQUIRED');
    const elsewhere = await h.t.http
      .post(`/complaints/${stored._id}/triage`)
      .set('Authorization', await h.as.supervisor('TAB'))
      .send({ employerId: employer.employerId })
      .expect(404);
    expect(elsewhere.body.code).toBe('COMPLAINT.NOT_FOUND');

    const triaged = await h.t.http
      .post(`/complaints/${stored._id}/triage`)
      .set('Authorization', supervisor)
      .send({ employerId: employer.employerId, worksiteId: employer.worksiteId })
      .expect(200);

    expect(triaged.body).toMatchObject({
      status: 'TRIAGED',
      employerId: employer.employerId,
      taskId: expect.stringMatching(/^tsk_/),
    });
    const task = await h.t.raw(TASKS_COLLECTION, triaged.body.taskId);
    expect(task).toMatchObject({ status: 'PENDING_ASSIGNMENT', employerId: employer.employerId });
    expect((task?.['record'] as { priority: string }).priority).toBe('HIGH');
    const again = await h.t.http
      .post(`/complaints/${stored._id}/triage`)
      .set('Authorization', supervisor)
      .send({ employerId: employer.employerId, worksiteId: employer.worksiteId })
      .expect(409);
    expect(again.body).toMatchObject({ code: 'COMPLAINT.TRANSITION_NOT_ALLOWED', currentState: 'TRIAGED' });
  });

  it('an open complaint naming the employer raises its OPEN_COMPLAINTS risk at once; once the complaint closes, the factor is back to 0', async () => {
    const municipality = aMunicipality();
    const inspectorId = await anInspector(h, { states: ['CHP'], municipalities: [municipality] });
    const employer = await aVerifiedEmployer(h.t, { municipality });
    const officer = await h.as.officer('CHP');
    const openComplaints = async () => {
      const risk = await h.t.http
        .get(`/employers/${employer.employerId}/risk`)
        .set('Authorization', officer)
        .expect(200);
      return risk.body.factors.find((f: { code: string }) => f.code === 'OPEN_COMPLAINTS') as {
        points: number;
        evidence: { complaintIds: string[]; withForcedLabourIndicators: number };
      };
    };
    expect((await openComplaints()).points).toBe(0);

    const filed = await h.t.http
      .post('/complaints')
      .send({
        employerId: employer.employerId,
        state: 'CHP',
        description: DESCRIPTION,
        indicators: ['DEBT_BONDAGE'],
      })
      .expect(201);
    const complaint = await waitFor(async () => {
      const c = await byCode(filed.body.receiptCode);
      return c?.status === 'TRIAGED' ? c : undefined;
    }, 'automatic triage');
    const raised = await waitFor(async () => {
      const f = await openComplaints();
      return f.points > 0 ? f : undefined;
    }, 'OPEN_COMPLAINTS raised');
    expect(raised.evidence).toEqual({ complaintIds: [complaint._id], withForcedLabourIndicators: 1 });

    const taskId = complaint.record.triage?.taskId as string;
    await waitFor(
      async () => (await h.t.raw(TASKS_COLLECTION, taskId))?.['status'] === 'ASSIGNED' || undefined,
      'assigned',
    );
    const inspector = await h.as.inspector(inspectorId, 'CHP');
    await h.t.http.post(`/tasks/${taskId}/start`).set('Authorization', inspector).expect(200);
    await h.t.http.post(`/tasks/${taskId}/completion`).set('Authorization', inspector).send({}).expect(200);
    await h.t.events.waitFor(complaint._id, 'frontera.audit.complaint.closed');

    const lowered = await waitFor(async () => {
      const f = await openComplaints();
      return f.points === 0 ? f : undefined;
    }, 'OPEN_COMPLAINTS back to 0 after the complaint closed');
    expect(lowered.evidence).toEqual({ complaintIds: [], withForcedLabourIndicators: 0 });
  });

  it('the complainant adds information with code and secret; a supervisor dismisses a complaint, which then reads CLOSED and takes nothing more', async () => {
    const filed = await h.t.http
      .post('/complaints')
      .send({ place: PLACE, state: 'CHP', description: DESCRIPTION })
      .expect(201);
    const credentials = { receiptCode: filed.body.receiptCode, secret: filed.body.secret };
    const added = await h.t.http
      .post('/complaints/information')
      .send({ ...credentials, text: 'También retienen a los recién llegados, dice Lucía Pérez.' })
      .expect(200);
    expect(added.body).toMatchObject({ status: 'RECEIVED', informationAdded: 1 });
    const stored = await byCode(filed.body.receiptCode);
    expect(JSON.stringify(stored)).not.toContain('Lucía Pérez');
    const wrong = await h.t.http
      .post('/complaints/information')
      .send({ ...credentials, secret: 'another-secret-entirely', text: 'x' })
      .expect(404);
    expect(wrong.body.code).toBe('COMPLAINT.NOT_FOUND');
    const supervisor = await h.as.supervisor('CHP');

    const dismissed = await h.t.http
      .post(`/complaints/${stored._id}/dismissal`)
      .set('Authorization', supervisor)
      .send({ reason: 'El lugar no corresponde a un empleador del programa' })
      .expect(200);

    expect(dismissed.body.status).toBe('DISMISSED');
    const [closed] = await h.t.events.waitFor(stored._id, 'frontera.audit.complaint.closed');
    expect(closed?.event.data).toMatchObject({ resolution: 'DISMISSED', actorId: expect.any(String) });
    const view = await h.t.http.post('/complaints/status').send(credentials).expect(200);
    expect(view.body).toMatchObject({ status: 'CLOSED', informationAdded: 1, acceptsInformation: false });
    const late = await h.t.http
      .post('/complaints/information')
      .send({ ...credentials, text: 'más' })
      .expect(409);
    expect(late.body).toMatchObject({ code: 'COMPLAINT.TRANSITION_NOT_ALLOWED', currentState: 'DISMISSED' });
    const twice = await h.t.http
      .post(`/complaints/${stored._id}/dismissal`)
      .set('Authorization', supervisor)
      .send({ reason: 'Otra vez' })
      .expect(409);
    expect(twice.body.allowedActions).toEqual([]);
  });

  it.each([
    ['no description', { state: 'CHP', place: PLACE }, 400, 'VALIDATION.FAILED'],
    ['an unknown state', { state: 'XXX', place: PLACE, description: DESCRIPTION }, 400, 'VALIDATION.FAILED'],
    [
      'an unknown indicator',
      { state: 'CHP', place: PLACE, description: DESCRIPTION, indicators: ['NOPE'] },
      400,
      'VALIDATION.FAILED',
    ],
    [
      'an unknown field',
      { state: 'CHP', place: PLACE, description: DESCRIPTION, extra: 1 },
      400,
      'VALIDATION.FAILED',
    ],
    [
      'an operator as the employer',
      { state: 'CHP', employerId: { $ne: null }, description: DESCRIPTION },
      400,
      'VALIDATION.FAILED',
    ],
    [
      'a malformed e-mail',
      { state: 'CHP', place: PLACE, description: DESCRIPTION, contact: { email: 'not-an-email' } },
      422,
      'COMPLAINT.INVALID_DATA',
    ],
    ['neither employer nor place', { state: 'CHP', description: DESCRIPTION }, 422, 'COMPLAINT.INVALID_DATA'],
  ])('refuses %s with 4xx problem details and stores nothing', async (_case, body, status, code) => {
    const countBefore = await h.t.connection.collection(COMPLAINTS_COLLECTION).countDocuments({});
    const refused = await h.t.http.post('/complaints').send(body);
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status, code });
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await h.t.connection.collection(COMPLAINTS_COLLECTION).countDocuments({})).toBe(countBefore);
  });
});
