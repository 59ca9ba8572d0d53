import { aContact, aLegalRepresentative, aRegistration, anRfc } from '@frontera/employers-domain/testing';
import type { EmployerResponse } from '../../src/http/dto/employer.response';
import { anOrganisationId, EmployersTestApp } from '../support/employers-test-app';
import { aRegistrationRequest, anIndividualIn } from '../support/requests';

jest.setTimeout(60_000);

describe('POST /employers — registration', () => {
  let t: EmployersTestApp;

  beforeAll(async () => {
    t = await EmployersTestApp.start({ swagger: true });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('registers the organisation of the token, pending verification, and publishes employer.registered without personal data', async () => {
    // Given
    const id = anOrganisationId();
    const contact = aContact()
      .named('Lucía Méndez Ruiz')
      .withEmail('lucia.mendez@cafe-tacana.mx')
      .withPhone('+52 962 555 0199')
      .build();
    const body = aRegistrationRequest(
      aRegistration()
        .company()
        .withRfc(anRfc().forCompany().withLetters('CTA'))
        .with({
          contact,
          legalRepresentative: aLegalRepresentative().named('Ernesto Salas Vidal').build(),
          legalName: 'Café Tacaná S.A. de C.V.',
        }),
    );
    // When
    const response = await t.http
      .post('/employers')
      .set('Authorization', await t.callers.employer(id))
      .send(body)
      .expect(201);
    // Then: the response, the stored state and the published event
    const employer = response.body as EmployerResponse;
    expect(response.headers['location']).toBe(`/employers/${id}`);
    expect(employer).toMatchObject({
      id,
      status: 'PENDING_VERIFICATION',
      rating: null,
      registrationNumber: null,
      rfc: body.rfc,
      contact: { name: contact.name, email: contact.email, phone: '+529625550199' },
      legalRepresentative: { fullName: 'Ernesto Salas Vidal' },
      allowedActions: [
        'VERIFY',
        'REJECT',
        'REPORT_CHANGE',
        'ADD_WORKSITE',
        'UPDATE_WORKSITE',
        'CLOSE_WORKSITE',
      ],
      personalData: 'FULL',
      version: 1,
    });
    expect(employer).not.toHaveProperty('risk');
    const stored = await t.rawEmployer(id);
    expect(stored).toMatchObject({
      status: 'PENDING_VERIFICATION',
      version: 1,
      state: 'CHP',
      kind: 'COMPANY',
    });

    const [published] = await t.events.waitFor(id, 'frontera.employer.registered');
    expect(published.key).toBe(id);
    expect(published.event).toMatchObject({
      source: '/frontera/employers',
      subject: id,
      data: { employerId: id, kind: 'COMPANY', sector: 'COFFEE', state: 'CHP', municipality: 'Tapachula' },
    });
    expect(published.event.correlationid).toBe(response.headers['x-correlation-id']);
    for (const personal of [
      body.rfc,
      contact.name,
      contact.email,
      '5550199',
      'Ernesto Salas',
      body.address.street,
    ]) {
      expect(published.raw).not.toContain(personal);
    }
  });

  it('stores personal data encrypted: the raw document holds no contact, representative or RFC in clear', async () => {
    const body = anIndividualIn('CAM');
    const employer = await t.registered(body);

    const raw = JSON.stringify(await t.rawEmployer(employer.id));

    for (const personal of [
      body.rfc,
      body.legalName,
      body.contact.name,
      body.contact.email,
      body.contact.phone.replace(/\s/g, ''),
      body.address.street,
      body.address.postalCode,
    ]) {
      expect(raw).not.toContain(personal);
    }
    expect(raw).toContain(body.address.municipality); // the public part stays queryable
    const read = await t.http
      .get(`/employers/${employer.id}`)
      .set('Authorization', await t.callers.employer(employer.id))
      .expect(200);
    expect(read.body).toMatchObject({
      rfc: body.rfc,
      legalName: body.legalName,
      contact: { name: body.contact.name },
    });
  });

  it('refuses a second registration of the same RFC by another organisation (409) and stores nothing', async () => {
    const body = aRegistrationRequest();
    await t.registered(body);
    const before = await t.employerCount();

    const response = await t.http
      .post('/employers')
      .set('Authorization', await t.callers.employer(anOrganisationId()))
      .send({ ...body, rfc: body.rfc.toLowerCase() })
      .expect(409);

    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 409, code: 'EMPLOYER.ALREADY_REGISTERED' });
    expect(JSON.stringify(response.body)).not.toContain(body.rfc);
    expect(await t.employerCount()).toBe(before);
  });

  it('refuses a second registration by the same organisation (409)', async () => {
    const id = anOrganisationId();
    const token = await t.callers.employer(id);
    await t.http.post('/employers').set('Authorization', token).send(aRegistrationRequest()).expect(201);

    const response = await t.http
      .post('/employers')
      .set('Authorization', token)
      .send(aRegistrationRequest())
      .expect(409);

    expect(response.body.code).toBe('EMPLOYER.ALREADY_REGISTERED');
  });

  describe('Idempotency-Key', () => {
    it('the same key and body return the first response again, and register once', async () => {
      const id = anOrganisationId();
      const token = await t.callers.employer(id);
      const body = aRegistrationRequest();
      const key = `reg-${id}`;

      const first = await t.http
        .post('/employers')
        .set('Authorization', token)
        .set('Idempotency-Key', key)
        .send(body)
        .expect(201);
      const again = await t.http
        .post('/employers')
        .set('Authorization', token)
        .set('Idempotency-Key', key)
        .send(body)
        .expect(201);

      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(again.headers['location']).toBe(`/employers/${id}`);
      await t.events.waitFor(id, 'frontera.employer.registered');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(t.events.about(id, 'frontera.employer.registered')).toHaveLength(1);
      // The stored response holds personal data: it is encrypted too.
      const records = await t.connection.collection('idempotency_keys').find().toArray();
      expect(JSON.stringify(records)).not.toContain(body.contact.email);
    });

    it('the same key with another body is refused with 422 and changes nothing', async () => {
      const id = anOrganisationId();
      const token = await t.callers.employer(id);
      const body = aRegistrationRequest();
      await t.http
        .post('/employers')
        .set('Authorization', token)
        .set('Idempotency-Key', 'k-1')
        .send(body)
        .expect(201);

      const response = await t.http
        .post('/employers')
        .set('Authorization', token)
        .set('Idempotency-Key', 'k-1')
        .send({ ...body, legalName: 'Otra Razón Social S.A.' })
        .expect(422);

      expect(response.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
      const stored = await t.http.get(`/employers/${id}`).set('Authorization', token).expect(200);
      expect(stored.body.legalName).toBe(body.legalName);
    });

    it('a key is the caller’s own: another organisation using it registers normally', async () => {
      const key = 'shared-looking-key';
      await t.http
        .post('/employers')
        .set('Authorization', await t.callers.employer(anOrganisationId()))
        .set('Idempotency-Key', key)
        .send(aRegistrationRequest())
        .expect(201);
      await t.http
        .post('/employers')
        .set('Authorization', await t.callers.employer(anOrganisationId()))
        .set('Idempotency-Key', key)
        .send(aRegistrationRequest())
        .expect(201);
    });

    it('a failed request keeps nothing: retrying with the same key and a corrected body works', async () => {
      const token = await t.callers.employer(anOrganisationId());
      const bad = aRegistrationRequest(aRegistration().withRfc(anRfc().forCompany().withWrongCheckDigit()));
      await t.http
        .post('/employers')
        .set('Authorization', token)
        .set('Idempotency-Key', 'k-retry')
        .send(bad)
        .expect(422);
      await t.http
        .post('/employers')
        .set('Authorization', token)
        .set('Idempotency-Key', 'k-retry')
        .send(aRegistrationRequest())
        .expect(201);
    });

    it('refuses a key that is not 1–255 visible characters (400)', async () => {
      const response = await t.http
        .post('/employers')
        .set('Authorization', await t.callers.employer(anOrganisationId()))
        .set('Idempotency-Key', 'x'.repeat(256))
        .send(aRegistrationRequest())
        .expect(400);
      expect(response.body.code).toBe('IDEMPOTENCY.KEY_INVALID');
    });
  });

  it('documents every endpoint with examples at /docs-json, and serves /docs', async () => {
    const docs = await t.http.get('/docs-json').expect(200);
    const paths = Object.keys(docs.body.paths as Record<string, unknown>);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/employers',
        '/employers/{id}',
        '/employers/{id}/history',
        '/employers/{id}/verification',
        '/employers/{id}/rejection',
        '/employers/{id}/suspension',
        '/employers/{id}/reinstatement',
        '/employers/{id}/deregistration',
        '/employers/{id}/changes',
        '/employers/{id}/worksites',
        '/employers/{id}/worksites/{worksiteId}',
        '/employers/{id}/worksites/{worksiteId}/closure',
      ]),
    );
    expect(docs.body.components.schemas.RegisterEmployerRequest.properties.rfc.example).toBe('FLE150812AB5');
    expect(docs.body.paths['/employers'].post.responses['409']).toBeDefined();
    // GET /employers: Redis down is 503 SERVICE.UNAVAILABLE; a foreign cursor 400 LIST.INVALID_CURSOR.
    const listResponses = docs.body.paths['/employers'].get.responses as Record<
      string,
      { description: string }
    >;
    expect(listResponses['503']?.description).toContain('SERVICE.UNAVAILABLE');
    expect(listResponses['400']?.description).toContain('LIST.INVALID_CURSOR');
    await t.http.get('/docs').expect(200);
  });
});
