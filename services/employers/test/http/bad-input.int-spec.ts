import { aRegistration, anRfc } from '@frontera/employers-domain/testing';
import type { EmployerResponse, WorksiteResponse } from '../../src/http/dto/employer.response';
import { anOrganisationId, EmployersTestApp } from '../support/employers-test-app';
import { aCompanyIn, aRegistrationRequest, aWorksiteRequest } from '../support/requests';

jest.setTimeout(60_000);

interface Case {
  readonly name: string;
  readonly method: 'get' | 'post' | 'patch';
  readonly path: () => string;
  readonly as: () => Promise<string>;
  readonly body?: () => unknown;
  readonly raw?: { readonly contentType: string; readonly text: string };
  readonly status: number;
  readonly code: string;
  /** A field named in `errors`, when the problem lists fields. */
  readonly field?: string;
}

/**
 * Every bad input gets 4xx problem details with a code that says what to fix, and changes
 * nothing: the employers (ids and versions — every write, events included, bumps the version)
 * and their count are compared before and after each request.
 */
describe('bad input', () => {
  let t: EmployersTestApp;
  let active: EmployerResponse;
  let site: WorksiteResponse;

  beforeAll(async () => {
    t = await EmployersTestApp.start({ readEmployerTopic: false });
    active = await t.active(aCompanyIn('CHP'));
    site = (
      await t.http
        .post(`/employers/${active.id}/worksites`)
        .set('Authorization', await t.callers.employer(active.id))
        .send(aWorksiteRequest())
        .expect(201)
    ).body as WorksiteResponse;
  });

  afterAll(async () => {
    await t?.close();
  });

  const newOrganisation = () => t.callers.employer(anOrganisationId());
  const staff = () => t.callers.employer(active.id);
  const officer = () => t.callers.officer('CHP');
  const registration = (overrides: Record<string, unknown> = {}) => ({
    ...aRegistrationRequest(),
    ...overrides,
  });
  const register = (partial: Omit<Case, 'method' | 'path' | 'as'>): Case => ({
    method: 'post',
    path: () => '/employers',
    as: newOrganisation,
    ...partial,
  });
  const addWorksite = (partial: Omit<Case, 'method' | 'path' | 'as'>): Case => ({
    method: 'post',
    path: () => `/employers/${active.id}/worksites`,
    as: staff,
    ...partial,
  });
  const suspend = (partial: Omit<Case, 'method' | 'path' | 'as'>): Case => ({
    method: 'post',
    path: () => `/employers/${active.id}/suspension`,
    as: officer,
    ...partial,
  });

  const cases: Case[] = [
    // Registration: shape (400)
    register({
      name: 'missing fields',
      body: () => ({}),
      status: 400,
      code: 'VALIDATION.FAILED',
      field: 'rfc',
    }),
    register({
      name: 'missing nested field',
      body: () => {
        const b = registration();
        delete (b.address as Partial<typeof b.address>).street;
        return b;
      },
      status: 400,
      code: 'VALIDATION.FAILED',
      field: 'address.street',
    }),
    register({
      name: 'wrong type (number for the RFC)',
      body: () => registration({ rfc: 123456789012 }),
      status: 400,
      code: 'VALIDATION.FAILED',
      field: 'rfc',
    }),
    register({
      name: 'wrong type (string for an object)',
      body: () => registration({ contact: 'rh@finca.mx' }),
      status: 400,
      code: 'VALIDATION.FAILED',
      field: 'contact',
    }),
    register({
      name: 'unknown field',
      body: () => registration({ status: 'ACTIVE' }),
      status: 400,
      code: 'VALIDATION.FAILED',
      field: 'status',
    }),
    register({
      name: 'unknown nested field',
      body: () => registration({ address: { ...aRegistrationRequest().address, $where: '1' } }),
      status: 400,
      code: 'VALIDATION.FAILED',
    }),
    register({
      name: '{"$ne": null} for a string',
      body: () => registration({ legalName: { $ne: null } }),
      status: 400,
      code: 'VALIDATION.FAILED',
      field: 'legalName',
    }),
    register({
      name: '{"$ne": null} for the RFC',
      body: () => registration({ rfc: { $ne: null } }),
      status: 400,
      code: 'VALIDATION.FAILED',
      field: 'rfc',
    }),
    register({
      name: 'unknown state',
      body: () => registration({ address: { ...aRegistrationRequest().address, state: 'XX' } }),
      status: 400,
      code: 'VALIDATION.FAILED',
      field: 'address.state',
    }),
    register({
      name: 'an array instead of an object',
      body: () => [registration()],
      status: 400,
      code: 'VALIDATION.FAILED',
    }),
    // Registration: rules (422)
    register({
      name: 'RFC with a wrong check digit',
      body: () => aRegistrationRequest(aRegistration().withRfc(anRfc().forCompany().withWrongCheckDigit())),
      status: 422,
      code: 'EMPLOYER.RFC_INVALID_CHECK_DIGIT',
    }),
    register({
      name: 'generic RFC XAXX010101000',
      body: () => registration({ rfc: 'XAXX010101000', kind: 'INDIVIDUAL', legalRepresentative: null }),
      status: 422,
      code: 'EMPLOYER.RFC_GENERIC_NOT_ALLOWED',
    }),
    register({
      name: 'generic RFC XEXX010101000',
      body: () => registration({ rfc: 'XEXX010101000', kind: 'INDIVIDUAL' }),
      status: 422,
      code: 'EMPLOYER.RFC_GENERIC_NOT_ALLOWED',
    }),
    register({
      name: 'RFC of the wrong shape',
      body: () => registration({ rfc: 'ABC-12' }),
      status: 422,
      code: 'EMPLOYER.RFC_INVALID_FORMAT',
    }),
    register({
      name: 'RFC with an impossible date',
      body: () => aRegistrationRequest(aRegistration().withRfc(anRfc().forCompany().withDate('151345'))),
      status: 422,
      code: 'EMPLOYER.RFC_INVALID_DATE',
    }),
    register({
      name: 'kind that does not match the RFC',
      body: () => registration({ kind: 'INDIVIDUAL' }),
      status: 422,
      code: 'EMPLOYER.KIND_MISMATCH',
    }),
    register({
      name: 'company without legal representative',
      body: () => registration({ legalRepresentative: null }),
      status: 422,
      code: 'EMPLOYER.LEGAL_REPRESENTATIVE_REQUIRED',
    }),
    register({
      name: 'invalid e-mail',
      body: () => registration({ contact: { ...aRegistrationRequest().contact, email: 'no-at-sign' } }),
      status: 422,
      code: 'EMPLOYER.INVALID_CONTACT',
      field: 'email',
    }),
    register({
      name: 'postal code of the wrong shape',
      body: () => registration({ address: { ...aRegistrationRequest().address, postalCode: '3070' } }),
      status: 422,
      code: 'EMPLOYER.INVALID_ADDRESS',
      field: 'postalCode',
    }),
    // Registration: the request itself
    register({
      name: 'oversized body (over HTTP_BODY_LIMIT)',
      body: () => registration({ legalName: 'x'.repeat(200_000) }),
      status: 413,
      code: 'REQUEST.TOO_LARGE',
    }),
    register({
      name: 'malformed JSON',
      raw: { contentType: 'application/json', text: '{"rfc": "FLE' },
      status: 400,
      code: 'REQUEST.MALFORMED_JSON',
    }),
    register({
      name: 'not JSON',
      raw: { contentType: 'text/plain', text: 'rfc=FLE150812AB5' },
      status: 415,
      code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
    }),
    // Worksites
    addWorksite({
      name: 'coordinates outside Mexico',
      body: () => ({ ...aWorksiteRequest(), coordinates: { lat: 40.4168, lng: -3.7038 } }),
      status: 422,
      code: 'WORKSITE.INVALID_COORDINATES',
      field: 'lat',
    }),
    addWorksite({
      name: 'latitude and longitude swapped',
      body: () => ({ ...aWorksiteRequest(), coordinates: { lat: -92.26, lng: 14.9 } }),
      status: 422,
      code: 'WORKSITE.INVALID_COORDINATES',
    }),
    addWorksite({
      name: 'coordinates as strings',
      body: () => ({ ...aWorksiteRequest(), coordinates: { lat: '14.9', lng: '-92.2' } }),
      status: 400,
      code: 'VALIDATION.FAILED',
      field: 'coordinates.lat',
    }),
    addWorksite({
      name: 'capacity 0',
      body: () => ({ ...aWorksiteRequest(), capacity: 0 }),
      status: 422,
      code: 'WORKSITE.INVALID_CAPACITY',
    }),
    addWorksite({
      name: 'fractional capacity',
      body: () => ({ ...aWorksiteRequest(), capacity: 2.5 }),
      status: 400,
      code: 'VALIDATION.FAILED',
      field: 'capacity',
    }),
    addWorksite({
      name: 'housing as text',
      body: () => ({ ...aWorksiteRequest(), housingProvided: 'yes' }),
      status: 400,
      code: 'VALIDATION.FAILED',
      field: 'housingProvided',
    }),
    addWorksite({
      name: 'a worksite id chosen by the client',
      body: () => ({ ...aWorksiteRequest(), worksiteId: 'ws_mine' }),
      status: 400,
      code: 'VALIDATION.FAILED',
      field: 'worksiteId',
    }),
    // Reasons
    suspend({
      name: 'missing reason',
      body: () => ({}),
      status: 400,
      code: 'VALIDATION.FAILED',
      field: 'reason',
    }),
    suspend({
      name: '{"$ne": null} as the reason',
      body: () => ({ reason: { $ne: null } }),
      status: 400,
      code: 'VALIDATION.FAILED',
      field: 'reason',
    }),
    suspend({
      name: 'blank reason',
      body: () => ({ reason: '   ' }),
      status: 422,
      code: 'EMPLOYER.INVALID_REASON',
    }),
    suspend({
      name: 'reason over 500 characters',
      body: () => ({ reason: 'r'.repeat(501) }),
      status: 400,
      code: 'VALIDATION.FAILED',
      field: 'reason',
    }),
    // Reported changes
    {
      name: 'a change that changes nothing',
      method: 'post',
      path: () => `/employers/${active.id}/changes`,
      as: staff,
      body: () => ({ reason: 'nada' }),
      status: 422,
      code: 'EMPLOYER.NO_CHANGES',
    },
    {
      name: 'removing a company’s legal representative',
      method: 'post',
      path: () => `/employers/${active.id}/changes`,
      as: staff,
      body: () => ({ legalRepresentative: null, reason: 'x' }),
      status: 422,
      code: 'EMPLOYER.LEGAL_REPRESENTATIVE_REQUIRED',
    },
    // Unknown and malformed ids
    {
      name: 'unknown employer (read)',
      method: 'get',
      path: () => '/employers/org-unknown-1',
      as: officer,
      status: 404,
      code: 'EMPLOYER.NOT_FOUND',
    },
    {
      name: 'unknown employer (decision)',
      method: 'post',
      path: () => '/employers/org-unknown-1/verification',
      as: officer,
      status: 404,
      code: 'EMPLOYER.NOT_FOUND',
    },
    {
      name: 'unknown worksite',
      method: 'patch',
      path: () => `/employers/${active.id}/worksites/ws_unknown`,
      as: staff,
      body: () => ({ capacity: 5, reason: 'x' }),
      status: 404,
      code: 'WORKSITE.NOT_FOUND',
    },
    {
      name: 'malformed employer id',
      method: 'get',
      path: () => '/employers/not%20an%20id',
      as: officer,
      status: 400,
      code: 'VALIDATION.FAILED',
      field: 'id',
    },
    {
      name: 'unknown route',
      method: 'get',
      path: () => '/employers/x/unknown',
      as: officer,
      status: 404,
      code: 'RESOURCE.NOT_FOUND',
    },
    // Query strings
    // Express 5 parses query strings flat: `state[$ne]` is a key of its own, refused as unknown.
    {
      name: 'operator in a query filter',
      method: 'get',
      path: () => '/employers?state[$ne]=CHP',
      as: officer,
      status: 400,
      code: 'VALIDATION.FAILED',
      field: 'state[$ne]',
    },
    {
      name: 'unknown value in a query filter',
      method: 'get',
      path: () => '/employers?status=DELETED',
      as: officer,
      status: 400,
      code: 'VALIDATION.FAILED',
      field: 'status',
    },
    {
      name: 'limit over 100',
      method: 'get',
      path: () => '/employers?limit=1000',
      as: officer,
      status: 400,
      code: 'VALIDATION.FAILED',
      field: 'limit',
    },
    {
      name: 'limit that is not a number',
      method: 'get',
      path: () => '/employers?limit=1e308',
      as: officer,
      status: 400,
      code: 'VALIDATION.FAILED',
      field: 'limit',
    },
    {
      name: 'a cursor that is not one',
      method: 'get',
      path: () => '/employers?cursor=%24ne',
      as: officer,
      status: 400,
      code: 'VALIDATION.FAILED',
      field: 'cursor',
    },
    {
      name: 'a well-formed cursor the list never gave',
      method: 'get',
      path: () =>
        `/employers?cursor=${Buffer.from('{"v":1,"c":"state:CHP","p":99999}').toString('base64url')}`,
      as: officer,
      status: 400,
      code: 'LIST.INVALID_CURSOR',
    },
    {
      name: 'unknown query parameter',
      method: 'get',
      path: () => '/employers?where=1',
      as: officer,
      status: 400,
      code: 'VALIDATION.FAILED',
      field: 'where',
    },
  ];

  async function fingerprint(): Promise<string> {
    const documents = await t.connection
      .collection('employers')
      .find({}, { projection: { _id: 1, version: 1 } })
      .sort({ _id: 1 })
      .toArray();
    return JSON.stringify(documents.map((d) => [d['_id'], d['version']]));
  }

  it.each(cases)('$name → $status $code', async (c) => {
    const before = await fingerprint();
    let req = t.http[c.method](c.path()).set('Authorization', await c.as());
    if (c.raw) req = req.set('Content-Type', c.raw.contentType).send(c.raw.text);
    else if (c.body) req = req.send(c.body() as object);

    const response = await req;

    expect({ status: response.status, code: response.body.code }).toEqual({ status: c.status, code: c.code });
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({
      status: c.status,
      title: expect.any(String),
      detail: expect.any(String),
      correlationId: expect.any(String),
    });
    if (c.field) {
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: c.field })]),
      );
    }
    expect(await fingerprint()).toBe(before);
  });

  it('the worksite of the setup is untouched after all of this', async () => {
    const sites = await t.http
      .get(`/employers/${active.id}/worksites`)
      .set('Authorization', await staff())
      .expect(200);
    expect(sites.body).toEqual([site]);
  });
});
