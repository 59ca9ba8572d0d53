import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

function listenOnFreePort(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
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
    const squatter = await listenOnFreePort();
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

  it('keeps database and Redis data across a stop and a start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'frontera-persist-'));
    const base = 45_000 + Math.floor(Math.random() * 5_000);
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
