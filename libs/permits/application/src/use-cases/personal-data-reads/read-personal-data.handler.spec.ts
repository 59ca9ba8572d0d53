import { READ_PURPOSE_MAX_LENGTH } from '@frontera/permits-domain';
import { aWorker } from '@frontera/permits-domain/testing';
import type { Caller } from '@frontera/shared-kernel';
import { callers, metadataOf, PermitsWorld } from '../../testing';
import { ReadPersonalDataHandler } from './read-personal-data.handler';

const PURPOSE = 'Verificar la identidad antes de aprobar la solicitud app_1';

function setup() {
  const world = new PermitsWorld();
  const worker = world
    .givenWorker(
      aWorker()
        .named('Ana', 'Vásquez')
        .bornOn('1998-02-11')
        .withDocument('PASSPORT', 'G12345678')
        .withPhone('+502 4444 1234')
        .build(),
    )
    .withApplication('emp-1', 'CHP', 'SUBMITTED')
    .withApplication('emp-old', 'CHP', 'WITHDRAWN');
  const handler = new ReadPersonalDataHandler({ ...world, readLog: world.readLog });
  const read = (caller: Caller, given: { purpose: unknown } = { purpose: PURPOSE }) =>
    handler.execute({ workerId: worker.id, purpose: given.purpose, metadata: metadataOf(caller, 'corr-42') });
  return { world, worker, read };
}

describe('ReadPersonalDataHandler (POST /workers/:id/personal-data-reads)', () => {
  it('Given an officer of the state, When it reads with a purpose, Then the read is logged first with who, when, which worker and why, and the data is returned', async () => {
    const { world, worker, read } = setup();
    const officer = callers.officer('CHP');

    const result = await read(officer);

    expect(result.personalData).toMatchObject({
      givenNames: 'Ana',
      surnames: { first: 'Vásquez', second: null },
      dateOfBirth: '1998-02-11',
      identityDocument: { type: 'PASSPORT', number: 'G12345678' },
      phone: '+50244441234',
    });
    expect(world.readLog.entriesOf(worker.id)).toEqual([
      {
        workerId: worker.id,
        readerId: officer.id,
        readerRole: 'officer',
        readerEmployerId: null,
        purpose: PURPOSE,
        correlationId: 'corr-42',
        seq: 1,
        at: world.clock.now().toISOString(),
        hash: expect.any(String),
      },
    ]);
    expect(result.read.seq).toBe(1);
  });

  it('Given the current employer (a pending application), Then it reads its worker’s data and the log names the employer', async () => {
    const { world, worker, read } = setup();
    await read(callers.employer('emp-1'));
    expect(world.readLog.entriesOf(worker.id)[0]).toMatchObject({
      readerRole: 'employer',
      readerEmployerId: 'emp-1',
    });
  });

  it('Never logs personal data beyond the purpose typed', async () => {
    const { world, worker, read } = setup();
    await read(callers.officer('CHP'));
    expect(JSON.stringify(world.readLog.entriesOf(worker.id))).not.toMatch(
      /Vásquez|G12345678|4444|1998-02-11/,
    );
  });

  it.each([
    ['absent', undefined],
    ['empty', ''],
    ['blank', '   '],
    ['too long', 'x'.repeat(READ_PURPOSE_MAX_LENGTH + 1)],
    ['not a text', { $ne: null }],
  ])(
    'Given a purpose that is %s, Then 422 WORKER.INVALID_READ_PURPOSE and nothing is read or logged',
    async (_case, purpose) => {
      const { world, worker, read } = setup();
      world.workers.store.resetCounts();

      await expect(read(callers.officer('CHP'), { purpose })).rejects.toMatchObject({
        code: 'WORKER.INVALID_READ_PURPOSE',
        status: 422,
      });
      expect(world.readLog.entriesOf(worker.id)).toEqual([]);
      expect(world.workers.store.callsOf('findById')).toBe(0);
    },
  );

  it.each([
    ['a former employer (withdrawn application)', callers.employer('emp-old')],
    ['an employer that never applied', callers.employer('emp-9')],
    ['an officer of another state', callers.officer('TAB')],
  ])('Given %s, Then 404 WORKER.NOT_FOUND and nothing logged', async (_case, caller) => {
    const { world, worker, read } = setup();
    await expect(read(caller)).rejects.toMatchObject({ code: 'WORKER.NOT_FOUND', status: 404 });
    expect(world.readLog.entriesOf(worker.id)).toEqual([]);
  });

  it.each([
    ['a supervisor of the state', callers.supervisor('CHP')],
    ['an inspector', callers.inspector('CHP')],
  ])(
    'Given %s, Then 403 and nothing logged (supervisors never read personal data)',
    async (_case, caller) => {
      const { world, worker, read } = setup();
      await expect(read(caller)).rejects.toMatchObject({ code: 'PERMIT.ACCESS_DENIED', status: 403 });
      expect(world.readLog.entriesOf(worker.id)).toEqual([]);
    },
  );

  it('Given the log cannot record the read, Then the data is not returned (the error propagates)', async () => {
    const { world, read } = setup();
    world.readLog.failWith(new Error('store down'));
    await expect(read(callers.officer('CHP'))).rejects.toThrow('store down');
  });

  it('Given the worker’s employer holds a permit (approved), Then it still reads; once the permit ended, it no longer may', async () => {
    const world = new PermitsWorld();
    const worker = world.givenWorker(aWorker().build()).withApplication('emp-1', 'CHP', 'APPROVED');
    world.givenPermit(worker.id, 'emp-1', 'CHP', 'ACTIVE');
    const ended = world.givenWorker(aWorker().build()).withApplication('emp-1', 'CHP', 'APPROVED');
    world.givenPermit(ended.id, 'emp-1', 'CHP', 'ENDED');
    const handler = new ReadPersonalDataHandler(world);
    const metadata = metadataOf(callers.employer('emp-1'));

    await expect(handler.execute({ workerId: worker.id, purpose: PURPOSE, metadata })).resolves.toMatchObject(
      {
        workerId: worker.id,
      },
    );
    await expect(handler.execute({ workerId: ended.id, purpose: PURPOSE, metadata })).rejects.toMatchObject({
      code: 'WORKER.NOT_FOUND',
    });
  });
});
