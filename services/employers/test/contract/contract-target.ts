import { documentedExample, type ContractTarget } from '@frontera/platform-testing';
import { EmployersTestApp, anOrganisationId } from '../support/employers-test-app';
import { aCompanyIn, aWorksiteRequest } from '../support/requests';

/** The state of the seeded employer and of the officer's and supervisor's tokens. */
const STATE = 'CHP';

/**
 * The employers service for a contract check (the integration test and `npm run fuzz`): the real
 * AppModule against the real servers (EmployersTestApp, OpenAPI served), with an employer
 * registered by its own staff under the id the document's examples use (so the examples phase
 * reaches the 200s of `/employers/{id}/…`) and one worksite; tokens of that employer's staff, an
 * officer, an inspector and a supervisor of its state, and none.
 */
export async function startContractTarget(): Promise<ContractTarget & { readonly t: EmployersTestApp }> {
  const t = await EmployersTestApp.start({ swagger: true, readEmployerTopic: false });
  try {
    const document: unknown = (await t.http.get('/docs-json').expect(200)).body;
    const employerId = documentedExample(document, '/employers/{id}', 'id') ?? anOrganisationId();
    const staff = () => t.callers.employer(employerId);
    await t.http
      .post('/employers')
      .set('Authorization', await staff())
      .send(aCompanyIn(STATE))
      .expect(201);
    await t.http
      .post(`/employers/${employerId}/worksites`)
      .set('Authorization', await staff())
      .send(aWorksiteRequest())
      .expect(201);
    return {
      t,
      app: t.app,
      // Minted when each run starts: a long run outlives a token.
      tokens: {
        employer: staff,
        officer: () => t.callers.officer(STATE),
        inspector: () => t.callers.inspector(STATE),
        supervisor: () => t.callers.supervisor(STATE),
        anonymous: undefined,
      },
      close: () => t.close(),
    };
  } catch (error) {
    await t.close();
    throw error;
  }
}
