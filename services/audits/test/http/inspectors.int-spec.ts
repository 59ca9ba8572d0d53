import { uniqueName } from '@frontera/platform-testing';
import { INSPECTORS_COLLECTION, TASKS_COLLECTION } from '../../src/persistence/audits.schemas';
import {
  anInspector,
  anInspectorRequest,
  startAuditsApp,
  type AuditsTestHarness,
} from '../support/audits-test-app';
import { aSweptTask } from '../support/tasks';

jest.setTimeout(90_000);

/** Inspectors over HTTP on the real servers: registration, lists, reason-only (de)activation, bad input. */
describe('inspectors (real FerretDB, Redis)', () => {
  let h: AuditsTestHarness;

  beforeAll(async () => {
    h = await startAuditsApp({ redisDb: 4 });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('a supervisor registers an inspector for areas of its states; it is listed and readable, by the inspector too', async () => {
    const body = anInspectorRequest({
      states: ['CHP'],
      municipalities: ['Tapachula', 'Suchiate'],
      capacity: 7,
    });
    body.conflicts = ['org_conflict_1'];
    const created = await h.t.http
      .post('/inspectors')
      .set('Authorization', await h.as.supervisor('CHP'))
      .send(body)
      .expect(201);

    expect(created.body).toEqual({
      inspectorId: body.inspectorId,
      status: 'ACTIVE',
      areas: [{ state: 'CHP', municipalities: ['Suchiate', 'Tapachula'] }],
      capacity: 7,
      conflicts: ['org_conflict_1'],
      allowedActions: expect.arrayContaining(['DEACTIVATE']),
    });
    const listed = await h.t.http
      .get('/inspectors')
      .set('Authorization', await h.as.supervisor('CHP'))
      .expect(200);
    expect(listed.body.items.map((i: { inspectorId: string }) => i.inspectorId)).toContain(body.inspectorId);
    const own = await h.t.http
      .get(`/inspectors/${body.inspectorId}`)
      .set('Authorization', await h.as.inspector(body.inspectorId, 'CHP'))
      .expect(200);
    expect(own.body.capacity).toBe(7);
    const elsewhere = await h.t.http
      .get('/inspectors?state=CHP')
      .set('Authorization', await h.as.supervisor('TAB'))
      .expect(200);
    expect(elsewhere.body.items).toEqual([]);
  });

  it('deactivation and activation take a reason; a repeated one is 409 with the current state and the allowed actions', async () => {
    const inspectorId = await anInspector(h, { states: ['CHP'] });
    const supervisor = await h.as.supervisor('CHP');
    const deactivated = await h.t.http
      .post(`/inspectors/${inspectorId}/deactivation`)
      .set('Authorization', supervisor)
      .send({ reason: 'Licencia médica' })
      .expect(200);
    expect(deactivated.body.status).toBe('INACTIVE');
    const before = await h.t.raw(INSPECTORS_COLLECTION, inspectorId);

    const again = await h.t.http
      .post(`/inspectors/${inspectorId}/deactivation`)
      .set('Authorization', supervisor)
      .send({ reason: 'Otra vez' })
      .expect(409);

    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.body).toMatchObject({
      code: 'INSPECTOR.TRANSITION_NOT_ALLOWED',
      currentState: 'INACTIVE',
      allowedActions: expect.arrayContaining(['ACTIVATE']),
    });
    expect((await h.t.raw(INSPECTORS_COLLECTION, inspectorId))?.['version']).toBe(before?.['version']);
    const activated = await h.t.http
      .post(`/inspectors/${inspectorId}/activation`)
      .set('Authorization', supervisor)
      .send({ reason: 'Regresó de licencia' })
      .expect(200);
    expect(activated.body.status).toBe('ACTIVE');
    const inactive = await h.t.http
      .get('/inspectors?status=INACTIVE')
      .set('Authorization', supervisor)
      .expect(200);
    expect(inactive.body.items.map((i: { inspectorId: string }) => i.inspectorId)).not.toContain(inspectorId);
  });

  // The release's events are published with its writes; one left to the outbox relay (a publish
  // that failed under load) waits for the relay's idle back-off (up to 10 s) and its grace (2 s).
  const EVENT_WAIT_MS = 30_000;

  // Other cases of this file register inspectors for all of CHP, who would compete for the task
  // (the policy picks the lowest load, then the lower id): these two cases work in a state of their own.
  const STATE = 'CAM';

  async function deactivate(inspectorId: string | null, reason: string, status: number): Promise<void> {
    await h.t.http
      .post(`/inspectors/${String(inspectorId)}/deactivation`)
      .set('Authorization', await h.as.supervisor(STATE))
      .send({ reason })
      .expect(status);
  }

  it('a deactivated inspector’s ASSIGNED task goes to another qualifying inspector automatically, once', async () => {
    const { taskId, inspectorId, municipality } = await aSweptTask(h, { state: STATE });
    const other = await anInspector(h, { states: [STATE], municipalities: [municipality] });

    await deactivate(inspectorId, 'Licencia médica', 200);

    const reassigned = await h.t.raw(TASKS_COLLECTION, taskId);
    expect(reassigned).toMatchObject({ status: 'ASSIGNED', inspectorId: other });
    const assigned = await h.t.events.waitFor(taskId, 'frontera.audit.task.assigned', 2, EVENT_WAIT_MS);
    expect(assigned.at(-1)?.event.data).toEqual({
      taskId,
      employerId: reassigned?.['employerId'],
      inspectorId: other,
      mode: 'AUTOMATIC',
      previousInspectorId: inspectorId,
      reason: 'INSPECTOR_DEACTIVATED',
    });
    await deactivate(inspectorId, 'Otra vez', 409);
    expect((await h.t.raw(TASKS_COLLECTION, taskId))?.['version']).toBe(reassigned?.['version']);
  });

  it('a deactivated inspector’s ASSIGNED task nobody else qualifies for goes back to PENDING_ASSIGNMENT, once', async () => {
    const { taskId, inspectorId } = await aSweptTask(h, { state: STATE });

    await deactivate(inspectorId, 'Licencia médica', 200);

    const released = await h.t.raw(TASKS_COLLECTION, taskId);
    expect(released).toMatchObject({ status: 'PENDING_ASSIGNMENT', inspectorId: null });
    const [unassigned] = await h.t.events.waitFor(taskId, 'frontera.audit.task.unassigned', 1, EVENT_WAIT_MS);
    expect(unassigned?.event.data).toMatchObject({
      taskId,
      previousInspectorId: inspectorId,
      reason: 'INSPECTOR_DEACTIVATED',
    });
    await deactivate(inspectorId, 'Otra vez', 409);
    expect((await h.t.raw(TASKS_COLLECTION, taskId))?.['version']).toBe(released?.['version']);
  });

  it('a second registration of the same id is 409 INSPECTOR.ALREADY_REGISTERED and changes nothing', async () => {
    const body = anInspectorRequest({ states: ['CHP'], capacity: 3 });
    const supervisor = await h.as.supervisor('CHP');
    await h.t.http.post('/inspectors').set('Authorization', supervisor).send(body).expect(201);

    const second = await h.t.http
      .post('/inspectors')
      .set('Authorization', supervisor)
      .send({ ...body, capacity: 50 })
      .expect(409);

    expect(second.body.code).toBe('INSPECTOR.ALREADY_REGISTERED');
    expect((await h.t.raw(INSPECTORS_COLLECTION, body.inspectorId))?.['version']).toBe(1);
    const stored = await h.t.http
      .get(`/inspectors/${body.inspectorId}`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(stored.body.capacity).toBe(3);
  });

  it('the same Idempotency-Key with the same body replays the first answer', async () => {
    const body = anInspectorRequest({ states: ['CHP'] });
    const supervisor = await h.as.supervisor('CHP');
    const key = uniqueName('key');
    const first = await h.t.http
      .post('/inspectors')
      .set('Authorization', supervisor)
      .set('Idempotency-Key', key)
      .send(body)
      .expect(201);
    const replay = await h.t.http
      .post('/inspectors')
      .set('Authorization', supervisor)
      .set('Idempotency-Key', key)
      .send(body)
      .expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
  });

  it.each([
    ['capacity 0', { capacity: 0 }, 400, 'VALIDATION.FAILED'],
    ['capacity above the maximum', { capacity: 201 }, 400, 'VALIDATION.FAILED'],
    ['an unknown state', { areas: [{ state: 'XXX' }] }, 400, 'VALIDATION.FAILED'],
    ['no areas', { areas: [] }, 400, 'VALIDATION.FAILED'],
    ['an operator instead of an id', { inspectorId: { $ne: null } }, 400, 'VALIDATION.FAILED'],
    ['an unknown field', { salary: 10 }, 400, 'VALIDATION.FAILED'],
    ['a state twice', { areas: [{ state: 'CHP' }, { state: 'CHP' }] }, 422, 'INSPECTOR.INVALID_DATA'],
  ])('refuses %s with 4xx problem details and stores nothing', async (_case, change, status, code) => {
    const body = { ...anInspectorRequest({ states: ['CHP'] }), ...change };
    const refused = await h.t.http
      .post('/inspectors')
      .set('Authorization', await h.as.supervisor('CHP'))
      .send(body)
      .expect(status);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.code).toBe(code);
    if (typeof body.inspectorId === 'string') {
      expect(await h.t.raw(INSPECTORS_COLLECTION, body.inspectorId)).toBeNull();
    }
  });

  it('a reason that is empty or too long is refused with 4xx and changes nothing', async () => {
    const inspectorId = await anInspector(h, { states: ['CHP'] });
    const supervisor = await h.as.supervisor('CHP');
    for (const reason of ['', 'x'.repeat(501)]) {
      const refused = await h.t.http
        .post(`/inspectors/${inspectorId}/deactivation`)
        .set('Authorization', supervisor)
        .send({ reason });
      expect([400, 422]).toContain(refused.status);
      expect(refused.body.code).toEqual(expect.any(String));
    }
    expect((await h.t.raw(INSPECTORS_COLLECTION, inspectorId))?.['status']).toBe('ACTIVE');
  });
});
