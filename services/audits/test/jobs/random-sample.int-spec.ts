import { CalendarDate } from '@frontera/shared-kernel';
import { PLANS_COLLECTION, TASKS_COLLECTION } from '../../src/persistence/audits.schemas';
import {
  anInspector,
  aVerifiedEmployer,
  startAuditsApp,
  type AuditsTestHarness,
} from '../support/audits-test-app';
import { aMunicipality } from '../support/tasks';

jest.setTimeout(150_000);

const OFFSET = -360;

interface PlanRecord {
  tier: string;
  lastRandomCycle: string | null;
  randomDrawOn: string | null;
  scheduled: { key: string; kind: string; taskId: string | null }[];
}

/**
 * The random sample on the real servers, time moved by the injected clock: a LOW-tier plan is in the
 * sweep's day bucket on its draw day (equality on `taskOn`, never a scan of the register), drawn once
 * per cycle; with a rate of 1000 ‰ every LOW plan is selected, so what is asserted is the mechanism —
 * one RANDOM audit per employer and cycle, made into a task by the same sweep, the next draw on a day
 * of the next cycle — not luck. (Reproducibility of the draw itself: the domain and sweep specs.)
 */
describe('random sample of LOW-tier plans (scheduled sweep, injected clock)', () => {
  let h: AuditsTestHarness;

  beforeAll(async () => {
    h = await startAuditsApp({ redisDb: 0, env: { RANDOM_AUDIT_RATE_PER_MILLE: '1000' } });
  });

  afterEach(() => h.clock.reset());

  afterAll(async () => {
    await h?.close();
  });

  const planOf = async (employerId: string) =>
    (await h.t.raw(PLANS_COLLECTION, employerId)) as
      | (Record<string, unknown> & { record: PlanRecord })
      | null;
  const randomTasksOf = (employerId: string) =>
    h.t.connection.collection(TASKS_COLLECTION).find({ employerId, 'record.kind': 'RANDOM' }).toArray();

  it('a LOW plan is drawn on its draw day, once per cycle: one RANDOM task, then a draw on a day of the next cycle, never a second in the same cycle', async () => {
    const municipality = aMunicipality();
    await anInspector(h, { states: ['CHP'], municipalities: [municipality] });
    const employer = await aVerifiedEmployer(h.t, { municipality });
    const today = CalendarDate.fromInstant(new Date(), OFFSET).toString();
    const started = await planOf(employer.employerId);
    expect(started?.record.tier).toBe('LOW');
    expect(started?.record.randomDrawOn).toBe(today);
    expect(started?.['taskOn']).toBe(today);

    const swept = await h.sweep();

    expect(swept.randomSelected).toBeGreaterThanOrEqual(1);
    const drawn = await planOf(employer.employerId);
    const cycle = drawn?.record.lastRandomCycle as string;
    expect(cycle).toMatch(/^R\d+$/);
    const entry = drawn?.record.scheduled.find((e) => e.key === `RANDOM:${cycle}`);
    expect(entry?.taskId).toEqual(expect.any(String));
    const [task] = await randomTasksOf(employer.employerId);
    expect(task?.['_id']).toBe(entry?.taskId);
    expect(task?.['record']).toMatchObject({ kind: 'RANDOM', origin: { type: 'RANDOM_SAMPLE' } });
    const nextDraw = drawn?.record.randomDrawOn as string;
    expect(nextDraw > today).toBe(true);
    expect(drawn?.['taskOn']).not.toBe(today);

    await h.sweep();
    await h.sweep();
    expect(await randomTasksOf(employer.employerId)).toHaveLength(1);
    expect((await planOf(employer.employerId))?.record.lastRandomCycle).toBe(cycle);

    // the next cycle's draw day: drawn again, a second RANDOM audit (and only one)
    const drawDay = CalendarDate.tryParse(nextDraw) as CalendarDate;
    h.clock.shiftDays(Math.round((drawDay.startInstant(OFFSET).getTime() - Date.now()) / 86_400_000) + 1);
    expect(CalendarDate.fromInstant(h.clock.now(), OFFSET).toString() >= nextDraw).toBe(true);
    await h.sweep();
    await h.sweep();
    const again = await planOf(employer.employerId);
    expect(again?.record.lastRandomCycle).not.toBe(cycle);
    const tasks = await randomTasksOf(employer.employerId);
    expect(tasks).toHaveLength(2);
    expect(new Set(tasks.map((t) => t['_id'])).size).toBe(2);
  });

  it('employers never see it: no RANDOM task, schedule or draw day in what their staff may read', async () => {
    const employer = await aVerifiedEmployer(h.t, { municipality: aMunicipality() });
    await h.sweep();
    const [task] = await randomTasksOf(employer.employerId);
    expect(task).toBeDefined();
    const staff = await h.as.employer(employer.employerId);
    const outcomes = await h.t.http
      .get(`/employers/${employer.employerId}/audit-outcomes`)
      .set('Authorization', staff)
      .expect(200);
    expect(JSON.stringify(outcomes.body)).not.toMatch(/RANDOM|randomDrawOn|dueOn|\d{4}-\d{2}-\d{2}/);
    await h.t.http
      .get(`/employers/${employer.employerId}/audit-plan`)
      .set('Authorization', staff)
      .expect(403);
    const [created] = await h.t.events.waitFor(String(task?.['_id']), 'frontera.audit.task.created');
    expect(created?.event.data).toMatchObject({ kind: 'RANDOM', employerId: employer.employerId });
    expect(JSON.stringify(created?.event.data)).not.toMatch(/randomDrawOn|RANDOM:R/);
  });
});
