import { CalendarDate } from '@frontera/shared-kernel';
import { JobsService } from '@frontera/platform-jobs';
import { uniqueName, waitFor } from '@frontera/platform-testing';
import { QUEUES } from '../../src/jobs/queues';
import { PLANS_COLLECTION, TASKS_COLLECTION } from '../../src/persistence/audits.schemas';
import { TASK_SWEEP_SCHEDULER_ID } from '../../src/sweeps/task-sweeps';
import { TASK_SWEEP_JOB_NAME } from '../../src/sweeps/task-sweep.queue';
import {
  anInspector,
  aVerifiedEmployer,
  historyOf,
  startAuditsApp,
  type AuditsTestHarness,
} from '../support/audits-test-app';
import { aMunicipality, aSweptTask } from '../support/tasks';

jest.setTimeout(150_000);

const OFFSET = -360;
const today = () => CalendarDate.fromInstant(new Date(), OFFSET);

interface Scheduled {
  key: string;
  kind: string;
  createOn: string;
  dueOn: string;
  taskId: string | null;
}

/**
 * The task sweep as the scheduled BullMQ job on the real servers, time moved by the injected clock
 * (never by sleeping): follow-ups appear on the corrective-action deadline, assigned by rotation;
 * buckets are days (equality), so a day the sweep did not look back to stays untouched until it does;
 * a forced-labour finding raises the tier and replans at once.
 */
describe('task sweep (scheduled BullMQ job, injected clock)', () => {
  let h: AuditsTestHarness;

  beforeAll(async () => {
    h = await startAuditsApp({ redisDb: 8 });
  });

  afterEach(() => h.clock.reset());

  afterAll(async () => {
    await h?.close();
  });

  const scheduledOf = async (employerId: string) =>
    ((await h.t.raw(PLANS_COLLECTION, employerId))?.['record'] as { scheduled: Scheduled[] }).scheduled;

  it('is planned under one stable scheduler id, and a job on its queue runs the sweep', async () => {
    const jobs = h.t.app.get(JobsService);
    const queue = jobs.queue(QUEUES.taskSweep);
    const schedules = await waitFor(async () => {
      const found = await queue.schedules();
      return found.length > 0 ? found : undefined;
    }, 'the sweep scheduler');
    expect(schedules.map((s) => s.key ?? s.id)).toEqual([TASK_SWEEP_SCHEDULER_ID]);
    const municipality = aMunicipality();
    const inspectorId = await anInspector(h, { states: ['CHP'], municipalities: [municipality] });
    const employer = await aVerifiedEmployer(h.t, { municipality });

    await queue.add(TASK_SWEEP_JOB_NAME, {});

    const task = await waitFor(async () => {
      const taskId = (await scheduledOf(employer.employerId))[0]?.taskId;
      const made = taskId ? await h.t.raw(TASKS_COLLECTION, taskId) : null;
      // The task is written, then assigned: wait for the job to finish both.
      return made?.['status'] === 'ASSIGNED' ? made : undefined;
    }, 'the task made and assigned by the job');
    expect(task).toMatchObject({ status: 'ASSIGNED', inspectorId, employerId: employer.employerId });
  });

  it('the follow-up of a VIOLATIONS audit is created on the deadline — not before, not missed after — and rotates to another inspector', async () => {
    const { employer, taskId, inspectorId } = await aSweptTask(h);
    const other = await anInspector(h, { states: ['CHP'], municipalities: [employer.municipality] });
    const inspector = await h.as.inspector(inspectorId as string, 'CHP');
    await h.t.http.post(`/tasks/${taskId}/start`).set('Authorization', inspector).expect(200);
    await h.t.http
      .post(`/tasks/${taskId}/findings`)
      .set('Authorization', inspector)
      .send({ code: 'NO_WRITTEN_CONTRACT', workersAffected: 4 })
      .expect(201);
    const deadline = today().addDays(10).toString();
    await h.t.http
      .post(`/tasks/${taskId}/completion`)
      .set('Authorization', inspector)
      .send({ correctiveActionDeadline: deadline })
      .expect(200);
    const followUp = await waitFor(async () => {
      const found = (await scheduledOf(employer.employerId)).find((s) => s.key === `FOLLOW_UP:${taskId}`);
      return found ?? undefined;
    }, 'the follow-up planned');
    expect(followUp).toMatchObject({ kind: 'FOLLOW_UP', createOn: deadline, taskId: null });

    h.clock.shiftDays(9);
    expect((await h.sweep()).failed).toBe(0);
    expect((await scheduledOf(employer.employerId)).find((s) => s.key === followUp.key)?.taskId).toBeNull();

    // Three days past the deadline, a sweep that looks back no day does not see the deadline's bucket…
    h.clock.shiftDays(13);
    await h.sweep(0);
    expect((await scheduledOf(employer.employerId)).find((s) => s.key === followUp.key)?.taskId).toBeNull();
    // …the catch-up window (TASK_SWEEP_CATCH_UP_DAYS, 7) does.
    const caught = await h.sweep();

    expect(caught.failed).toBe(0);
    const followUpTaskId = (await scheduledOf(employer.employerId)).find(
      (s) => s.key === followUp.key,
    )?.taskId;
    expect(followUpTaskId).toEqual(expect.stringMatching(/^tsk_/));
    const stored = await h.t.raw(TASKS_COLLECTION, followUpTaskId as string);
    // Rotation: not the inspector of the employer's previous audit.
    expect(stored).toMatchObject({ status: 'ASSIGNED', inspectorId: other });
    const [created] = await h.t.events.waitFor(followUpTaskId as string, 'frontera.audit.task.created');
    expect(created?.event.data).toMatchObject({
      kind: 'FOLLOW_UP',
      originType: 'FOLLOW_UP',
      originId: taskId,
    });
    expect((await h.sweep()).created).toBe(0);
  });

  it('a forced-labour indicator makes the audit a REFERRAL, raises the tier to HIGH at once and replans on the HIGH cadence without a second schedule', async () => {
    const { employer, taskId, inspectorId } = await aSweptTask(h);
    const inspector = await h.as.inspector(inspectorId as string, 'CHP');
    await h.t.http.post(`/tasks/${taskId}/start`).set('Authorization', inspector).expect(200);
    await h.t.http
      .post(`/tasks/${taskId}/findings`)
      .set('Authorization', inspector)
      .send({ findingId: uniqueName('fnd'), code: 'DEBT_BONDAGE', workersAffected: 2 })
      .expect(201);

    const completed = await h.t.http
      .post(`/tasks/${taskId}/completion`)
      .set('Authorization', inspector)
      .send({})
      .expect(200);

    expect(completed.body.completion.outcome).toBe('REFERRAL');
    const high = await waitFor(
      () =>
        h.t.events
          .about(employer.employerId, 'frontera.audit.risk.changed')
          .find((e) => (e.event.data as { tier: string }).tier === 'HIGH'),
      'risk HIGH published',
    );
    expect(high.event.data).toMatchObject({
      employerId: employer.employerId,
      previousTier: expect.any(String),
    });
    const plan = await waitFor(async () => {
      const p = await h.t.raw(PLANS_COLLECTION, employer.employerId);
      return (p?.['record'] as { tier: string; cadenceDays: number }).tier === 'HIGH' ? p : undefined;
    }, 'the plan on HIGH');
    expect((plan?.['record'] as { cadenceDays: number }).cadenceDays).toBe(30);
    const periodic = (await scheduledOf(employer.employerId)).filter((s) => s.key.startsWith('PERIODIC:'));
    expect(periodic).toHaveLength(1);
    const completedOn = CalendarDate.fromInstant(new Date(completed.body.completion.completedAt), OFFSET);
    expect(periodic[0]?.dueOn).toBe(completedOn.addDays(30).toString());
  });

  it('an open task past its due time is escalated once by the overdue bucket of its due day (frontera.audit.task.overdue, no date in it)', async () => {
    const { taskId } = await aSweptTask(h);
    const dueAt = Date.parse(
      ((await h.t.raw(TASKS_COLLECTION, taskId))?.['record'] as { dueAt: string }).dueAt,
    );
    h.clock.shiftDays(Math.ceil((dueAt - Date.now()) / 86_400_000) - 1);
    expect(h.clock.now().getTime()).toBeLessThan(dueAt);
    await h.sweep();
    expect((await h.t.raw(TASKS_COLLECTION, taskId))?.['record']).toMatchObject({ escalatedAt: null });

    h.clock.shiftDays(Math.ceil((dueAt - Date.now()) / 86_400_000) + 1);
    const swept = await h.sweep();

    expect(swept.escalated).toBeGreaterThanOrEqual(1);
    const stored = await h.t.raw(TASKS_COLLECTION, taskId);
    expect(stored).toMatchObject({ status: 'ASSIGNED', overdueOn: null });
    expect((stored?.['record'] as { escalatedAt: string | null }).escalatedAt).toEqual(expect.any(String));
    const [overdue] = await h.t.events.waitFor(taskId, 'frontera.audit.task.overdue');
    expect(overdue?.event.data).toMatchObject({ taskId, status: 'ASSIGNED', kind: 'PERIODIC', state: 'CHP' });
    expect(Object.keys(overdue?.event.data as object)).not.toEqual(expect.arrayContaining(['dueDate']));
    await h.sweep();
    await h.sweep();
    // Counted in this app's database (other test apps on the shared topics may plan the same employer).
    const escalations = (await historyOf(h, 'task', taskId)).filter((e) => e.action === 'MARK_OVERDUE');
    expect(escalations).toHaveLength(1);

    // The supervisors' overdue list (GET /tasks?overdue=true): their states only, open tasks only.
    const overdueIds = async (bearer: string, query = '') =>
      (
        (await h.t.http.get(`/tasks?overdue=true${query}`).set('Authorization', bearer).expect(200)).body
          .items as { id: string; escalatedAt: string | null }[]
      ).map((t) => t.id);
    const supervisor = await h.as.supervisor('CHP');
    expect(await overdueIds(supervisor)).toContain(taskId);
    expect(await overdueIds(supervisor, '&status=ASSIGNED')).toContain(taskId);
    expect(await overdueIds(supervisor, '&status=IN_PROGRESS')).not.toContain(taskId);
    expect(await overdueIds(await h.as.supervisor('TAB'))).not.toContain(taskId);
    expect(await overdueIds(supervisor, '&state=TAB')).not.toContain(taskId);
    expect(stored?.['overdueState']).toBe('CHP');
    const bad = await h.t.http.get('/tasks?overdue=yes').set('Authorization', supervisor).expect(400);
    expect(bad.body.code).toBe('VALIDATION.FAILED');
    const inspectorId = (stored?.['record'] as { inspectorId: string }).inspectorId;
    const inspector = await h.as.inspector(inspectorId, 'CHP');
    expect(await overdueIds(inspector)).toEqual([taskId]);
    // Started it stays on the list; completed, it leaves it.
    await h.t.http.post(`/tasks/${taskId}/start`).set('Authorization', inspector).expect(200);
    expect(await overdueIds(supervisor, '&status=IN_PROGRESS')).toContain(taskId);
    await h.t.http.post(`/tasks/${taskId}/completion`).set('Authorization', inspector).send({}).expect(200);
    expect(await overdueIds(supervisor)).not.toContain(taskId);
    expect((await h.t.raw(TASKS_COLLECTION, taskId))?.['overdueState']).toBeNull();
  });
});
