/**
 * The ceilings of the employers service's request paths: a bare NestJS 11 app (Express platform,
 * no logger, guard, pipe, interceptor or middleware) that does the same store operations as each
 * path of the service and nothing else — no authentication, validation, domain, personal-data
 * encryption, mongoose models, logging or metrics. Started as a child process by
 * employers.bench.ts (`node tools/scripts/run-ts.cjs bench/employers/ceiling-app.ts`), on the
 * service's own database and collection, with a pool of 10 connections like the service.
 *
 *   GET  /ping          the empty route
 *   GET  /read/:id      (a) one findOne({ _id }) of the employer document, answered as JSON
 *   POST /write/:id     (b) findOne({ _id }) → updateOne({ _id, version }, { $set, $inc version }) → 200,
 *                       then one produce (acks -1, the platform's idempotent producer) that the
 *                       response does not wait for — like the service's publish after the write
 *   POST /budget/:id    (b′) the service's whole round-trip budget with the platform's own pieces:
 *                       RedisAggregateLock (SET NX, release script) around findOne + the versioned
 *                       outbox write of one event and one history record (versionedOutboxWrite),
 *                       → 200, then OutboxPublisher.publishWritten (history insert, produce,
 *                       batched prune)
 *   GET  /health/ready  200 once connected
 *
 * The writes never change an employer's status (only `updatedAt` and the version), so the
 * service's commands on the same documents stay valid. Environment: PORT, HOST, MONGODB_URI,
 * KAFKA_BROKERS, REDIS_URL, CEILING_TOPIC, CEILING_LOCK_PREFIX, CEILING_HISTORY_COLLECTION.
 * SIGTERM: drains the produces and prunes, closes everything, exits 0.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import {
  Controller,
  Get,
  HttpCode,
  HttpException,
  Inject,
  Module,
  NotFoundException,
  Param,
  Post,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Redis } from 'ioredis';
import type { Producer } from 'kafkajs';
import { logLevel } from 'kafkajs';
import mongoose, { type Connection, type mongo } from 'mongoose';
import { createEvent } from '@frontera/contracts';
import { createLockConnection, RedisAggregateLock } from '@frontera/platform-locking';
import {
  createEventProducer,
  createKafka,
  eventHeaders,
  EMPTY_OUTBOX,
  OutboxPublisher,
  outboxEntriesFor,
  outboxRecordsFor,
  versionedOutboxWrite,
  writtenOutbox,
  type OutboxTarget,
} from '@frontera/platform-messaging';

const EMPLOYERS_COLLECTION = 'employers';
const CEILING = Symbol('CEILING');

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/** An employer document as stored by the service (only `_id` and `version` are used here). */
interface StoredEmployer extends mongo.Document {
  _id: string;
  version: number;
}

/** What every route works with: one connection pool, one producer, one lock, one publisher. */
class Ceiling {
  readonly employers: mongo.Collection<StoredEmployer>;
  readonly target: OutboxTarget;
  private readonly produces = new Set<Promise<unknown>>();
  produceFailures = 0;

  constructor(
    readonly connection: Connection,
    readonly producer: Producer,
    readonly redis: Redis,
    readonly lock: RedisAggregateLock,
    readonly publisher: OutboxPublisher,
    readonly topic: string,
    readonly historyCollection: string,
  ) {
    const db = connection.db;
    if (!db) throw new Error('mongoose connection without a database');
    this.employers = db.collection<StoredEmployer>(EMPLOYERS_COLLECTION);
    this.target = { collection: this.employers as unknown as mongo.Collection, db: connection };
  }

  /** A produce the response does not wait for (tracked, so shutdown can wait for it). */
  produceSoon(key: string, value: string, eventId: string): void {
    const sending = this.producer
      .send({
        topic: this.topic,
        acks: -1,
        messages: [{ key, value, headers: eventHeaders({ eventId, type: 'frontera.employer.updated' }) }],
      })
      .catch(() => {
        this.produceFailures += 1;
      });
    this.produces.add(sending);
    void sending.finally(() => this.produces.delete(sending));
  }

  async drain(): Promise<void> {
    while (this.produces.size > 0) await Promise.allSettled([...this.produces]);
    await this.publisher.drain();
  }
}

/** An event of the size and shape the service publishes for a change, built by the contracts (validated). */
function changeEvent(employerId: string) {
  return createEvent({
    type: 'frontera.employer.updated',
    subject: employerId,
    correlationId: randomUUID(),
    data: { employerId, changedFields: ['address'], state: 'CHP', municipality: 'Tapachula' },
  });
}

@Controller()
class CeilingController {
  constructor(@Inject(CEILING) private readonly ceiling: Ceiling) {}

  @Get('ping')
  ping(): { status: string } {
    return { status: 'ok' };
  }

  @Get('health/ready')
  ready(): { status: string } {
    return { status: 'ok' };
  }

  /** (a) */
  @Get('read/:id')
  async read(@Param('id') id: string): Promise<StoredEmployer> {
    const document = await this.ceiling.employers.findOne({ _id: id });
    if (!document) throw new NotFoundException();
    return document;
  }

  /** (b) */
  @Post('write/:id')
  @HttpCode(200)
  async write(@Param('id') id: string): Promise<{ version: number }> {
    const document = await this.ceiling.employers.findOne({ _id: id });
    if (!document) throw new NotFoundException();
    const result = await this.ceiling.employers.updateOne(
      { _id: id, version: document.version },
      { $set: { updatedAt: new Date() }, $inc: { version: 1 } },
    );
    if (result.matchedCount !== 1) throw new HttpException('version conflict', 409);
    // The envelope the service would send, without the contract validation (no store operation).
    const eventId = randomUUID();
    const event = {
      specversion: '1.0',
      id: eventId,
      type: 'frontera.employer.updated',
      source: '/frontera/employers',
      subject: id,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      dataschema: 'urn:frontera:event:frontera.employer.updated:v1',
      correlationid: randomUUID(),
      data: { employerId: id, changedFields: ['address'], state: 'CHP', municipality: 'Tapachula' },
    };
    this.ceiling.produceSoon(id, JSON.stringify(event), eventId);
    return { version: document.version + 1 };
  }

  /** (b′) */
  @Post('budget/:id')
  @HttpCode(200)
  async budget(@Param('id') id: string): Promise<{ version: number }> {
    const { ceiling } = this;
    return ceiling.lock.withLock(`employer:${id}`, async () => {
      const document = await ceiling.employers.findOne({ _id: id });
      if (!document) throw new NotFoundException();
      const now = new Date();
      const entries = outboxEntriesFor([changeEvent(id)], id, { now, topicFor: () => ceiling.topic });
      const records = outboxRecordsFor(
        ceiling.historyCollection,
        [{ _id: randomUUID(), employerId: id, action: 'CHANGE', at: now.toISOString(), reason: 'bench' }],
        now,
      );
      const write = versionedOutboxWrite({
        filter: { _id: id },
        expectedVersion: document.version,
        update: { $set: { updatedAt: now } },
        entries,
        records,
        now,
      });
      const result = await ceiling.employers.updateOne(
        write.filter,
        write.update as mongo.UpdateFilter<StoredEmployer>,
      );
      if (result.matchedCount !== 1) throw new HttpException('version conflict', 409);
      void ceiling.publisher
        .publishWritten(
          ceiling.target,
          writtenOutbox(id, document.version + 1, EMPTY_OUTBOX, entries, records),
        )
        .then((outcome) => {
          if (outcome.error !== undefined) ceiling.produceFailures += 1;
        });
      return { version: document.version + 1 };
    });
  }
}

async function main(): Promise<void> {
  const port = Number(env('PORT'));
  const host = process.env['HOST'] ?? '127.0.0.1';
  const connection = await mongoose
    .createConnection(env('MONGODB_URI'), { maxPoolSize: 10, autoIndex: false, autoCreate: false })
    .asPromise();
  const kafka = createKafka({
    clientId: 'bench-ceiling',
    brokers: env('KAFKA_BROKERS').split(','),
    logLevel: logLevel.NOTHING,
  });
  const producer = createEventProducer(kafka);
  await producer.connect();
  const redis = await createLockConnection(env('REDIS_URL'), 'bench-ceiling');
  const lock = new RedisAggregateLock(redis, {
    prefix: env('CEILING_LOCK_PREFIX'),
    ttlMs: 10_000,
    waitMs: 5_000,
  });
  const publisher = new OutboxPublisher({
    producer,
    logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
  });
  const ceiling = new Ceiling(
    connection,
    producer,
    redis,
    lock,
    publisher,
    env('CEILING_TOPIC'),
    env('CEILING_HISTORY_COLLECTION'),
  );

  @Module({ controllers: [CeilingController], providers: [{ provide: CEILING, useValue: ceiling }] })
  class CeilingModule {}

  const app = await NestFactory.create(CeilingModule, new ExpressAdapter(), {
    logger: false,
    abortOnError: false,
  });
  await app.listen(port, host);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    const watchdog = setTimeout(() => process.exit(1), 15_000);
    watchdog.unref();
    await app.close();
    await ceiling.drain();
    await producer.disconnect();
    await redis.quit();
    await connection.close();
    process.stderr.write(`ceiling: stopped (${ceiling.produceFailures} failed produces)\n`);
    process.exit(ceiling.produceFailures > 0 ? 1 : 0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`ceiling: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
