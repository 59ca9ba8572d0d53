import { Inspector } from '@frontera/audits-domain';
import type { Caller } from '@frontera/shared-kernel';
import { anAuditsWorld, type AuditsWorld } from '../../testing/in-memory-ports';
import { ApplyEmployerFactHandler } from '../employer-facts/apply-employer-fact.handler';
import { SweepPlansHandler } from '../sweep-plans/sweep-plans.handler';
import { InspectorDecisionsHandler } from './inspectors.handlers';

const T0 = new Date('2026-03-02T15:00:00.000Z');
const supervisor: Caller = { id: 'sup-1', role: 'supervisor', states: ['CHP'] };
const elsewhere: Caller = { id: 'sup-2', role: 'supervisor', states: ['TAB'] };

async function aVerifiedEmployer(world: AuditsWorld, employerId: string): Promise<void> {
  const facts = new ApplyEmployerFactHandler(world);
  const meta = (n: number) => ({ eventId: `${employerId}-e${n}`, correlationId: 'c' });
  await facts.execute({ type: 'REGISTERED', employerId, sector: 'COFFEE' }, meta(1));
  await facts.execute(
    {
      type: 'WORKSITE_ADDED',
      employerId,
      worksite: { worksiteId: `${employerId}-ws`, state: 'CHP', municipality: 'Tapachula' },
    },
    meta(2),
  );
  await facts.execute(
    { type: 'VERIFIED', employerId, sector: 'COFFEE', verifiedAt: T0.toISOString() },
    meta(3),
  );
}

async function anInspector(world: AuditsWorld, inspectorId: string): Promise<void> {
  const inspector = Inspector.register(
    { inspectorId, areas: [{ state: 'CHP' }], capacity: 5 },
    supervisor,
    T0,
  );
  inspector.pullEvents();
  await world.inspectors.insert(inspector, []);
}

const deactivate = (world: AuditsWorld, inspectorId: string, caller: Caller = supervisor) =>
  new InspectorDecisionsHandler(world).execute({
    operation: 'DEACTIVATE_INSPECTOR',
    key: inspectorId,
    reason: 'Baja por licencia',
    metadata: { caller, correlationId: 'deactivate' },
  });

/** A world with one task assigned to `insp-a` (the only inspector when it was swept). */
async function aWorldWithAnAssignedTask(): Promise<{ world: AuditsWorld; taskId: string }> {
  const world = anAuditsWorld(T0);
  await anInspector(world, 'insp-a');
  await aVerifiedEmployer(world, 'org-1');
  await new SweepPlansHandler(world).execute({ now: T0, correlationId: 'sweep', catchUpDays: 0 });
  const [task] = world.tasks.all();
  expect(task?.inspectorId).toBe('insp-a');
  return { world, taskId: task?.id as string };
}

describe('deactivating an inspector releases its ASSIGNED tasks', () => {
  it('Given another qualifying inspector, When the inspector is deactivated, Then its task is reassigned automatically to that one', async () => {
    const { world, taskId } = await aWorldWithAnAssignedTask();
    await anInspector(world, 'insp-b');

    const inspector = await deactivate(world, 'insp-a');

    expect(inspector.status).toBe('INACTIVE');
    const task = await world.tasks.findById(taskId);
    expect([task?.status, task?.inspectorId]).toEqual(['ASSIGNED', 'insp-b']);
    expect(
      world.tasks.published.filter((e) => e.type === 'frontera.audit.task.assigned').at(-1)?.data,
    ).toMatchObject({ taskId, inspectorId: 'insp-b', previousInspectorId: 'insp-a' });
  });

  it('Given nobody else qualifies, Then the task goes back to PENDING_ASSIGNMENT; deactivating again is 409 and changes nothing', async () => {
    const { world, taskId } = await aWorldWithAnAssignedTask();

    await deactivate(world, 'insp-a');

    const released = await world.tasks.findById(taskId);
    expect([released?.status, released?.inspectorId]).toEqual(['PENDING_ASSIGNMENT', null]);
    const version = released?.version;
    await expect(deactivate(world, 'insp-a')).rejects.toMatchObject({
      code: 'INSPECTOR.TRANSITION_NOT_ALLOWED',
      status: 409,
    });
    expect((await world.tasks.findById(taskId))?.version).toBe(version);
  });

  it('Given a deactivation whose release did not happen (a crash), When a supervisor of its state deactivates again, Then 409 and the release is finished; another state’s supervisor changes nothing', async () => {
    const { world, taskId } = await aWorldWithAnAssignedTask();
    const inspector = (await world.inspectors.findById('insp-a')) as Inspector;
    inspector.deactivate(supervisor, 'Baja', T0);
    await world.inspectors.save(inspector, []);

    await expect(deactivate(world, 'insp-a', elsewhere)).rejects.toMatchObject({ status: 404 });
    expect((await world.tasks.findById(taskId))?.status).toBe('ASSIGNED');
    await expect(deactivate(world, 'insp-a')).rejects.toMatchObject({ status: 409 });
    expect((await world.tasks.findById(taskId))?.status).toBe('PENDING_ASSIGNMENT');
  });

  it('a started visit stays with its inspector', async () => {
    const { world, taskId } = await aWorldWithAnAssignedTask();
    const task = await world.tasks.findById(taskId);
    task?.start({ id: 'user-a', role: 'inspector' }, T0);
    if (task) await world.tasks.save(task, []);

    await deactivate(world, 'insp-a');

    expect((await world.tasks.findById(taskId))?.inspectorId).toBe('insp-a');
  });
});
