/**
 * The whole Frontera system as processes, for the end-to-end tier, the chaos command and the
 * container tier: the three BUILT services (dist/services/<name>/main.js) behind the entry point
 * (infra/gateway/gateway.sh), isolated from every other system on the same servers.
 *
 *   const system = await startSystem({ namespace: 'e2e-1a2b3c4d' });
 *   await fetch(`${system.gatewayUrl}/employers`, …);
 *   await system.services.audits.kill('SIGKILL');
 *   await system.services.audits.restart();
 *   await system.stop();
 *
 * Isolation per run (decision 0045): a Kafka topic namespace of its own (KAFKA_TOPIC_NAMESPACE,
 * decision 0041; the topics created by tools/scripts/create-topics.ts), consumer groups
 * `<namespace>-<service>-…`, one database per service `<namespace>_<service>` (whose name also
 * prefixes the service's BullMQ queues, decision 0050), a Redis logical database of its own (1–15;
 * its keys are removed by `stop()`), free ports in 20000–31999,
 * a signing key of its own (AUTH_PUBLIC_KEY; tokens from `system.issuer`), and a gateway whose
 * FRONTERA_DATA_DIR is the run's directory (config, temp files and access log there, not in a
 * developer's gateway). Logs go to files under the run's directory; `system.logTails()` prints them.
 *
 * Builds are done before: `ensureBuilt()` runs `nx run-many -t build` (a no-op when Nx's cache is warm).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { TestTokenIssuer } from '@frontera/platform-auth/testing';
import { databaseUri, endpointsFromEnv, freePort, type InfraEndpoints } from '@frontera/platform-testing';
import { serviceNodeFlags, serviceProcessEnv } from './node-flags';

export { SERVICE_NODE_FLAGS, SERVICE_PROCESS_ENV, serviceNodeFlags, serviceProcessEnv } from './node-flags';
export { companyRegistration } from './world';
export const ROOT = resolve(__dirname, '../..');
export const SERVICE_NAMES = ['employers', 'permits', 'audits'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

const run = promisify(execFile);

export interface SystemOptions {
  /** Kafka topic namespace and prefix of every name of the run (1–24 of a-z, 0-9, "-"); random by default. */
  readonly namespace?: string;
  /** Fixed ports; the others are free ports of 20000–31999. */
  readonly ports?: Partial<Record<ServiceName | 'gateway', number>>;
  /** Environment of every service (after the launcher's own, so it can override them). */
  readonly env?: Readonly<Record<string, string>>;
  /** Environment of one service (after `env`). */
  readonly serviceEnv?: Partial<Record<ServiceName, Readonly<Record<string, string>>>>;
  /** The servers; by default those of the test tiers' global setup (KAFKA_BROKERS, MONGODB_URI, REDIS_URL). */
  readonly endpoints?: InfraEndpoints;
  /** Redis logical database of the run (1–15); by default one derived from the namespace. */
  readonly redisDatabase?: number;
  /** Where logs and the gateway's files go; `tmp/system/<namespace>` by default. */
  readonly runDir?: string;
  /** How long each service and the gateway may take to become ready (ms); 90 s by default. */
  readonly readyTimeoutMs?: number;
  /**
   * The gateway's settings (infra/gateway/gateway.sh): the directory it serves as /docs/ (the
   * repository's dist/api-docs by default) and the public routes' rate limit (10r/s, burst 20).
   */
  readonly gateway?: {
    readonly docsDir?: string;
    readonly publicRate?: string;
    readonly publicBurst?: number;
  };
  /**
   * Processes of each service (1 by default, at most 4): replicas as a deployment would scale them,
   * each on a port of its own, the same database, topics and consumer groups (Kafka shares the
   * partitions out among them), behind the gateway's round-robin upstream.
   */
  readonly instances?: number;
  /** Replicas of each new topic (KAFKA_REPLICATION_FACTOR of create-topics.ts); the brokers' default by default. */
  readonly kafkaReplicationFactor?: number;
}

export interface RunningService {
  readonly name: ServiceName;
  /** The service's own address (not through the gateway). */
  readonly url: string;
  readonly port: number;
  /** The current process id (changes on restart). */
  readonly pid: number | undefined;
  readonly logFile: string;
  /** Whether the process is running. */
  readonly alive: boolean;
  /** Sends the signal and waits until the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Stops the process if it runs (SIGTERM), starts it again with `env` added, waits until ready. */
  restart(env?: Readonly<Record<string, string>>): Promise<void>;
}

export interface RunningSystem {
  readonly namespace: string;
  readonly gatewayUrl: string;
  /** The first (with one instance, the only) process of each service. */
  readonly services: Readonly<Record<ServiceName, RunningService>>;
  /** Every process of each service (`instances`), the first being `services[name]`. */
  readonly replicas: Readonly<Record<ServiceName, readonly RunningService[]>>;
  /** Signs tokens the services accept (their AUTH_PUBLIC_KEY). */
  readonly issuer: TestTokenIssuer;
  readonly runDir: string;
  /** The last `lines` lines of every log (services and gateway), for a failing test to print. */
  logTails(lines?: number): string;
  /** Per service, its last `lines` lines other than the access log, each cut to 240 characters. */
  serviceDigest(lines?: number): string;
  /** Stops the services and the gateway; deletes the run's topics and databases unless `keepData`. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** The stop of every system started or starting in this process (see stopAllSystems). */
const LIVE = new Set<(options?: { keepData?: boolean }) => Promise<void>>();

/**
 * Stops every system this process started, those still starting included: for a test's afterAll
 * when startSystem did not return (a timeout), so no service or gateway outlives the run.
 */
export async function stopAllSystems(options: { keepData?: boolean } = {}): Promise<void> {
  await Promise.all([...LIVE].map((stop) => stop(options)));
}

/** Builds the services (Nx; a no-op when nothing changed). */
export async function ensureBuilt(services: readonly ServiceName[] = SERVICE_NAMES): Promise<void> {
  await run('npx', ['nx', 'run-many', '-t', 'build', '-p', ...services, '--outputStyle=static'], {
    cwd: ROOT,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
    maxBuffer: 20 * 1024 * 1024,
  });
}

export async function startSystem(options: SystemOptions = {}): Promise<RunningSystem> {
  const namespace = options.namespace ?? `sys-${randomBytes(4).toString('hex')}`;
  if (!/^[a-z0-9][a-z0-9-]{0,23}$/.test(namespace)) {
    throw new Error(`namespace "${namespace}" must be 1–24 lower-case letters, digits or "-"`);
  }
  for (const name of SERVICE_NAMES) {
    const main = join(ROOT, 'dist/services', name, 'main.js');
    if (!existsSync(main)) {
      throw new Error(`${main} is missing: build first (ensureBuilt(), or npx nx run-many -t build)`);
    }
  }
  const endpoints = options.endpoints ?? endpointsFromEnv();
  const runDir = options.runDir ?? join(ROOT, 'tmp/system', namespace);
  const logDir = join(runDir, 'log');
  mkdirSync(logDir, { recursive: true });
  const readyTimeoutMs = options.readyTimeoutMs ?? 90_000;
  const redisDatabase = options.redisDatabase ?? redisDatabaseOf(namespace);
  const issuer = await TestTokenIssuer.create();

  const instances = options.instances ?? 1;
  if (!Number.isInteger(instances) || instances < 1 || instances > 4) {
    throw new Error(`instances must be 1–4, not ${instances}`);
  }
  // Every port of the run: the gateway's, then each service's instances (the first may be fixed).
  const taken: number[] = [];
  const takePort = async (fixed?: number): Promise<number> => {
    const port = fixed ?? (await freePort(taken));
    taken.push(port);
    return port;
  };
  const gatewayPort = await takePort(options.ports?.gateway);
  const servicePorts = {} as Record<ServiceName, number[]>;
  for (const name of SERVICE_NAMES) {
    servicePorts[name] = [];
    for (let k = 0; k < instances; k++) {
      servicePorts[name].push(await takePort(k === 0 ? options.ports?.[name] : undefined));
    }
  }
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const kafkaBrokers = endpoints.kafkaBrokers.join(',');

  await createTopics(namespace, kafkaBrokers, options.kafkaReplicationFactor);

  const baseEnv = (name: ServiceName): Record<string, string> => ({
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    SERVICE_NAME: name,
    MONGODB_URI: databaseUri(endpoints.mongodbUri, `${namespace}_${name}`),
    MONGODB_MAX_POOL_SIZE: '5',
    KAFKA_BROKERS: kafkaBrokers,
    KAFKA_TOPIC_NAMESPACE: namespace,
    KAFKA_CONSUMER_GROUP_PREFIX: `${namespace}-${name}`,
    REDIS_URL: redisUrlWithDatabase(endpoints.redisUrl, redisDatabase),
    AUTH_ISSUER: issuer.defaults.issuer,
    AUTH_AUDIENCE: issuer.defaults.audience,
    AUTH_PUBLIC_KEY: issuer.publicKeyPem,
    // Client addresses (rate limits, logs) come from the gateway's X-Forwarded-For.
    HTTP_TRUST_PROXY: '1',
    ...(name === 'permits' ? { PUBLIC_BASE_URL: gatewayUrl } : {}),
    ...options.env,
    ...options.serviceEnv?.[name],
  });

  const replicas = Object.fromEntries(
    SERVICE_NAMES.map((name) => [
      name,
      servicePorts[name].map(
        (port, k) =>
          new ServiceProcess(name, port, join(logDir, k === 0 ? `${name}.log` : `${name}-${k + 1}.log`), {
            ...baseEnv(name),
            PORT: String(port),
          }),
      ),
    ]),
  ) as Record<ServiceName, ServiceProcess[]>;
  const services = Object.fromEntries(SERVICE_NAMES.map((name) => [name, replicas[name][0]])) as Record<
    ServiceName,
    ServiceProcess
  >;
  const everyProcess = SERVICE_NAMES.flatMap((name) => replicas[name]);

  const gatewayEnv = {
    ...process.env,
    FRONTERA_DATA_DIR: runDir,
    FRONTERA_GATEWAY_PORT: String(gatewayPort),
    // A list when there are several instances: the gateway's upstream has a server for each.
    FRONTERA_PORT_EMPLOYERS: servicePorts.employers.join(','),
    FRONTERA_PORT_PERMITS: servicePorts.permits.join(','),
    FRONTERA_PORT_AUDITS: servicePorts.audits.join(','),
    FRONTERA_START_TIMEOUT: String(Math.ceil(readyTimeoutMs / 1000)),
    ...(options.gateway?.docsDir ? { FRONTERA_GATEWAY_DOCS_DIR: options.gateway.docsDir } : {}),
    ...(options.gateway?.publicRate ? { FRONTERA_GATEWAY_PUBLIC_RATE: options.gateway.publicRate } : {}),
    ...(options.gateway?.publicBurst
      ? { FRONTERA_GATEWAY_PUBLIC_BURST: String(options.gateway.publicBurst) }
      : {}),
  };
  const gatewayLogs = [join(logDir, 'gateway-error.log'), join(logDir, 'gateway.log')];

  // The gateway's first and the services' last: what a CI keeps of a long output is its end, and the
  // services' own lines (jobs, consumers, warnings) say more than the access log of a test's polling.
  const logTails = (lines = 40): string =>
    [
      ...gatewayLogs.map((file) => `--- ${file} (last ${lines} lines)\n${tail(file, lines)}`),
      ...everyProcess.map(({ logFile: file }) => {
        return `--- ${file} (last ${lines} lines other than the access log)\n${tail(file, lines, isAccessLogLine)}`;
      }),
    ].join('\n');

  const serviceDigest = (lines = 12): string =>
    everyProcess
      .map(({ name, logFile }, i) => {
        const recent = tail(logFile, lines, isAccessLogLine)
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => compactLogLine(line));
        const label = instances === 1 ? name : `${name} #${(i % instances) + 1}`;
        return `--- ${label}\n${recent.join('\n')}`;
      })
      .join('\n');

  let stopped = false;
  const stop = async ({ keepData = false }: { keepData?: boolean } = {}): Promise<void> => {
    if (stopped) return;
    stopped = true;
    LIVE.delete(stop);
    await Promise.all(everyProcess.map((service) => service.kill('SIGTERM')));
    await run('bash', [join(ROOT, 'infra/gateway/gateway.sh'), 'stop'], { env: gatewayEnv }).catch(
      () => undefined,
    );
    if (!keepData) {
      await removeData(namespace, kafkaBrokers, endpoints.mongodbUri, {
        url: endpoints.redisUrl,
        database: redisDatabase,
      }).catch(() => undefined);
    }
  };

  LIVE.add(stop);
  try {
    await Promise.all(everyProcess.map((service) => service.start(readyTimeoutMs)));
    await run('bash', [join(ROOT, 'infra/gateway/gateway.sh'), 'start'], { env: gatewayEnv });
    await waitUntilReady('gateway', `${gatewayUrl}/gateway/health`, readyTimeoutMs, () => true);
  } catch (error) {
    const tails = logTails();
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${tails}`);
  }
  for (const service of everyProcess) service.readyTimeoutMs = readyTimeoutMs;

  return { namespace, gatewayUrl, services, replicas, issuer, runDir, logTails, serviceDigest, stop };
}

class ServiceProcess implements RunningService {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  readyTimeoutMs = 90_000;

  constructor(
    readonly name: ServiceName,
    readonly port: number,
    readonly logFile: string,
    private env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(readyTimeoutMs = this.readyTimeoutMs): Promise<void> {
    const fd = openSync(this.logFile, 'a');
    writeSync(fd, `\n=== ${new Date().toISOString()} starting ${this.name} on port ${this.port}\n`);
    const child = spawn(
      process.execPath,
      [...serviceNodeFlags(), join(ROOT, 'dist/services', this.name, 'main.js')],
      {
        cwd: ROOT,
        env: { ...this.env, ...serviceProcessEnv(this.env) },
        stdio: ['ignore', fd, fd],
      },
    );
    closeSync(fd);
    this.child = child;
    this.exited = once(child, 'exit').then(() => undefined);
    await waitUntilReady(this.name, `${this.url}/health/ready`, readyTimeoutMs, () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${this.name} exited (${child.exitCode ?? child.signalCode}) before it was ready`);
      }
      return true;
    });
  }

  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.alive || !this.child) return;
    this.child.kill(signal);
    await this.exited;
  }

  async restart(env: Readonly<Record<string, string>> = {}): Promise<void> {
    await this.kill('SIGTERM');
    this.env = { ...this.env, ...env };
    await this.start();
  }
}

async function waitUntilReady(
  what: string,
  url: string,
  timeoutMs: number,
  stillRunning: () => boolean,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    stillRunning();
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) throw new Error(`${what} was not ready within ${timeoutMs} ms (${last})`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

async function createTopics(namespace: string, brokers: string, replicationFactor?: number): Promise<void> {
  await run('node', [join(ROOT, 'tools/scripts/run-ts.cjs'), join(ROOT, 'tools/scripts/create-topics.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      KAFKA_TOPIC_NAMESPACE: namespace,
      KAFKA_BROKERS: brokers,
      ...(replicationFactor ? { KAFKA_REPLICATION_FACTOR: String(replicationFactor) } : {}),
    },
  });
}

/**
 * Deletes a run's topics (`<namespace>.…`) and databases (`<namespace>_<service>`): `stop()` does it,
 * and a run stopped with `keepData` (or killed) can be cleaned later with this.
 */
export async function removeRunData(
  namespace: string,
  endpoints: InfraEndpoints = endpointsFromEnv(),
): Promise<void> {
  await removeData(namespace, endpoints.kafkaBrokers.join(','), endpoints.mongodbUri, {
    url: endpoints.redisUrl,
    database: redisDatabaseOf(namespace),
  });
}

async function removeData(
  namespace: string,
  brokers: string,
  mongodbUri: string,
  redis: { readonly url: string; readonly database: number },
): Promise<void> {
  await removeRedisKeys(namespace, redisUrlWithDatabase(redis.url, redis.database));
  const kafka = new Kafka({
    clientId: `${namespace}-cleanup`,
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(`${namespace}.`));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
  } finally {
    await admin.disconnect();
  }
  for (const name of SERVICE_NAMES) {
    const connection = await mongoose
      .createConnection(databaseUri(mongodbUri, `${namespace}_${name}`), { serverSelectionTimeoutMS: 5_000 })
      .asPromise();
    try {
      await connection.dropDatabase();
    } finally {
      await connection.close();
    }
  }
}

/**
 * Deletes the run's Redis keys: each names one of its databases (`<namespace>_<service>`) — its queues
 * (`bull:<database>:…`, decision 0050), list positions and rate limits (`frontera:<service>:…:<database>:…`);
 * locks expire on their own. Another run sharing the logical database keeps its keys.
 */
async function removeRedisKeys(namespace: string, redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 5_000 });
  try {
    await redis.connect();
    const stream = redis.scanStream({ match: `*${namespace}_*`, count: 500 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.unlink(...keys);
    }
  } finally {
    redis.disconnect();
  }
}

/** A Redis logical database 1–15 from the namespace (0 is the developer's system's). */
function redisDatabaseOf(namespace: string): number {
  let hash = 0;
  for (const char of namespace) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return 1 + (hash % 15);
}

function redisUrlWithDatabase(redisUrl: string, database: number): string {
  const url = new URL(redisUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The last `lines` lines of a file, without those `skip` matches. */
function tail(file: string, lines: number, skip: (line: string) => boolean = () => false): string {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => !skip(line))
      .slice(-lines - 1)
      .join('\n');
  } catch {
    return '(no log)';
  }
}

/** A pino line as `time level [context] msg`, at most 240 characters; other lines cut as they are. */
function compactLogLine(line: string): string {
  try {
    const entry = JSON.parse(line) as Record<string, unknown>;
    const level = typeof entry['level'] === 'string' ? entry['level'] : '';
    const context = typeof entry['context'] === 'string' ? ` [${entry['context']}]` : '';
    return `${String(entry['time'] ?? '')} ${level}${context} ${String(entry['msg'] ?? '')}`.slice(0, 240);
  } catch {
    return line.slice(0, 240);
  }
}

/** A service's access-log line (pino-http's, one per request), which polling tests repeat by the hundred. */
function isAccessLogLine(line: string): boolean {
  return line.includes('"msg":"request completed"');
}
