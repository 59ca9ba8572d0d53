import { aWorker } from '@frontera/permits-domain/testing';
import { callers, PermitsWorld } from '../testing';
import { relationsFrom, WorkerAccess, WorkerRelations } from './worker-relations';

describe('relationsFrom', () => {
  it('makes one relation per employer and state, current when one of its sources is', () => {
    expect(
      relationsFrom([
        { employerId: 'emp-2', state: 'TAB', current: false },
        { employerId: 'emp-1', state: 'CHP', current: false },
        { employerId: 'emp-1', state: 'CHP', current: true },
        { employerId: 'emp-1', state: 'CAM', current: false },
      ]),
    ).toEqual([
      { employerId: 'emp-1', state: 'CAM', current: false },
      { employerId: 'emp-1', state: 'CHP', current: true },
      { employerId: 'emp-2', state: 'TAB', current: false },
    ]);
  });

  it('has no relation without a source', () => {
    expect(relationsFrom([])).toEqual([]);
  });
});

describe('WorkerRelations', () => {
  it.each([
    ['a SUBMITTED application', 'SUBMITTED', null, true],
    ['a WITHDRAWN application', 'WITHDRAWN', null, false],
    ['a REJECTED application', 'REJECTED', null, false],
    ['an APPROVED application with an ACTIVE permit', 'APPROVED', 'ACTIVE', true],
    ['an APPROVED application with a SUSPENDED permit', 'APPROVED', 'SUSPENDED', true],
    ['an APPROVED application with an ENDED permit', 'APPROVED', 'ENDED', false],
    ['an APPROVED application with an EXPIRED permit', 'APPROVED', 'EXPIRED', false],
    ['an APPROVED application with a REVOKED permit', 'APPROVED', 'REVOKED', false],
  ] as const)(
    'Given %s, Then the employer is current: %s',
    async (_case, applicationStatus, permitStatus, current) => {
      const world = new PermitsWorld();
      const worker = world.givenWorker(aWorker().build()).withApplication('emp-1', 'CHP', applicationStatus);
      if (permitStatus) world.givenPermit(worker.id, 'emp-1', 'CHP', permitStatus);

      const relations = await new WorkerRelations(world).of(worker.worker);

      expect(relations).toEqual([{ employerId: 'emp-1', state: 'CHP', current }]);
    },
  );

  it('Given a merged record, Then its relations include its survivor’s (its applications moved there)', async () => {
    const world = new PermitsWorld();
    const survivor = world
      .givenWorker(aWorker().withId('wkr-survivor').build())
      .withApplication('emp-2', 'TAB');
    const merged = world
      .givenWorker(aWorker().withId('wkr-merged').mergedInto(survivor.id).build())
      .withApplication('emp-1', 'CHP', 'WITHDRAWN');

    const relations = await new WorkerRelations(world).of(merged.worker);

    expect(relations).toEqual([
      { employerId: 'emp-1', state: 'CHP', current: false },
      { employerId: 'emp-2', state: 'TAB', current: true },
    ]);
    expect(WorkerRelations.statesOf(relations)).toEqual(['CHP', 'TAB']);
    expect(WorkerRelations.employersOf(relations)).toEqual(['emp-1', 'emp-2']);
  });
});

describe('WorkerAccess', () => {
  const setup = () => {
    const world = new PermitsWorld();
    const worker = world.givenWorker(aWorker().build()).withApplication('emp-1', 'CHP');
    return { access: new WorkerAccess(world), world, worker };
  };

  it('Given an inspector, When it asks for a worker, Then 403 PERMIT.ACCESS_DENIED before anything is read', async () => {
    const { access, world, worker } = setup();
    world.workers.store.resetCounts();

    await expect(access.authorise(callers.inspector('CHP'), 'VIEW_WORKER', worker.id)).rejects.toMatchObject({
      code: 'PERMIT.ACCESS_DENIED',
      status: 403,
    });
    expect(world.workers.store.callsOf('findById')).toBe(0);
  });

  it.each([
    ['an absent worker', callers.officer('CHP'), 'wkr-absent'],
    ['an officer of another state', callers.officer('TAB'), null],
    ['another employer', callers.employer('emp-9'), null],
  ])('Given %s, Then 404 WORKER.NOT_FOUND', async (_case, caller, id) => {
    const { access, worker } = setup();
    await expect(access.authorise(caller, 'VIEW_WORKER', id ?? worker.id)).rejects.toMatchObject({
      code: 'WORKER.NOT_FOUND',
      status: 404,
    });
  });

  it('Given the employer that applied, Then the worker and its relations', async () => {
    const { access, worker } = setup();
    const found = await access.authorise(callers.employer('emp-1'), 'VIEW_WORKER', worker.id);
    expect(found.worker.id).toBe(worker.id);
    expect(found.relations).toEqual([{ employerId: 'emp-1', state: 'CHP', current: true }]);
  });
});
