import { auditProgram, Inspector } from '@frontera/audits-domain';
import type { Caller } from '@frontera/shared-kernel';
import { anAuditsWorld, type AuditsWorld } from '../../testing/in-memory-ports';
import { ApplyEmployerFactHandler } from '../employer-facts/apply-employer-fact.handler';
import { SweepPlansHandler } from './sweep-plans.handler';

const T0 = new Date('2026-03-02T15:00:00.000Z');
const supervisor: Caller = { id: 'sup-1', role: 'supervisor', states: ['CHP'] };

async function given(world: AuditsWorld, employerId: string, municipality = 'Tapachula'): Promise<void> {
  const facts = new ApplyEmployerFactHandler(world);
  const meta = (n: number) => ({ eventId: `${employerId}-e${n}`, correlationId: 'c' });
  await facts.execute({ type: 'REGISTERED', employerId, sector: 'COFFEE' }, meta(1));
  await facts.execute(
    {
      type: 'WORKSITE_ADDED',
      employerId,
      worksite: { worksiteId: `${employerId}-ws`, state: 'CHP', municipality },
    },
    meta(2),
  );
  await facts.execute(
    { type: 'VERIFIED', employerId, sector: 'COFFEE', verifiedAt: T0.toISOString() },
    meta(3),
  );
}

async function anInspector(world: AuditsWorld, inspectorId: string, capacity = 5): Promise<void> {
  const inspector = Inspector.register({ inspectorId, areas: [{ state: 'CHP' }], capacity }, supervisor, T0);
  inspector.pullEvents();
  await world.inspectors.insert(inspector, []);
}

const sweep = (world: AuditsWorld) =>
  new SweepPlansHandler(world).execute({ now: world.clock.now(), correlationId: 'sweep', catchUpDays: 7 });

describe('SweepPlansHandler', () => {
  it('Given a verified employer and two inspectors, When the sweep runs twice, Then one task is created and assigned to the least-loaded inspector, once', async () => {
    const world = anAuditsWorld(T0);
    await anInspector(world, 'insp-busy', 5);
    await anInspector(world, 'insp-free', 5);
    await given(world, 'org-busy');
    // insp-busy already holds an audit of another employer.
    const first = await sweep(world);
    const [busyTask] = world.tasks.all();
    expect(first).toMatchObject({ plans: 1, created: 1, assigned: 1, failed: 0 });
    const holder = busyTask?.inspectorId;
    await given(world, 'org-2');

    const second = await sweep(world);
    const third = await sweep(world);

    expect(second).toMatchObject({ created: 1, assigned: 1, failed: 0 });
    expect(third).toMatchObject({ created: 0, assigned: 0, failed: 0 });
    const tasks = world.tasks.all();
    expect(tasks).toHaveLength(2);
    const other = tasks.find((t) => t.employerId === 'org-2');
    expect(other?.inspectorId).not.toBe(holder);
    expect(world.tasks.published.filter((e) => e.type === 'frontera.audit.task.created')).toHaveLength(2);
  });

  it('Given nobody covers the area, When the sweep runs, Then the task waits PENDING_ASSIGNMENT and the plan records it', async () => {
    const world = anAuditsWorld(T0);
    await given(world, 'org-1');

    const result = await sweep(world);

    expect(result).toMatchObject({ created: 1, assigned: 0, pendingAssignment: 1 });
    const [task] = world.tasks.all();
    expect(task?.status).toBe('PENDING_ASSIGNMENT');
    const [plan] = world.plans.all();
    expect(plan?.scheduled.map((s) => s.taskId)).toEqual([task?.id]);
    expect(plan?.taskOn).not.toBe(plan?.scheduled[0]?.createOn);
  });

  it('Given a plan whose employer was deregistered, When the facts arrive again, Then nothing changes a second time', async () => {
    const world = anAuditsWorld(T0);
    await given(world, 'org-1');
    await sweep(world);
    const facts = new ApplyEmployerFactHandler(world);
    const meta = { eventId: 'dereg-1', correlationId: 'c' };

    const first = await facts.execute({ type: 'DEREGISTERED', employerId: 'org-1' }, meta);
    const again = await facts.execute({ type: 'DEREGISTERED', employerId: 'org-1' }, meta);

    expect(first).toEqual({ profileChanged: true, plan: 'CHANGED', cancelledTasks: 1 });
    expect(again).toEqual({ profileChanged: false, plan: 'UNCHANGED', cancelledTasks: 0 });
    expect(world.tasks.all().map((t) => t.status)).toEqual(['CANCELLED']);
    expect(world.tasks.published.filter((e) => e.type === 'frontera.audit.task.cancelled')).toHaveLength(1);
  });
});

describe('SweepPlansHandler: the random sample of LOW-tier plans', () => {
  it('Given a LOW plan and a draw below the rate, When the sweep runs on its draw day, Then one RANDOM task is created, and later sweeps of the cycle draw nothing', async () => {
    const draws = [0.01, 0, 0.5];
    const world: AuditsWorld = {
      ...anAuditsWorld(T0),
      program: auditProgram({ randomAuditRate: 0.05 }),
      randomDraw: () => draws.shift() ?? 0.999,
    };
    await anInspector(world, 'insp-1', 5);
    await given(world, 'org-low');
    const plan = await world.plans.findById('org-low');
    expect(plan?.tier).toBe('LOW');
    expect(plan?.isRandomDrawDue(T0)).toBe(true);

    const first = await sweep(world);
    const second = await sweep(world);

    expect(first).toMatchObject({ randomDrawn: 1, randomSelected: 1, failed: 0 });
    expect(second).toMatchObject({ randomDrawn: 0, randomSelected: 0, created: 0 });
    const random = world.tasks.all().filter((t) => t.kind === 'RANDOM');
    expect(random).toHaveLength(1);
    expect(random[0]?.origin.type).toBe('RANDOM_SAMPLE');
    const after = await world.plans.findById('org-low');
    expect(after?.isRandomDrawDue(T0)).toBe(false);
    expect(after?.randomDrawDueOn).not.toBeNull();
  });

  it('Given a LOW plan and a draw above the rate, Then the cycle is drawn (recorded) and no RANDOM task is made', async () => {
    const world: AuditsWorld = { ...anAuditsWorld(T0), randomDraw: () => 0.5 };
    await given(world, 'org-unlucky');
    const swept = await sweep(world);
    expect(swept).toMatchObject({ randomDrawn: 1, randomSelected: 0 });
    expect(world.tasks.all().filter((t) => t.kind === 'RANDOM')).toHaveLength(0);
    expect((await world.plans.findById('org-unlucky'))?.lastRandomCycle).not.toBeNull();
  });
});
