import { EmployerErrors } from '../errors/employer-errors';
import {
  aContact,
  aLegalRepresentative,
  anAddress,
  anEmployer,
  anEmployerUser,
  anOfficer,
  anRfc,
  aRegistration,
  aRegistrationNumber,
  aWorksite,
  day,
} from '../testing';
import { Employer } from './employer.aggregate';
import { RegistrationNumber } from './registration-number.value-object';

const code = (definition: { code: string }) => expect.objectContaining({ code: definition.code });

describe('Employer.register', () => {
  it('Given a valid company registration, When it registers, Then it is pending verification with no rating and no number', () => {
    // Given
    const registration = aRegistration().company().inState('TAB', 'Cunduacán').withSector('BANANA').build();
    // When
    const employer = Employer.register(registration, anEmployerUser(), day(0));
    // Then
    expect(employer.status).toBe('PENDING_VERIFICATION');
    expect(employer.kind).toBe('COMPANY');
    expect(employer.rfc.value).toBe(registration.rfc);
    expect(employer.rating).toBeNull();
    expect(employer.registrationNumber).toBeNull();
    expect(employer.version).toBe(1);
    expect(employer.persistedVersion).toBe(0);
    expect(employer.canReceivePermits()).toBe(false);
  });

  it('raises EmployerRegistered with ids and non-personal attributes only', () => {
    const registration = aRegistration().individual().inState('CHP', 'Tapachula').build();
    const employer = Employer.register(registration, anEmployerUser(), day(0));

    const events = employer.pullEvents();

    expect(events).toEqual([
      {
        type: 'EmployerRegistered',
        employerId: registration.employerId,
        occurredAt: day(0).toISOString(),
        kind: 'INDIVIDUAL',
        sector: registration.sector,
        state: 'CHP',
        municipality: 'Tapachula',
      },
    ]);
    const serialised = JSON.stringify(events);
    for (const personal of [
      registration.rfc,
      registration.legalName,
      registration.contact.email,
      registration.address.street,
    ]) {
      expect(serialised).not.toContain(personal);
    }
    expect(employer.pullEvents()).toEqual([]);
  });

  it('records the registration in the history', () => {
    const employer = Employer.register(aRegistration().build(), anEmployerUser('clerk-7'), day(0));
    expect(employer.recordedHistory).toEqual([
      expect.objectContaining({
        version: 1,
        field: 'status',
        from: null,
        to: 'PENDING_VERIFICATION',
        actor: { id: 'clerk-7', role: 'employer' },
      }),
    ]);
  });

  it('normalises a lowercase RFC', () => {
    const rfc = anRfc().forCompany();
    const employer = Employer.register(
      aRegistration().withRfc(rfc.inLowercase().build()).build(),
      anEmployerUser(),
      day(0),
    );
    expect(employer.rfc.value).toBe(employer.rfc.value.toUpperCase());
  });

  it.each([
    ['COMPANY', 'a 13-character RFC', anRfc().forIndividual(), 'INDIVIDUAL'],
    ['INDIVIDUAL', 'a 12-character RFC', anRfc().forCompany(), 'COMPANY'],
  ] as const)('refuses kind %s with %s: KIND_MISMATCH', (kind, _rfcCase, rfc, expectedKind) => {
    const registration = aRegistration().withRfc(rfc).declaringKind(kind).build();
    expect(() => Employer.register(registration, anEmployerUser(), day(0))).toThrow(
      expect.objectContaining({ code: EmployerErrors.KIND_MISMATCH.code, params: { kind, expectedKind } }),
    );
  });

  it('refuses an invalid RFC with its RFC code', () => {
    const registration = aRegistration().withRfc(anRfc().withWrongCheckDigit()).build();
    expect(() => Employer.register(registration, anEmployerUser(), day(0))).toThrow(
      code(EmployerErrors.RFC_INVALID_CHECK_DIGIT),
    );
  });

  it('requires a legal representative for a company, not for an individual', () => {
    expect(() =>
      Employer.register(
        aRegistration().company().with({ legalRepresentative: null }).build(),
        anEmployerUser(),
        day(0),
      ),
    ).toThrow(code(EmployerErrors.LEGAL_REPRESENTATIVE_REQUIRED));
    const individual = Employer.register(aRegistration().individual().build(), anEmployerUser(), day(0));
    expect(individual.legalRepresentative).toBeNull();
  });

  it.each([
    ['legal name blank', { legalName: '  ' }, EmployerErrors.INVALID_LEGAL_NAME],
    ['legal name too long', { legalName: 'x'.repeat(251) }, EmployerErrors.INVALID_LEGAL_NAME],
    ['unknown sector', { sector: 'MINING' as never }, EmployerErrors.INVALID_SECTOR],
    ['unknown kind', { kind: 'NGO' as never }, EmployerErrors.INVALID_KIND],
    ['id with spaces', { employerId: 'emp 1' }, EmployerErrors.INVALID_ID],
    [
      'contact email',
      { contact: aContact().withEmail('no-at-sign').build() },
      EmployerErrors.INVALID_CONTACT,
    ],
    ['contact phone', { contact: aContact().withPhone('12-34').build() }, EmployerErrors.INVALID_CONTACT],
    ['postal code', { address: anAddress().withPostalCode('3070').build() }, EmployerErrors.INVALID_ADDRESS],
    [
      'state',
      {
        address: anAddress()
          .with({ state: 'GT' as never })
          .build(),
      },
      EmployerErrors.INVALID_ADDRESS,
    ],
    [
      'legal representative name',
      { legalRepresentative: aLegalRepresentative().named('').build() },
      EmployerErrors.INVALID_LEGAL_REPRESENTATIVE,
    ],
  ])('refuses invalid data: %s', (_case, overrides, error) => {
    expect(() =>
      Employer.register(aRegistration().with(overrides).build(), anEmployerUser(), day(0)),
    ).toThrow(code(error));
  });

  it('names the offending field and says what to fix, in English and Spanish', () => {
    let error: unknown;
    try {
      Employer.register(
        aRegistration()
          .with({ address: anAddress().withPostalCode('3070').build() })
          .build(),
        anEmployerUser(),
        day(0),
      );
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      params: { field: 'postalCode', constraint: 'INVALID_FORMAT' },
      detail: {
        en: 'Address field "postalCode" must match the format 99999.',
        es: 'El campo de domicilio "postalCode" debe tener el formato 99999.',
      },
    });
  });

  it('keeps contact and legal representative as value objects whose string form does not leak personal data', () => {
    const employer = Employer.register(aRegistration().company().build(), anEmployerUser(), day(0));
    expect(`${employer.contact}`).toBe('[Contact: personal data]');
    expect(`${employer.legalRepresentative}`).toBe('[LegalRepresentative: personal data]');
  });
});

describe('Employer.verify', () => {
  it('Given a pending employer, When an officer verifies it, Then it is ACTIVE, rated A, with its registration number', () => {
    // Given
    const employer = anEmployer().pendingVerification().inState('CAM').build();
    const number = aRegistrationNumber().inState('CAM').inYear(2025).withSequence(42).build();
    // When
    employer.verify(anOfficer('officer-9'), number, day(1));
    // Then
    expect(employer.status).toBe('ACTIVE');
    expect(employer.rating).toBe('A');
    expect(employer.registrationNumber?.value).toBe('TVTF-EMP-CAM-2025-000042');
    expect(employer.canReceivePermits()).toBe(true);
    expect(employer.pullEvents()).toEqual([
      {
        type: 'EmployerVerified',
        employerId: employer.id,
        occurredAt: day(1).toISOString(),
        registrationNumber: 'TVTF-EMP-CAM-2025-000042',
        rating: 'A',
        sector: employer.sector,
        state: 'CAM',
        publicName: employer.legalName, // a company's legal name is not personal data
        verifiedBy: 'officer-9',
      },
    ]);
    expect(employer.recordedHistory.slice(-3).map((h) => [h.field, h.from, h.to])).toEqual([
      ['status', 'PENDING_VERIFICATION', 'ACTIVE'],
      ['rating', null, 'A'],
      ['registrationNumber', null, 'TVTF-EMP-CAM-2025-000042'],
    ]);
  });

  it('refuses a registration number from another state’s sequence', () => {
    const employer = anEmployer().pendingVerification().inState('CHP').build();
    expect(() => employer.verify(anOfficer(), aRegistrationNumber().inState('TAB').build(), day(1))).toThrow(
      expect.objectContaining({
        code: EmployerErrors.REGISTRATION_NUMBER_STATE_MISMATCH.code,
        params: { registrationState: 'TAB', employerState: 'CHP' },
      }),
    );
    expect(employer.status).toBe('PENDING_VERIFICATION');
  });

  it('refuses an officer id that events could not carry', () => {
    const employer = anEmployer().pendingVerification().build();
    expect(() =>
      employer.verify({ id: 'officer@inm', role: 'officer' }, aRegistrationNumber().build(), day(1)),
    ).toThrow(code(EmployerErrors.INVALID_ID));
  });
});

describe('RegistrationNumber', () => {
  it('formats TVTF-EMP-<STATE>-<YYYY>-<6 digits> from a sequence number passed in', () => {
    expect(aRegistrationNumber().inState('ROO').inYear(2026).withSequence(7).build().value).toBe(
      'TVTF-EMP-ROO-2026-000007',
    );
  });

  it('parses its own format back', () => {
    const number = aRegistrationNumber().inState('TAB').withSequence(123456).build();
    expect(RegistrationNumber.parse(number.value).equals(number)).toBe(true);
  });

  it.each([0, 1_000_000, 1.5])('refuses sequence %s', (sequence) => {
    expect(() => aRegistrationNumber().withSequence(sequence).build()).toThrow(
      code(EmployerErrors.INVALID_REGISTRATION_NUMBER),
    );
  });

  it('refuses a malformed number', () => {
    expect(() => RegistrationNumber.parse('TVTF-CHP-2025-1')).toThrow(
      code(EmployerErrors.INVALID_REGISTRATION_NUMBER),
    );
  });
});

describe('officer decisions', () => {
  it('Given a pending employer, When rejected, Then it is REJECTED with the reason, and EmployerRejected is raised', () => {
    const employer = anEmployer().pendingVerification().build();
    employer.reject(anOfficer('officer-2'), 'The RFC belongs to another company', day(1));
    expect(employer.status).toBe('REJECTED');
    expect(employer.pullEvents()).toEqual([
      {
        type: 'EmployerRejected',
        employerId: employer.id,
        occurredAt: day(1).toISOString(),
        reason: 'The RFC belongs to another company',
        rejectedBy: 'officer-2',
      },
    ]);
  });

  it('Given an active employer, When an officer suspends it, Then cause OFFICER_DECISION and no new permits', () => {
    const employer = anEmployer().active().build();
    employer.suspend(anOfficer('officer-3'), 'Complaint under investigation', day(1));
    expect(employer.status).toBe('SUSPENDED');
    expect(employer.canReceivePermits()).toBe(false);
    expect(employer.suspension).toEqual({
      cause: 'OFFICER_DECISION',
      reason: 'Complaint under investigation',
      since: day(1).toISOString(),
      actorId: 'officer-3',
      auditIds: [],
    });
    expect(employer.pullEvents()).toEqual([
      expect.objectContaining({
        type: 'EmployerSuspended',
        cause: 'OFFICER_DECISION',
        actorId: 'officer-3',
        auditId: null,
      }),
    ]);
  });

  it('Given a suspended employer, When reinstated, Then ACTIVE again and the suspension is cleared', () => {
    const employer = anEmployer().suspended().build();
    employer.reinstate(anOfficer('officer-4'), 'Investigation closed', day(1));
    expect(employer.status).toBe('ACTIVE');
    expect(employer.suspension).toBeNull();
    expect(employer.pullEvents()).toEqual([
      {
        type: 'EmployerReinstated',
        employerId: employer.id,
        occurredAt: day(1).toISOString(),
        reason: 'Investigation closed',
        actorId: 'officer-4',
      },
    ]);
  });

  it('Given an employer with open worksites, When deregistered, Then the worksites close too', () => {
    const employer = anEmployer().active().withWorksite(aWorksite()).withWorksite(aWorksite()).build();
    const [first, second] = employer.worksites;
    employer.closeWorksite(anEmployerUser(), first.id, 'Sold', day(1));
    employer.pullEvents();

    employer.deregister(anEmployerUser(), 'The business closed', day(2));

    expect(employer.status).toBe('DEREGISTERED');
    expect(employer.worksites.map((w) => w.status)).toEqual(['CLOSED', 'CLOSED']);
    expect(employer.pullEvents().map((e) => e.type)).toEqual(['EmployerDeregistered', 'WorksiteClosed']);
    expect(employer.worksite(second.id).closedReason).toBe('The business closed');
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['501 characters', 'x'.repeat(501)],
  ])('requires a reason of 1 to 500 characters: refuses %s', (_case, reason) => {
    const employer = anEmployer().active().build();
    expect(() => employer.suspend(anOfficer(), reason, day(1))).toThrow(code(EmployerErrors.INVALID_REASON));
    expect(employer.status).toBe('ACTIVE');
  });
});

describe('the public name in events', () => {
  it('is the legal name of a company, and null for an individual (personal data)', () => {
    const company = anEmployer().pendingVerification().inState('CHP').build();
    company.verify(anOfficer(), aRegistrationNumber().inState('CHP').build(), day(1));
    expect(company.pullEvents()[0]).toMatchObject({
      type: 'EmployerVerified',
      publicName: company.legalName,
    });

    const individual = anEmployer().individual().pendingVerification().inState('CHP').build();
    individual.verify(anOfficer(), aRegistrationNumber().inState('CHP').build(), day(1));
    expect(individual.pullEvents()[0]).toMatchObject({ type: 'EmployerVerified', publicName: null });
  });
});
