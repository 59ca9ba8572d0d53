import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  ensureBuilt,
  SERVICE_NAMES,
  serviceNodeFlags,
  serviceProcessEnv,
  startSystem,
  stopAllSystems,
  type RunningSystem,
} from '@frontera/system-launcher';
import { describeStory, STORY_SERVICE_ENV, type SystemUnderTest } from './story';

/**
 * The story, end to end (issue 12), on the launcher's processes: the three built services as processes
 * behind the nginx entry point, one system per run, isolated by its own topic namespace, databases,
 * Redis database, consumer groups and ports (tools/system, decision 0045). The steps: ./story.ts (the
 * compose stack runs the same ones, infra/tests/src/compose-stack.compose-spec.ts).
 */
const NAMESPACE = `e2e-${randomBytes(3).toString('hex')}`;

describe('the story, end to end, through the entry point', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    await ensureBuilt();
    system = await startSystem({
      namespace: NAMESPACE,
      env: { LOG_LEVEL: 'info' },
      serviceEnv: { permits: { ...STORY_SERVICE_ENV.permits }, audits: { ...STORY_SERVICE_ENV.audits } },
    });
  }, 600_000); // a cold build of the three services takes minutes on a busy machine

  afterAll(async () => {
    // E2E_KEEP_DATA=1 keeps the run's topics and databases to look at (tools/system removeRunData).
    // Every system of this process, also one whose start did not finish (a timed-out beforeAll).
    await stopAllSystems({ keepData: process.env['E2E_KEEP_DATA'] === '1' });
  }, 120_000);

  const launched = (): SystemUnderTest => ({
    gatewayUrl: system.gatewayUrl,
    issuer: system.issuer,
    kill: (service, signal) => system.services[service].kill(signal),
    start: (service) => system.services[service].restart(),
    restart: (service, env) => system.services[service].restart(env),
    logTails: (lines) => system.logTails(lines),
    serviceDigest: (lines) => system.serviceDigest(lines),
  });

  it('runs every service with the node flags and process environment of tools/system/node-flags.ts (decisions 0052, 0056)', () => {
    for (const name of SERVICE_NAMES) {
      const pid = system.services[name].pid;
      expect(pid).toEqual(expect.any(Number));
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const environment = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      expect(args.slice(1, 1 + serviceNodeFlags().length)).toEqual(serviceNodeFlags());
      for (const [variable, value] of Object.entries(serviceProcessEnv())) {
        expect(environment).toContain(`${variable}=${value}`);
      }
    }
  });

  describeStory('the six steps, on the launcher', launched);
});
