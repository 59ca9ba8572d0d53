import {
  Employer,
  EMPLOYER_DOMAIN_EVENT_TYPES,
  RegistrationNumber,
  type EmployerDomainEvent,
} from '@frontera/employers-domain';
import {
  aContact,
  aLegalRepresentative,
  anAuditOutcome,
  anEmployer,
  anEmployerUser,
  anOfficer,
  aRegistration,
  aWorksite,
  day,
} from '@frontera/employers-domain/testing';
import { validateEnvelope } from '@frontera/contracts';
import { EMPLOYER_EVENT_TYPES, toIntegrationEvents } from './integration-events';

const origin = { correlationId: 'corr-0001', causationId: 'cause-0001' };

/** One employer's life, raising every domain event type at least once. */
function everyDomainEvent(): EmployerDomainEvent[] {
  const employer = Employer.register(aRegistration().build(), anEmployerUser(), day(0));
  const events: EmployerDomainEvent[] = [];
  const collect = () => events.push(...employer.pullEvents());
  collect();
  const site = employer.addWorksite(anEmployerUser(), aWorksite().withCapacity(10).build(), day(1));
  employer.reportChange(
    anEmployerUser(),
    { contact: aContact().withPhone('+52 962 765 4321').build() },
    'New HR phone',
    day(1),
  );
  employer.updateWorksite(anEmployerUser(), site.id, { capacity: 20 }, 'Harvest season', day(1));
  employer.verify(
    anOfficer(),
    RegistrationNumber.issue({ state: employer.address.state, year: 2025, sequence: 7 }),
    day(2),
  );
  employer.applyAuditOutcome(anAuditOutcome().withSeriousFinding().completedAt(day(3)).build(), day(3));
  employer.suspend(anOfficer(), 'Roster inconsistencies', day(4));
  employer.reinstate(anOfficer(), 'Roster corrected', day(5));
  employer.deregister(anOfficer(), 'Business closed', day(6));
  collect();
  const rejected = anEmployer().pendingVerification().build();
  rejected.reject(anOfficer(), 'Documents do not match the SAT registry', day(1));
  events.push(...rejected.pullEvents());
  return events;
}

describe('integration events', () => {
  it('maps every domain event type to a valid employer contract with subject = employer id', () => {
    const events = everyDomainEvent();

    const envelopes = toIntegrationEvents(events, origin);

    expect([...new Set(events.map((e) => e.type))].sort()).toEqual([...EMPLOYER_DOMAIN_EVENT_TYPES].sort());
    for (const [i, envelope] of envelopes.entries()) {
      expect(validateEnvelope(envelope)).toEqual([]);
      expect(envelope.subject).toBe(events[i].employerId);
      expect(envelope.time).toBe(events[i].occurredAt);
      expect(envelope.correlationid).toBe('corr-0001');
      expect(envelope.causationid).toBe('cause-0001');
      expect(envelope.source).toBe('/frontera/employers');
      expect(EMPLOYER_EVENT_TYPES).toContain(envelope.type);
    }
  });

  it('maps the registration field by field', () => {
    const [event] = toIntegrationEvents(
      [
        {
          type: 'EmployerRegistered',
          employerId: 'emp-1',
          occurredAt: day(0).toISOString(),
          kind: 'INDIVIDUAL',
          sector: 'MANGO',
          state: 'CHP',
          municipality: 'Tapachula',
        },
      ],
      { correlationId: 'corr-0002' },
    );
    expect(event.type).toBe('frontera.employer.registered');
    expect(event.data).toEqual({
      employerId: 'emp-1',
      kind: 'INDIVIDUAL',
      sector: 'MANGO',
      state: 'CHP',
      municipality: 'Tapachula',
    });
    expect(event).not.toHaveProperty('causationid');
  });

  it('leaves out the caller of an automatic suspension and keeps its audit and cause', () => {
    const employer = anEmployer().active().build();
    employer.applyAuditOutcome(
      anAuditOutcome().withId('audit-9').withCriticalFinding().completedAt(day(2)).build(),
      day(2),
    );
    const envelopes = toIntegrationEvents(employer.pullEvents(), origin);
    const suspended = envelopes.find((e) => e.type === 'frontera.employer.suspended');
    expect(suspended?.data).toEqual({
      employerId: employer.id,
      cause: 'CRITICAL_FINDINGS',
      reason: expect.stringContaining('audit-9'),
      auditId: 'audit-9',
    });
    const rating = envelopes.find((e) => e.type === 'frontera.employer.rating.changed');
    expect(rating?.data).toMatchObject({ from: 'A', to: 'B', auditId: 'audit-9' });
  });

  it('carries no personal data: no contact, legal representative, RFC, name, street, worksite name or coordinates', () => {
    const contact = aContact()
      .named('Lucía Méndez Ruiz')
      .withEmail('lucia@ejemplo.mx')
      .withPhone('+52 961 555 0101')
      .build();
    const representative = aLegalRepresentative().named('Ernesto Salas Vidal').build();
    const employer = anEmployer()
      .individual()
      .withWorksite(aWorksite().named('Rancho El Secreto').at(15.1234, -92.4321))
      .build();
    employer.reportChange(
      anEmployerUser(),
      {
        contact,
        legalRepresentative: representative,
        address: { ...employer.address.toProps(), street: 'Calle Oculta 99' },
      },
      'Moved and new contact',
      day(1),
    );
    const serialized = JSON.stringify(toIntegrationEvents(employer.pullEvents(), origin));
    for (const secret of [
      contact.name,
      contact.email,
      '5550101',
      representative.fullName,
      employer.rfc.value,
      employer.legalName,
      'Calle Oculta',
      'Rancho El Secreto',
      '15.1234',
    ]) {
      expect(serialized).not.toContain(secret);
    }
    expect(serialized).toContain('contact.email');
  });
});
