import { anEmployer } from '@frontera/employers-domain/testing';
import { anEmployerActor, anInspectorActor, anOfficerActor, aSupervisorActor } from '../../testing/callers';
import { anApplication } from '../../testing/application-fixture';

describe('GetEmployerHandler and GetEmployerHistoryHandler', () => {
  it('employer staff read their own record in full, without the risk assessment', async () => {
    const app = anApplication();
    const employer = anEmployer().build();
    app.employers.given(employer);

    const read = await app.getEmployer.execute({
      employerId: employer.id,
      caller: anEmployerActor(employer.id),
    });

    expect(read).toMatchObject({ personalData: 'FULL', riskAssessment: false });
  });

  it('supervisors read masked; officers in full with the risk assessment', async () => {
    const app = anApplication();
    const employer = anEmployer().build();
    app.employers.given(employer);

    expect(
      await app.getEmployer.execute({ employerId: employer.id, caller: aSupervisorActor() }),
    ).toMatchObject({
      personalData: 'MASKED',
      riskAssessment: true,
    });
    expect(
      await app.getEmployer.execute({ employerId: employer.id, caller: anOfficerActor() }),
    ).toMatchObject({
      personalData: 'FULL',
      riskAssessment: true,
    });
  });

  it('another organisation, an officer of another state: 404; an inspector: 403', async () => {
    const app = anApplication();
    const employer = anEmployer().inState('CHP').build();
    app.employers.given(employer);

    await expect(
      app.getEmployer.execute({ employerId: employer.id, caller: anEmployerActor('other') }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      app.getEmployer.execute({ employerId: employer.id, caller: anOfficerActor('TAB') }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      app.getEmployer.execute({ employerId: employer.id, caller: anInspectorActor('CHP') }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('the history is for officers and supervisors, oldest first', async () => {
    const app = anApplication();
    const employer = anEmployer().active().build();
    app.employers.given(employer);

    const history = await app.getHistory.execute({ employerId: employer.id, caller: aSupervisorActor() });

    expect(history.entries.map((e) => [e.field, e.to])).toEqual([
      ['status', 'PENDING_VERIFICATION'],
      ['status', 'ACTIVE'],
      ['rating', 'A'],
      ['registrationNumber', employer.registrationNumber?.value],
    ]);
    await expect(
      app.getHistory.execute({ employerId: employer.id, caller: anEmployerActor(employer.id) }),
    ).rejects.toMatchObject({ code: 'EMPLOYER.ACCESS_DENIED' });
  });
});
