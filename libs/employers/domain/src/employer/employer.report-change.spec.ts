import { EmployerErrors } from '../errors/employer-errors';
import { aContact, aLegalRepresentative, anAddress, anEmployer, anEmployerUser, day } from '../testing';
import { PERSONAL_DATA_SUMMARY, personalDataPaths } from './change-history';

describe('Employer.reportChange — reported changes and their history', () => {
  it('Given a company, When it reports a new address, Then history records who, when, each field old → new, and why', () => {
    // Given
    const employer = anEmployer().company().active().inState('CHP', 'Tapachula').build();
    const version = employer.version;
    // When
    const changed = employer.reportChange(
      anEmployerUser('clerk-3'),
      {
        address: anAddress()
          .inState('CHP', 'Huixtla')
          .onStreet('Calle 5 de Mayo 40')
          .withPostalCode('30640')
          .build(),
      },
      'Moved the administrative office',
      day(1),
    );
    // Then
    expect(changed).toEqual(['address.municipality', 'address.street', 'address.postalCode']);
    expect(employer.address.municipality).toBe('Huixtla');
    expect(employer.version).toBe(version + 1);
    const entries = employer.recordedHistory.filter((h) => h.version === employer.version);
    expect(entries).toEqual([
      {
        version: employer.version,
        at: day(1).toISOString(),
        actor: { id: 'clerk-3', role: 'employer' },
        field: 'address.municipality',
        worksiteId: null,
        personalData: false,
        from: 'Tapachula',
        to: 'Huixtla',
        summary: 'Tapachula → Huixtla',
        reason: 'Moved the administrative office',
        auditId: null,
      },
      expect.objectContaining({ field: 'address.street', personalData: false, to: 'Calle 5 de Mayo 40' }),
      expect.objectContaining({
        field: 'address.postalCode',
        personalData: false,
        from: '30700',
        to: '30640',
      }),
    ]);
  });

  it('raises EmployerUpdated with the changed field names and the current state and municipality, never values', () => {
    const employer = anEmployer().active().build();
    const contact = aContact().named('Luis Ramírez Ortiz').withEmail('luis@finca.mx').build();

    employer.reportChange(anEmployerUser(), { contact }, 'New HR manager', day(1));

    const events = employer.pullEvents();
    expect(events).toEqual([
      {
        type: 'EmployerUpdated',
        employerId: employer.id,
        occurredAt: day(1).toISOString(),
        changedFields: ['contact.name', 'contact.email'],
        state: employer.address.state,
        municipality: employer.address.municipality,
        publicName: employer.legalName,
      },
    ]);
    expect(JSON.stringify(events)).not.toMatch(/Luis|luis@finca/);
  });

  it('records which personal-data field changed but not its values (contact, legal representative)', () => {
    const employer = anEmployer().company().active().build();

    employer.reportChange(
      anEmployerUser(),
      {
        contact: aContact().withPhone('+52 962 765 4321').build(),
        legalRepresentative: aLegalRepresentative().named('Ana Torres Ruiz').build(),
      },
      'New legal representative appointed',
      day(1),
    );

    const entries = employer.recordedHistory.filter((h) => h.version === employer.version);
    expect(entries.map((h) => h.field)).toEqual(['contact.phone', 'legalRepresentative.fullName']);
    for (const entry of entries) {
      expect(entry).toMatchObject({
        personalData: true,
        from: null,
        to: null,
        summary: PERSONAL_DATA_SUMMARY,
      });
    }
    expect(JSON.stringify(employer.recordedHistory)).not.toMatch(/Ana Torres|765/);
    expect(employer.legalRepresentative?.fullName).toBe('Ana Torres Ruiz');
  });

  it('for an individual, treats the name and street-level address as personal data, but not state and municipality', () => {
    const employer = anEmployer().individual().active().inState('CHP', 'Tapachula').build();

    employer.reportChange(
      anEmployerUser(),
      {
        legalName: 'Rosa Martínez de León',
        address: anAddress().inState('CHP', 'Tuxtla Chico').onStreet('Callejón Las Flores 3').build(),
      },
      'Marriage; moved house',
      day(1),
    );

    const byField = Object.fromEntries(
      employer.recordedHistory.filter((h) => h.version === employer.version).map((h) => [h.field, h]),
    );
    expect(byField['legalName']).toMatchObject({ personalData: true, from: null, to: null });
    expect(byField['address.street']).toMatchObject({ personalData: true, from: null, to: null });
    expect(byField['address.municipality']).toMatchObject({
      personalData: false,
      from: 'Tapachula',
      to: 'Tuxtla Chico',
    });
    expect(personalDataPaths('INDIVIDUAL')).toEqual(
      expect.arrayContaining(['rfc', 'legalName', 'address.street']),
    );
    expect(personalDataPaths('COMPANY')).toEqual(['contact', 'legalRepresentative']);
  });

  it('for a company, records a legal-name change with its values', () => {
    const employer = anEmployer().company().active().build();
    const before = employer.legalName;
    employer.reportChange(
      anEmployerUser(),
      { legalName: 'Cafetalera del Soconusco S.A. de C.V.' },
      'Merger',
      day(1),
    );
    expect(employer.recordedHistory.at(-1)).toMatchObject({
      field: 'legalName',
      personalData: false,
      from: before,
      to: 'Cafetalera del Soconusco S.A. de C.V.',
    });
  });

  it('lets an individual remove a legal representative, but not a company', () => {
    const individual = anEmployer().individual().active().build();
    individual.reportChange(
      anEmployerUser(),
      { legalRepresentative: aLegalRepresentative().build() },
      'Appointed an agent',
      day(1),
    );
    individual.reportChange(anEmployerUser(), { legalRepresentative: null }, 'Agent dismissed', day(2));
    expect(individual.legalRepresentative).toBeNull();
    expect(individual.recordedHistory.at(-1)).toMatchObject({
      field: 'legalRepresentative',
      personalData: true,
    });

    const company = anEmployer().company().active().build();
    expect(() =>
      company.reportChange(anEmployerUser(), { legalRepresentative: null }, 'Dismissed', day(1)),
    ).toThrow(expect.objectContaining({ code: EmployerErrors.LEGAL_REPRESENTATIVE_REQUIRED.code }));
  });

  it('re-reporting the current values is a no-op: no version, no history, no event', () => {
    const employer = anEmployer().active().build();
    const version = employer.version;
    const historyLength = employer.recordedHistory.length;

    const changed = employer.reportChange(
      anEmployerUser(),
      { address: employer.address.toProps() },
      'Retry',
      day(1),
    );

    expect(changed).toEqual([]);
    expect(employer.version).toBe(version);
    expect(employer.recordedHistory).toHaveLength(historyLength);
    expect(employer.pullEvents()).toEqual([]);
  });

  it('refuses a report with nothing in it, listing what can be reported', () => {
    const employer = anEmployer().active().build();
    expect(() => employer.reportChange(anEmployerUser(), {}, 'Nothing', day(1))).toThrow(
      expect.objectContaining({
        code: EmployerErrors.NO_CHANGES.code,
        params: { allowed: ['legalName', 'address', 'contact', 'legalRepresentative'] },
      }),
    );
  });

  it('requires a reason', () => {
    const employer = anEmployer().active().build();
    expect(() => employer.reportChange(anEmployerUser(), { legalName: 'Otra S.A.' }, '', day(1))).toThrow(
      expect.objectContaining({ code: EmployerErrors.INVALID_REASON.code }),
    );
  });

  it('keeps the full history across the lifecycle, in order', () => {
    const employer = anEmployer().active().build();
    employer.reportChange(anEmployerUser(), { legalName: 'Finca Nueva S.A. de C.V.' }, 'Renamed', day(1));
    expect(employer.recordedHistory.map((h) => `${h.version}:${h.field}`)).toEqual([
      '1:status',
      '2:status',
      '2:rating',
      '2:registrationNumber',
      '3:legalName',
    ]);
  });
});
