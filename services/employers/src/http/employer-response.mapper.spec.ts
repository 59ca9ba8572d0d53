import { readFor } from '@frontera/employers-application';
import {
  aContact,
  aLegalRepresentative,
  anEmployer,
  aRegistration,
  aRiskChange,
  day,
} from '@frontera/employers-domain/testing';
import { maskValue } from '@frontera/platform-pii';
import { toEmployerResponse, toEmployerSummary } from './employer-response.mapper';

const officer = { id: 'officer-1', role: 'officer', states: ['CHP'] } as const;
const supervisor = { id: 'supervisor-1', role: 'supervisor', states: ['CHP'] } as const;

function anIndividualWithRisk() {
  const employer = anEmployer()
    .individual()
    .withRegistration(
      aRegistration()
        .individual()
        .with({ contact: aContact().withEmail('rosa@ejemplo.mx').build() }),
    )
    .active()
    .build();
  employer.recordRiskChange(aRiskChange().withScore(80, 'HIGH').computedAt(day(1)).build(), day(1));
  return employer;
}

describe('employer response mapping', () => {
  it('shows everything to a reader with FULL access', () => {
    const employer = anIndividualWithRisk();
    const response = toEmployerResponse(readFor({ ...officer, states: [...officer.states] }, employer));
    expect(response).toMatchObject({
      rfc: employer.rfc.value,
      legalName: employer.legalName,
      contact: employer.contact.toProps(),
      address: employer.address.toProps(),
      personalData: 'FULL',
      risk: { score: 80, tier: 'HIGH' },
    });
  });

  it('masks exactly the domain’s personal data paths for an individual (RFC, name, street address, contact)', () => {
    const employer = anIndividualWithRisk();
    const response = toEmployerResponse(readFor({ ...supervisor, states: [...supervisor.states] }, employer));
    const address = employer.address.toProps();
    expect(response).toMatchObject({
      rfc: maskValue(employer.rfc.value),
      legalName: maskValue(employer.legalName),
      contact: {
        name: maskValue(employer.contact.name),
        email: maskValue('rosa@ejemplo.mx'),
        phone: maskValue(employer.contact.phone),
      },
      address: {
        state: address.state,
        municipality: address.municipality,
        street: maskValue(address.street),
        postalCode: maskValue(address.postalCode),
      },
      personalData: 'MASKED',
    });
    expect(JSON.stringify(response)).not.toContain('rosa@ejemplo.mx');
  });

  it('does not mask a company’s RFC, name or address, which are not personal data; masks its representative', () => {
    const employer = anEmployer()
      .company()
      .withRegistration(
        aRegistration()
          .company()
          .with({ legalRepresentative: aLegalRepresentative().named('Jorge Pérez Gómez').build() }),
      )
      .build();
    const response = toEmployerResponse(readFor({ ...supervisor, states: [...supervisor.states] }, employer));
    expect(response.rfc).toBe(employer.rfc.value);
    expect(response.legalName).toBe(employer.legalName);
    expect(response.address.street).toBe(employer.address.street);
    expect(response.legalRepresentative?.fullName).toBe(maskValue('Jorge Pérez Gómez'));
  });

  it('leaves the risk assessment out for employer staff', () => {
    const employer = anIndividualWithRisk();
    const response = toEmployerResponse(
      readFor({ id: 'u-1', role: 'employer', states: [], employerId: employer.id }, employer),
    );
    expect(response).not.toHaveProperty('risk');
    expect(response.personalData).toBe('FULL');
  });

  it('list items never carry contact or legal representative, and mask the individual’s identity unless FULL', () => {
    const employer = anIndividualWithRisk();
    const forOfficer = toEmployerSummary(
      readFor({ ...officer, states: [...officer.states] }, employer, 'LIST'),
    );
    const forStaff = toEmployerSummary(
      readFor({ id: 'u-1', role: 'employer', states: [], employerId: employer.id }, employer, 'LIST'),
    );
    expect(forOfficer).toMatchObject({ rfc: employer.rfc.value, riskTier: 'HIGH', personalData: 'FULL' });
    expect(forStaff).toMatchObject({
      rfc: maskValue(employer.rfc.value),
      legalName: maskValue(employer.legalName),
      personalData: 'MASKED',
    });
    expect(forStaff).not.toHaveProperty('riskTier');
    for (const item of [forOfficer, forStaff]) {
      expect(Object.keys(item)).not.toEqual(expect.arrayContaining(['contact']));
      expect(Object.keys(item)).not.toEqual(expect.arrayContaining(['legalRepresentative']));
    }
  });
});
