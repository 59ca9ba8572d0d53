import { aWorker } from '@frontera/permits-domain/testing';
import { callers, PermitsWorld } from '../../testing';
import { GetWorkerHandler } from './get-worker.handler';

describe('GetWorkerHandler (GET /workers/:id)', () => {
  function setup() {
    const world = new PermitsWorld();
    const worker = world
      .givenWorker(
        aWorker()
          .named('José Luis', 'Pérez', 'López')
          .bornOn('1995-08-14')
          .withPossibleDuplicate('wkr-x')
          .build(),
      )
      .withApplication('emp-1', 'CHP', 'APPROVED')
      .withPermit('emp-1', 'CHP', 'ACTIVE')
      .withApplication('emp-2', 'TAB', 'SUBMITTED');
    return { world, worker, handler: new GetWorkerHandler(world) };
  }

  it('Given the employer that applied, When it views the worker, Then it sees the non-personal view with its own permits only', async () => {
    const { handler, worker, world } = setup();
    const [permit] = await world.permits.ofWorker(worker.id);

    const view = await handler.execute(worker.id, callers.employer('emp-1'));

    expect(view).toEqual({
      id: worker.id,
      status: 'ACTIVE',
      nationality: 'GTM',
      sex: 'M',
      birthYear: 1995,
      initials: worker.worker.initials,
      mergedInto: null,
      hasPendingDuplicates: true,
      permits: [{ id: permit?.id, number: permit?.number.value, status: 'ACTIVE' }],
    });
    expect(JSON.stringify(view)).not.toMatch(/Pérez|López|José|1995-08-14|5555/);
  });

  it('Given an employer whose application is pending elsewhere, Then it sees the worker but not the other employer’s permit', async () => {
    const { handler, worker } = setup();
    const view = await handler.execute(worker.id, callers.employer('emp-2'));
    expect(view.permits).toEqual([]);
  });

  it.each([
    ['an officer of the permit’s state', callers.officer('CHP'), 1],
    ['a supervisor of the permit’s state', callers.supervisor('CHP'), 1],
    ['an officer of the other relation’s state', callers.officer('TAB'), 0],
  ])('Given %s, Then the view with the permits of its states', async (_case, caller, permits) => {
    const { handler, worker } = setup();
    expect((await handler.execute(worker.id, caller)).permits).toHaveLength(permits);
  });

  it.each([
    ['an employer that never applied', callers.employer('emp-9')],
    ['an officer of another state', callers.officer('ROO')],
    ['a supervisor of another state', callers.supervisor('CAM')],
  ])('Given %s, Then 404 WORKER.NOT_FOUND', async (_case, caller) => {
    const { handler, worker } = setup();
    await expect(handler.execute(worker.id, caller)).rejects.toMatchObject({ code: 'WORKER.NOT_FOUND' });
  });

  it('Given an inspector, Then 403', async () => {
    const { handler, worker } = setup();
    await expect(handler.execute(worker.id, callers.inspector('CHP'))).rejects.toMatchObject({ status: 403 });
  });
});
