import { anEmployer, aWorksite } from '@frontera/employers-domain/testing';
import { anEmployerActor, metadataFor } from '../../testing/callers';
import { anApplication } from '../../testing/application-fixture';
import type { NewWorksiteData } from './add-worksite.command';

function worksiteData(builder = aWorksite()): NewWorksiteData {
  const { worksiteId: _id, ...data } = builder.build();
  return data;
}

describe('worksites', () => {
  it('adds a worksite with a service-made id; eligibility follows the configured states', async () => {
    const app = anApplication({ eligibleStates: ['CHP'] });
    const employer = anEmployer().active().build();
    app.employers.given(employer);
    const staff = metadataFor(anEmployerActor(employer.id));

    const inChiapas = await app.addWorksite.execute({
      employerId: employer.id,
      worksite: worksiteData(aWorksite().inState('CHP')),
      metadata: staff,
    });
    const inVeracruz = await app.addWorksite.execute({
      employerId: employer.id,
      worksite: worksiteData(aWorksite().inState('VER')),
      metadata: staff,
    });

    expect([inChiapas.id, inVeracruz.id]).toEqual(['ws_0001', 'ws_0002']);
    expect([inChiapas.eligibleForPermits, inVeracruz.eligibleForPermits]).toEqual([true, false]);
    expect(app.employers.published.map((e) => e.type)).toEqual([
      'frontera.employer.worksite.added',
      'frontera.employer.worksite.added',
    ]);
  });

  it('edits and closes a worksite; a closed one cannot be edited (409)', async () => {
    const app = anApplication();
    const employer = anEmployer().active().build();
    app.employers.given(employer);
    const staff = metadataFor(anEmployerActor(employer.id));
    const site = await app.addWorksite.execute({
      employerId: employer.id,
      worksite: worksiteData(),
      metadata: staff,
    });

    const edited = await app.updateWorksite.execute({
      employerId: employer.id,
      worksiteId: site.id,
      changes: { capacity: 80 },
      reason: 'New dormitory',
      metadata: staff,
    });
    const closed = await app.closeWorksite.execute({
      employerId: employer.id,
      worksiteId: site.id,
      reason: 'End of season',
      metadata: staff,
    });

    expect(edited.capacity).toBe(80);
    expect(closed.status).toBe('CLOSED');
    expect(app.employers.published.map((e) => e.type)).toEqual([
      'frontera.employer.worksite.added',
      'frontera.employer.worksite.updated',
      'frontera.employer.worksite.closed',
    ]);
    await expect(
      app.updateWorksite.execute({
        employerId: employer.id,
        worksiteId: site.id,
        changes: { capacity: 5 },
        reason: 'x',
        metadata: staff,
      }),
    ).rejects.toMatchObject({ code: 'WORKSITE.CLOSED', status: 409 });
  });

  it('a suspended employer may not add worksites (409 with the allowed actions)', async () => {
    const app = anApplication();
    const employer = anEmployer().suspended().build();
    app.employers.given(employer);

    await expect(
      app.addWorksite.execute({
        employerId: employer.id,
        worksite: worksiteData(),
        metadata: metadataFor(anEmployerActor(employer.id)),
      }),
    ).rejects.toMatchObject({
      code: 'EMPLOYER.TRANSITION_NOT_ALLOWED',
      params: expect.objectContaining({ currentState: 'SUSPENDED' }),
    });
  });

  it('an unknown worksite is 404', async () => {
    const app = anApplication();
    const employer = anEmployer().active().build();
    app.employers.given(employer);

    await expect(
      app.closeWorksite.execute({
        employerId: employer.id,
        worksiteId: 'ws_missing',
        reason: 'x',
        metadata: metadataFor(anEmployerActor(employer.id)),
      }),
    ).rejects.toMatchObject({ code: 'WORKSITE.NOT_FOUND', status: 404 });
  });
});
