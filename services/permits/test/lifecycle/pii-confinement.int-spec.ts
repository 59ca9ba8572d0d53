import { Redis } from 'ioredis';
import type { Kafka } from 'kafkajs';
import { mongo } from 'mongoose';
import { Logger } from 'nestjs-pino';
import { endpointsFromEnv, testKafka, TopicReader, uniqueName, waitFor } from '@frontera/platform-testing';
import type { WorkerDataDto } from '../../src/http/dto/worker.request';
import {
  APPLICATIONS_COLLECTION,
  PERMITS_COLLECTION,
  STANDINGS_COLLECTION,
  WORKERS_COLLECTION,
} from '../../src/persistence/permits.schemas';
import { approvedApplication } from '../support/permit-lifecycle';
import {
  aNewApplication,
  anActiveEmployer,
  aWorker,
  startPermitsApp,
  type PermitsTestApp,
} from '../support/permits-test-app';
import { redisDatabase } from '../support/shifted-clock';

jest.setTimeout(180_000);

/** This file's Redis database: the service's keys in it are this run's alone. */
const REDIS_DATABASE = 12;
/** The service's Redis prefixes: locks, list positions, rate limits (frontera:permits:…) and its BullMQ queues. */
const REDIS_PATTERNS = ['frontera:permits:*', 'bull:*'];

/** Log lines written by the service (its pino destination). */
class CapturedLog {
  readonly lines: string[] = [];
  write(chunk: string): void {
    this.lines.push(...chunk.split('\n').filter((line) => line.length > 0));
  }
}

/** The personal values of a worker searched for, as the client sent them and as the service normalises them. */
function needlesOf(worker: WorkerDataDto): string[] {
  const phone = worker.phone ?? '';
  return [
    worker.identityDocument.number,
    phone,
    phone.replace(/\D/g, ''),
    worker.homeAddress.line,
    worker.surnames.first,
    worker.dateOfBirth,
  ].filter((needle) => needle.length >= 8);
}

/** A surname of this run alone (letters only, as names must be). */
function aRunSurname(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return `Tzul${Array.from({ length: 6 }, () => letters[Math.floor(Math.random() * letters.length)]).join('')}`;
}

function found(haystack: Buffer | string, needles: readonly string[]): string[] {
  const buffer = typeof haystack === 'string' ? Buffer.from(haystack, 'utf8') : haystack;
  return needles.filter((needle) => buffer.includes(Buffer.from(needle, 'utf8')));
}

/** Every topic but Kafka's own. */
async function allTopics(kafka: Kafka): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.listTopics()).filter((topic) => !topic.startsWith('__'));
  } finally {
    await admin.disconnect();
  }
}

/**
 * Personal data stays confined: after a run that registers workers with a known document number,
 * phone and address (and a surname of the run's own, and a date of birth), submits, approves and
 * reads, none of them is found in plain text in any document of any collection of the service's
 * database, in any message published to any topic since the run began, in any Redis key or value
 * under the service's prefixes, nor in the service's logs (captured at trace level). Each search
 * asserts what it read, so it cannot pass empty.
 */
describe('personal data is confined: nowhere in the database, Kafka, Redis or logs in plain text', () => {
  const log = new CapturedLog();
  const redisUrl = redisDatabase(endpointsFromEnv().redisUrl, REDIS_DATABASE);
  let t: PermitsTestApp;
  let kafka: Kafka;
  let reader: TopicReader;
  let topics: string[];
  let startOffsets: Map<string, number>;
  const workers = [
    aWorker({
      surnames: { first: aRunSurname(), second: 'López' },
      homeAddress: { line: `Cantón Las Flores, lote ${uniqueName('l')}`, locality: 'Tacaná', country: 'GTM' },
    }),
    aWorker({
      givenNames: 'Ana María',
      surnames: { first: aRunSurname(), second: 'Chávez' },
      sex: 'F',
      dateOfBirth: '1999-11-02',
      homeAddress: {
        line: `Caserío El Naranjo, casa ${uniqueName('c')}`,
        locality: 'Malacatán',
        country: 'GTM',
      },
    }),
  ];
  const needles = workers.flatMap(needlesOf);
  /** The run's worker and permit ids. */
  const runIds: string[] = [];

  beforeAll(async () => {
    kafka = testKafka('permits-pii');
    topics = await allTopics(kafka);
    // Every topic read from its end now: what the run publishes, wherever it publishes it.
    reader = await TopicReader.start(kafka, topics, { groupPrefix: 'permits-pii-reader' });
    const admin = kafka.admin();
    await admin.connect();
    const committed = await admin.fetchOffsets({ groupId: reader.groupId, topics });
    await admin.disconnect();
    startOffsets = new Map(
      committed.flatMap(({ topic, partitions }) =>
        partitions.map((p) => [`${topic}/${p.partition}`, Number(p.offset)] as const),
      ),
    );
    t = await startPermitsApp({
      env: { LOG_LEVEL: 'trace', REDIS_URL: redisUrl },
      logDestination: log,
    });
    // Nest's own Logger (messaging, jobs) to the service's pino logger too, as main.ts does.
    t.app.useLogger(t.app.get(Logger));
  });

  afterAll(async () => {
    await reader?.stop();
    await t?.close();
    const redis = new Redis(redisUrl);
    for (const pattern of REDIS_PATTERNS) {
      const keys = await scanAll(redis, pattern);
      if (keys.length > 0) await redis.del(...keys);
    }
    redis.disconnect();
  });

  async function scanAll(redis: Redis, pattern: string): Promise<string[]> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    return keys;
  }

  it('a run that registers, submits, approves and reads', async () => {
    const employer = await anActiveEmployer(t);
    const other = await anActiveEmployer(t);
    const staff = await t.callers.employer(employer.employerId);
    const officer = await t.callers.officer(employer.state);

    // Submitted with an Idempotency-Key, then replayed (the stored response holds the worker's data).
    const first = aNewApplication(employer, workers[0]);
    const submitted = await t.http
      .post('/applications')
      .set('Authorization', staff)
      .set('Idempotency-Key', uniqueName('idem'))
      .send(first);
    expect(submitted.status).toBe(201);
    const replayed = await t.http
      .post('/applications')
      .set('Authorization', staff)
      .set('Idempotency-Key', submitted.request.getHeader('Idempotency-Key') as string)
      .send(first)
      .expect(201);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    const approved = await t.http
      .post(`/applications/${submitted.body.id as string}/approval`)
      .set('Authorization', officer)
      .send({ reason: 'Documentación completa' })
      .expect(200);
    const { permit: second } = await approvedApplication(t, employer, aNewApplication(employer, workers[1]));
    const permits = [approved.body.permit as { id: string; number: string; workerId: string }, second];
    runIds.push(...permits.flatMap((p) => [p.id, p.workerId]));

    // The same document again, by another employer (the same worker), and refused inputs carrying it.
    await t.http
      .post('/applications')
      .set('Authorization', await t.callers.employer(other.employerId))
      .send(aNewApplication(other, workers[0]))
      .expect(422); // WORKER_HAS_ACTIVE_PERMIT
    const invalid = await t.http
      .post('/applications')
      .set('Authorization', staff)
      .send(aNewApplication(employer, { ...workers[1], dateOfBirth: '1999-02-31' }))
      .expect(422);
    expect(found(JSON.stringify(invalid.body), needles)).toEqual([]);

    // Reads.
    for (const [i, permit] of permits.entries()) {
      const birthYear = (workers[i]?.dateOfBirth ?? '').slice(0, 4);
      await t.http.get(`/permits/${permit.id}`).set('Authorization', staff).expect(200);
      await t.http.get(`/permits/${permit.id}/history`).set('Authorization', officer).expect(200);
      await t.http.get(`/permits/${permit.id}/card.pdf`).set('Authorization', staff).expect(200);
      await t.http.get('/verify').query({ number: permit.number, birthYear }).expect(200);
      await t.events.waitFor(permit.id, 'frontera.permit.issued');
    }
    await t.http
      .get(`/applications/${submitted.body.id as string}`)
      .set('Authorization', officer)
      .expect(200);
    await t.http.get('/applications').set('Authorization', staff).expect(200);
    await t.http.get('/permits').set('Authorization', officer).expect(200);
    await t.events.waitFor(submitted.body.workerId as string, 'frontera.worker.registered');
    // Everything written has been published: no document's outbox is still pending.
    for (const collection of [WORKERS_COLLECTION, APPLICATIONS_COLLECTION, PERMITS_COLLECTION]) {
      await waitFor(
        async () =>
          (await t.connection.collection(collection).countDocuments({ outboxPending: true })) === 0 ||
          undefined,
        `the outbox of ${collection} drained`,
      );
    }
  });

  it('no document of any collection of the service’s database holds them', async () => {
    const db = t.connection.db;
    if (!db) throw new Error('no database');
    const collections = (await db.listCollections().toArray()).map((c) => c.name);
    expect(collections).toEqual(
      expect.arrayContaining([
        WORKERS_COLLECTION,
        APPLICATIONS_COLLECTION,
        PERMITS_COLLECTION,
        STANDINGS_COLLECTION,
      ]),
    );
    const read = new Map<string, number>();
    const leaks: string[] = [];
    // What the search finds when it is there: the run's ids (a positive control).
    const controls = new Set<string>();
    for (const name of collections) {
      const documents = await db.collection(name).find({}).toArray();
      read.set(name, documents.length);
      for (const document of documents) {
        for (const needle of found(Buffer.from(mongo.BSON.serialize(document)), needles)) {
          leaks.push(`${name}/${String(document['_id'])}: ${needle}`);
        }
        for (const id of found(Buffer.from(mongo.BSON.serialize(document)), runIds)) controls.add(id);
      }
    }
    expect(leaks).toEqual([]);
    expect([...controls].sort()).toEqual([...runIds].sort());
    expect(read.get(WORKERS_COLLECTION)).toBeGreaterThanOrEqual(2);
    expect(read.get(APPLICATIONS_COLLECTION)).toBeGreaterThanOrEqual(2);
    expect(read.get(PERMITS_COLLECTION)).toBeGreaterThanOrEqual(2);
    expect(read.get('idempotency_keys')).toBeGreaterThanOrEqual(1);
    expect([...read.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
  });

  it('no message published to any topic since the run began holds them', async () => {
    const admin = kafka.admin();
    await admin.connect();
    const ends = await Promise.all(
      topics.map(async (topic) => ({ topic, partitions: await admin.fetchTopicOffsets(topic) })),
    );
    await admin.disconnect();
    const expected = ends.flatMap(({ topic, partitions }) =>
      partitions
        .map((p) => ({
          key: `${topic}/${p.partition}`,
          start: startOffsets.get(`${topic}/${p.partition}`) ?? 0,
          high: Number(p.high),
        }))
        .filter((p) => p.high > p.start),
    );
    // Read up to each partition's end as it is now.
    await waitFor(
      () =>
        expected.every((p) =>
          reader.messages.some(
            (m) => `${m.topic}/${m.partition}` === p.key && Number(m.offset) === p.high - 1,
          ),
        ) || undefined,
      'every partition read to its end',
      30_000,
    );
    const advanced = new Set(expected.map((p) => p.key.slice(0, p.key.lastIndexOf('/'))));
    expect([...advanced]).toEqual(
      expect.arrayContaining([
        'frontera.permits.worker.v1',
        'frontera.permits.application.v1',
        'frontera.permits.permit.v1',
        'frontera.employers.employer.v1',
      ]),
    );
    // The run's own events were among them (a positive control): each worker registered, each permit issued.
    const ours = reader.messages.filter((m) => runIds.some((id) => m.raw.includes(id)));
    const typesOf = (id: string) =>
      ours.filter((m) => (m.event as { subject?: string }).subject === id).map((m) => m.event?.type);
    expect(reader.messages.length).toBeGreaterThanOrEqual(expected.length);
    const leaks = reader.messages.flatMap((m) =>
      [
        ...found(m.value ?? Buffer.alloc(0), needles),
        ...found(m.key ?? '', needles),
        ...found(JSON.stringify(m.headers), needles),
      ].map((needle) => `${m.topic}/${m.partition}@${m.offset}: ${needle}`),
    );
    expect(leaks).toEqual([]);
    const [firstPermit, firstWorker, secondPermit, secondWorker] = runIds;
    for (const id of [firstWorker, secondWorker])
      expect(typesOf(id ?? '')).toContain('frontera.worker.registered');
    for (const id of [firstPermit, secondPermit])
      expect(typesOf(id ?? '')).toContain('frontera.permit.issued');
  });

  it('no Redis key or value under the service’s prefixes holds them', async () => {
    const redis = new Redis(redisUrl);
    try {
      const perPattern = new Map<string, number>();
      const leaks: string[] = [];
      for (const pattern of REDIS_PATTERNS) {
        const keys = await scanAll(redis, pattern);
        perPattern.set(pattern, keys.length);
        for (const key of keys) {
          const values = await valuesOf(redis, key);
          for (const needle of found([key, ...values].join('\n'), needles)) leaks.push(`${key}: ${needle}`);
        }
      }
      expect(leaks).toEqual([]);
      for (const pattern of REDIS_PATTERNS) expect(perPattern.get(pattern)).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
  });

  it('no log line of the service holds them', () => {
    // A line per request at least (about 17 of them), the refused ones that carried the data included.
    expect(log.lines.length).toBeGreaterThanOrEqual(15);
    expect(log.lines.filter((line) => line.includes('"path":"/applications"')).length).toBeGreaterThanOrEqual(
      4,
    );
    expect(log.lines.some((line) => line.includes('"statusCode":422'))).toBe(true);
    const leaks = log.lines.flatMap((line, i) =>
      found(line, needles).map((needle) => `line ${i}: ${needle}`),
    );
    expect(leaks).toEqual([]);
  });
});

async function valuesOf(redis: Redis, key: string): Promise<string[]> {
  const type = await redis.type(key);
  switch (type) {
    case 'string':
      return [(await redis.get(key)) ?? ''];
    case 'hash':
      return Object.entries(await redis.hgetall(key)).flat();
    case 'list':
      return redis.lrange(key, 0, -1);
    case 'set':
      return redis.smembers(key);
    case 'zset':
      return redis.zrange(key, 0, -1, 'WITHSCORES');
    case 'stream':
      return (await redis.xrange(key, '-', '+')).flatMap(([id, fields]) => [id, ...fields]);
    default:
      return [];
  }
}
