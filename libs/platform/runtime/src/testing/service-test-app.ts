import { getConnectionToken } from '@nestjs/mongoose';
import type { DynamicModule } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import type { Admin, Kafka, Producer } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { topicOf, type EventData, type EventEnvelope, type EventType } from '@frontera/contracts';
import { aPrincipal, TestTokenIssuer } from '@frontera/platform-auth/testing';
import { loadConfig, type ServiceConfig } from '@frontera/platform-config';
import { configureHttpApp } from '@frontera/platform-http';
import {
  databaseUri,
  endpointsFromEnv,
  startGroupsAtEnd,
  testKafka,
  TopicReader,
  uniqueName,
} from '@frontera/platform-testing';

/** Bearer tokens for every kind of caller, signed by the test's own issuer. */
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

/** Publishes events of other contexts to their catalogue topics (as their services would). */
export class EventFeeder {
  private constructor(private readonly producer: Producer) {}

  static async start(kafka: Kafka): Promise<EventFeeder> {
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    return new EventFeeder(producer);
  }

  async publish<T extends EventType>(event: EventEnvelope<T, EventData<T>>, key: string): Promise<void> {
    await this.producer.send({
      topic: topicOf(event.type),
      acks: -1,
      messages: [{ key, value: JSON.stringify(event) }],
    });
  }

  /** A raw value (possibly not a valid event) on a topic. */
  async publishRaw(topic: string, key: string, value: string): Promise<void> {
    await this.producer.send({ topic, acks: -1, messages: [{ key, value }] });
  }

  async stop(): Promise<void> {
    await this.producer.disconnect();
  }
}

export interface ServiceTestAppOptions<C extends ServiceConfig> {
  readonly serviceName: string;
  readonly configClass: new () => C;
  readonly module: (config: Readonly<C>) => DynamicModule;
  /** The service's consumer-group table (`src/messaging/consumer-groups.ts`): each group started at the end of its topics. */
  readonly consumerGroups: Readonly<Record<string, readonly string[]>>;
  /** Topics whose published events the test reads (from now on). */
  readonly readTopics?: readonly string[];
  /** Extra environment (strings, as in the environment). */
  readonly env?: Readonly<Record<string, string>>;
  readonly swagger?: boolean;
  /** Request body types the service accepts besides JSON (its main.ts's `extraContentTypes`). */
  readonly extraContentTypes?: readonly string[];
  /**
   * Providers of the service's module replaced for the test (`overrideProvider(provide).useValue(useValue)`),
   * e.g. its clock, so a test controls time without sleeping.
   */
  readonly overrides?: readonly { readonly provide: unknown; readonly useValue: unknown }[];
}

/**
 * A service's real AppModule against the real Kafka, FerretDB and Redis, with a database and
 * consumer groups of its own (started at the end of their topics: only this file's events), trusting
 * a TestTokenIssuer. One per test file (beforeAll); `close()` in afterAll stops the app, drops the
 * database and removes the groups.
 */
export class ServiceTestApp<C extends ServiceConfig> {
  private constructor(
    readonly app: NestExpressApplication,
    readonly config: Readonly<C>,
    readonly callers: Callers,
    readonly connection: Connection,
    readonly kafka: Kafka,
    readonly admin: Admin,
    readonly published: TopicReader<EventEnvelope> | undefined,
    readonly feeder: EventFeeder,
    private readonly groupIds: readonly string[],
  ) {}

  static async start<C extends ServiceConfig>(options: ServiceTestAppOptions<C>): Promise<ServiceTestApp<C>> {
    const endpoints = endpointsFromEnv();
    const issuer = await TestTokenIssuer.create();
    const groupPrefix = uniqueName(`${options.serviceName}-test`);
    const config = loadConfig(options.configClass, {
      NODE_ENV: 'test',
      PORT: '3000',
      // TEST_LOG_LEVEL=debug shows the service's logs while a test is investigated.
      LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
      KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
      MONGODB_URI: databaseUri(endpoints.mongodbUri, uniqueName(options.serviceName)),
      MONGODB_MAX_POOL_SIZE: '5',
      REDIS_URL: endpoints.redisUrl,
      AUTH_ISSUER: issuer.defaults.issuer,
      AUTH_AUDIENCE: issuer.defaults.audience,
      AUTH_PUBLIC_KEY: issuer.publicKeyPem,
      KAFKA_CONSUMER_GROUP_PREFIX: groupPrefix,
      CONSUMER_MAX_ATTEMPTS: '2',
      ...options.env,
    });
    const kafka = testKafka(`${options.serviceName}-test`);
    const admin = kafka.admin();
    await admin.connect();
    const groups = await startGroupsAtEnd(kafka, admin, groupPrefix, options.consumerGroups);
    const published =
      options.readTopics && options.readTopics.length > 0
        ? await TopicReader.start<EventEnvelope>(kafka, options.readTopics, {
            admin,
            groupPrefix: `${options.serviceName}-test-reader`,
          })
        : undefined;
    const feeder = await EventFeeder.start(kafka);
    let builder = Test.createTestingModule({ imports: [options.module(config)] });
    for (const override of options.overrides ?? []) {
      builder = builder.overrideProvider(override.provide).useValue(override.useValue);
    }
    const moduleRef = await builder.compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({
      bodyParser: false,
      ...(process.env['TEST_LOG_LEVEL'] ? {} : { logger: false }),
    });
    configureHttpApp(app, {
      config,
      swagger: options.swagger
        ? { title: `Frontera — ${options.serviceName}`, description: 'test', version: '1' }
        : false,
      ...(options.extraContentTypes ? { extraContentTypes: options.extraContentTypes } : {}),
    });
    await app.init();
    return new ServiceTestApp(
      app,
      config,
      new Callers(issuer),
      app.get<Connection>(getConnectionToken()),
      kafka,
      admin,
      published,
      feeder,
      [...groups, ...(published ? [published.groupId] : [])],
    );
  }

  get http(): TestAgent {
    return request(this.app.getHttpServer());
  }

  /** What the service published on the read topics since the app started. */
  get events(): TopicReader<EventEnvelope> {
    if (!this.published) throw new Error('started without readTopics');
    return this.published;
  }

  /** A document exactly as stored (what someone with the database would see). */
  async raw(collection: string, id: string): Promise<Record<string, unknown> | null> {
    return this.connection.collection(collection).findOne({ _id: id } as never);
  }

  async close(): Promise<void> {
    await this.published?.stop();
    await this.feeder.stop();
    // Close first: nothing of the app writes after this (consumers, relay, publishes drained)…
    await this.app.close();
    await this.admin.deleteGroups([...this.groupIds]).catch(() => undefined);
    await this.admin.disconnect();
    // …so the dropped database stays dropped.
    const connection = await mongoose
      .createConnection(this.config.MONGODB_URI, { maxPoolSize: 1 })
      .asPromise();
    await connection.dropDatabase();
    await connection.close();
  }
}
