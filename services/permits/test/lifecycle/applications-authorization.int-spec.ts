import { APPLICATIONS_COLLECTION, WORKERS_COLLECTION } from '../../src/persistence/permits.schemas';
import {
  aSubmittedApplication,
  authorizationMatrix,
  itsEmployerOnly,
  LISTERS,
  listShowsTarget,
  officerOfItsStateOnly,
  READERS,
  type Target,
} from '../support/authorization-matrix';
import {
  aNewApplication,
  anActiveEmployer,
  startPermitsApp,
  type GivenEmployer,
  type PermitsTestApp,
} from '../support/permits-test-app';

jest.setTimeout(180_000);

/**
 * Every application route × every kind of caller (docs/domain/permits.md, authorization; the
 * access policy table of permits-application): employer staff see and act on their own
 * applications only (another's reads as absent: 404), officers and supervisors those of their
 * states (another state: 404), a role that may never is 403, no token is 401; only the allowed
 * combinations succeed and refusals change nothing.
 */
describe('application routes: authorization per endpoint', () => {
  let t: PermitsTestApp;
  let employer: GivenEmployer;
  let shared: Target;

  beforeAll(async () => {
    t = await startPermitsApp();
    employer = await anActiveEmployer(t, { state: 'CHP', capacity: 500 });
    shared = await aSubmittedApplication(t, employer);
  });

  afterAll(async () => {
    await t?.close();
  });

  const app = () => t;

  describe('POST /applications', () => {
    it('its employer → 201', async () => {
      const submitted = await t.http
        .post('/applications')
        .set('Authorization', await t.callers.employer(employer.employerId))
        .send(aNewApplication(employer))
        .expect(201);
      expect(submitted.body).toMatchObject({ employerId: employer.employerId, status: 'SUBMITTED' });
    });

    it('another (ACTIVE) employer applying at this employer’s worksite → 422 WORKSITE_NOT_FOUND, nothing stored', async () => {
      const other = await anActiveEmployer(t, { state: 'CHP' });
      const before = await counts();
      const refused = await t.http
        .post('/applications')
        .set('Authorization', await t.callers.employer(other.employerId))
        .send(aNewApplication(employer))
        .expect(422);
      expect(refused.body.code).toBe('APPLICATION.NOT_ELIGIBLE');
      expect(refused.body.failures.map((f: { code: string }) => f.code)).toEqual(['WORKSITE_NOT_FOUND']);
      expect(await counts()).toEqual(before);
    });

    it.each([
      ['officer of its state', 403],
      ['supervisor of its state', 403],
      ['inspector', 403],
      ['anonymous', 401],
    ] as const)('%s → %i, nothing stored', async (caller, status) => {
      const authorization = {
        'officer of its state': () => t.callers.officer('CHP'),
        'supervisor of its state': () => t.callers.supervisor('CHP'),
        inspector: () => t.callers.inspector('CHP'),
        anonymous: async () => undefined,
      }[caller];
      const before = await counts();
      const token = await authorization();
      let request = t.http.post('/applications').send(aNewApplication(employer));
      if (token) request = request.set('Authorization', token);

      const refused = await request;

      expect(refused.status).toBe(status);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body.code).toMatch(status === 401 ? /^AUTH\.UNAUTHENTICATED$/ : /^AUTH\.FORBIDDEN$/);
      expect(await counts()).toEqual(before);
    });

    async function counts(): Promise<number[]> {
      return [
        await t.connection.collection(APPLICATIONS_COLLECTION).countDocuments(),
        await t.connection.collection(WORKERS_COLLECTION).countDocuments(),
      ];
    }
  });

  authorizationMatrix(app, {
    route: 'GET /applications',
    target: async () => shared,
    request: (t) => t.http.get('/applications').query({ limit: 100 }),
    expected: LISTERS,
    onSuccess: (body, target, caller) => {
      const ids = (body as { items: { id: string }[] }).items.map((i) => i.id);
      if (listShowsTarget(caller)) expect(ids).toContain(target.applicationId);
      else expect(ids).not.toContain(target.applicationId);
    },
  });

  authorizationMatrix(app, {
    route: 'GET /applications/:id',
    target: async () => shared,
    request: (t, target) => t.http.get(`/applications/${target.applicationId}`),
    expected: READERS,
    onSuccess: (body, target) => expect(body).toMatchObject({ id: target.applicationId }),
  });

  authorizationMatrix(app, {
    route: 'POST /applications/:id/approval',
    target: (t) => aSubmittedApplication(t, employer),
    request: (t, target) =>
      t.http
        .post(`/applications/${target.applicationId}/approval`)
        .send({ reason: 'Documentación completa' }),
    expected: officerOfItsStateOnly(200),
    onSuccess: (body) =>
      expect(body).toMatchObject({ application: { status: 'APPROVED' }, permit: { status: 'ACTIVE' } }),
  });

  authorizationMatrix(app, {
    route: 'POST /applications/:id/rejection',
    target: (t) => aSubmittedApplication(t, employer),
    request: (t, target) =>
      t.http.post(`/applications/${target.applicationId}/rejection`).send({ reason: 'Documento ilegible' }),
    expected: officerOfItsStateOnly(200),
    onSuccess: (body) => expect(body).toMatchObject({ status: 'REJECTED' }),
  });

  authorizationMatrix(app, {
    route: 'POST /applications/:id/withdrawal',
    target: (t) => aSubmittedApplication(t, employer),
    request: (t, target) =>
      t.http.post(`/applications/${target.applicationId}/withdrawal`).send({ reason: 'Ya no se contrata' }),
    expected: itsEmployerOnly(200),
    onSuccess: (body) => expect(body).toMatchObject({ status: 'WITHDRAWN' }),
  });
});
