import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { StartedTestContainer } from 'testcontainers';
import type { InfraEndpoints, InfraProvider } from './infra-provider';
import { findWorkspaceRoot } from './local-processes.provider';

const run = promisify(execFile);

/** Label on every container a provider starts: the run id. */
export const TEST_LABEL = 'frontera.test';
/** The pid and host of the process that started it: the sweep removes only containers whose owner is gone. */
export const OWNER_PID_LABEL = 'frontera.test.pid';
export const OWNER_HOST_LABEL = 'frontera.test.host';

/** Ports the containers listen on (host networking): below 32768, apart from the local processes'. */
export interface ContainerPorts {
  readonly kafka: number;
  readonly kafkaController: number;
  readonly postgres: number;
  readonly mongo: number;
  readonly redis: number;
}

/**
 * Ports from a base (default 22000, FRONTERA_CONTAINERS_PORT_BASE): kafka base+92 and +93,
 * FerretDB base+17, PostgreSQL base+432, Redis base+379. Local processes use 19092/19093, 17017,
 * 15432 and 16379, and the local compose stack (docker-compose.local.yml) 21xxx, so all can run at once. Throws when a port would leave 1024–32767
 * (the ephemeral range starts at 32768: docs in infra/docker/README.md).
 */
export function containerPorts(base = 22_000): ContainerPorts {
  const ports = {
    kafka: base + 92,
    kafkaController: base + 93,
    postgres: base + 432,
    mongo: base + 17,
    redis: base + 379,
  };
  for (const [name, port] of Object.entries(ports)) {
    if (!Number.isInteger(port) || port < 1024 || port > 32_767) {
      throw new Error(
        `FRONTERA_CONTAINERS_PORT_BASE=${base} puts ${name} on port ${port}: choose a base that keeps every port in 1024-32767 (e.g. 22000)`,
      );
    }
  }
  return ports;
}

export interface LabelledContainer {
  readonly id: string;
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * Pure: which labelled containers are leftovers to remove — those of this host whose owning
 * process is no longer alive (an interrupted or killed run), and those without an owner label.
 * Containers of a run that is still going (another terminal, another engineer) are kept.
 */
export function leftoverContainers(
  containers: readonly LabelledContainer[],
  host: string,
  isAlive: (pid: number) => boolean,
): string[] {
  return containers
    .filter((c) => {
      if (c.labels[TEST_LABEL] === undefined) return false;
      const pid = Number(c.labels[OWNER_PID_LABEL]);
      if (!Number.isInteger(pid) || pid <= 0) return true;
      if (c.labels[OWNER_HOST_LABEL] !== undefined && c.labels[OWNER_HOST_LABEL] !== host) return false;
      return !isAlive(pid);
    })
    .map((c) => c.id);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface ContainersProviderOptions {
  /** Defaults from FRONTERA_CONTAINERS_PORT_BASE (22000). */
  readonly ports?: ContainerPorts;
  /** Label value; defaults to a fresh id per provider. */
  readonly runId?: string;
  /** Skip engine.sh start / images.sh build (tests that already did it). */
  readonly skipPrepare?: boolean;
  /** Where progress lines go (stderr by default). */
  readonly log?: (line: string) => void;
}

/**
 * Servers as containers (FRONTERA_TEST_INFRA=containers): Kafka, PostgreSQL + FerretDB and Redis
 * from the images infra/docker/images.sh builds here (frontera-local/<name>:local), started with the
 * `testcontainers` package on host networking (the engine has no bridge: infra/docker/engine.sh),
 * labelled frontera.test=<run id>, removed by {@link stop} (jest global teardown), on SIGINT/SIGTERM
 * and at process exit; leftovers of dead runs are swept at the next start.
 */
export class ContainersProvider implements InfraProvider {
  readonly name = 'containers';
  readonly runId: string;
  readonly ports: ContainerPorts;
  private readonly started: StartedTestContainer[] = [];
  private readonly ids = new Set<string>();
  private readonly root = findWorkspaceRoot();
  private readonly log: (line: string) => void;
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.removeNow();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  private readonly onExit = () => this.removeNow();

  constructor(private readonly options: ContainersProviderOptions = {}) {
    this.runId = options.runId ?? `run-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    this.ports =
      options.ports ?? containerPorts(Number(process.env['FRONTERA_CONTAINERS_PORT_BASE'] ?? 22_000));
    this.log = options.log ?? ((line) => process.stderr.write(`[containers] ${line}\n`));
  }

  /** The container ids this provider started and has not removed yet. */
  containerIds(): string[] {
    return [...this.ids];
  }

  async start(): Promise<InfraEndpoints> {
    // Ryuk's image cannot be pulled here (this provider cleans up itself); without the host
    // override testcontainers inspects the absent bridge network and finds no runtime.
    process.env['TESTCONTAINERS_RYUK_DISABLED'] = 'true';
    process.env['TESTCONTAINERS_HOST_OVERRIDE'] = '127.0.0.1';
    if (!this.options.skipPrepare) await this.prepare();
    await this.sweep();
    const busy: string[] = [];
    for (const [name, port] of Object.entries(this.ports)) {
      if (await portTaken(port)) busy.push(`${name} ${port}`);
    }
    if (busy.length > 0) {
      throw new Error(
        `containers: ports already in use on 127.0.0.1: ${busy.join(', ')} (another container run? ` +
          'set FRONTERA_CONTAINERS_PORT_BASE to another base, e.g. 23000)',
      );
    }
    process.once('SIGINT', this.onSignal);
    process.once('SIGTERM', this.onSignal);
    process.once('exit', this.onExit);

    const { GenericContainer, Wait } = await import('testcontainers');
    const labels = {
      [TEST_LABEL]: this.runId,
      [OWNER_PID_LABEL]: String(process.pid),
      [OWNER_HOST_LABEL]: hostname(),
    };
    const p = this.ports;
    const definitions = [
      new GenericContainer('frontera-local/kafka:local')
        .withEnvironment({
          FRONTERA_KAFKA_PORT: String(p.kafka),
          FRONTERA_KAFKA_CONTROLLER_PORT: String(p.kafkaController),
        })
        .withWaitStrategy(Wait.forLogMessage('Kafka Server started')),
      new GenericContainer('frontera-local/postgres-ferretdb:local')
        .withEnvironment({ FRONTERA_POSTGRES_PORT: String(p.postgres), FRONTERA_MONGO_PORT: String(p.mongo) })
        .withWaitStrategy(Wait.forLogMessage('frontera: postgres-ferretdb ready')),
      new GenericContainer('frontera-local/redis:local')
        .withEnvironment({ FRONTERA_REDIS_PORT: String(p.redis) })
        .withWaitStrategy(Wait.forLogMessage('Ready to accept connections')),
    ];
    const t0 = Date.now();
    const results = await Promise.allSettled(
      definitions.map((d) =>
        d
          .withNetworkMode('host')
          .withLabels(labels)
          .withStartupTimeout(120_000)
          .start()
          .then((c) => {
            this.started.push(c);
            this.ids.add(c.getId());
            return c;
          }),
      ),
    );
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length > 0) {
      await this.stop();
      throw new Error(`containers: start failed: ${failed.map((f) => String(f.reason)).join('; ')}`);
    }
    this.log(`kafka, postgres-ferretdb and redis started in ${Date.now() - t0} ms (run ${this.runId})`);
    return {
      kafkaBrokers: [`127.0.0.1:${p.kafka}`],
      mongodbUri: `mongodb://127.0.0.1:${p.mongo}/`,
      redisUrl: `redis://127.0.0.1:${p.redis}`,
    };
  }

  /**
   * Removes every container this provider started (and any other of its run id). The servers get
   * 2 s to stop before they are killed: their data dies with the container anyway.
   */
  async stop(): Promise<void> {
    const t0 = Date.now();
    await Promise.allSettled(
      this.started.map((c) => c.stop({ remove: true, removeVolumes: true, timeout: 2_000 })),
    );
    this.started.length = 0;
    // Whatever testcontainers could not remove, and containers of this run started elsewhere.
    const { stdout } = await run('docker', [
      'ps',
      '-aq',
      '--filter',
      `label=${TEST_LABEL}=${this.runId}`,
    ]).catch(() => ({
      stdout: '',
    }));
    const rest = stdout.split('\n').filter(Boolean);
    if (rest.length > 0) await run('docker', ['rm', '-f', '-v', ...rest]).catch(() => undefined);
    this.ids.clear();
    process.removeListener('SIGINT', this.onSignal);
    process.removeListener('SIGTERM', this.onSignal);
    process.removeListener('exit', this.onExit);
    this.log(`containers of run ${this.runId} removed in ${Date.now() - t0} ms`);
  }

  /** Synchronous removal for signal and exit handlers (no event loop left to await on). */
  private removeNow(): void {
    if (this.ids.size === 0) return;
    try {
      execFileSync('docker', ['rm', '-f', '-v', ...this.ids], { stdio: 'ignore', timeout: 30_000 });
    } catch {
      // The sweep at the next start removes what is left.
    }
    this.ids.clear();
  }

  /** Removes labelled containers whose run is over (its process is gone). */
  async sweep(): Promise<string[]> {
    const { stdout } = await run('docker', [
      'ps',
      '-a',
      '--filter',
      `label=${TEST_LABEL}`,
      '--format',
      `{{.ID}}\t{{.Label "${TEST_LABEL}"}}\t{{.Label "${OWNER_PID_LABEL}"}}\t{{.Label "${OWNER_HOST_LABEL}"}}`,
    ]);
    const containers = stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [id, run_, pid, host] = line.split('\t');
        const labels: Record<string, string> = { [TEST_LABEL]: run_ ?? '' };
        if (pid) labels[OWNER_PID_LABEL] = pid;
        if (host) labels[OWNER_HOST_LABEL] = host;
        return { id, labels };
      });
    const leftovers = leftoverContainers(containers, hostname(), pidAlive);
    if (leftovers.length > 0) {
      await run('docker', ['rm', '-f', '-v', ...leftovers]);
      this.log(`swept ${leftovers.length} leftover container(s) of earlier runs`);
    }
    return leftovers;
  }

  /** The engine (infra/docker/engine.sh start) and the server images (infra/docker/images.sh build). */
  private async prepare(): Promise<void> {
    const t0 = Date.now();
    for (const [script, args] of [
      ['infra/docker/engine.sh', ['start']],
      ['infra/docker/images.sh', ['build', 'postgres-ferretdb', 'kafka', 'redis']],
    ] as const) {
      try {
        const { stdout } = await run('bash', [join(this.root, script), ...args], {
          timeout: 30 * 60_000,
          maxBuffer: 16 << 20,
        });
        for (const line of stdout.split('\n').filter(Boolean)) this.log(line);
      } catch (error) {
        const e = error as { stdout?: string; stderr?: string; message: string };
        throw new Error(`${script} ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? e.message}`);
      }
    }
    this.log(`engine and images ready in ${Date.now() - t0} ms`);
  }
}
