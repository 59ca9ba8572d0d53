/**
 * The compose stack, running: docker-compose.yml + docker-compose.local.yml (infra/docker/compose-local.sh)
 * brought up from the images built on this machine, with the story's settings of
 * docker-compose.story.yml (test only: NODE_ENV=test for step 5's shifted clock, the sweeps every 10 s);
 * THE end-to-end story (tests/e2e/src/story.ts, the same six steps the launcher's system runs) driven
 * through the stack's gateway (nginx), its kills `docker-compose kill -s SIGKILL` + `start` and its
 * clock restart `up -d --no-deps` with CLOCK_OFFSET; then `docker-compose restart` of services and of
 * the data tier losing nothing, and the stack taken down with its volumes — also when something fails.
 *
 * Its own tier (*.compose-spec.ts, jest.compose.config.cjs), run only when asked for with
 * FRONTERA_COMPOSE_TEST=1 (the test script sets it when a Docker engine is wanted): it needs the
 * engine (infra/docker/engine.sh start) and the images (infra/docker/images.sh build), and a missing
 * one FAILS the run with what to do — never a silent skip.
 */
import { randomUUID } from 'node:crypto';
import * as net from 'node:net';
import * as path from 'node:path';
import { aPrincipal, TestTokenIssuer } from '@frontera/platform-auth/testing';
import { aRegistration, anRfc, aWorksite } from '@frontera/employers-domain/testing';
import { describeStory, type StoryService, type SystemUnderTest } from '@frontera/e2e-story';
import { parseYamlDocuments, pythonVenv, REPO_ROOT, run, runOk } from './support/tools';

const COMPOSE_LOCAL = path.join(REPO_ROOT, 'infra/docker/compose-local.sh');
// The story's settings (test only, never for operators): merged last by compose-local.sh.
const STORY_OVERRIDE = 'docker-compose.story.yml';
// A project name of its own: its containers and volumes never mix with a developer's frontera-local.
const PROJECT = 'frontera-compose-test';
const GATEWAY = 'http://127.0.0.1:21080';
// The stack's ports (docker-compose.local.yml): all must be free before it starts.
const STACK_PORTS = [21092, 21093, 21017, 21432, 21379, 21001, 21002, 21003, 21080];
const SERVICE_PORTS: Record<string, number> = { employers: 21001, permits: 21002, audits: 21003 };
const SERVICES_AND_SERVERS = ['kafka', 'mongodb', 'redis', 'employers', 'permits', 'audits', 'gateway-local'];

const UP_TIMEOUT_MS = 10 * 60_000;
const HEALTHY_TIMEOUT_MS = 6 * 60_000;
const STORY_TIMEOUT_MS = 3 * 60_000;

/** Polls until `probe` returns a value other than undefined/false; fails with `what` and the last error. */
async function eventually<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined | false>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (last error: ${String(last)})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1_000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

describe('the compose stack (docker-compose.yml + docker-compose.local.yml)', () => {
  let issuer: TestTokenIssuer;
  let env: NodeJS.ProcessEnv = {};
  let started = false;

  const compose = (args: string[], timeoutMs = 5 * 60_000) =>
    run('bash', [COMPOSE_LOCAL, ...args], { env, timeoutMs });
  const composeOk = async (args: string[], timeoutMs = 5 * 60_000) =>
    runOk('bash', [COMPOSE_LOCAL, ...args], { env, timeoutMs });

  /** The last lines each container logged, for a failure message. */
  async function logs(): Promise<string> {
    const result = await compose(['logs', '--no-color', '--tail', '60']);
    return (result.stdout + result.stderr).slice(-20_000);
  }

  /** Every container of the stack running and healthy (each has a health check). */
  async function waitHealthy(what: string): Promise<void> {
    try {
      await eventually(what, HEALTHY_TIMEOUT_MS, async () => {
        const ids = (await composeOk(['ps', '-q'])).split('\n').filter(Boolean);
        if (ids.length !== SERVICES_AND_SERVERS.length) return false;
        const states = await runOk('docker', [
          'inspect',
          '--format',
          '{{.Name}} {{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}',
          ...ids,
        ]);
        const lines = states.trim().split('\n');
        return lines.every((line) => line.endsWith(' running healthy')) && lines;
      });
    } catch (error) {
      throw new Error(`${String(error)}\n--- docker-compose logs ---\n${await logs()}`);
    }
  }

  async function call(method: string, url: string, token?: string, body?: unknown) {
    const response = await fetch(`${GATEWAY}${url}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        'content-type': 'application/json',
        'x-correlation-id': `compose-${randomUUID()}`,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
  }

  /** Every service's outbox published: `frontera_outbox_pending_events` is 0 wherever it is reported. */
  async function outboxesDrained(): Promise<boolean> {
    for (const [name, port] of Object.entries(SERVICE_PORTS)) {
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      if (!metrics.includes('# TYPE frontera_outbox_pending_events gauge')) {
        throw new Error(`${name} reports no frontera_outbox_pending_events gauge`);
      }
      const pending = metrics
        .split('\n')
        .filter((line) => line.startsWith('frontera_outbox_pending_events'))
        .map((line) => Number(line.split(' ').pop()));
      if (pending.some((count) => count !== 0)) return false;
    }
    return true;
  }

  beforeAll(
    async () => {
      if (process.env['FRONTERA_COMPOSE_TEST'] !== '1') {
        throw new Error(
          'the compose stack test runs only when asked for: FRONTERA_COMPOSE_TEST=1 npx jest -c jest.compose.config.cjs ' +
            '(needs infra/docker/engine.sh start and infra/docker/images.sh build)',
        );
      }
      issuer = await TestTokenIssuer.create();
      env = {
        ...process.env,
        FRONTERA_COMPOSE_PROJECT: PROJECT,
        FRONTERA_COMPOSE_OVERRIDE: STORY_OVERRIDE,
        AUTH_ISSUER: issuer.defaults.issuer,
        AUTH_AUDIENCE: issuer.defaults.audience,
        AUTH_PUBLIC_KEY: issuer.publicKeyPem,
      };

      // What the stack needs, each missing piece a failure that says what to do.
      const composeVersion = await run('docker-compose', ['version', '--short']);
      if (composeVersion.code !== 0) {
        throw new Error(
          'docker-compose is not installed (infra/docker/engine.sh start installs it, as root)',
        );
      }
      const engine = await run('docker', ['version', '--format', '{{.Server.Version}}']);
      if (engine.code !== 0) {
        throw new Error(`no Docker engine answers (infra/docker/engine.sh start): ${engine.stderr.trim()}`);
      }
      const venv = await pythonVenv();
      const [config] = (await parseYamlDocuments(venv, await composeOk(['config']))) as {
        services: Record<string, { image: string; profiles?: string[] }>;
      }[];
      // The services that run (the production gateway is switched off by a profile).
      const images = [
        ...new Set(
          Object.values(config.services)
            .filter((service) => !service.profiles?.length)
            .map((service) => service.image),
        ),
      ];
      const missing: string[] = [];
      for (const image of images) {
        if ((await run('docker', ['image', 'inspect', image])).code !== 0) missing.push(image);
      }
      if (missing.length > 0) {
        throw new Error(
          `images missing: ${missing.join(', ')} (build them with infra/docker/images.sh build)`,
        );
      }
      // A leftover of an interrupted run of this test goes first (its volumes too).
      await composeOk(['down', '-v', '--remove-orphans']);
      const busy: number[] = [];
      for (const port of STACK_PORTS) if (await portInUse(port)) busy.push(port);
      if (busy.length > 0) {
        throw new Error(
          `ports of the stack in use: ${busy.join(', ')} (another compose stack? infra/docker/compose-local.sh down)`,
        );
      }

      started = true;
      const up = await compose(['up', '-d', '--no-build'], UP_TIMEOUT_MS);
      if (up.code !== 0)
        throw new Error(`up failed:\n${up.stderr.slice(-8000)}\n--- logs ---\n${await logs()}`);
      await waitHealthy('every container healthy after up');
    },
    UP_TIMEOUT_MS + HEALTHY_TIMEOUT_MS + 5 * 60_000,
  );

  afterAll(async () => {
    if (!started) return;
    // Always, also after a failure: containers, network state and every volume of the project.
    const down = await compose(['down', '-v', '--remove-orphans'], 5 * 60_000);
    const volumes = await run('docker', [
      'volume',
      'ls',
      '-q',
      '--filter',
      `label=com.docker.compose.project=${PROJECT}`,
    ]);
    if (down.code !== 0 || volumes.stdout.trim() !== '') {
      throw new Error(
        `down -v left the stack behind (code ${down.code}; volumes: ${volumes.stdout.trim()}):\n${down.stderr}`,
      );
    }
  }, 6 * 60_000);

  /** One service's container running and healthy again (after a kill and start, or a recreation). */
  async function serviceHealthy(service: StoryService): Promise<void> {
    try {
      await eventually(`${service} healthy`, HEALTHY_TIMEOUT_MS, async () => {
        const [id] = (await composeOk(['ps', '-q', service])).split('\n').filter(Boolean);
        if (!id) return false;
        const state = await runOk('docker', [
          'inspect',
          '--format',
          '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}',
          id,
        ]);
        return state.trim() === 'running healthy';
      });
    } catch (error) {
      throw new Error(`${String(error)}\n--- docker-compose logs ---\n${await logs()}`);
    }
  }

  /** The story's system under test: the stack's gateway, its containers killed, started, recreated. */
  const stack = (): SystemUnderTest => ({
    gatewayUrl: GATEWAY,
    issuer,
    kill: async (service, signal) => {
      await composeOk(['kill', '-s', signal, service]);
    },
    start: async (service) => {
      await composeOk(['start', service]);
      await serviceHealthy(service);
    },
    restart: async (service, overrides) => {
      // Only what docker-compose.story.yml lets a test set: the service's clock.
      for (const [name, value] of Object.entries(overrides)) {
        if (name !== 'CLOCK_OFFSET') {
          throw new Error(`the compose stack restarts a service with CLOCK_OFFSET only, not ${name}`);
        }
        env = { ...env, [`FRONTERA_STORY_${service.toUpperCase()}_CLOCK_OFFSET`]: value };
      }
      // The changed environment recreates that one container (and nothing it depends on).
      await composeOk(['up', '-d', '--no-deps', '--no-build', service], UP_TIMEOUT_MS);
      await serviceHealthy(service);
    },
    logTails: () => logs(),
  });

  describeStory("THE end-to-end story, through the stack's gateway (nginx)", stack, STORY_TIMEOUT_MS * 2);

  /** Registers an employer with one worksite in CHP and verifies it, through the gateway. */
  async function aVerifiedEmployer(): Promise<{ employerId: string; officer: string; supervisor: string }> {
    const employerId = `org-compose-${randomUUID().slice(0, 8)}`;
    const staff = await issuer.mintFor(aPrincipal('employer').ofEmployer(employerId).build());
    const officer = await issuer.mintFor(
      aPrincipal('officer').inStates('CHP').withSubject('officer-compose').build(),
    );
    const supervisor = await issuer.mintFor(
      aPrincipal('supervisor').inStates('CHP').withSubject('supervisor-compose').build(),
    );
    const { employerId: _fromTheToken, ...registration } = aRegistration()
      .company()
      .withRfc(anRfc().forCompany())
      .inState('CHP')
      .build();
    const registered = await call('POST', '/employers', staff, JSON.parse(JSON.stringify(registration)));
    expect(registered).toMatchObject({
      status: 201,
      body: { id: employerId, status: 'PENDING_VERIFICATION' },
    });
    const { worksiteId: _madeByTheService, ...worksite } = aWorksite().inState('CHP').build();
    const added = await call(
      'POST',
      `/employers/${employerId}/worksites`,
      staff,
      JSON.parse(JSON.stringify(worksite)),
    );
    expect(added.status).toBe(201);
    const verified = await call('POST', `/employers/${employerId}/verification`, officer);
    expect(verified).toMatchObject({ status: 200, body: { status: 'ACTIVE' } });
    return { employerId, officer, supervisor };
  }

  /** The audits service planned a periodic audit of the employer (from the employers service's events). */
  function planned(employerId: string, supervisor: string) {
    return eventually(`an audit plan for ${employerId}`, STORY_TIMEOUT_MS, async () => {
      const plan = await call('GET', `/employers/${employerId}/audit-plan`, supervisor);
      const scheduled = (plan.body?.['scheduled'] ?? []) as { kind: string }[];
      return plan.status === 200 && scheduled.some((audit) => audit.kind === 'PERIODIC') && plan.body;
    });
  }

  function withoutTaskIds(state: { employer: Record<string, unknown>; plan: Record<string, unknown> }) {
    const scheduled = (state.plan['scheduled'] ?? []) as Record<string, unknown>[];
    return {
      ...state,
      plan: { ...state.plan, scheduled: scheduled.map(({ taskId: _sweep, ...rest }) => rest) },
    };
  }

  let story: { employerId: string; officer: string; supervisor: string };
  let before: { employer: Record<string, unknown>; plan: Record<string, unknown> };

  async function stateOf(employerId: string, officer: string, supervisor: string) {
    const employer = await call('GET', `/employers/${employerId}`, officer);
    const plan = await call('GET', `/employers/${employerId}/audit-plan`, supervisor);
    expect({ employer: employer.status, plan: plan.status }).toEqual({ employer: 200, plan: 200 });
    return { employer: employer.body, plan: plan.body };
  }

  // After the story (a clock 3 days ahead for permits now): the state the restarts must keep.
  it(
    'before the restarts: an employer registers and is verified through the gateway, an audit is planned',
    async () => {
      expect((await call('GET', '/gateway/health')).status).toBe(200);
      story = await aVerifiedEmployer();
      const plan = await planned(story.employerId, story.supervisor);
      expect(plan).toMatchObject({ employerId: story.employerId, status: 'ACTIVE' });
      await eventually('every outbox drained', STORY_TIMEOUT_MS, outboxesDrained);
      before = await stateOf(story.employerId, story.officer, story.supervisor);
    },
    STORY_TIMEOUT_MS * 2,
  );

  it.each([
    ['the services', ['employers', 'permits', 'audits']],
    ['the data tier (MongoDB/FerretDB, Redis, Kafka)', ['mongodb', 'redis', 'kafka']],
  ])(
    'docker-compose restart of %s loses nothing: the same state after, the outbox drains, a new story flows',
    async (_what, services) => {
      expect(before).toBeDefined();
      await composeOk(['restart', ...services], 5 * 60_000);
      await waitHealthy(`every container healthy after restarting ${services.join(', ')}`);

      const after = await eventually('the state readable again', STORY_TIMEOUT_MS, () =>
        stateOf(story.employerId, story.officer, story.supervisor),
      );
      // Equal, but for the task sweep (hourly and at start) turning a planned audit whose day came
      // into a task: a task id may appear, never change or go.
      // The story's task sweep runs every 10 s (docker-compose.story.yml) and may also plan the period's
      // RANDOM audits meanwhile: a planned audit may appear, none may change or go.
      const plannedAudits = (state: typeof before) =>
        (withoutTaskIds(state).plan['scheduled'] ?? []) as unknown[];
      const withoutScheduled = (state: typeof before) => ({
        ...withoutTaskIds(state),
        plan: { ...withoutTaskIds(state).plan, scheduled: undefined },
      });
      expect(withoutScheduled(after)).toEqual(withoutScheduled(before));
      expect(plannedAudits(after)).toEqual(expect.arrayContaining(plannedAudits(before)));
      const taskIds = (state: typeof before) =>
        ((state.plan['scheduled'] ?? []) as { key: string; taskId: string | null }[]).map((s) => [
          s.key,
          s.taskId,
        ]);
      for (const [key, taskId] of taskIds(before)) {
        if (taskId !== null) expect(taskIds(after)).toContainEqual([key, taskId]);
      }
      // Consumers and relays resumed: a new employer's events reach the audits service again.
      const next = await aVerifiedEmployer();
      await planned(next.employerId, next.supervisor);
      await eventually('every outbox drained', STORY_TIMEOUT_MS, outboxesDrained);
    },
    HEALTHY_TIMEOUT_MS + STORY_TIMEOUT_MS * 4,
  );
});
