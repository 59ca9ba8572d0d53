import { waitFor } from '@frontera/platform-testing';
import { WORKERS_COLLECTION } from '../../src/persistence/permits.schemas';
import { chainOf } from '../../src/workers/hash-chained-read-log';
import { READ_LOG_COLLECTION } from '../../src/workers/workers.schemas';
import {
  anActiveEmployer,
  startPermitsApp,
  type GivenEmployer,
  type PermitsTestApp,
} from '../support/permits-test-app';
import { aDistinctWorker, applyFor } from './worker-fixtures';

jest.setTimeout(120_000);

type Caller =
  | 'own employer'
  | 'former employer'
  | 'other employer'
  | 'officer of the state'
  | 'officer of another state'
  | 'supervisor of the state'
  | 'inspector'
  | 'anonymous';

const CALLERS: readonly Caller[] = [
  'own employer',
  'former employer',
  'other employer',
  'officer of the state',
  'officer of another state',
  'supervisor of the state',
  'inspector',
  'anonymous',
];

/**
 * Every worker route × every kind of caller (docs/domain/permits.md, authorization; the access
 * policy's VIEW_WORKER, READ_PERSONAL_DATA, VERIFY_READ_LOG and RESOLVE_DUPLICATES rows): only the
 * allowed combinations succeed — a role that may never is 403, a caller out of scope reads the
 * worker as absent (404), no token is 401 — and refusals change nothing.
 *
 * The worker has two relations in CHP: `own` has a pending application (the current employer),
 * `former` applied and withdrew (it may see the worker, not read its personal data).
 */
describe('worker routes: authorization per endpoint', () => {
  let t: PermitsTestApp;
  let own: GivenEmployer;
  let former: GivenEmployer;
  let other: GivenEmployer;
  let workerId: string;

  beforeAll(async () => {
    t = await startPermitsApp({ env: { CONSUMER_MAX_ATTEMPTS: '6' } });
    [own, former, other] = await Promise.all([
      anActiveEmployer(t, { state: 'CHP' }),
      anActiveEmployer(t, { state: 'CHP' }),
      anActiveEmployer(t, { state: 'CHP' }),
    ]);
    const worker = aDistinctWorker();
    const withdrawn = await applyFor(t, former, worker);
    await t.http
      .post(`/applications/${withdrawn.applicationId}/withdrawal`)
      .set('Authorization', await t.callers.employer(former.employerId))
      .send({ reason: 'Ya no se contrata' })
      .expect(200);
    ({ workerId } = await applyFor(t, own, worker));
  });

  afterAll(async () => {
    await t?.close();
  });

  async function tokenOf(caller: Caller): Promise<string | null> {
    switch (caller) {
      case 'own employer':
        return t.callers.employer(own.employerId);
      case 'former employer':
        return t.callers.employer(former.employerId);
      case 'other employer':
        return t.callers.employer(other.employerId);
      case 'officer of the state':
        return t.callers.officer('CHP');
      case 'officer of another state':
        return t.callers.officer('TAB');
      case 'supervisor of the state':
        return t.callers.supervisor('CHP');
      case 'inspector':
        return t.callers.inspector('CHP');
      case 'anonymous':
        return null;
    }
  }

  const send = async (
    caller: Caller,
    method: 'get' | 'post',
    path: string,
    body?: object,
  ): Promise<{ status: number; body: Record<string, unknown> }> => {
    const token = await tokenOf(caller);
    let request = t.http[method](path);
    if (token !== null) request = request.set('Authorization', token);
    const response = body === undefined ? await request : await request.send(body);
    return { status: response.status, body: response.body as Record<string, unknown> };
  };

  const entries = () =>
    t.connection.collection(READ_LOG_COLLECTION).countDocuments({ chain: chainOf(workerId) });
  const storedWorker = async (id: string) => {
    const document = await t.raw(WORKERS_COLLECTION, id);
    return { version: document?.['version'], status: document?.['status'] };
  };

  describe('GET /workers/:id (VIEW_WORKER)', () => {
    const expected: Record<Caller, number> = {
      'own employer': 200,
      'former employer': 200,
      'other employer': 404,
      'officer of the state': 200,
      'officer of another state': 404,
      'supervisor of the state': 200,
      inspector: 403,
      anonymous: 401,
    };
    it.each(CALLERS)('%s', async (caller) => {
      const response = await send(caller, 'get', `/workers/${workerId}`);
      expect(response.status).toBe(expected[caller]);
      if (response.status === 200) expect(response.body['id']).toBe(workerId);
      if (response.status === 404) expect(response.body['code']).toBe('WORKER.NOT_FOUND');
    });
  });

  describe('POST /workers/:id/personal-data-reads (READ_PERSONAL_DATA)', () => {
    const expected: Record<Caller, number> = {
      'own employer': 200,
      'former employer': 404,
      'other employer': 404,
      'officer of the state': 200,
      'officer of another state': 404,
      'supervisor of the state': 403,
      inspector: 403,
      anonymous: 401,
    };
    it.each(CALLERS)('%s', async (caller) => {
      const before = await entries();
      const response = await send(caller, 'post', `/workers/${workerId}/personal-data-reads`, {
        purpose: 'Verificación de identidad',
      });
      expect(response.status).toBe(expected[caller]);
      if (response.status === 200) {
        expect(response.body['personalData']).toBeDefined();
        expect(await entries()).toBe(before + 1);
      } else {
        expect(response.body['personalData']).toBeUndefined();
        expect(await entries()).toBe(before);
      }
    });
  });

  describe.each([
    ['GET /workers/:id/personal-data-reads', 'get', ''],
    ['POST /workers/:id/personal-data-reads/verification', 'post', '/verification'],
  ] as const)('%s (VERIFY_READ_LOG)', (_name, method, suffix) => {
    const expected: Record<Caller, number> = {
      'own employer': 403,
      'former employer': 403,
      'other employer': 403,
      'officer of the state': 200,
      'officer of another state': 404,
      'supervisor of the state': 403,
      inspector: 403,
      anonymous: 401,
    };
    it.each(CALLERS)('%s', async (caller) => {
      const response = await send(caller, method, `/workers/${workerId}/personal-data-reads${suffix}`);
      expect(response.status).toBe(expected[caller]);
      if (response.status === 200) expect(response.body['workerId']).toBe(workerId);
    });
  });

  describe('GET /workers/duplicates (RESOLVE_DUPLICATES)', () => {
    const expected: Record<Caller, number> = {
      'own employer': 403,
      'former employer': 403,
      'other employer': 403,
      'officer of the state': 200,
      'officer of another state': 200,
      'supervisor of the state': 403,
      inspector: 403,
      anonymous: 401,
    };
    it.each(CALLERS)('%s', async (caller) => {
      const response = await send(caller, 'get', '/workers/duplicates');
      expect(response.status).toBe(expected[caller]);
      if (response.status === 200) expect(Array.isArray(response.body['items'])).toBe(true);
    });
  });

  describe.each(['merge', 'distinct'] as const)(
    'POST /workers/:id/duplicates/:otherId/%s (RESOLVE_DUPLICATES)',
    (action) => {
      let pair: { a: string; b: string };

      beforeAll(async () => {
        // A flagged pair in CHP: the same person registered twice, accents and case aside.
        const dateOfBirth = new Date(Date.UTC(1970, 0, 1) + Math.floor(Math.random() * 9000) * 86_400_000)
          .toISOString()
          .slice(0, 10);
        const a = await applyFor(
          t,
          own,
          aDistinctWorker({
            givenNames: 'Ana María',
            surnames: { first: 'Vásquez', second: 'Tum' },
            dateOfBirth,
          }),
        );
        const b = await applyFor(
          t,
          other,
          aDistinctWorker({
            givenNames: 'ANA MARIA',
            surnames: { first: 'VASQUEZ', second: 'TUM' },
            dateOfBirth,
          }),
        );
        pair = { a: a.workerId, b: b.workerId };
        await waitFor(async () => {
          const { body } = await t.http
            .get(`/workers/${pair.b}`)
            .set('Authorization', await t.callers.officer('CHP'))
            .expect(200);
          return body.hasPendingDuplicates === true || undefined;
        }, 'the flagged pair');
      });

      // The officer of the state goes last: the only call that changes anything.
      const order: readonly Caller[] = [
        ...CALLERS.filter((c) => c !== 'officer of the state'),
        'officer of the state',
      ];
      const expected: Record<Caller, number> = {
        'own employer': 403,
        'former employer': 403,
        'other employer': 403,
        'officer of the state': 200,
        'officer of another state': 404,
        'supervisor of the state': 403,
        inspector: 403,
        anonymous: 401,
      };
      it.each(order)('%s', async (caller) => {
        const before = await Promise.all([storedWorker(pair.a), storedWorker(pair.b)]);
        const response = await send(caller, 'post', `/workers/${pair.b}/duplicates/${pair.a}/${action}`, {
          reason: 'Cotejo de documentos',
        });
        expect(response.status).toBe(expected[caller]);
        const after = await Promise.all([storedWorker(pair.a), storedWorker(pair.b)]);
        if (response.status === 200) {
          expect(after).not.toEqual(before);
          expect(after[1].status).toBe(action === 'merge' ? 'MERGED' : 'ACTIVE');
        } else {
          expect(after).toEqual(before);
        }
      });
    },
  );
});
