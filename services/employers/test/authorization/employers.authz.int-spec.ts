import type { EmployerPageResponse } from '../../src/http/dto/employer.response';
import { authorizationMatrix, READERS, type Caller } from '../support/authorization-matrix';
import { EmployersTestApp } from '../support/employers-test-app';
import { aCompanyIn, aRegistrationRequest } from '../support/requests';

jest.setTimeout(60_000);

// EmployersController: registration, list, record, history.
describe('authorization: EmployersController', () => {
  let t: EmployersTestApp;

  beforeAll(async () => {
    t = await EmployersTestApp.start({ readEmployerTopic: false });
  });

  afterAll(async () => {
    await t?.close();
  });

  const app = () => t;
  const pending = async () => ({ employer: await t.registered(aCompanyIn('CHP')) });

  // Registration has no "target" yet: an employer user registers the organisation of its own
  // token. "Employer of this tenant" is a user whose organisation is not registered; "of another
  // tenant" is a user whose organisation already is (the target) — refused as a duplicate.
  authorizationMatrix(app, {
    route: 'POST /employers',
    target: pending,
    request: (t, target) =>
      t.http.post('/employers').send({ ...aRegistrationRequest(), address: target.employer.address }),
    expected: {
      'employer of this tenant': 409, // the target's own staff: already registered
      'employer of another tenant': 201, // a new organisation registers itself
      'officer in state': 403,
      'officer out of state': 403,
      inspector: 403,
      supervisor: 403,
      anonymous: 401,
    },
  });

  const listed = (body: unknown, target: { employer: { id: string } }, caller: Caller) => {
    const ids = (body as EmployerPageResponse).items.map((i) => i.id);
    const sees =
      caller === 'employer of this tenant' || caller === 'officer in state' || caller === 'supervisor';
    expect(ids.includes(target.employer.id)).toBe(sees);
    if (caller.startsWith('employer')) expect(ids.length).toBeLessThanOrEqual(1);
  };
  authorizationMatrix(app, {
    route: 'GET /employers',
    target: pending,
    request: (t) => t.http.get('/employers?limit=100'),
    expected: {
      'employer of this tenant': 200,
      'employer of another tenant': 200,
      'officer in state': 200,
      'officer out of state': 200,
      inspector: 403,
      supervisor: 200,
      anonymous: 401,
    },
    onSuccess: listed,
  });

  authorizationMatrix(app, {
    route: 'GET /employers/:id',
    target: pending,
    request: (t, target) => t.http.get(`/employers/${target.employer.id}`),
    expected: READERS,
    onSuccess: (body, target) => expect(body).toMatchObject({ id: target.employer.id }),
  });

  authorizationMatrix(app, {
    route: 'GET /employers/:id/history',
    target: pending,
    request: (t, target) => t.http.get(`/employers/${target.employer.id}/history`),
    expected: { ...READERS, 'employer of this tenant': 403, 'employer of another tenant': 403 },
    onSuccess: (body, target) => expect(body).toMatchObject({ employerId: target.employer.id }),
  });
});
