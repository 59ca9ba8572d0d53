/**
 * docker-compose.yml is checked by a real Compose implementation
 * (infra/docker/check-compose.sh: Debian's docker-compose `config -q`, plus one
 * compose service per directory in services/, built by the one
 * infra/docker/service.Dockerfile with SERVICE naming it). No Docker
 * engine is needed. The script installs docker-compose with apt-get when it is
 * missing and runs as root; otherwise it fails and prints the command to run.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseYamlDocuments, pythonVenv, run } from './support/tools';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const CHECK_SCRIPT = path.join(REPO_ROOT, 'infra/docker/check-compose.sh');
const COMPOSE_FILE = path.join(REPO_ROOT, 'docker-compose.yml');

const SCRIPT_TIMEOUT_MS = 5 * 60_000;
// The first run may apt-get install docker-compose.
const TEST_TIMEOUT_MS = SCRIPT_TIMEOUT_MS + 30_000;

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runCheck(...args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      [CHECK_SCRIPT, ...args],
      { cwd: REPO_ROOT, timeout: SCRIPT_TIMEOUT_MS, maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const failure = error as (Error & { code?: number | string; signal?: NodeJS.Signals }) | null;
        resolve({
          code: failure ? (typeof failure.code === 'number' ? failure.code : null) : 0,
          signal: failure?.signal ?? null,
          stdout: String(stdout),
          stderr: String(stderr),
        });
      },
    );
  });
}

/** Writes `text` as docker-compose.yml in a fresh temporary directory. */
function writeTempCompose(dirs: string[], text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontera-compose-'));
  dirs.push(dir);
  const file = path.join(dir, 'docker-compose.yml');
  fs.writeFileSync(file, text);
  return file;
}

/** Replaces `search` once in `text`, failing loudly if it is not there. */
function replaceOnce(text: string, search: string, replacement: string): string {
  const at = text.indexOf(search);
  if (at < 0) {
    throw new Error(`docker-compose.yml no longer contains ${JSON.stringify(search)}: update this test`);
  }
  return text.slice(0, at) + replacement + text.slice(at + search.length);
}

describe('docker-compose.yml', () => {
  const tempDirs: string[] = [];
  const original = fs.readFileSync(COMPOSE_FILE, 'utf8');

  afterAll(() => {
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    'passes docker-compose config and has a service per services/ directory, built by the shared Dockerfile',
    async () => {
      const result = await runCheck();
      // Whole result in the expectation, so a failure shows the script's output.
      expect(result).toMatchObject({ code: 0, signal: null });
      expect(result.stderr).toContain('OK: compose file valid');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'fails the check for a service with an invalid key',
    async () => {
      const broken = writeTempCompose(
        tempDirs,
        replaceOnce(original, '  employers:\n', '  employers:\n    not_a_compose_key: true\n'),
      );

      const result = await runCheck(broken);

      expect(result.signal).toBeNull();
      expect(result.code).not.toBe(0);
      // It failed for the planted key, not for some unrelated reason.
      expect(result.stdout + result.stderr).toContain('not_a_compose_key');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'fails the check when a services/ directory has no compose service of its name',
    async () => {
      // Renamed everywhere (the gateway depends on it too), so the file stays valid Compose.
      const renamed = writeTempCompose(
        tempDirs,
        original.split('  employers:\n').join('  employers-renamed:\n'),
      );

      const result = await runCheck(renamed);

      expect(result.signal).toBeNull();
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain("services/employers has no compose service named 'employers'");
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'fails the check when a service is built with another SERVICE than its name',
    async () => {
      const crossed = writeTempCompose(
        tempDirs,
        replaceOnce(original, '        SERVICE: permits\n', '        SERVICE: employers\n'),
      );

      const result = await runCheck(crossed);

      expect(result.signal).toBeNull();
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(
        "the compose service 'permits' is not built with the build argument SERVICE: permits",
      );
    },
    TEST_TIMEOUT_MS,
  );
});

/**
 * Production mode refuses to run without its secrets, and the local override (docker-compose.local.yml)
 * merges into a stack for these machines: local images, host networking, ports of its own.
 * docker-compose 1.29 itself resolves both files; PyYAML (tools/contract's venv) reads its output.
 */
describe('docker-compose.yml production secrets and docker-compose.local.yml', () => {
  const REQUIRED = [
    'PII_ENCRYPTION_KEY',
    'PII_HASH_KEY',
    'AUTH_ISSUER',
    'AUTH_AUDIENCE',
    'MINIMUM_DAILY_WAGE_MXN',
    'PUBLIC_BASE_URL',
    'READ_LOG_MAC_KEY',
    'MONGODB_ROOT_PASSWORD',
    'MONGODB_APP_PASSWORD',
    'MONGODB_REPLICA_SET_KEY',
    'REDIS_PASSWORD',
  ];
  // The local processes' ports (infra/local, scripts/dev.sh): the compose stack must not take them.
  const LOCAL_PROCESS_PORTS = [19092, 19093, 17017, 16379, 3001, 3002, 3003, 8080];
  let venv = '';
  let emptyEnvFile = '';

  beforeAll(async () => {
    venv = await pythonVenv();
    emptyEnvFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'frontera-compose-env-')), 'empty.env');
    fs.writeFileSync(emptyEnvFile, '');
  }, 20 * 60_000);

  afterAll(() => {
    if (emptyEnvFile) fs.rmSync(path.dirname(emptyEnvFile), { recursive: true, force: true });
  });

  /** The environment of this process without any variable the compose files read. */
  function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (!REQUIRED.includes(key) && !key.startsWith('AUTH_') && !key.startsWith('COMPOSE_'))
        env[key] = value;
    }
    return { ...env, ...extra };
  }

  function productionConfig(env: NodeJS.ProcessEnv) {
    return run(
      'docker-compose',
      ['--env-file', emptyEnvFile, '--project-directory', REPO_ROOT, '-f', COMPOSE_FILE, 'config'],
      { env, timeoutMs: SCRIPT_TIMEOUT_MS },
    );
  }

  const allSet = Object.fromEntries(REQUIRED.map((name) => [name, `value-of-${name.toLowerCase()}`]));

  it(
    'resolves with every secret set, each service with limits, a health check, a restart policy and named volumes',
    async () => {
      const result = await productionConfig(cleanEnv(allSet));
      expect(result).toMatchObject({ code: 0 });
      const [config] = (await parseYamlDocuments(venv, result.stdout)) as ComposeConfig[];

      for (const [name, service] of Object.entries(config.services)) {
        expect({ name, limits: service.deploy?.resources?.limits }).toEqual({
          name,
          limits: { cpus: expect.anything(), memory: expect.any(String) },
        });
        expect({ name, memory: service.deploy?.resources?.reservations?.memory }).toEqual({
          name,
          memory: expect.any(String),
        });
        expect({ name, restart: service.restart }).toEqual({ name, restart: 'unless-stopped' });
        expect({ name, test: service.healthcheck?.test }).toEqual({ name, test: expect.any(Array) });
        for (const volume of service.volumes ?? []) {
          // Data in named volumes (down -v removes them); bind mounts (a host path) only for read-only
          // configuration. docker-compose 1.29 prints each as source:target:mode.
          if (volume.startsWith('/') || volume.startsWith('.')) {
            expect({ name, volume, readOnly: volume.endsWith(':ro') }).toEqual({
              name,
              volume,
              readOnly: true,
            });
          }
        }
      }
      expect(Object.keys(config.volumes ?? {}).sort()).toEqual(
        ['kafka-data', 'mongodb-config', 'mongodb-data', 'redis-data'].sort(),
      );
      // Only the gateway (and the trace viewer's UI, for operators) is published; the services'
      // /health and /metrics stay internal.
      const published = Object.entries(config.services)
        .filter(([, service]) => (service.ports ?? []).length > 0)
        .map(([name]) => name);
      expect(published.sort()).toEqual(['gateway', 'jaeger']);
      // The services reach MongoDB as their own user and Redis with its password.
      expect(config.services['employers'].environment?.['MONGODB_URI']).toBe(
        'mongodb://frontera:value-of-mongodb_app_password@mongodb:27017/employers?replicaSet=rs0&authSource=admin',
      );
      expect(config.services['employers'].environment?.['REDIS_URL']).toBe(
        'redis://:value-of-redis_password@redis:6379',
      );
      expect(config.services['redis'].command).toEqual(
        expect.arrayContaining(['--requirepass', 'value-of-redis_password', '--appendonly', 'yes']),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it.each(REQUIRED)(
    'refuses to resolve without %s, naming it (no default in production)',
    async (missing) => {
      const { [missing]: _left, ...others } = allSet;
      const result = await productionConfig(cleanEnv(others));

      expect(result.signal).toBeNull();
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(`set ${missing}`);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'merged with docker-compose.local.yml: local images, host networking, 127.0.0.1 on ports of its own below 32768',
    async () => {
      const result = await run(
        'bash',
        [path.join(REPO_ROOT, 'infra/docker/compose-local.sh'), 'config'],
        // A key of its own: the script then needs no development issuer.
        {
          env: cleanEnv({ AUTH_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----' }),
          timeoutMs: SCRIPT_TIMEOUT_MS,
        },
      );
      expect(result).toMatchObject({ code: 0 });
      const [config] = (await parseYamlDocuments(venv, result.stdout)) as ComposeConfig[];

      expect(Object.keys(config.services).sort()).toEqual(
        [
          'audits',
          'employers',
          'gateway',
          'gateway-local',
          'jaeger',
          'kafka',
          'mongodb',
          'permits',
          'redis',
        ].sort(),
      );
      // The production gateway (it publishes a port, which host networking refuses) is switched
      // off by a profile nobody activates; gateway-local takes its place. The trace viewer too (its
      // image cannot be pulled here, its UI port is published), with tracing off.
      expect(config.services['gateway'].profiles).toEqual(['production-gateway']);
      expect(config.services['jaeger'].profiles).toEqual(['tracing']);
      const { gateway: _off, jaeger: _noViewer, ...running } = config.services;
      for (const service of Object.values(running)) {
        if (service.environment && 'OTEL_EXPORTER_OTLP_ENDPOINT' in service.environment) {
          expect(service.environment['OTEL_EXPORTER_OTLP_ENDPOINT']).toBe('');
        }
      }
      // No bridge network is created: the project's default network is the engine's host network.
      expect(config.networks).toEqual({ default: { external: true, name: 'host' } });
      const ports = new Map<string, number>();
      for (const [name, service] of Object.entries(running)) {
        expect({ name, network_mode: service.network_mode, networks: service.networks }).toEqual({
          name,
          network_mode: 'host',
          networks: undefined,
        });
        const image = name === 'mongodb' ? 'postgres-ferretdb' : name === 'gateway-local' ? 'nginx' : name;
        expect({ name, image: service.image }).toEqual({ name, image: `frontera-local/${image}:local` });
        for (const [key, value] of Object.entries(service.environment ?? {})) {
          if (/(^|_)PORT$/.test(key) && value !== null) ports.set(`${name}.${key}`, Number(value));
          for (const match of String(value ?? '').matchAll(/127\.0\.0\.1:(\d+)/g)) {
            ports.set(`${name}.${key}`, Number(match[1]));
          }
        }
      }
      // Every service and server on a port of its own, below 32768, none the local processes'.
      expect(ports.size).toBeGreaterThanOrEqual(10);
      for (const [where, port] of ports) {
        expect({ where, port, below32768: port < 32768, free: !LOCAL_PROCESS_PORTS.includes(port) }).toEqual({
          where,
          port,
          below32768: true,
          free: true,
        });
      }
      expect(config.services['employers'].environment).toMatchObject({
        HOST: '127.0.0.1',
        PORT: '21001',
        MONGODB_URI: 'mongodb://127.0.0.1:21017/employers',
        KAFKA_BROKERS: '127.0.0.1:21092',
      });
      expect(config.services['gateway-local'].environment).toMatchObject({
        GATEWAY_LISTEN: '127.0.0.1:21080',
        AUDITS_UPSTREAM: '127.0.0.1:21003',
      });
      // FerretDB's data in a named volume of the stack, removed by down -v like the others.
      expect(Object.keys(config.volumes ?? {})).toContain('ferretdb-data');
    },
    TEST_TIMEOUT_MS,
  );

  it('docker-compose.local.yml overrides, and does not repeat, the services of docker-compose.yml (but the gateway)', () => {
    const whole = fs.readFileSync(path.join(REPO_ROOT, 'docker-compose.local.yml'), 'utf8');
    // gateway-local is the one service it has to define in full (see its comment).
    const local = whole.replace(/\n {2}gateway-local:\n(?: {4}.*\n|\s*\n)*/, '\n');
    expect(local).not.toBe(whole);
    // Keys that only docker-compose.yml states: a copy here would drift from production.
    for (const key of ['build:', 'depends_on:', 'restart:', 'deploy:', 'stop_grace_period:', 'read_only:']) {
      expect({ key, found: local.includes(`\n    ${key}`) }).toEqual({ key, found: false });
    }
  });
});

interface ComposeService {
  image?: string;
  network_mode?: string;
  networks?: unknown;
  restart?: string;
  command?: string[];
  environment?: Record<string, string | null>;
  healthcheck?: { test?: string[] };
  profiles?: string[];
  ports?: unknown[];
  volumes?: string[];
  deploy?: {
    resources?: { limits?: Record<string, unknown>; reservations?: Record<string, unknown> };
  };
}

interface ComposeConfig {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  networks?: Record<string, unknown>;
}
