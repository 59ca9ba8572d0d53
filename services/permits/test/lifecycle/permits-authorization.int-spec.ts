import {
  anActivePermitTarget,
  authorizationMatrix,
  itsEmployerOnly,
  LISTERS,
  listShowsTarget,
  officerOfItsStateOnly,
  READERS,
  type Expected,
  type Target,
} from '../support/authorization-matrix';
import {
  anActiveEmployer,
  startPermitsApp,
  type GivenEmployer,
  type PermitsTestApp,
} from '../support/permits-test-app';

jest.setTimeout(240_000);

/** The printable card: its employer and officers of its state (PRINT_CARD); supervisors never. */
const CARD_PRINTERS: Expected = {
  'its employer': 200,
  'another employer': 404,
  'officer of its state': 200,
  'officer of another state': 404,
  'supervisor of its state': 403,
  'supervisor of another state': 403,
  inspector: 403,
  anonymous: 401,
};

/**
 * Every permit route × every kind of caller (docs/domain/permits.md, authorization; the access
 * policy table of permits-application): employer staff see their own permits and report the end of
 * the employment (another's reads as absent: 404), officers see and decide on those of their states
 * (another state: 404), supervisors see those of their region, inspectors nothing (403), no token
 * is 401; only the allowed combinations succeed and refusals change nothing.
 */
describe('permit routes: authorization per endpoint', () => {
  let t: PermitsTestApp;
  let employer: GivenEmployer;
  let shared: Target;

  beforeAll(async () => {
    t = await startPermitsApp();
    employer = await anActiveEmployer(t, { state: 'CHP', capacity: 1000 });
    shared = await anActivePermitTarget(t, employer);
  });

  afterAll(async () => {
    await t?.close();
  });

  const app = () => t;
  const permitOf = (target: Target): string => {
    if (target.permitId === null) throw new Error('the target has no permit');
    return target.permitId;
  };

  authorizationMatrix(app, {
    route: 'GET /permits',
    target: async () => shared,
    request: (t) => t.http.get('/permits').query({ limit: 100 }),
    expected: LISTERS,
    onSuccess: (body, target, caller) => {
      const ids = (body as { items: { id: string }[] }).items.map((i) => i.id);
      if (listShowsTarget(caller)) expect(ids).toContain(permitOf(target));
      else expect(ids).not.toContain(permitOf(target));
    },
  });

  authorizationMatrix(app, {
    route: 'GET /permits/:id',
    target: async () => shared,
    request: (t, target) => t.http.get(`/permits/${permitOf(target)}`),
    expected: READERS,
    onSuccess: (body, target) => expect(body).toMatchObject({ id: permitOf(target), status: 'ACTIVE' }),
  });

  authorizationMatrix(app, {
    route: 'GET /permits/:id/history',
    target: async () => shared,
    request: (t, target) => t.http.get(`/permits/${permitOf(target)}/history`),
    expected: READERS,
    onSuccess: (body) =>
      expect((body as { entries: { action: string }[] }).entries.map((e) => e.action)).toContain('ISSUE'),
  });

  authorizationMatrix(app, {
    route: 'GET /permits/:id/card.pdf',
    target: async () => shared,
    request: (t, target) => t.http.get(`/permits/${permitOf(target)}/card.pdf`),
    expected: CARD_PRINTERS,
  });

  authorizationMatrix(app, {
    route: 'POST /permits/:id/suspension',
    target: (t) => anActivePermitTarget(t, employer),
    request: (t, target) =>
      t.http.post(`/permits/${permitOf(target)}/suspension`).send({ reason: 'Revisión' }),
    expected: officerOfItsStateOnly(200),
    onSuccess: (body) => expect(body).toMatchObject({ status: 'SUSPENDED' }),
  });

  authorizationMatrix(app, {
    route: 'POST /permits/:id/reinstatement',
    target: async (t) => {
      const target = await anActivePermitTarget(t, employer);
      await t.http
        .post(`/permits/${permitOf(target)}/suspension`)
        .set('Authorization', await t.callers.officer(employer.state))
        .send({ reason: 'Revisión' })
        .expect(200);
      return target;
    },
    request: (t, target) =>
      t.http.post(`/permits/${permitOf(target)}/reinstatement`).send({ reason: 'Aclarado' }),
    expected: officerOfItsStateOnly(200),
    onSuccess: (body) => expect(body).toMatchObject({ status: 'ACTIVE' }),
  });

  authorizationMatrix(app, {
    route: 'POST /permits/:id/revocation',
    target: (t) => anActivePermitTarget(t, employer),
    request: (t, target) =>
      t.http.post(`/permits/${permitOf(target)}/revocation`).send({ reason: 'Documento falso' }),
    expected: officerOfItsStateOnly(200),
    onSuccess: (body) => expect(body).toMatchObject({ status: 'REVOKED' }),
  });

  authorizationMatrix(app, {
    route: 'POST /permits/:id/employment-end',
    target: (t) => anActivePermitTarget(t, employer),
    request: (t, target) =>
      t.http.post(`/permits/${permitOf(target)}/employment-end`).send({ reason: 'Fin de la temporada' }),
    expected: itsEmployerOnly(200),
    onSuccess: (body) => expect(body).toMatchObject({ status: 'ENDED', endReason: 'EMPLOYMENT_ENDED' }),
  });
});
