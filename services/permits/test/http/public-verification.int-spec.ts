import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createEvent } from '@frontera/contracts';
import { ProjectPermitVerificationHandler } from '@frontera/permits-application';
import { PermitNumber } from '@frontera/permits-domain';
import { RATE_LIMITERS } from '@frontera/platform-http';
import { LOCK_REDIS } from '@frontera/platform-locking';
import { MessagingRuntime, PENDING_FILTER } from '@frontera/platform-messaging';
import { ServiceTestApp } from '@frontera/platform-runtime/testing';
import {
  recordDatabaseCommands,
  recordRedisCommands,
  waitFor,
  type DatabaseCommand,
} from '@frontera/platform-testing';
import type { Redis } from 'ioredis';
import type { RateLimiterRedis } from 'rate-limiter-flexible';
import type { Response } from 'supertest';
import { AppModule } from '../../src/app.module';
import { PermitsConfig } from '../../src/config/permits.config';
import { PERMITS_CONSUMER_GROUPS } from '../../src/messaging/consumer-groups';
import { PERMITS_COLLECTION, WORKERS_COLLECTION } from '../../src/persistence/permits.schemas';
import { VERIFICATIONS_COLLECTION } from '../../src/verification/verification.schemas';
import { PUBLIC_VERIFICATION_RULE } from '../../src/verification/public-verification.controller';
import {
  anIssuedPermit,
  verificationEntry,
  withoutPublicName,
  type IssuedPermit,
} from '../support/issued-permits';
import {
  anActiveEmployer,
  aWorker,
  type GivenEmployer,
  type PermitsTestApp,
} from '../support/permits-test-app';

jest.setTimeout(120_000);

const PUBLIC_NAME = 'Agrícola El Soconusco S.A. de C.V.';
const ANSWER_KEYS = ['employerName', 'lastValidDay', 'status', 'valid', 'workerInitials'];

/** Another check character for the same number (the one right character replaced by a wrong one). */
function withWrongCheckCharacter(number: string): string {
  const right = number.slice(-1);
  return `${number.slice(0, -1)}${right === 'A' ? 'B' : 'A'}`;
}

/** A well-formed number, check character right, that no permit has. */
function anUnknownNumber(): string {
  return PermitNumber.issue({ state: 'CHP', year: 2026, random: (n) => Math.floor(Math.random() * n) }).value;
}

/** What two misses may differ in: nothing but the request's own correlation id. */
function comparable(response: Response): Record<string, unknown> {
  const { correlationId: _correlationId, ...body } = response.body as Record<string, unknown>;
  return {
    status: response.status,
    body,
    contentType: response.headers['content-type'],
    cacheControl: response.headers['cache-control'],
    contentLanguage: response.headers['content-language'],
    vary: response.headers['vary'],
  };
}

describe('public verification: GET /verify/{token}, GET /verify?number=&birthYear= (real FerretDB, Redis, Kafka)', () => {
  let t: PermitsTestApp;
  let employer: GivenEmployer;
  let permit: IssuedPermit;
  let database: DatabaseCommand[] = [];
  let redis: string[] = [];

  beforeAll(async () => {
    t = await ServiceTestApp.start({
      serviceName: 'permits',
      configClass: PermitsConfig,
      module: (config) => AppModule.forRoot(config, { monitorCommands: true }),
      consumerGroups: PERMITS_CONSUMER_GROUPS,
      env: {
        MINIMUM_DAILY_WAGE_MXN: '278.80',
        PUBLIC_BASE_URL: 'https://verifica.example.mx',
        VERIFY_RATE_PER_MINUTE: '1000',
      },
    });
    database = recordDatabaseCommands(t.connection);
    redis = recordRedisCommands(t.app.get<Redis>(LOCK_REDIS));

    employer = await anActiveEmployer(t, { publicName: PUBLIC_NAME });
    permit = await anIssuedPermit(
      t,
      employer,
      aWorker({ givenNames: 'María de los Ángeles', surnames: { first: 'Xiloj', second: 'Tzul' } }),
    );
  });

  afterAll(async () => {
    await t?.close();
  });

  it('by the QR code’s token: valid, status, last valid day, the employer’s public name and the worker’s initials — nothing else', async () => {
    const response = await t.http.get(`/verify/${permit.token}`).expect(200);

    expect(response.body).toEqual({
      valid: true,
      status: 'ACTIVE',
      lastValidDay: permit.lastValidDay,
      employerName: PUBLIC_NAME,
      workerInitials: 'M. A. X. T.',
    });
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['content-language']).toBe('es');
    const text = JSON.stringify(response.body);
    for (const personal of [
      'María',
      'Xiloj',
      'Tzul',
      '1996',
      permit.worker.identityDocument.number,
      permit.id,
      permit.workerId,
      employer.employerId,
      permit.number,
    ]) {
      expect(text).not.toContain(personal);
    }
  });

  it('by the number as a person types it (lower case, spaces, no dashes) and the worker’s year of birth: the same answer', async () => {
    const typed = permit.number
      .replace(/-/g, '')
      .toLowerCase()
      .replace(/(.{4})/g, '$1 ');

    const response = await t.http.get('/verify').query({ number: typed, birthYear: '1996' }).expect(200);

    expect(Object.keys(response.body).sort()).toEqual(ANSWER_KEYS);
    expect(response.body).toMatchObject({ valid: true, status: 'ACTIVE', workerInitials: 'M. A. X. T.' });
  });

  it('an unknown token, an unknown number, a wrong check character and a wrong year of birth are one and the same 404', async () => {
    const tokenMisses = [
      await t.http.get('/verify/q3Zx8_Lm-2VbT0pRkW9sYaQ3Zx8_Lm'),
      await t.http.get(`/verify/${permit.token.slice(0, -1)}${permit.token.endsWith('A') ? 'B' : 'A'}`),
      await t.http.get('/verify/not-even-a-token'),
    ];
    const numberMisses = [
      await t.http.get('/verify').query({ number: anUnknownNumber(), birthYear: '1996' }),
      await t.http
        .get('/verify')
        .query({ number: withWrongCheckCharacter(permit.number), birthYear: '1996' }),
      await t.http.get('/verify').query({ number: 'TVTF-XXX-26-AAAA-AAAA-A', birthYear: '1996' }),
      await t.http.get('/verify').query({ number: permit.number, birthYear: '1997' }),
      await t.http.get('/verify').query({ number: permit.number, birthYear: '0000' }),
    ];

    const first = comparable(numberMisses[0]);
    expect(first).toMatchObject({
      status: 404,
      body: { code: 'PERMIT.VERIFICATION_NO_MATCH', status: 404, instance: '/verify' },
      contentType: 'application/problem+json; charset=utf-8',
      cacheControl: 'no-store',
      contentLanguage: 'es',
    });
    for (const miss of numberMisses) expect(comparable(miss)).toEqual(first);
    for (const miss of tokenMisses) {
      // The same problem; its `instance` is the request's own path, which the client sent.
      const { body, ...rest } = comparable(miss) as { body: Record<string, unknown> };
      const { body: firstBody, ...firstRest } = first as { body: Record<string, unknown> };
      expect(rest).toEqual(firstRest);
      expect({ ...body, instance: '/verify' }).toEqual(firstBody);
    }
  });

  it('a suspended permit is found and not valid, with its status', async () => {
    const suspended = await anIssuedPermit(t, employer);
    await t.http
      .post(`/permits/${suspended.id}/suspension`)
      .set('Authorization', await t.callers.officer(employer.state))
      .send({ reason: 'Revisión de documentos' })
      .expect(200);
    await verificationEntry(t, suspended.id, (entry) => entry?.['status'] === 'SUSPENDED');

    const response = await t.http.get(`/verify/${suspended.token}`).expect(200);

    expect(response.body).toEqual({
      valid: false,
      status: 'SUSPENDED',
      lastValidDay: suspended.lastValidDay,
      employerName: PUBLIC_NAME,
      workerInitials: 'J. L. P. L.',
    });
  });

  it('an employer without a public name (an individual) is shown with the generic label, in the language asked for', async () => {
    const individual = await anActiveEmployer(t);
    const issued = await anIssuedPermit(t, individual);
    await withoutPublicName(t, individual);
    await verificationEntry(t, issued.id, (entry) => entry !== null && entry['employerPublicName'] === null);

    const spanish = await t.http.get(`/verify/${issued.token}`).expect(200);
    const english = await t.http.get(`/verify/${issued.token}`).set('Accept-Language', 'en').expect(200);

    expect(spanish.body.employerName).toBe('Empleador registrado');
    expect(english.body.employerName).toBe('Registered employer');
    expect(english.headers['content-language']).toBe('en');
    expect(english.headers['vary']).toContain('Accept-Language');
  });

  it('an employer’s new public name reaches the answers of its permits (the employers consumer re-projects them)', async () => {
    const renamed = await anActiveEmployer(t, { publicName: 'Finca Vieja S.A.' });
    const issued = await anIssuedPermit(t, renamed);
    await t.feeder.publish(
      createEvent({
        type: 'frontera.employer.updated',
        subject: renamed.employerId,
        correlationId: randomUUID(),
        data: {
          employerId: renamed.employerId,
          changedFields: ['publicName'],
          state: renamed.state,
          municipality: 'Tapachula',
          publicName: 'Finca Nueva S.A.',
        },
      }),
      renamed.employerId,
    );
    await verificationEntry(t, issued.id, (entry) => entry?.['employerPublicName'] === 'Finca Nueva S.A.');

    const response = await t.http.get(`/verify/${issued.token}`).expect(200);

    expect(response.body.employerName).toBe('Finca Nueva S.A.');
  });

  it('the read model holds only the answer and keyed checks: no token, no year of birth, no ids, no names', async () => {
    const entry = await verificationEntry(t, permit.id, (e) => e !== null);
    const stored = JSON.stringify(entry);

    expect(Object.keys(entry ?? {}).sort()).toEqual([
      '_id',
      'birthYearCheck',
      'employerPublicName',
      'lastValidDay',
      'number',
      'permitVersion',
      'status',
      'updatedAt',
      'validFrom',
      'validUntil',
      'workerInitials',
    ]);
    for (const secret of [
      permit.token,
      '1996',
      'María',
      'Xiloj',
      permit.workerId,
      employer.employerId,
      permit.id,
    ]) {
      expect(stored).not.toContain(secret);
    }
  });

  it('is rebuilt from the permits: an emptied read model answers again after a rebuild', async () => {
    const rebuilt = await anIssuedPermit(t, employer);
    const verifications = t.connection.collection(VERIFICATIONS_COLLECTION);
    const before = await verifications.countDocuments({});
    await verifications.deleteMany({});
    await t.http.get(`/verify/${rebuilt.token}`).expect(404);

    const result = await t.app.get(ProjectPermitVerificationHandler).rebuild();

    expect(result.written).toBeGreaterThanOrEqual(before);
    expect(await verifications.countDocuments({})).toBe(result.written);
    const response = await t.http.get(`/verify/${rebuilt.token}`).expect(200);
    expect(response.body).toMatchObject({ valid: true, status: 'ACTIVE', employerName: PUBLIC_NAME });
    await t.http.get('/verify').query({ number: rebuilt.number, birthYear: '1996' }).expect(200);
  });

  it.each([
    ['no year of birth', { number: 'TVTF-CHP-26-K7Q9-M2XW-C' }],
    ['no number', { birthYear: '1996' }],
    ['a year that is not four digits', { number: 'TVTF-CHP-26-K7Q9-M2XW-C', birthYear: '96' }],
    ['an operator where a number is expected', { 'number[$ne]': 'x', birthYear: '1996' }],
    ['two numbers', { number: ['a', 'b'], birthYear: '1996' }],
    ['an unknown parameter', { number: 'TVTF-CHP-26-K7Q9-M2XW-C', birthYear: '1996', workerId: 'w' }],
    ['a number over 64 characters', { number: 'T'.repeat(65), birthYear: '1996' }],
  ])('%s is 400 VALIDATION.FAILED problem details', async (_case, query) => {
    const response = await t.http.get('/verify').query(query).expect(400);

    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('VALIDATION.FAILED');
  });

  it('is public: no token needed, and a token changes nothing', async () => {
    const anonymous = await t.http.get(`/verify/${permit.token}`).expect(200);
    const withToken = await t.http
      .get(`/verify/${permit.token}`)
      .set('Authorization', await t.callers.officer('TAB'))
      .expect(200);

    expect(withToken.body).toEqual(anonymous.body);
  });

  it('a client over VERIFY_RATE_PER_MINUTE gets 429 REQUEST.RATE_LIMITED problem details with Retry-After, on both routes', async () => {
    const limiter = t.app
      .get<ReadonlyMap<string, RateLimiterRedis>>(RATE_LIMITERS)
      .get(PUBLIC_VERIFICATION_RULE)!;
    await t.http.get(`/verify/${permit.token}`).expect(200);
    // The client as the limiter keys it (the socket's address, no proxy trusted in tests).
    const clients = ['::ffff:127.0.0.1', '127.0.0.1', '::1'];
    const client = (await Promise.all(clients.map((c) => limiter.get(c)))).findIndex((r) => r !== null);
    expect(client).toBeGreaterThanOrEqual(0);
    const key = clients[client];
    await limiter.penalty(key, 1000);
    try {
      for (const request of [
        t.http.get(`/verify/${permit.token}`),
        t.http.get('/verify').query({ number: permit.number, birthYear: '1996' }),
      ]) {
        const refused = await request.expect(429);
        expect(refused.headers['content-type']).toBe('application/problem+json; charset=utf-8');
        expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
        expect(refused.body).toMatchObject({ code: 'REQUEST.RATE_LIMITED', status: 429 });
        expect(JSON.stringify(refused.body)).not.toContain(PUBLIC_NAME);
      }
    } finally {
      await limiter.delete(key);
    }
    await t.http.get(`/verify/${permit.token}`).expect(200);
  });

  describe('round trips', () => {
    /** The permit's, its worker's and its application's outboxes pruned: no write of theirs is in flight. */
    async function settled(): Promise<void> {
      // The app's consumers read the catalogue topics other tests write to (a roster's thousand
      // worker registrations, say) on the same connection: stopped, so that only the requests'
      // commands are counted. Verification consumes nothing.
      await Promise.all(t.app.get(MessagingRuntime).consumers.map((consumer) => consumer.stop()));
      await waitFor(async () => {
        const docs = await Promise.all([
          t.raw(PERMITS_COLLECTION, permit.id),
          t.raw(WORKERS_COLLECTION, permit.workerId),
        ]);
        return docs.every((d) => d !== null && d['outboxPending'] === undefined) || undefined;
      }, 'the outboxes pruned');
      await sleep(300);
    }

    /** What one request sent: data commands (not the relay's sweep of pending documents) and Redis commands. */
    async function roundTripsOf(
      request: () => Promise<Response>,
    ): Promise<{ database: string[]; redis: string[] }> {
      database.length = 0;
      redis.length = 0;
      await request();
      const sent = database.filter(
        (c) => !(c.name === 'find' && JSON.stringify(c.filter) === JSON.stringify(PENDING_FILTER)),
      );
      return {
        database: sent
          .map((c) => `${c.name} ${c.collection} ${Object.keys(c.filter ?? {}).join(',')}`)
          .sort(),
        redis: [...redis],
      };
    }

    const ONE_READ = (key: string) => [`find ${VERIFICATIONS_COLLECTION} ${key}`];

    it('every path, hit or miss, is ONE read of the verification read model by an indexed key, and one rate-limiter command', async () => {
      await settled();
      const cases: [string, () => Promise<Response>, string][] = [
        ['a known token', () => t.http.get(`/verify/${permit.token}`).expect(200), '_id'],
        ['an unknown token', () => t.http.get('/verify/q3Zx8_Lm-2VbT0pRkW9sYaQ3Zx8_Lm').expect(404), '_id'],
        [
          'a known number',
          () => t.http.get('/verify').query({ number: permit.number, birthYear: '1996' }).expect(200),
          'number',
        ],
        [
          'a wrong year of birth',
          () => t.http.get('/verify').query({ number: permit.number, birthYear: '1990' }).expect(404),
          'number',
        ],
        [
          'an unknown number',
          () => t.http.get('/verify').query({ number: anUnknownNumber(), birthYear: '1996' }).expect(404),
          'number',
        ],
        [
          'a wrong check character',
          () =>
            t.http
              .get('/verify')
              .query({ number: withWrongCheckCharacter(permit.number), birthYear: '1996' })
              .expect(404),
          'number',
        ],
        [
          'a number that does not parse',
          () =>
            t.http.get('/verify').query({ number: 'TVTF-XXX-26-AAAA-AAAA-A', birthYear: '1996' }).expect(404),
          'number',
        ],
      ];
      for (const [what, request, key] of cases) {
        const sent = await roundTripsOf(request);
        expect({ what, database: sent.database }).toEqual({ what, database: ONE_READ(key) });
        expect(sent.redis).toHaveLength(1);
      }
    });
  });
});
