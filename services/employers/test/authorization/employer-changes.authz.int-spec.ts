import { anAddress } from '@frontera/employers-domain/testing';
import { authorizationMatrix, employerStaffOnly } from '../support/authorization-matrix';
import { EmployersTestApp } from '../support/employers-test-app';
import { aCompanyIn } from '../support/requests';

jest.setTimeout(60_000);

// EmployerChangesController: only the employer's own staff report changes.
describe('authorization: EmployerChangesController', () => {
  let t: EmployersTestApp;

  beforeAll(async () => {
    t = await EmployersTestApp.start({ readEmployerTopic: false });
  });

  afterAll(async () => {
    await t?.close();
  });

  authorizationMatrix(() => t, {
    route: 'POST /employers/:id/changes',
    target: async () => ({ employer: await t.active(aCompanyIn('CHP')) }),
    request: (t, { employer }) =>
      t.http
        .post(`/employers/${employer.id}/changes`)
        .send({ address: anAddress().onStreet('Calle Nueva 8').build(), reason: 'Mudanza' }),
    expected: employerStaffOnly(200),
    onSuccess: (body) => expect(body).toMatchObject({ changedFields: ['address.street'] }),
  });
});
