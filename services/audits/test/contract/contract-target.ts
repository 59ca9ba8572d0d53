import { documentedExample, type ContractTarget } from '@frontera/platform-testing';
import {
  anInspector,
  aVerifiedEmployer,
  startAuditsApp,
  type AuditsTestHarness,
} from '../support/audits-test-app';

/** The state of the seeded employer and of the tokens. */
const STATE = 'CHP';

/**
 * The audits service for a contract check (the integration test and `npm run fuzz`): the real
 * AppModule against the real servers (OpenAPI served), with an inspector registered under the id the
 * document's examples use, a verified employer and one swept task assigned to that inspector; tokens
 * of the employer's staff, an officer, that inspector and a supervisor of its state, and none.
 */
export async function startContractTarget(): Promise<ContractTarget & { readonly h: AuditsTestHarness }> {
  const h = await startAuditsApp({ redisDb: 9, swagger: true });
  try {
    const document: unknown = (await h.t.http.get('/docs-json').expect(200)).body;
    const inspectorId = documentedExample(document, '/inspectors/{id}', 'id') ?? 'insp_0a91c4';
    await anInspector(h, { inspectorId, states: [STATE] });
    const employer = await aVerifiedEmployer(h.t, { state: STATE });
    await h.sweep();
    return {
      h,
      app: h.t.app,
      // Minted when each run starts: a long run outlives a token.
      tokens: {
        employer: () => h.as.employer(employer.employerId),
        officer: () => h.as.officer(STATE),
        inspector: () => h.as.inspector(inspectorId, STATE),
        supervisor: () => h.as.supervisor(STATE),
        anonymous: undefined,
      },
      close: () => h.close(),
    };
  } catch (error) {
    await h.close();
    throw error;
  }
}
