import type { ContractTarget } from '@frontera/platform-testing';
import { anIssuedPermit } from '../support/issued-permits';
import { anActiveEmployer, startPermitsApp, type PermitsTestApp } from '../support/permits-test-app';

/** The state of the seeded employer and of the officers' and supervisors' tokens. */
const STATE = 'CHP';

/**
 * The permits service for a contract check (the integration test and `npm run fuzz`): the real
 * AppModule against the real servers (OpenAPI served, public verification's rate limit out of the
 * way), with an active employer and one issued permit; tokens of that employer's staff, an officer,
 * an inspector and a supervisor of its state, and none.
 */
export async function startContractTarget(): Promise<ContractTarget & { readonly t: PermitsTestApp }> {
  const t = await startPermitsApp({ swagger: true, env: { VERIFY_RATE_PER_MINUTE: '100000' } });
  try {
    const employer = await anActiveEmployer(t, { state: STATE });
    await anIssuedPermit(t, employer);
    return {
      t,
      app: t.app,
      // Minted when each run starts: a long run outlives a token.
      tokens: {
        employer: () => t.callers.employer(employer.employerId),
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
