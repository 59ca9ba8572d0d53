import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import IORedis from 'ioredis';
import { MongoClient } from 'mongodb';

/**
 * infra/local/servers.sh as its users depend on it: running servers are reused,
 * a server that cannot start fails fast and says which, and data survives a
 * stop and start. The last two use servers of their own (own ports and data
 * directory, shared binary cache) so the servers other tests use are untouched.
 */
const root = join(__dirname, '../../..');
const script = join(root, 'infra/local/servers.sh');
const run = promisify(execFile);

/** Environment without the endpoints the global setup exported (they mean "external servers"). */
function scriptEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env['KAFKA_BROKERS'];
  delete env['MONGODB_URI'];
  delete env['REDIS_URL'];
  return env;
}

async function servers(args: string[], env: NodeJS.ProcessEnv, timeout = 180_000) {
  const started = Date.now();
  return new Promise<{ code: number | null; output: string; ms: number }>((resolve) => {
    const child = spawn('bash', [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, ms: Date.now() - started });
    });
  });
}

/** Fails with the script's output when it did not exit 0, so a failure explains itself. */
function expectSuccess(result: { code: number | null; output: string }): void {
  if (result.code !== 0) throw new Error(`servers.sh exited ${result.code}:\n${result.output}`);
}

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/**
 * A random port of 20000-31999 nobody listens on. Servers may not use ports the OS hands out
 * (port 0 gives one of net.ipv4.ip_local_port_range, which servers.sh refuses), so test servers
 * take ports below 32768, away from the defaults (15432-19093).
 */
function randomLowPort(span = 1): number {
  return 20_000 + Math.floor(Math.random() * (12_000 - span));
}

async function listenOnFreeLowPort(): Promise<Server> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await listenOn(randomLowPort());
    } catch (error) {
      if (attempt >= 20) throw error;
    }
  }
}

/** The kernel's ephemeral port range, [low, high]. */
function ephemeralRange(): [number, number] {
  const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
    .trim()
    .split(/\s+/)
    .map(Number);
  return [low, high];
}

describe('infra/local/servers.sh', () => {
  jest.setTimeout(300_000);

  it('reuses servers that are already running', async () => {
    const result = await servers(['start'], scriptEnv());
    expectSuccess(result);
    expect(result.output).toMatch(/redis: already running/);
    expect(result.output).toMatch(/kafka: already running/);
  });

  it('fails fast, naming the server, when its port is taken by another process', async () => {
    const squatter = await listenOnFreeLowPort();
    const port = (squatter.address() as { port: number }).port;
    const dataDir = mkdtempSync(join(tmpdir(), 'frontera-port-'));
    try {
      const result = await servers(
        ['start', 'redis'],
        scriptEnv({ FRONTERA_DATA_DIR: dataDir, FRONTERA_REDIS_PORT: String(port) }),
        60_000,
      );
      expect(result.code).not.toBe(0);
      expect(result.code).not.toBeNull(); // exited by itself, not killed by the timeout
      expect(result.output).toMatch(new RegExp(`redis.*${port}`));
      expect(result.ms).toBeLessThan(15_000);
    } finally {
      squatter.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses, before starting anything, a port inside the ephemeral port range', async () => {
    const [low, high] = ephemeralRange();
    const inside = low + Math.floor((high - low) / 2);
    const dataDir = mkdtempSync(join(tmpdir(), 'frontera-range-'));
    try {
      // All servers: the check covers every port before postgres (the first) would start.
      const result = await servers(
        ['start'],
        scriptEnv({ FRONTERA_DATA_DIR: dataDir, FRONTERA_REDIS_PORT: String(inside) }),
        60_000,
      );
      expect(result.code).toBe(1);
      expect(result.output).toContain(
        `redis: port ${inside} (FRONTERA_REDIS_PORT) lies inside this machine's ephemeral port range ${low}-${high}`,
      );
      expect(result.output).not.toMatch(/started|already running/);
      expect(result.ms).toBeLessThan(10_000);
      // Nothing was started or even set up in the data directory.
      expect(readdirSync(dataDir)).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('checks the ports without starting anything: the defaults pass, a port in the range fails', async () => {
    const defaults = await servers(['check'], scriptEnv());
    expectSuccess(defaults);
    expect(defaults.output).toMatch(
      /ports: OK \(FRONTERA_POSTGRES_PORT=\d+ .*FRONTERA_KAFKA_CONTROLLER_PORT=\d+; none inside/,
    );

    // The range comes from the kernel unless FRONTERA_EPHEMERAL_PORT_RANGE replaces it.
    const narrowed = await servers(['check'], scriptEnv({ FRONTERA_EPHEMERAL_PORT_RANGE: '17000 17100' }));
    expect(narrowed.code).toBe(1);
    expect(narrowed.output).toContain(
      "ferretdb: port 17017 (FRONTERA_MONGO_PORT) lies inside this machine's ephemeral port range 17000-17100",
    );
    expect(narrowed.output).not.toMatch(/postgres: port|redis: port|kafka: port/);

    const [low] = ephemeralRange();
    const controllerInRange = await servers(
      ['check'],
      scriptEnv({ FRONTERA_KAFKA_CONTROLLER_PORT: String(low) }),
    );
    expect(controllerInRange.code).toBe(1);
    expect(controllerInRange.output).toContain(
      `kafka: port ${low} (FRONTERA_KAFKA_CONTROLLER_PORT) lies inside`,
    );
  });

  it('sees a start marker in a log however much was logged after it (pipefail, no SIGPIPE)', async () => {
    // Kafka logs megabytes within a second of "Kafka Server started" when it reloads many
    // consumer groups; a `tail | grep -q` under pipefail then failed and the start timed out.
    const dir = mkdtempSync(join(tmpdir(), 'frontera-log-'));
    const log = join(dir, 'kafka.log');
    const before = 'an earlier start: Kafka Server started\n';
    const padding = 'INFO [GroupCoordinator 1]: Loading group metadata for some-group\n'.repeat(50_000);
    writeFileSync(log, `${before}this start\nKafka Server started\n${padding}`);
    const loggedSince = (offset: number) =>
      run('bash', [
        '-c',
        'set -euo pipefail; source "$0"; logged_since "$1" "$2" "Kafka Server started" && echo yes || echo no',
        join(root, 'infra/local/lib/common.sh'),
        log,
        String(offset),
      ]).then(({ stdout }) => stdout.trim());
    try {
      expect(padding.length).toBeGreaterThan(3_000_000);
      await expect(loggedSince(Buffer.byteLength(before))).resolves.toBe('yes');
      // Only what follows the offset counts: past the marker, the padding alone does not match.
      await expect(loggedSince(Buffer.byteLength(before) + 40)).resolves.toBe('no');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps database and Redis data across a stop and a start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'frontera-persist-'));
    const base = randomLowPort(21);
    const env = scriptEnv({
      FRONTERA_DATA_DIR: dataDir,
      FRONTERA_POSTGRES_PORT: String(base),
      FRONTERA_MONGO_PORT: String(base + 10),
      FRONTERA_REDIS_PORT: String(base + 20),
    });
    const names = ['postgres', 'ferretdb', 'redis'];
    const mongoUri = `mongodb://127.0.0.1:${base + 10}/persist`;
    const redisUrl = `redis://127.0.0.1:${base + 20}`;
    try {
      const first = await servers(['start', ...names], env);
      expectSuccess(first);

      let mongo = await MongoClient.connect(mongoUri, { maxPoolSize: 2 });
      await mongo
        .db()
        .collection('permits')
        .insertOne({ _id: 'p-1' as never, status: 'ACTIVE' });
      await mongo.close();
      let redis = new IORedis(redisUrl, { lazyConnect: true });
      await redis.connect();
      await redis.set('frontera:persist', 'still-here');
      await redis.quit();

      const stop = await servers(['stop', ...names], env);
      expectSuccess(stop);
      const second = await servers(['start', ...names], env);
      expectSuccess(second);

      mongo = await MongoClient.connect(mongoUri, { maxPoolSize: 2 });
      expect(
        await mongo
          .db()
          .collection('permits')
          .findOne({ _id: 'p-1' as never }),
      ).toMatchObject({
        status: 'ACTIVE',
      });
      await mongo.close();
      redis = new IORedis(redisUrl, { lazyConnect: true });
      await redis.connect();
      expect(await redis.get('frontera:persist')).toBe('still-here');
      await redis.quit();
    } finally {
      await run('bash', [script, 'stop', ...names], { env }).catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
