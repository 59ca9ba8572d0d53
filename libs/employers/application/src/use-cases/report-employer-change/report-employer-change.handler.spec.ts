import { anAddress, anEmployer } from '@frontera/employers-domain/testing';
import { anEmployerActor, anOfficerActor, metadataFor } from '../../testing/callers';
import { anApplication } from '../../testing/application-fixture';

describe('ReportEmployerChangeHandler', () => {
  it('records who changed what and why, and publishes the changed field names only', async () => {
    // Given
    const app = anApplication();
    const employer = anEmployer().active().build();
    app.employers.given(employer);
    const newAddress = anAddress()
      .inMunicipality('Huixtla')
      .onStreet('Calle 5 de Mayo 3')
      .withPostalCode('30640')
      .build();
    // When
    const result = await app.reportChange.execute({
      employerId: employer.id,
      changes: { address: newAddress },
      reason: 'Moved the fiscal address',
      metadata: metadataFor(anEmployerActor(employer.id)),
    });
    // Then
    expect(result.changedFields).toEqual(['address.municipality', 'address.street', 'address.postalCode']);
    const history = (await app.getHistory.execute({ employerId: employer.id, caller: anOfficerActor() }))
      .entries;
    expect(history.at(-1)).toMatchObject({
      actor: { id: 'employer-user-1', role: 'employer' },
      field: 'address.postalCode',
      from: '30700',
      to: '30640',
      reason: 'Moved the fiscal address',
    });
    expect(app.employers.published).toEqual([
      expect.objectContaining({
        type: 'frontera.employer.updated',
        data: {
          employerId: employer.id,
          changedFields: ['address.municipality', 'address.street', 'address.postalCode'],
          state: 'CHP',
          municipality: 'Huixtla',
          publicName: employer.legalName,
        },
      }),
    ]);
  });

  it('reporting the current values again writes and publishes nothing', async () => {
    const app = anApplication();
    const employer = anEmployer().active().build();
    app.employers.given(employer);

    const result = await app.reportChange.execute({
      employerId: employer.id,
      changes: { address: employer.address.toProps() },
      reason: 'Same address',
      metadata: metadataFor(anEmployerActor(employer.id)),
    });

    expect(result.changedFields).toEqual([]);
    expect(app.employers.writes).toBe(0);
    expect(app.employers.published).toEqual([]);
  });

  it('another organisation’s staff cannot see the employer exists (404)', async () => {
    const app = anApplication();
    const employer = anEmployer().active().build();
    app.employers.given(employer);

    await expect(
      app.reportChange.execute({
        employerId: employer.id,
        changes: { legalName: 'Otra S.A.' },
        reason: 'x',
        metadata: metadataFor(anEmployerActor('someone-else')),
      }),
    ).rejects.toMatchObject({ code: 'EMPLOYER.NOT_FOUND' });
  });
});
