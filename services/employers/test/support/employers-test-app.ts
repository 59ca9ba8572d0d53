import { getConnectionToken } from '@nestjs/mongoose';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import type { Admin, Kafka } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { EventEnvelope } from '@frontera/contracts';
import { aPrincipal, TestTokenIssuer } from '@frontera/platform-auth/testing';
import { loadConfig } from '@frontera/platform-config';
import { configureHttpApp } from '@frontera/platform-http';
import {
  databaseUri,
  endpointsFromEnv,
  startGroupsAtEnd,
  testKafka,
  uniqueName,
  type TopicReader,
} from '@frontera/platform-testing';
import { AppModule } from '../../src/app.module';
import { EmployersConfig } from '../../src/config/employers.config';
import { EMPLOYERS_CONSUMER_GROUPS } from '../../src/messaging/consumer-groups';
import { EMPLOYERS_COLLECTION } from '../../src/persistence/employer.schema';
import type { EmployerResponse } from '../../src/http/dto/employer.response';
import type { RegisterEmployerRequest } from '../../src/http/dto/register-employer.request';
import { EventFeeder, readPublished } from './kafka';
import { aCompanyIn } from './requests';

/** Bearer tokens for every kind of caller. */
export class Callers {
  constructor(private readonly issuer: TestTokenIssuer) {}

  async employer(employerId: string, subject = `user-of-${employerId}`): Promise<string> {
    return this.bearer(aPrincipal('employer').ofEmployer(employerId).withSubject(subject).build());
  }

  async officer(...states: string[]): Promise<string> {
    return this.bearer(
      aPrincipal('officer')
        .withSubject(`officer-${states.join('-')}`)
        .inStates(...states)
        .build(),
    );
  }

  async supervisor(...states: string[]): Promise<string> {
    return this.bearer(
      aPrincipal('supervisor')
        .withSubject(`supervisor-${states.join('-')}`)
        .inStates(...states)
        .build(),
    );
  }

  async inspector(...states: string[]): Promise<string> {
    return this.bearer(
      aPrincipal('inspector')
        .inStates(...states)
        .asInspector('insp-test-1')
        .build(),
    );
  }

  private async bearer(principal: Parameters<TestTokenIssuer['mintFor']>[0]): Promise<string> {
    return `Bearer ${await this.issuer.mintFor(principal)}`;
  }
}

export interface TestAppOptions {
  /** Extra environment for EmployersConfig (strings, as in the environment). */
  readonly env?: Readonly<Record<string, string>>;
  /** Serve /docs and /docs-json. */
  readonly swagger?: boolean;
  /** Start a reader on the employer topic (default true). */
  readonly readEmployerTopic?: boolean;
  /** The MongoDB driver emits command events (to count round trips). */
  readonly monitorCommands?: boolean;
}

/**
 * The real AppModule against the real Kafka, FerretDB and Redis, with a database and consumer
 * groups of its own, trusting a TestTokenIssuer. One per test file (beforeAll); `close()` in
 * afterAll stops the app, drops the database and disconnects the Kafka clients.
 */
export class EmployersTestApp {
  private constructor(
    readonly app: NestExpressApplication,
    readonly config: Readonly<EmployersConfig>,
    readonly callers: Callers,
    readonly connection: Connection,
    readonly kafka: Kafka,
    readonly admin: Admin,
    readonly employerTopic: TopicReader<EventEnvelope> | undefined,
    readonly feeder: EventFeeder,
    private readonly groupIds: readonly string[],
  ) {}

  static async start(options: TestAppOptions = {}): Promise<EmployersTestApp> {
    const endpoints = endpointsFromEnv();
    const issuer = await TestTokenIssuer.create();
    const groupPrefix = uniqueName('employers-test');
    const config = loadConfig(EmployersConfig, {
      NODE_ENV: 'test',
      PORT: '3000',
      // TEST_LOG_LEVEL=debug shows the service's logs while a test is investigated.
      LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
      KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
      MONGODB_URI: databaseUri(endpoints.mongodbUri, uniqueName('employers')),
      MONGODB_MAX_POOL_SIZE: '5',
      REDIS_URL: endpoints.redisUrl,
      AUTH_ISSUER: issuer.defaults.issuer,
      AUTH_AUDIENCE: issuer.defaults.audience,
      AUTH_PUBLIC_KEY: issuer.publicKeyPem,
      KAFKA_CONSUMER_GROUP_PREFIX: groupPrefix,
      CONSUMER_MAX_ATTEMPTS: '2',
      ...options.env,
    });

    const kafka = testKafka('employers-test');
    const admin = kafka.admin();
    await admin.connect();
    // The service's consumer groups start at the end of their topics: only this file's events.
    const groups = await startGroupsAtEnd(kafka, admin, groupPrefix, EMPLOYERS_CONSUMER_GROUPS);
    const employerTopic = options.readEmployerTopic === false ? undefined : await readPublished(kafka, admin);
    const feeder = await EventFeeder.start(kafka);

    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot(config, { monitorCommands: options.monitorCommands ?? false })],
    }).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({
      bodyParser: false,
      ...(process.env['TEST_LOG_LEVEL'] ? {} : { logger: false }),
    });
    configureHttpApp(app, {
      config,
      swagger: options.swagger ? { title: 'Frontera — employers', description: 'test', version: '1' } : false,
    });
    await app.init();
    const connection = app.get<Connection>(getConnectionToken());
    const groupIds = [...groups, ...(employerTopic ? [employerTopic.groupId] : [])];
    return new EmployersTestApp(
      app,
      config,
      new Callers(issuer),
      connection,
      kafka,
      admin,
      employerTopic,
      feeder,
      groupIds,
    );
  }

  /** What the service published on the employer topic since the app started. */
  get events(): TopicReader<EventEnvelope> {
    if (!this.employerTopic) throw new Error('started with readEmployerTopic: false');
    return this.employerTopic;
  }

  get http(): TestAgent {
    return request(this.app.getHttpServer());
  }

  /** The employer's document exactly as stored (what an attacker with the database would see). */
  async rawEmployer(employerId: string): Promise<Record<string, unknown> | null> {
    return this.connection.collection(EMPLOYERS_COLLECTION).findOne({ _id: employerId } as never);
  }

  async employerCount(): Promise<number> {
    return this.connection.collection(EMPLOYERS_COLLECTION).countDocuments();
  }

  /** Given: an employer registered over HTTP by its own staff (201 asserted). */
  async registered(body: RegisterEmployerRequest = aCompanyIn('CHP')): Promise<EmployerResponse> {
    const id = anOrganisationId();
    const response = await this.http
      .post('/employers')
      .set('Authorization', await this.callers.employer(id))
      .send(body)
      .expect(201);
    return response.body as EmployerResponse;
  }

  /** Given: an employer registered and verified by an officer of its state (ACTIVE, rated A). */
  async active(body: RegisterEmployerRequest = aCompanyIn('CHP')): Promise<EmployerResponse> {
    const employer = await this.registered(body);
    const response = await this.http
      .post(`/employers/${employer.id}/verification`)
      .set('Authorization', await this.callers.officer(employer.address.state))
      .expect(200);
    return response.body as EmployerResponse;
  }

  async close(): Promise<void> {
    await this.employerTopic?.stop();
    await this.feeder.stop();
    // Close first: nothing of the app writes after this (consumers, relay, publishes drained)…
    await this.app.close();
    await this.admin.deleteGroups([...this.groupIds]).catch(() => undefined); // empty by now
    await this.admin.disconnect();
    // …so the dropped database stays dropped.
    const connection = await mongoose
      .createConnection(this.config.MONGODB_URI, { maxPoolSize: 1 })
      .asPromise();
    await connection.dropDatabase();
    await connection.close();
  }
}

/** A fresh organisation id, as an identity provider would assign one. */
export function anOrganisationId(): string {
  return uniqueName('org');
}
