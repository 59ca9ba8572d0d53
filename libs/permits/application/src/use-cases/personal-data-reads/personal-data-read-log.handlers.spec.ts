import { aWorker } from '@frontera/permits-domain/testing';
import { callers, metadataOf, PermitsWorld } from '../../testing';
import {
  ListPersonalDataReadsHandler,
  VerifyPersonalDataReadsHandler,
} from './personal-data-read-log.handlers';
import { ReadPersonalDataHandler } from './read-personal-data.handler';

async function setup() {
  const world = new PermitsWorld();
  const worker = world.givenWorker(aWorker().build()).withApplication('emp-1', 'CHP');
  const reads = new ReadPersonalDataHandler(world);
  for (const purpose of ['Revisión de la solicitud', 'Inspección de la finca']) {
    await reads.execute({ workerId: worker.id, purpose, metadata: metadataOf(callers.officer('CHP')) });
  }
  return {
    world,
    worker,
    list: new ListPersonalDataReadsHandler(world),
    verify: new VerifyPersonalDataReadsHandler(world),
  };
}

describe('the personal-data read log (GET …/personal-data-reads, POST …/verification)', () => {
  it('Given two reads, When an officer of the state lists the log, Then both, oldest first, with their purposes', async () => {
    const { list, worker } = await setup();
    const entries = await list.execute(worker.id, callers.officer('CHP'));
    expect(entries.map((e) => [e.seq, e.purpose])).toEqual([
      [1, 'Revisión de la solicitud'],
      [2, 'Inspección de la finca'],
    ]);
  });

  it('Given an intact log, Then the verification says so with the head to keep as a checkpoint', async () => {
    const { verify, worker, world } = await setup();
    const result = await verify.execute(worker.id, callers.officer('CHP'));
    expect(result).toEqual({
      intact: true,
      entries: 2,
      headLag: 0,
      head: { seq: 2, hash: world.readLog.entriesOf(worker.id)[1]?.hash },
    });
  });

  it('Given a chain the log finds broken, Then the verification names the first bad entry and the problem', async () => {
    const { verify, worker, world } = await setup();
    world.readLog.breakChain(worker.id, 1, 'ALTERED');
    await expect(verify.execute(worker.id, callers.officer('CHP'))).resolves.toEqual({
      intact: false,
      entries: 2,
      firstBadSeq: 1,
      problem: 'ALTERED',
    });
  });

  it('passes the checkpoint on: a chain that no longer holds it is ROLLED_BACK', async () => {
    const { verify, worker } = await setup();
    await expect(
      verify.execute(worker.id, callers.officer('CHP'), { seq: 3, hash: 'a-later-head' }),
    ).resolves.toMatchObject({ intact: false, problem: 'ROLLED_BACK', firstBadSeq: 3 });
  });

  it.each([
    ['employer staff, even the current employer', callers.employer('emp-1'), 403],
    ['a supervisor', callers.supervisor('CHP'), 403],
    ['an officer of another state', callers.officer('TAB'), 404],
  ])('Given %s, Then the log is refused (%s)', async (_case, caller, status) => {
    const { list, verify, worker } = await setup();
    await expect(list.execute(worker.id, caller)).rejects.toMatchObject({ status });
    await expect(verify.execute(worker.id, caller)).rejects.toMatchObject({ status });
  });
});
