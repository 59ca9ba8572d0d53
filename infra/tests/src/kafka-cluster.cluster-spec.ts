import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { allTopicSpecs } from '@frontera/contracts';
import { namespacedKafka } from '@frontera/platform-messaging';
import { endpointsFromEnv, waitFor } from '@frontera/platform-testing';

// Starting three brokers takes 16-50 s on a busy machine; the failover run about 3 minutes.
jest.setTimeout(900_000);

const exec = promisify(execFile);
const root = path.resolve(__dirname, '../../..');
const script = path.join(root, 'infra/local/kafka-cluster.sh');

async function cluster(...args: string[]): Promise<string> {
  return (await exec('bash', [script, ...args], { cwd: root, timeout: 300_000 })).stdout;
}

interface FailoverReport {
  one: { perSecond: number; events: number };
  two: { perSecond: number; events: number };
  failover: {
    replicas: number[];
    acknowledged: number;
    applied: number;
    lost: number;
    appliedTwice: number;
    unexpected: number;
    deadLettered: number;
    perInstance: Record<string, number>;
    partitionsBefore: Record<string, number[]>;
    backInSyncAfterRestartMs: number;
  };
}

/**
 * The three-broker cluster of infra/local/kafka-cluster.sh (decision 0048): topics created by the
 * project's own script get three replicas, and two consumer instances with their inbox lose
 * nothing and apply nothing twice while a broker is killed and restarted (tools/ops/cluster-failover.ts).
 */
describe('three-broker Kafka cluster', () => {
  let startedHere = false;
  let brokers: string[] = [];

  beforeAll(async () => {
    const status = await cluster('status');
    startedHere = status.split('\n').filter((l) => /\srunning\s/.test(l)).length < 3;
    if (startedHere) await cluster('start');
    const env = await cluster('env');
    const line = env.split('\n').find((l) => l.startsWith('export KAFKA_BROKERS=')) ?? '';
    brokers = line.slice('export KAFKA_BROKERS='.length).replace(/\\/g, '').split(',');
  });

  afterAll(async () => {
    if (startedHere) await cluster('stop');
  });

  it('prints the three brokers and the replication factor for the services and scripts', async () => {
    expect(await cluster('env')).toContain('export KAFKA_REPLICATION_FACTOR=3');
    expect(brokers).toHaveLength(3);
    expect(brokers.every((b) => /^127\.0\.0\.1:\d+$/.test(b))).toBe(true);
    expect(brokers).not.toContain(endpointsFromEnv().kafkaBrokers[0]); // not the single node
  });

  it('creates the catalogue with three replicas of every partition and two in sync required', async () => {
    const namespace = `rf${randomBytes(3).toString('hex')}`;
    const { stdout } = await exec(
      process.execPath,
      [path.join(root, 'tools/scripts/run-ts.cjs'), path.join(root, 'tools/scripts/create-topics.ts')],
      {
        cwd: root,
        timeout: 180_000,
        env: {
          ...process.env,
          KAFKA_BROKERS: brokers.join(','),
          KAFKA_TOPIC_NAMESPACE: namespace,
          KAFKA_REPLICATION_FACTOR: '3',
        },
      },
    );
    expect(stdout).toContain(`${allTopicSpecs().length} created, replication factor 3`);
    const kafka = namespacedKafka(
      new Kafka({ clientId: 'cluster-int', brokers, logLevel: logLevel.NOTHING }),
      namespace,
    );
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: allTopicSpecs().map((t) => t.name) });
      expect(topics).toHaveLength(allTopicSpecs().length);
      const replicas = new Set(topics.flatMap((t) => t.partitions.map((p) => p.replicas.length)));
      expect([...replicas]).toEqual([3]);
      // The broker asked may not know a topic created a moment ago yet ("does not host this
      // topic-partition" while metadata spreads over the cluster): ask again until it does.
      const [config] = await waitFor(
        async () =>
          (
            await admin.describeConfigs({
              includeSynonyms: false,
              resources: [{ type: 2, name: `${namespace}.${allTopicSpecs()[0]?.name}` }], // 2: TOPIC
            })
          ).resources,
        'the topic configuration from the cluster',
        30_000,
        500,
      );
      expect(config?.configEntries.find((e) => e.configName === 'min.insync.replicas')?.configValue).toBe(
        '2',
      );
    } finally {
      await admin.deleteTopics({ topics: allTopicSpecs().map((t) => t.name) }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  it('loses nothing and applies nothing twice when a broker is killed under load, with the group spread over two instances', async () => {
    const json = path.join(mkdtempSync(path.join(tmpdir(), 'failover-')), 'failover.json');
    const { stdout } = await exec(
      process.execPath,
      [
        path.join(root, 'tools/scripts/run-ts.cjs'),
        path.join(root, 'tools/ops/cluster-failover.ts'),
        '--burst',
        '300',
        '--rate',
        '30',
        '--seconds',
        '40',
        '--down-seconds',
        '6',
        '--keep-cluster',
        '--json',
        json,
      ],
      {
        cwd: root,
        timeout: 840_000,
        env: { ...process.env, MONGODB_URI: endpointsFromEnv().mongodbUri },
      },
    );
    console.log(stdout); // the run's figures
    expect(stdout).toContain('OK: nothing lost, nothing applied twice');
    expect(stdout).toMatch(/SIGKILL broker \d/);
    const report = JSON.parse(readFileSync(json, 'utf8')) as FailoverReport;
    const f = report.failover;
    expect(f.replicas).toEqual([3, 3, 3, 3, 3, 3]);
    expect(f.acknowledged).toBe(30 * 40);
    expect(f.applied).toBe(f.acknowledged);
    expect({ lost: f.lost, twice: f.appliedTwice, unexpected: f.unexpected, dlq: f.deadLettered }).toEqual({
      lost: 0,
      twice: 0,
      unexpected: 0,
      dlq: 0,
    });
    expect(Object.keys(f.partitionsBefore).sort()).toEqual(['instance-1', 'instance-2']);
    expect(
      Object.values(f.partitionsBefore)
        .flat()
        .sort((a, b) => a - b),
    ).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Object.values(f.perInstance).every((n) => n > 0)).toBe(true);
    expect(f.backInSyncAfterRestartMs).toBeGreaterThanOrEqual(0);
    expect(report.one.perSecond).toBeGreaterThan(0);
    expect(report.two.perSecond).toBeGreaterThan(0);
  });
});
