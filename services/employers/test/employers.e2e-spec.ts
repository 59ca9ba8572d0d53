import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { Topics, type EventEnvelope } from '@frontera/contracts';
import { aPrincipal, TestTokenIssuer } from '@frontera/platform-auth/testing';
import {
  databaseUri,
  endpointsFromEnv,
  freePort,
  startGroupsAtEnd,
  testKafka,
  uniqueName,
  waitFor,
  type TopicReader,
} from '@frontera/platform-testing';
import { EMPLOYERS_CONSUMER_GROUPS } from '../src/messaging/consumer-groups';
import { anEvent, readPublished } from './support/kafka';
import { aCompanyIn } from './support/requests';

const root = join(__dirname, '../../..');
const main = join(root, 'dist/services/employers/main.js');

/**
 * The BUILT service (dist/services/employers/main.js) as a process of its own, against the real
 * Kafka, FerretDB and Redis: the path a deployment takes, configuration from the environment
 * included. The build runs first through Nx, whose cache makes it a no-op when nothing changed
 * (sources and every library the service bundles are hashed, which a file-date check would miss).
 */
describe('employers service (built, running as a process)', () => {
  const endpoints = endpointsFromEnv();
  const kafka = testKafka('employers-e2e');
  const admin = kafka.admin();
  const database = databaseUri(endpoints.mongodbUri, uniqueName('employers-e2e'));
  let service: ChildProcess | undefined;
  let output = '';
  let baseUrl = '';
  let issuer: TestTokenIssuer;
  let employerTopic: TopicReader<EventEnvelope>;
  let groupPrefix = '';

  beforeAll(async () => {
    await promisify(execFile)('npx', ['nx', 'build', 'employers', '--outputStyle=static'], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
      maxBuffer: 10 * 1024 * 1024,
    });
    issuer = await TestTokenIssuer.create();
    await admin.connect();
    groupPrefix = uniqueName('employers-e2e');
    await startGroupsAtEnd(kafka, admin, groupPrefix, EMPLOYERS_CONSUMER_GROUPS);
    employerTopic = await readPublished(kafka, admin);
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    service = spawn(process.execPath, [main], {
      cwd: root,
      env: {
        PATH: process.env['PATH'],
        NODE_ENV: 'test',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        MONGODB_URI: database,
        KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
        REDIS_URL: endpoints.redisUrl,
        AUTH_ISSUER: issuer.defaults.issuer,
        AUTH_AUDIENCE: issuer.defaults.audience,
        AUTH_PUBLIC_KEY: issuer.publicKeyPem,
        KAFKA_CONSUMER_GROUP_PREFIX: groupPrefix,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    service.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    service.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(
      async () => {
        if (service?.exitCode !== null) throw new Error(`the service exited: ${output}`);
        return (await fetch(`${baseUrl}/health/ready`)).status === 200;
      },
      'GET /health/ready = 200',
      30_000,
      200,
    ).catch((error: unknown) => {
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}\n--- service output ---\n${output}`,
      );
    });
  });

  afterAll(async () => {
    if (service && service.exitCode === null && service.signalCode === null) {
      service.kill('SIGKILL');
      await once(service, 'exit');
    }
    await employerTopic?.stop();
    await admin
      .deleteGroups([
        ...Object.keys(EMPLOYERS_CONSUMER_GROUPS).map((suffix) => `${groupPrefix}-${suffix}`),
        ...(employerTopic ? [employerTopic.groupId] : []),
      ])
      .catch(() => undefined);
    await admin.disconnect();
    const connection = await mongoose.createConnection(database, { maxPoolSize: 1 }).asPromise();
    await connection.dropDatabase();
    await connection.close();
  });

  async function call(
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'x-correlation-id': `e2e-${randomUUID()}`,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('registers, verifies, reacts to an audit outcome from Kafka, and shuts down gracefully on SIGTERM', async () => {
    const organisation = uniqueName('org-e2e');
    const staff = await issuer.mintFor(aPrincipal('employer').ofEmployer(organisation).build());
    const officer = await issuer.mintFor(
      aPrincipal('officer').inStates('CHP').withSubject('officer-e2e').build(),
    );

    // Register over HTTP, verify as an officer of the state.
    const registered = await call('POST', '/employers', staff, aCompanyIn('CHP'));
    expect(registered).toMatchObject({
      status: 201,
      body: { id: organisation, status: 'PENDING_VERIFICATION' },
    });
    const verified = await call('POST', `/employers/${organisation}/verification`, officer);
    expect(verified).toMatchObject({ status: 200, body: { status: 'ACTIVE', rating: 'A' } });

    // Both events reach Kafka, keyed by the employer.
    const [registeredEvent] = await employerTopic.waitFor(organisation, 'frontera.employer.registered');
    const [verifiedEvent] = await employerTopic.waitFor(organisation, 'frontera.employer.verified');
    expect(registeredEvent.key).toBe(organisation);
    expect(verifiedEvent.event.data).toMatchObject({
      employerId: organisation,
      rating: 'A',
      verifiedBy: 'officer-e2e',
    });

    // An audit with serious findings, published by "the audits service", rates the employer B.
    const producer = kafka.producer();
    await producer.connect();
    const outcome = anEvent({
      type: 'frontera.audit.outcome.recorded',
      subject: organisation,
      correlationId: randomUUID(),
      data: {
        taskId: uniqueName('task'),
        employerId: organisation,
        kind: 'PERIODIC',
        outcome: 'VIOLATIONS',
        findings: [
          {
            code: 'WAGE_BELOW_MINIMUM',
            severity: 'SERIOUS',
            workersAffected: 5,
            forcedLabourIndicator: false,
          },
        ],
        completedAt: new Date().toISOString(),
      },
    });
    await producer.send({
      topic: Topics.auditTask.name,
      acks: -1,
      messages: [{ key: organisation, value: JSON.stringify(outcome) }],
    });
    await producer.disconnect();
    const ratedB = await waitFor(
      async () => {
        const read = await call('GET', `/employers/${organisation}`, officer);
        return read.body['rating'] === 'B' && read.body;
      },
      'rating B',
      // The service's consumer joins its group after the service started; on a loaded machine (and on
      // a Kafka container that has just started) the join and the first fetch took over 20 s once.
      60_000,
      200,
    );
    expect(ratedB).toMatchObject({ status: 'ACTIVE', canReceivePermits: false });

    // Graceful shutdown: SIGTERM, exit code 0 within 10 s.
    const running = service as ChildProcess;
    const exited = once(running, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    const started = Date.now();
    running.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const [code, signal] = await Promise.race([
      exited,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no exit within 10 s\n${output}`)), 10_000);
      }),
    ]).finally(() => clearTimeout(timer));
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(10_000);
    // Nothing of the messaging machinery met a closed connection while shutting down.
    expect(output).not.toMatch(/sweep failed|Client must be connected|not marked or pruned/);
  });
});
