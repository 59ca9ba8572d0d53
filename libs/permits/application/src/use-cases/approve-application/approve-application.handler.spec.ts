import {
  anEmployerStanding,
  aPermitApplication,
  aStandingWorksite,
  aWorker,
  testEligibilityRules,
} from '@frontera/permits-domain/testing';
import { InMemoryEmployerStandingRepository } from '../../testing/in-memory-repositories';
import { callers, metadataOf, PermitsWorld } from '../../testing/permits-world';
import { ApproveApplicationHandler } from './approve-application.handler';

let tokens = 0;
const random = {
  int: (max: number) => Math.floor(Math.random() * max),
  token: () => `token${String((tokens += 1)).padStart(4, '0')}AAAAAAAAAAAAAAAAAAAA`,
};

function setup() {
  const world = new PermitsWorld();
  const standings = new InMemoryEmployerStandingRepository();
  const employers = ['emp-a', 'emp-b'].map((id) =>
    anEmployerStanding()
      .withId(id)
      .withWorksite(aStandingWorksite().withId(`ws-${id}`).inState('CHP'))
      .build(),
  );
  standings.given(...employers);
  const worker = world.givenWorker(aWorker().build()).worker;
  const applications = employers.map((standing) => {
    const [stored] = world.applications.given(
      aPermitApplication().forEmployer(standing).forWorker(worker).build(),
    );
    if (!stored) throw new Error('application not stored');
    return stored;
  });
  const handler = new ApproveApplicationHandler({
    workers: world.workers,
    applications: world.applications,
    permits: world.permits,
    lock: world.lock,
    clock: world.clock,
    standings,
    rules: testEligibilityRules(),
    random,
    permitOptions: {},
  });
  return { world, worker, applications, handler };
}

describe('ApproveApplicationHandler', () => {
  it('Given two employers’ applications for one worker, When officers approve both at the same time, Then one permit is issued and the other approval is refused (one active permit), under the worker’s approvals lock', async () => {
    const { world, worker, applications, handler } = setup();
    const officer = metadataOf(callers.officer('CHP'));

    const outcomes = await Promise.allSettled(
      applications.map((application) =>
        handler.execute({
          applicationId: application.id,
          reason: 'Documentación completa',
          metadata: officer,
        }),
      ),
    );

    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused?.reason).toMatchObject({
      code: 'APPLICATION.NOT_ELIGIBLE',
      params: { codes: ['WORKER_HAS_ACTIVE_PERMIT'] },
    });
    const held = (await world.permits.ofWorker(worker.id)).filter((p) => p.status === 'ACTIVE');
    expect(held).toHaveLength(1);
    expect(world.lock.acquired.filter((key) => key === `worker-permits:${worker.id}`)).toHaveLength(2);
  });

  it('Given an application that does not exist, When an officer approves it, Then it is APPLICATION.NOT_FOUND and no approvals lock is taken', async () => {
    const { world, handler } = setup();

    await expect(
      handler.execute({
        applicationId: 'app-missing',
        reason: 'ok',
        metadata: metadataOf(callers.officer('CHP')),
      }),
    ).rejects.toMatchObject({ code: 'APPLICATION.NOT_FOUND' });
    expect(world.lock.acquired.some((key) => key.startsWith('worker-permits:'))).toBe(false);
  });
});
