import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import IORedis from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import {
  containerPorts,
  ContainersProvider,
  OWNER_HOST_LABEL,
  OWNER_PID_LABEL,
  TEST_LABEL,
  uniqueName,
  waitFor,
  type InfraEndpoints,
} from '@frontera/platform-testing';

/**
 * The containers provider (FRONTERA_TEST_INFRA=containers) on ports of its own (bases 23000 and
 * 24000, apart from the local processes and from a containers run of the whole suite on 22000):
 * engine and images prepared, Kafka, FerretDB on PostgreSQL and Redis answer, every container
 * removed by stop() and by a SIGTERM of its process, and leftovers of dead runs swept at the next
 * start while a live run's containers stay.
 */
const root = join(__dirname, '../../..');
const run = promisify(execFile);

async function containersOfRun(runId: string): Promise<string[]> {
  const { stdout } = await run('docker', [
    'ps',
    '-aq',
    '--no-trunc',
    '--filter',
    `label=${TEST_LABEL}=${runId}`,
  ]);
  return stdout.split('\n').filter(Boolean);
}

describe('ContainersProvider', () => {
  const log: string[] = [];
  const provider = new ContainersProvider({ ports: containerPorts(23_000), log: (line) => log.push(line) });
  let endpoints: InfraEndpoints;

  beforeAll(async () => {
    endpoints = await provider.start();
  }, 30 * 60_000);

  afterAll(async () => {
    await provider.stop();
  }, 60_000);

  it('prepares the engine and the images, and labels its three containers with the run id', async () => {
    expect(log.join('\n')).toMatch(/docker: (started|already running)/);
    expect(log.join('\n')).toMatch(/postgres-ferretdb: (built in \d+ s|cached)/);
    const ids = await containersOfRun(provider.runId);
    expect(ids.sort()).toEqual(provider.containerIds().sort());
    expect(ids).toHaveLength(3);
    const { stdout } = await run('docker', [
      'inspect',
      '-f',
      '{{.HostConfig.NetworkMode}} {{.Config.Image}}',
      ...ids,
    ]);
    expect(stdout.trim().split('\n').sort()).toEqual([
      'host frontera-local/kafka:local',
      'host frontera-local/postgres-ferretdb:local',
      'host frontera-local/redis:local',
    ]);
  });

  it('gives endpoints on its own ports that answer: Kafka, FerretDB, Redis', async () => {
    expect(endpoints).toEqual({
      kafkaBrokers: ['127.0.0.1:23092'],
      mongodbUri: 'mongodb://127.0.0.1:23017/',
      redisUrl: 'redis://127.0.0.1:23379',
    });

    const kafka = new Kafka({
      clientId: 'containers-test',
      brokers: endpoints.kafkaBrokers,
      logLevel: logLevel.ERROR,
    });
    const admin = kafka.admin();
    await admin.connect();
    const topic = uniqueName('containers-topic');
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    expect(await admin.listTopics()).toContain(topic);
    await admin.disconnect();

    const mongo = new MongoClient(`${endpoints.mongodbUri}${uniqueName('containers_db')}`);
    await mongo.connect();
    const collection = mongo.db().collection<{ _id: string; n: number }>('things');
    await collection.createIndex({ n: 1 }, { unique: true });
    await collection.insertOne({ _id: 'a', n: 1 });
    await expect(collection.insertOne({ _id: 'b', n: 1 })).rejects.toThrow(/duplicate key/i);
    expect(await collection.findOne({ _id: 'a' })).toEqual({ _id: 'a', n: 1 });
    await mongo.db().dropDatabase();
    await mongo.close();

    const redis = new IORedis(endpoints.redisUrl, { maxRetriesPerRequest: 1 });
    expect(await redis.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(await redis.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    await redis.quit();
  }, 120_000);

  it('applies the companion indexes of the local path inside the PostgreSQL container', async () => {
    const [id] = (
      await run('docker', [
        'ps',
        '-q',
        '--filter',
        `label=${TEST_LABEL}=${provider.runId}`,
        '--filter',
        'ancestor=frontera-local/postgres-ferretdb:local',
      ])
    ).stdout
      .split('\n')
      .filter(Boolean);
    const { stdout } = await run('docker', [
      'exec',
      id,
      'runuser',
      '-u',
      'postgres',
      '--',
      '/usr/lib/postgresql/15/bin/psql',
      '-h',
      '127.0.0.1',
      '-p',
      '23432',
      '-U',
      'frontera',
      '-d',
      'ferretdb',
      '-tAc',
      "SELECT count(*) FROM pg_event_trigger WHERE evtname LIKE 'frontera%'",
    ]);
    expect(Number(stdout.trim())).toBe(3);
  }, 60_000);

  it('removes every container of its run on stop', async () => {
    const other = new ContainersProvider({
      ports: containerPorts(24_000),
      skipPrepare: true,
      log: () => undefined,
    });
    await other.start();
    expect(await containersOfRun(other.runId)).toHaveLength(3);
    await other.stop();
    expect(await containersOfRun(other.runId)).toEqual([]);
    expect(other.containerIds()).toEqual([]);
  }, 180_000);

  it('removes its containers when its process gets SIGTERM', async () => {
    const child = spawn(
      'node',
      [join(root, 'tools/scripts/run-ts.cjs'), join(__dirname, 'support/containers-run.ts'), '24000'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const line = await waitFor(
      () => /^started (\S+)((?: \S+){3})$/m.exec(output) ?? undefined,
      `the run to start (${output})`,
      150_000,
      200,
    );
    const runId = line[1];
    expect(await containersOfRun(runId)).toHaveLength(3);
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(await containersOfRun(runId)).toEqual([]);
  }, 240_000);

  it('sweeps leftovers of dead runs at start and keeps the containers of live ones', async () => {
    const deadPid = await new Promise<number>((resolve) => {
      const c = spawn('true');
      c.on('exit', () => resolve(c.pid as number));
    });
    const { stdout: host } = await run('hostname');
    const leftover = async (runId: string, pid: number) =>
      (
        await run('docker', [
          'create',
          '--network',
          'host',
          '--label',
          `${TEST_LABEL}=${runId}`,
          '--label',
          `${OWNER_PID_LABEL}=${pid}`,
          '--label',
          `${OWNER_HOST_LABEL}=${host.trim()}`,
          'frontera-local/redis:local',
        ])
      ).stdout.trim();
    const deadRun = uniqueName('dead-run');
    const liveRun = uniqueName('live-run');
    const dead = await leftover(deadRun, deadPid);
    const live = await leftover(liveRun, process.pid);
    try {
      const sweeper = new ContainersProvider({
        ports: containerPorts(24_000),
        skipPrepare: true,
        log: () => undefined,
      });
      const swept = await sweeper.sweep();
      expect(swept.some((id) => dead.startsWith(id) || id.startsWith(dead.slice(0, 12)))).toBe(true);
      expect(await containersOfRun(deadRun)).toEqual([]);
      expect(await containersOfRun(liveRun)).toEqual([live]);
    } finally {
      await run('docker', ['rm', '-f', dead, live]).catch(() => undefined);
    }
  }, 60_000);
});
