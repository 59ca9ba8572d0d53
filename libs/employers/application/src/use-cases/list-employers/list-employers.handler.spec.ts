import { anEmployer } from '@frontera/employers-domain/testing';
import { anEmployerActor, anInspectorActor, anOfficerActor, aSupervisorActor } from '../../testing/callers';
import { anApplication } from '../../testing/application-fixture';

describe('ListEmployersHandler', () => {
  function given() {
    const app = anApplication();
    const chpActive = anEmployer().inState('CHP').active().withSector('MANGO').build();
    const chpPending = anEmployer().inState('CHP').build();
    const camRatedB = anEmployer().inState('CAM').active().ratedB().build();
    app.employers.given(chpActive, chpPending, camRatedB);
    return { app, chpActive, chpPending, camRatedB };
  }

  it('shows an officer the employers of its states, filtered', async () => {
    const { app, chpActive, camRatedB } = given();
    const caller = anOfficerActor('CHP', 'CAM');

    const active = await app.listEmployers.execute({ filter: { status: 'ACTIVE' }, caller });
    const ratedB = await app.listEmployers.execute({ filter: { rating: 'B' }, caller });
    const mango = await app.listEmployers.execute({
      filter: { sector: 'MANGO', state: 'CHP' },
      caller,
    });

    expect(active.items.map((r) => r.employer.id).sort()).toEqual([chpActive.id, camRatedB.id].sort());
    expect(ratedB.items.map((r) => r.employer.id)).toEqual([camRatedB.id]);
    expect(mango.items.map((r) => r.employer.id)).toEqual([chpActive.id]);
    expect(active.items.every((r) => r.personalData === 'FULL')).toBe(true);
  });

  it('a state filter outside the officer’s states finds nothing', async () => {
    const { app } = given();
    const page = await app.listEmployers.execute({
      filter: { state: 'CAM' },
      caller: anOfficerActor('CHP'),
    });
    expect(page).toMatchObject({ items: [], nextCursor: null });
  });

  it('pages with a cursor: each employer once, then no cursor', async () => {
    const { app } = given();
    const caller = anOfficerActor('CHP', 'CAM');
    const first = await app.listEmployers.execute({ filter: {}, limit: 2, caller });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await app.listEmployers.execute({
      filter: {},
      limit: 2,
      cursor: first.nextCursor!,
      caller,
    });
    expect(second).toMatchObject({ nextCursor: null });
    const ids = [...first.items, ...second.items].map((r) => r.employer.id);
    expect(new Set(ids).size).toBe(3);
  });

  it('employer staff see only their own employer, with personal data masked in the list', async () => {
    const { app, chpPending } = given();
    const page = await app.listEmployers.execute({
      filter: {},
      caller: anEmployerActor(chpPending.id),
    });
    expect(page.items.map((r) => [r.employer.id, r.personalData])).toEqual([[chpPending.id, 'MASKED']]);
  });

  it('employer staff get 400 LIST.INVALID_CURSOR for any cursor: their list never gives one', async () => {
    const { app, chpPending } = given();
    const caller = anEmployerActor(chpPending.id);
    expect((await app.listEmployers.execute({ filter: {}, caller })).nextCursor).toBeNull();
    const officers = await app.listEmployers.execute({ filter: {}, limit: 1, caller: anOfficerActor('CHP') });
    expect(officers.nextCursor).toEqual(expect.any(String));
    for (const cursor of [officers.nextCursor ?? '', 'bm90LWEtY3Vyc29y']) {
      await expect(app.listEmployers.execute({ filter: {}, cursor, caller })).rejects.toMatchObject({
        code: 'LIST.INVALID_CURSOR',
        status: 400,
      });
    }
  });

  it('supervisors get masked personal data; inspectors may not list (403)', async () => {
    const { app } = given();
    const page = await app.listEmployers.execute({
      filter: {},
      caller: aSupervisorActor('CAM'),
    });
    expect(page.items.map((r) => r.personalData)).toEqual(['MASKED']);
    await expect(
      app.listEmployers.execute({ filter: {}, caller: anInspectorActor('CHP') }),
    ).rejects.toMatchObject({ code: 'EMPLOYER.ACCESS_DENIED', status: 403 });
  });

  it('clamps the page size to 1..100', async () => {
    const { app } = given();
    const page = await app.listEmployers.execute({
      filter: {},
      limit: 5000,
      caller: anOfficerActor('CHP'),
    });
    expect(page.items.length).toBeLessThanOrEqual(100);
    const one = await app.listEmployers.execute({ filter: {}, limit: 0, caller: anOfficerActor('CHP') });
    expect(one.items).toHaveLength(1);
  });
});
