import { contractCheck } from '@frontera/platform-testing';
import { stopAllSystems } from '@frontera/system-launcher';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the contract target is a file of tools/contract, not a library
import { startEntryPointTarget, type EntryPointTarget } from '../../../tools/contract/entry-point-target';

/**
 * Every route through the entry point (issue 14): the three built services behind the gateway, the
 * combined OpenAPI document the gateway serves at /docs/openapi.json validated by
 * openapi-spec-validator, and schemathesis run with it once per role token and once without, with a
 * small budget per operation (`npm run fuzz -- --service entry-point --cases 1000` is the long run).
 * It fails on any 5xx, and on any body, status, content type or header the document does not
 * describe — the gateway's own answers (413, 429, 503, 504) included.
 */
describe('the entry point against the combined OpenAPI document', () => {
  let target: EntryPointTarget | undefined;

  afterAll(async () => {
    await target?.close();
    await stopAllSystems();
  });

  it(
    'answers every operation as the combined document says, for every role and none',
    async () => {
      target = await startEntryPointTarget();
      const result = await contractCheck({ ...target, maxExamples: 3, runTimeoutMs: 8 * 60_000 });
      if (!result.ok) process.stdout.write(`${result.report()}\n${target.system.serviceDigest(20)}\n`);
      expect(result.validation.ok).toBe(true);
      expect(result.totals.cases).toBeGreaterThan(0);
      expect(result.totals.serverErrors).toBe(0);
      expect(result.ok).toBe(true);
    },
    15 * 60_000,
  );
});
