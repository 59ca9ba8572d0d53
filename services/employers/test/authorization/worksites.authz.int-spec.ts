import type { WorksiteResponse } from '../../src/http/dto/employer.response';
import {
  authorizationMatrix,
  employerStaffOnly,
  READERS,
  type Target,
} from '../support/authorization-matrix';
import { EmployersTestApp } from '../support/employers-test-app';
import { aCompanyIn, aWorksiteRequest } from '../support/requests';

jest.setTimeout(60_000);

// WorksitesController: employer staff manage their own worksites; readers of the employer read them.
describe('authorization: WorksitesController', () => {
  let t: EmployersTestApp;

  beforeAll(async () => {
    t = await EmployersTestApp.start({ readEmployerTopic: false });
  });

  afterAll(async () => {
    await t?.close();
  });

  const app = () => t;
  const withWorksite = async (): Promise<Target> => {
    const employer = await t.active(aCompanyIn('CHP'));
    const site = await t.http
      .post(`/employers/${employer.id}/worksites`)
      .set('Authorization', await t.callers.employer(employer.id))
      .send(aWorksiteRequest())
      .expect(201);
    return { employer, worksiteId: (site.body as WorksiteResponse).id };
  };

  authorizationMatrix(app, {
    route: 'GET /employers/:id/worksites',
    target: withWorksite,
    request: (t, { employer }) => t.http.get(`/employers/${employer.id}/worksites`),
    expected: READERS,
    onSuccess: (body, target) =>
      expect((body as WorksiteResponse[]).map((w) => w.id)).toEqual([target.worksiteId]),
  });

  authorizationMatrix(app, {
    route: 'POST /employers/:id/worksites',
    target: async () => ({ employer: await t.active(aCompanyIn('CHP')) }),
    request: (t, { employer }) => t.http.post(`/employers/${employer.id}/worksites`).send(aWorksiteRequest()),
    expected: employerStaffOnly(201),
  });

  authorizationMatrix(app, {
    route: 'PATCH /employers/:id/worksites/:worksiteId',
    target: withWorksite,
    request: (t, { employer, worksiteId }) =>
      t.http
        .patch(`/employers/${employer.id}/worksites/${worksiteId}`)
        .send({ capacity: 12, reason: 'Ajuste' }),
    expected: employerStaffOnly(200),
    onSuccess: (body) => expect(body).toMatchObject({ capacity: 12 }),
  });

  authorizationMatrix(app, {
    route: 'POST /employers/:id/worksites/:worksiteId/closure',
    target: withWorksite,
    request: (t, { employer, worksiteId }) =>
      t.http
        .post(`/employers/${employer.id}/worksites/${worksiteId}/closure`)
        .send({ reason: 'Fin de temporada' }),
    expected: employerStaffOnly(200),
    onSuccess: (body) => expect(body).toMatchObject({ status: 'CLOSED' }),
  });
});
