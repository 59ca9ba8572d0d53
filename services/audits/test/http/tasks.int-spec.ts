import { waitFor } from '@frontera/platform-testing';
import { PLANS_COLLECTION, TASKS_COLLECTION } from '../../src/persistence/audits.schemas';
import { anInspector, historyOf, startAuditsApp, type AuditsTestHarness } from '../support/audits-test-app';
import { aSweptTask } from '../support/tasks';

jest.setTimeout(120_000);

/**
 * Audit tasks over HTTP on the real servers: the sweep makes and assigns them, the inspector starts,
 * records findings and completes; the outcome is published for the employers service and shown to the
 * employer without any planned date; supervisors assign and reassign.
 */
describe('audit tasks (real Kafka, FerretDB, Redis)', () => {
  let h: AuditsTestHarness;

  beforeAll(async () => {
    h = await startAuditsApp({ redisDb: 5 });
  });

  afterAll(async () => {
    await h?.close();
  });

  const stored = async (taskId: string) =>
    (await h.t.raw(TASKS_COLLECTION, taskId)) as Record<string, unknown>;
  const historyOfTask = (taskId: string) => historyOf(h, 'task', taskId);

  it('the sweep turns the first periodic audit into a task assigned to the inspector covering the area, once', async () => {
    const { employer, taskId, inspectorId } = await aSweptTask(h);

    expect(await stored(taskId)).toMatchObject({
      status: 'ASSIGNED',
      inspectorId,
      employerId: employer.employerId,
    });
    const [created] = await h.t.events.waitFor(taskId, 'frontera.audit.task.created');
    expect(created?.event.data).toMatchObject({
      employerId: employer.employerId,
      kind: 'PERIODIC',
      originType: 'PLAN',
    });
    const [assigned] = await h.t.events.waitFor(taskId, 'frontera.audit.task.assigned');
    expect(assigned?.event.data).toMatchObject({ inspectorId, mode: 'AUTOMATIC' });
    const planAfter = await h.t.raw(PLANS_COLLECTION, employer.employerId);
    const historyAfter = await historyOfTask(taskId);

    const again = await h.sweep();

    expect(again.failed).toBe(0);
    expect((await h.t.raw(PLANS_COLLECTION, employer.employerId))?.['version']).toBe(planAfter?.['version']);
    expect((await stored(taskId))['version']).toBe(2);
    // Counted in this app's database: other test apps on the shared topics may plan the same employer.
    expect(await historyOfTask(taskId)).toEqual(historyAfter);
    expect(historyAfter.filter((e) => e.action === 'CREATE')).toHaveLength(1);
  });

  it('the inspector sees its own tasks, starts, records findings, completes; the outcome is published and the plan follows up', async () => {
    const { employer, taskId, inspectorId } = await aSweptTask(h);
    const inspector = await h.as.inspector(inspectorId as string, 'CHP');

    const mine = await h.t.http.get('/tasks').set('Authorization', inspector).expect(200);
    expect(mine.body.items.map((t: { id: string }) => t.id)).toEqual([taskId]);
    const theirs = await h.t.http
      .get('/tasks')
      .set('Authorization', await h.as.inspector('insp_other', 'CHP'))
      .expect(200);
    expect(theirs.body.items).toEqual([]);

    const started = await h.t.http.post(`/tasks/${taskId}/start`).set('Authorization', inspector).expect(200);
    expect(started.body).toMatchObject({
      status: 'IN_PROGRESS',
      allowedActions: expect.arrayContaining(['COMPLETE']),
    });
    await h.t.events.waitFor(taskId, 'frontera.audit.task.started');

    const finding = {
      findingId: 'fnd_wage_1',
      code: 'WAGE_BELOW_MINIMUM',
      workersAffected: 3,
      notes: 'Pago a José Pérez por debajo del mínimo',
    };
    const recorded = await h.t.http
      .post(`/tasks/${taskId}/findings`)
      .set('Authorization', inspector)
      .send(finding)
      .expect(201);
    expect(recorded.body).toMatchObject({ findingId: 'fnd_wage_1', recorded: true });
    const repeated = await h.t.http
      .post(`/tasks/${taskId}/findings`)
      .set('Authorization', inspector)
      .send(finding)
      .expect(201);
    expect(repeated.body.recorded).toBe(false);
    expect(repeated.body.task.findings).toHaveLength(1);
    // The notes are sealed at rest: the stored record holds no trace of them.
    expect(JSON.stringify(await stored(taskId))).not.toContain('José Pérez');

    const completed = await h.t.http
      .post(`/tasks/${taskId}/completion`)
      .set('Authorization', inspector)
      .send({})
      .expect(200);

    expect(completed.body.status).toBe('COMPLETED');
    expect(completed.body.completion).toMatchObject({
      outcome: 'VIOLATIONS',
      correctiveActionDeadline: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    const [outcome] = await h.t.events.waitFor(taskId, 'frontera.audit.outcome.recorded');
    expect(outcome?.event.data).toEqual({
      taskId,
      employerId: employer.employerId,
      kind: 'PERIODIC',
      outcome: 'VIOLATIONS',
      findings: [
        { code: 'WAGE_BELOW_MINIMUM', severity: 'SERIOUS', workersAffected: 3, forcedLabourIndicator: false },
      ],
      correctiveActionDeadline: completed.body.completion.correctiveActionDeadline,
      completedAt: completed.body.completion.completedAt,
      worksiteId: employer.worksiteId,
      inspectorId,
      state: 'CHP',
    });
    expect(outcome?.raw).not.toContain('José Pérez');
    expect(outcome?.key).toBe(employer.employerId);
    // The plan consumes the outcome: a FOLLOW_UP on the corrective-action deadline and the next periodic audit.
    const plan = await waitFor(async () => {
      const p = await h.t.raw(PLANS_COLLECTION, employer.employerId);
      const scheduled = (p?.['record'] as { scheduled: { key: string; createOn: string }[] }).scheduled;
      return scheduled.some((s) => s.key === `FOLLOW_UP:${taskId}`) ? scheduled : undefined;
    }, 'follow-up scheduled');
    expect(plan.find((s) => s.key === `FOLLOW_UP:${taskId}`)?.createOn).toBe(
      completed.body.completion.correctiveActionDeadline,
    );
    expect(plan.filter((s) => s.key.startsWith('PERIODIC:'))).toHaveLength(1);
  });

  it('a repeated start is 409 with the current state and the allowed actions, and changes nothing', async () => {
    const { taskId, inspectorId } = await aSweptTask(h);
    const inspector = await h.as.inspector(inspectorId as string, 'CHP');
    await h.t.http.post(`/tasks/${taskId}/start`).set('Authorization', inspector).expect(200);
    const before = await stored(taskId);

    const again = await h.t.http.post(`/tasks/${taskId}/start`).set('Authorization', inspector).expect(409);

    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.body).toMatchObject({
      code: 'AUDIT_TASK.TRANSITION_NOT_ALLOWED',
      currentState: 'IN_PROGRESS',
      allowedActions: expect.arrayContaining(['COMPLETE', 'RECORD_FINDING']),
    });
    expect((await stored(taskId))['version']).toBe(before['version']);
  });

  it('the employer sees only the outcome of a completed audit: no schedule, no due date, no inspector', async () => {
    const { employer, taskId, inspectorId } = await aSweptTask(h);
    const staff = await h.as.employer(employer.employerId);
    const none = await h.t.http
      .get(`/employers/${employer.employerId}/audit-outcomes`)
      .set('Authorization', staff)
      .expect(200);
    expect(none.body.items).toEqual([]);
    const inspector = await h.as.inspector(inspectorId as string, 'CHP');
    await h.t.http.post(`/tasks/${taskId}/start`).set('Authorization', inspector).expect(200);
    const completed = await h.t.http
      .post(`/tasks/${taskId}/completion`)
      .set('Authorization', inspector)
      .send({})
      .expect(200);

    const outcomes = await h.t.http
      .get(`/employers/${employer.employerId}/audit-outcomes`)
      .set('Authorization', staff)
      .expect(200);

    expect(outcomes.body.items).toEqual([
      {
        taskId,
        employerId: employer.employerId,
        worksiteId: employer.worksiteId,
        outcome: 'COMPLIANT',
        findings: [],
        correctiveActionDeadline: null,
        completedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      },
    ]);
    const text = JSON.stringify(outcomes.body);
    for (const hidden of ['dueOn', 'dueAt', 'inspectorId', 'kind', 'priority', completed.body.dueOn]) {
      expect(text).not.toContain(hidden);
    }
    await h.t.http
      .get(`/employers/${employer.employerId}/audit-outcomes`)
      .set('Authorization', await h.as.employer('org_another'))
      .expect(404);
  });

  it('nobody covers the area: the task waits PENDING_ASSIGNMENT on the supervisors’ list; a supervisor assigns, then reassigns with a reason', async () => {
    const { employer, taskId } = await aSweptTask(h, { withInspector: false });
    expect((await stored(taskId))['status']).toBe('PENDING_ASSIGNMENT');
    const supervisor = await h.as.supervisor('CHP');
    const pending = await h.t.http
      .get('/tasks?status=PENDING_ASSIGNMENT')
      .set('Authorization', supervisor)
      .expect(200);
    expect(pending.body.items.map((t: { id: string }) => t.id)).toContain(taskId);
    const first = await anInspector(h, { states: ['CHP'], municipalities: [employer.municipality] });
    const second = await anInspector(h, { states: ['CHP'], municipalities: [employer.municipality] });
    const conflicted = await anInspector(h, {
      states: ['CHP'],
      municipalities: [employer.municipality],
      conflicts: [employer.employerId],
    });

    const assigned = await h.t.http
      .post(`/tasks/${taskId}/assignment`)
      .set('Authorization', supervisor)
      .send({ inspectorId: first })
      .expect(200);
    expect(assigned.body).toMatchObject({ status: 'ASSIGNED', inspectorId: first });

    const withoutReason = await h.t.http
      .post(`/tasks/${taskId}/assignment`)
      .set('Authorization', supervisor)
      .send({ inspectorId: second })
      .expect(422);
    expect(withoutReason.body.code).toBe('AUDIT.INVALID_REASON');
    const sameInspector = await h.t.http
      .post(`/tasks/${taskId}/assignment`)
      .set('Authorization', supervisor)
      .send({ inspectorId: first, reason: 'Cambio' })
      .expect(409);
    expect(sameInspector.body.code).toBe('AUDIT_TASK.SAME_INSPECTOR');
    const notEligible = await h.t.http
      .post(`/tasks/${taskId}/assignment`)
      .set('Authorization', supervisor)
      .send({ inspectorId: conflicted, reason: 'Cambio' })
      .expect(409);
    expect(notEligible.body).toMatchObject({
      code: 'AUDIT_TASK.INSPECTOR_NOT_ELIGIBLE',
      failedRules: expect.arrayContaining(['NO_CONFLICT']),
    });
    expect((await stored(taskId))['inspectorId']).toBe(first);

    const reassigned = await h.t.http
      .post(`/tasks/${taskId}/assignment`)
      .set('Authorization', supervisor)
      .send({ inspectorId: second, reason: 'El inspector asignado está de licencia' })
      .expect(200);

    expect(reassigned.body.inspectorId).toBe(second);
    const events = await h.t.events.waitFor(taskId, 'frontera.audit.task.assigned', 2);
    const reassignment = events.find(
      (e) => (e.event.data as { previousInspectorId?: string }).previousInspectorId === first,
    );
    expect(reassignment?.event.data).toMatchObject({
      inspectorId: second,
      previousInspectorId: first,
      mode: 'MANUAL',
      reason: 'El inspector asignado está de licencia',
    });
  });

  it.each([
    ['an unknown finding code', 'findings', { code: 'NOT_A_FINDING' }, 400, 'VALIDATION.FAILED'],
    [
      'a negative count',
      'findings',
      { code: 'WAGE_BELOW_MINIMUM', workersAffected: -1 },
      400,
      'VALIDATION.FAILED',
    ],
    [
      'a per-worker finding without workers',
      'findings',
      { code: 'WAGE_BELOW_MINIMUM' },
      422,
      'AUDIT_TASK.FINDING_NEEDS_WORKERS',
    ],
    [
      'a permit not on the roster',
      'findings',
      { code: 'MINOR_EMPLOYED', permitIds: ['pmt_x'] },
      422,
      'AUDIT_TASK.NOT_ON_ROSTER',
    ],
    [
      'a deadline that is not a date',
      'completion',
      { correctiveActionDeadline: 'mañana' },
      400,
      'VALIDATION.FAILED',
    ],
    [
      'a deadline on a compliant audit',
      'completion',
      { correctiveActionDeadline: '2099-01-01' },
      422,
      'AUDIT_TASK.INVALID_CORRECTIVE_DEADLINE',
    ],
  ])('refuses %s with 4xx problem details and changes nothing', async (_case, action, body, status, code) => {
    const { taskId, inspectorId } = await aSweptTask(h);
    const inspector = await h.as.inspector(inspectorId as string, 'CHP');
    await h.t.http.post(`/tasks/${taskId}/start`).set('Authorization', inspector).expect(200);
    const before = await stored(taskId);

    const refused = await h.t.http
      .post(`/tasks/${taskId}/${action}`)
      .set('Authorization', inspector)
      .send(body);

    expect({ status: refused.status, code: refused.body.code }).toEqual({ status, code });
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await stored(taskId))['version']).toBe(before['version']);
  });

  it('a malformed task id is 400 and an unknown one 404', async () => {
    const supervisor = await h.as.supervisor('CHP');
    const malformed = await h.t.http.get('/tasks/not%20an%20id').set('Authorization', supervisor).expect(400);
    expect(malformed.body.code).toBe('VALIDATION.FAILED');
    const unknown = await h.t.http.get('/tasks/tsk_unknown').set('Authorization', supervisor).expect(404);
    expect(unknown.body.code).toBe('AUDIT_TASK.NOT_FOUND');
  });
});
