import { contractCheck, type ContractTarget } from '@frontera/platform-testing';
import { startContractTarget } from './contract-target';

/**
 * The OpenAPI document against standard tools: openapi-spec-validator, then schemathesis once per
 * role and once without a token (no 5xx; bodies, errors included, statuses, content types and
 * headers as documented). `npm run fuzz` runs the same with a bigger budget.
 */
describe('permits OpenAPI contract (openapi-spec-validator, schemathesis)', () => {
  let target: ContractTarget | undefined;

  afterAll(async () => {
    await target?.close();
  });

  it('validates, and the service answers only what it documents', async () => {
    target = await startContractTarget();
    const result = await contractCheck({ ...target, maxExamples: 5, seed: 20_261_201 });
    process.stdout.write(`${result.report()}\n`);
    expect(result.ok ? 'no findings' : result.report()).toBe('no findings');
  }, 600_000);
});
