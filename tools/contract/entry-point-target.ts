// The whole system as one contract target (issue 14): the three built services behind the entry point
// (tools/system launcher), the combined OpenAPI document (tools/api-docs) served by the gateway at
// /docs/openapi.json, and a world seeded THROUGH the gateway so that the examples phase reaches the
// 200s: an inspector and an employer under the ids the document's examples use, the employer verified
// by an officer with a worksite, and one permit issued on it. Tokens of that employer's staff, an
// officer, the inspector and a supervisor of its state, and none — the same roles as each service's
// own contract target (services/<name>/test/contract/contract-target.ts).
//
// Used by the end-to-end tier (tests/e2e/src/entry-point-contract.e2e-spec.ts, a small budget) and by
// `npm run fuzz -- --service entry-point` (tools/contract/fuzz.ts, the long run).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Principal } from '@frontera/platform-auth';
import { aPrincipal } from '@frontera/platform-auth/testing';
import { documentedExample, type ContractTarget } from '@frontera/platform-testing';
import { ensureBuilt, ROOT, startSystem, type RunningSystem } from '@frontera/system-launcher';
import {
  Api,
  application,
  companyRegistration,
  companyRfc,
  eventually,
  MUNICIPALITY,
  STATE,
} from '../system/world';

const run = promisify(execFile);

/** Where the gateway serves the combined document (infra/gateway, decision 0042). */
export const COMBINED_DOCUMENT_PATH = '/docs/openapi.json';

export interface EntryPointTarget extends ContractTarget {
  readonly baseUrl: string;
  readonly docsPath: string;
  readonly system: RunningSystem;
}

/** Builds the combined documentation into `dir` with the same command developers run. */
async function buildApiDocs(dir: string): Promise<void> {
  await run(
    process.execPath,
    [join(ROOT, 'tools/scripts/run-ts.cjs'), join(ROOT, 'tools/api-docs/build.ts'), '--out', dir],
    { cwd: ROOT, maxBuffer: 20 * 1024 * 1024 },
  );
}

export async function startEntryPointTarget(
  options: { readonly log?: (line: string) => void } = {},
): Promise<EntryPointTarget> {
  const log = options.log ?? (() => undefined);
  const namespace = `fuzz-${randomBytes(4).toString('hex')}`;
  const runDir = join(ROOT, 'tmp/system', namespace);
  const docsDir = join(runDir, 'api-docs');
  log('building the services and the combined documentation');
  await Promise.all([ensureBuilt(), buildApiDocs(docsDir)]);
  const document: unknown = JSON.parse(readFileSync(join(docsDir, 'openapi.json'), 'utf8'));
  const employerId = documentedExample(document, '/employers/{id}', 'id');
  const inspectorId = documentedExample(document, '/inspectors/{id}', 'id');
  if (!employerId || !inspectorId) {
    throw new Error('the combined document has no example id for /employers/{id} or /inspectors/{id}');
  }

  log(`starting the system ${namespace} behind the entry point`);
  const system = await startSystem({
    namespace,
    runDir,
    // Public verification's limits (the service's and the gateway's) out of the fuzzer's way, as the
    // permits service's own contract target does: the fuzzer is after answers, not the limiter.
    env: { VERIFY_RATE_PER_MINUTE: '100000' },
    gateway: { docsDir, publicRate: '10000r/s', publicBurst: 10_000 },
  });
  try {
    const mint = (principal: Principal) => system.issuer.mintFor(principal, { ttlSeconds: 3_600 });
    const staffOf = aPrincipal('employer').withSubject(`staff-${employerId}`).ofEmployer(employerId).build();
    const officerOf = aPrincipal('officer').withSubject('officer-fuzz').inStates(STATE).build();
    const supervisorOf = aPrincipal('supervisor').withSubject('supervisor-fuzz').inStates(STATE).build();
    const inspectorOf = aPrincipal('inspector')
      .withSubject(`user-${inspectorId}`)
      .inStates(STATE)
      .asInspector(inspectorId)
      .build();

    log('seeding an inspector, an employer, a worksite and a permit through the entry point');
    const api = new Api(system.gatewayUrl, 120_000);
    const [staff, officer, supervisor] = await Promise.all([
      mint(staffOf),
      mint(officerOf),
      mint(supervisorOf),
    ]);
    await api.expect('POST', '/inspectors', [201], {
      token: supervisor,
      json: { inspectorId, areas: [{ state: STATE, municipalities: [MUNICIPALITY] }], capacity: 10 },
    });
    const tag = namespace.slice(-8);
    await api.expect('POST', '/employers', [201], {
      token: staff,
      json: companyRegistration(companyRfc(tag, 0), `Finca Contrato ${tag}`),
    });
    const worksite = (await api.expect('POST', `/employers/${employerId}/worksites`, [201], {
      token: staff,
      json: {
        name: 'Cafetal del contrato',
        activity: 'coffee harvest',
        state: STATE,
        municipality: MUNICIPALITY,
        coordinates: { lat: 15.0415, lng: -92.2317 },
        capacity: 20,
        housingProvided: true,
      },
    })) as { id: string };
    await api.expect('POST', `/employers/${employerId}/verification`, [200], { token: officer });
    // The permits service learns the employer ACTIVE and the worksite open from their events.
    const submitted = (await eventually('permits to accept an application', 120_000, async () => {
      const answer = await api.call('POST', '/applications', {
        token: staff,
        json: application(tag, worksite.id, 0),
      });
      return answer.status === 201 ? (answer.body as { id: string }) : undefined;
    })) as { id: string };
    await api.expect('POST', `/applications/${submitted.id}/approval`, [200], {
      token: officer,
      json: { reason: 'Documentación completa y verificada' },
    });

    return {
      baseUrl: system.gatewayUrl,
      docsPath: COMBINED_DOCUMENT_PATH,
      system,
      // Minted when each run starts: a long run outlives a token.
      tokens: {
        employer: () => mint(staffOf),
        officer: () => mint(officerOf),
        inspector: () => mint(inspectorOf),
        supervisor: () => mint(supervisorOf),
        anonymous: undefined,
      },
      close: () => system.stop(),
    };
  } catch (error) {
    process.stderr.write(`${system.logTails(40)}\n`);
    await system.stop();
    throw error;
  }
}
