import { aContact, aLegalRepresentative, anAddress, aWorksite } from '@frontera/employers-domain/testing';
import type { WorksiteResponse } from '../../src/http/dto/employer.response';
import { EmployersTestApp } from '../support/employers-test-app';
import { aCompanyIn, aWorksiteRequest } from '../support/requests';

jest.setTimeout(60_000);

describe('reported changes and worksites', () => {
  let t: EmployersTestApp;

  beforeAll(async () => {
    t = await EmployersTestApp.start();
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('POST /employers/:id/changes', () => {
    it('keeps every change in the history and publishes employer.updated with field names, never values', async () => {
      // Given
      const employer = await t.active(aCompanyIn('CHP'));
      const staff = await t.callers.employer(employer.id);
      const address = anAddress()
        .inMunicipality('Huixtla')
        .onStreet('Calle Cinco de Mayo 3')
        .withPostalCode('30640')
        .build();
      const representative = aLegalRepresentative().named('Adriana Toledo Ruiz').build();
      // When
      const response = await t.http
        .post(`/employers/${employer.id}/changes`)
        .set('Authorization', staff)
        .send({
          address,
          legalRepresentative: representative,
          reason: 'Cambio de domicilio fiscal y de apoderada',
        })
        .expect(200);
      // Then
      expect(response.body.changedFields).toEqual([
        'address.municipality',
        'address.street',
        'address.postalCode',
        'legalRepresentative.fullName',
      ]);
      expect(response.body.employer).toMatchObject({
        address: { municipality: 'Huixtla' },
        legalRepresentative: { fullName: 'Adriana Toledo Ruiz' },
      });
      const [updated] = await t.events.waitFor(employer.id, 'frontera.employer.updated');
      expect(updated.event.data).toEqual({
        employerId: employer.id,
        changedFields: response.body.changedFields,
        state: 'CHP',
        municipality: 'Huixtla',
        publicName: employer.legalName, // a company: its legal name is public
      });
      expect(updated.raw).not.toContain('Adriana');
      expect(updated.raw).not.toContain('Cinco de Mayo');

      const history = await t.http
        .get(`/employers/${employer.id}/history`)
        .set('Authorization', await t.callers.officer('CHP'))
        .expect(200);
      const entries = history.body.entries as {
        field: string;
        from: string | null;
        to: string | null;
        personalData: boolean;
        reason: string;
        actor: { role: string };
      }[];
      expect(entries.find((e) => e.field === 'address.municipality')).toMatchObject({
        from: 'Tapachula',
        to: 'Huixtla',
        personalData: false,
        reason: 'Cambio de domicilio fiscal y de apoderada',
        actor: { role: 'employer' },
      });
      expect(entries.find((e) => e.field === 'legalRepresentative.fullName')).toMatchObject({
        personalData: true,
        from: null,
        to: null,
      });
      expect(JSON.stringify(history.body)).not.toContain('Adriana');
    });

    it('reporting the current values changes nothing and publishes nothing', async () => {
      const employer = await t.active(aCompanyIn('CHP'));
      const staff = await t.callers.employer(employer.id);

      const response = await t.http
        .post(`/employers/${employer.id}/changes`)
        .set('Authorization', staff)
        .send({ contact: employer.contact, reason: 'Sin cambios' })
        .expect(200);

      expect(response.body.changedFields).toEqual([]);
      expect((await t.rawEmployer(employer.id))?.['version']).toBe(2);
    });

    it('a change of contact is encrypted at rest', async () => {
      const employer = await t.registered(aCompanyIn('CHP'));
      const contact = aContact().withEmail('nueva.contacto@finca.mx').build();
      await t.http
        .post(`/employers/${employer.id}/changes`)
        .set('Authorization', await t.callers.employer(employer.id))
        .send({ contact, reason: 'Nueva responsable' })
        .expect(200);
      expect(JSON.stringify(await t.rawEmployer(employer.id))).not.toContain('nueva.contacto');
    });
  });

  describe('worksites', () => {
    it('adds, edits and closes a worksite, each publishing its event, and lists them', async () => {
      const employer = await t.active(aCompanyIn('CHP'));
      const staff = await t.callers.employer(employer.id);

      const added = await t.http
        .post(`/employers/${employer.id}/worksites`)
        .set('Authorization', staff)
        .send(
          aWorksiteRequest(
            aWorksite().named('Finca El Retiro').growing('coffee harvest').withCapacity(30).inState('CHP'),
          ),
        )
        .expect(201);
      const site = added.body as WorksiteResponse;
      expect(added.headers['location']).toBe(`/employers/${employer.id}/worksites/${site.id}`);
      expect(site).toMatchObject({
        name: 'Finca El Retiro',
        status: 'OPEN',
        capacity: 30,
        headcount: 0,
        eligibleForPermits: true,
      });

      const edited = await t.http
        .patch(`/employers/${employer.id}/worksites/${site.id}`)
        .set('Authorization', staff)
        .send({ capacity: 45, reason: 'Nuevo dormitorio' })
        .expect(200);
      expect(edited.body).toMatchObject({ capacity: 45, remainingCapacity: 45 });
      const closed = await t.http
        .post(`/employers/${employer.id}/worksites/${site.id}/closure`)
        .set('Authorization', staff)
        .send({ reason: 'Fin de temporada' })
        .expect(200);
      expect(closed.body).toMatchObject({ status: 'CLOSED', closedReason: 'Fin de temporada' });

      const [addedEvent] = await t.events.waitFor(employer.id, 'frontera.employer.worksite.added');
      expect(addedEvent.event.data).toEqual({
        employerId: employer.id,
        worksite: {
          worksiteId: site.id,
          activity: 'coffee harvest',
          state: 'CHP',
          municipality: 'Tapachula',
          capacity: 30,
          housingProvided: true,
          eligibleForPermits: true,
        },
      });
      expect(addedEvent.raw).not.toContain('El Retiro');
      expect(addedEvent.raw).not.toContain(String(site.coordinates.lat));
      const [updatedEvent] = await t.events.waitFor(employer.id, 'frontera.employer.worksite.updated');
      expect(updatedEvent.event.data).toMatchObject({
        changedFields: ['capacity'],
        worksite: { capacity: 45 },
      });
      const [closedEvent] = await t.events.waitFor(employer.id, 'frontera.employer.worksite.closed');
      expect(closedEvent.event.data).toEqual({
        employerId: employer.id,
        worksiteId: site.id,
        reason: 'Fin de temporada',
      });

      const listed = await t.http
        .get(`/employers/${employer.id}/worksites`)
        .set('Authorization', await t.callers.officer('CHP'))
        .expect(200);
      expect(listed.body).toEqual([closed.body]);
    });

    it('only worksites in the eligible states can receive permit workers', async () => {
      const employer = await t.active(aCompanyIn('CHP'));
      const staff = await t.callers.employer(employer.id);

      const inVeracruz = await t.http
        .post(`/employers/${employer.id}/worksites`)
        .set('Authorization', staff)
        .send(aWorksiteRequest(aWorksite().inState('VER')))
        .expect(201);

      expect(inVeracruz.body.eligibleForPermits).toBe(false);
      const [event] = await t.events.waitFor(employer.id, 'frontera.employer.worksite.added');
      expect(event.event.data).toMatchObject({ worksite: { state: 'VER', eligibleForPermits: false } });
    });

    it('a closed worksite cannot be edited (409); a suspended employer cannot add one (409)', async () => {
      const employer = await t.active(aCompanyIn('CHP'));
      const staff = await t.callers.employer(employer.id);
      const site = (
        await t.http
          .post(`/employers/${employer.id}/worksites`)
          .set('Authorization', staff)
          .send(aWorksiteRequest())
          .expect(201)
      ).body as WorksiteResponse;
      await t.http
        .post(`/employers/${employer.id}/worksites/${site.id}/closure`)
        .set('Authorization', staff)
        .send({ reason: 'Venta' })
        .expect(200);

      const edit = await t.http
        .patch(`/employers/${employer.id}/worksites/${site.id}`)
        .set('Authorization', staff)
        .send({ capacity: 3, reason: 'x' })
        .expect(409);
      expect(edit.body.code).toBe('WORKSITE.CLOSED');

      await t.http
        .post(`/employers/${employer.id}/suspension`)
        .set('Authorization', await t.callers.officer('CHP'))
        .send({ reason: 'Revisión' })
        .expect(200);
      const add = await t.http
        .post(`/employers/${employer.id}/worksites`)
        .set('Authorization', staff)
        .send(aWorksiteRequest())
        .expect(409);
      expect(add.body).toMatchObject({ code: 'EMPLOYER.TRANSITION_NOT_ALLOWED', currentState: 'SUSPENDED' });
    });
  });
});
