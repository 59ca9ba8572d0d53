import { authorizationMatrix, OFFICER_IN_STATE_ONLY, type Target } from '../support/authorization-matrix';
import { EmployersTestApp } from '../support/employers-test-app';
import { aCompanyIn } from '../support/requests';

jest.setTimeout(60_000);

// EmployerDecisionsController: each decision on a fresh employer in the state it applies to, so
// the allowed caller succeeds and every refusal is about who asks, not about the lifecycle.
describe('authorization: EmployerDecisionsController', () => {
  let t: EmployersTestApp;

  beforeAll(async () => {
    t = await EmployersTestApp.start({ readEmployerTopic: false });
  });

  afterAll(async () => {
    await t?.close();
  });

  const app = () => t;
  const pending = async (): Promise<Target> => ({ employer: await t.registered(aCompanyIn('CHP')) });
  const active = async (): Promise<Target> => ({ employer: await t.active(aCompanyIn('CHP')) });
  const suspended = async (): Promise<Target> => {
    const { employer } = await active();
    await t.http
      .post(`/employers/${employer.id}/suspension`)
      .set('Authorization', await t.callers.officer('CHP'))
      .send({ reason: 'Revisión' })
      .expect(200);
    return { employer };
  };
  const reason = { reason: 'Motivo de la decisión' };

  authorizationMatrix(app, {
    route: 'POST /employers/:id/verification',
    target: pending,
    request: (t, { employer }) => t.http.post(`/employers/${employer.id}/verification`),
    expected: OFFICER_IN_STATE_ONLY,
    onSuccess: (body) => expect(body).toMatchObject({ status: 'ACTIVE' }),
  });

  authorizationMatrix(app, {
    route: 'POST /employers/:id/rejection',
    target: pending,
    request: (t, { employer }) => t.http.post(`/employers/${employer.id}/rejection`).send(reason),
    expected: OFFICER_IN_STATE_ONLY,
    onSuccess: (body) => expect(body).toMatchObject({ status: 'REJECTED' }),
  });

  authorizationMatrix(app, {
    route: 'POST /employers/:id/suspension',
    target: active,
    request: (t, { employer }) => t.http.post(`/employers/${employer.id}/suspension`).send(reason),
    expected: OFFICER_IN_STATE_ONLY,
    onSuccess: (body) => expect(body).toMatchObject({ status: 'SUSPENDED' }),
  });

  authorizationMatrix(app, {
    route: 'POST /employers/:id/reinstatement',
    target: suspended,
    request: (t, { employer }) => t.http.post(`/employers/${employer.id}/reinstatement`).send(reason),
    expected: OFFICER_IN_STATE_ONLY,
    onSuccess: (body) => expect(body).toMatchObject({ status: 'ACTIVE' }),
  });

  authorizationMatrix(app, {
    route: 'POST /employers/:id/deregistration',
    target: active,
    request: (t, { employer }) => t.http.post(`/employers/${employer.id}/deregistration`).send(reason),
    expected: OFFICER_IN_STATE_ONLY,
    onSuccess: (body) => expect(body).toMatchObject({ status: 'DEREGISTERED' }),
  });
});
