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
  const firstPage = { page: 1, pageSize: 20 };

  it('shows an officer the employers of its states, filtered', async () => {
    const { app, chpActive, camRatedB } = given();
    const caller = anOfficerActor('CHP', 'CAM');

    const active = await app.listEmployers.execute({ filter: { status: 'ACTIVE' }, page: firstPage, caller });
    const ratedB = await app.listEmployers.execute({ filter: { rating: 'B' }, page: firstPage, caller });
    const mango = await app.listEmployers.execute({
      filter: { sector: 'MANGO', state: 'CHP' },
      page: firstPage,
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
      page: firstPage,
      caller: anOfficerActor('CHP'),
    });
    expect(page).toMatchObject({ items: [], total: 0 });
  });

  it('pages with a total', async () => {
    const { app } = given();
    const page = await app.listEmployers.execute({
      filter: {},
      page: { page: 2, pageSize: 2 },
      caller: anOfficerActor('CHP', 'CAM'),
    });
    expect(page).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(page.items).toHaveLength(1);
  });

  it('employer staff see only their own employer, with personal data masked in the list', async () => {
    const { app, chpPending } = given();
    const page = await app.listEmployers.execute({
      filter: {},
      page: firstPage,
      caller: anEmployerActor(chpPending.id),
    });
    expect(page.items.map((r) => [r.employer.id, r.personalData])).toEqual([[chpPending.id, 'MASKED']]);
  });

  it('supervisors get masked personal data; inspectors may not list (403)', async () => {
    const { app } = given();
    const page = await app.listEmployers.execute({
      filter: {},
      page: firstPage,
      caller: aSupervisorActor('CAM'),
    });
    expect(page.items.map((r) => r.personalData)).toEqual(['MASKED']);
    await expect(
      app.listEmployers.execute({ filter: {}, page: firstPage, caller: anInspectorActor('CHP') }),
    ).rejects.toMatchObject({ code: 'EMPLOYER.ACCESS_DENIED', status: 403 });
  });

  it('clamps the page size to 100 and the page to 1', async () => {
    const { app } = given();
    const page = await app.listEmployers.execute({
      filter: {},
      page: { page: 0, pageSize: 5000 },
      caller: anOfficerActor('CHP'),
    });
    expect(page).toMatchObject({ page: 1, pageSize: 100 });
  });
});
