import type { Test } from 'supertest';
import { waitFor } from '@frontera/platform-testing';
import { REFERRALS_COLLECTION } from '../../src/persistence/audits.schemas';
import { startAuditsApp, type AuditsTestHarness } from '../support/audits-test-app';
import { aSweptTask } from '../support/tasks';

jest.setTimeout(240_000);

const CALLERS = [
  'supervisor of its state',
  'supervisor of another state',
  'inspector',
  'officer',
  'employer staff',
  'anonymous',
] as const;
type CallerKind = (typeof CALLERS)[number];

interface Target {
  readonly referralId: string;
  readonly employerId: string;
}

interface Endpoint {
  readonly route: string;
  readonly request: (h: AuditsTestHarness, target: Target) => Test;
  readonly expected: Readonly<Record<CallerKind, number>>;
}

async function authorization(h: AuditsTestHarness, caller: CallerKind, target: Target) {
  switch (caller) {
    case 'supervisor of its state':
      return h.as.supervisor('CHP');
    case 'supervisor of another state':
      return h.as.supervisor('TAB');
    case 'inspector':
      return h.as.inspector('insp_any', 'CHP');
    case 'officer':
      return h.as.officer('CHP');
    case 'employer staff':
      return h.as.employer(target.employerId);
    case 'anonymous':
      return undefined;
  }
}

const supervisorsOnly = (ok: number, otherState: number): Readonly<Record<CallerKind, number>> => ({
  'supervisor of its state': ok,
  'supervisor of another state': otherState,
  inspector: 403,
  officer: 403,
  'employer staff': 403,
  anonymous: 401,
});

const ENDPOINTS: readonly Endpoint[] = [
  {
    route: 'GET /referrals',
    request: (h) => h.t.http.get('/referrals'),
    expected: supervisorsOnly(200, 200),
  },
  {
    route: 'GET /referrals/statistics',
    request: (h) => h.t.http.get('/referrals/statistics'),
    expected: { ...supervisorsOnly(200, 200), officer: 200 },
  },
  {
    route: 'POST /referrals/:id/acknowledgement',
    request: (h, target) => h.t.http.post(`/referrals/${target.referralId}/acknowledgement`).send({}),
    expected: supervisorsOnly(200, 404),
  },
  {
    route: 'POST /referrals/:id/closure',
    request: (h, target) =>
      h.t.http.post(`/referrals/${target.referralId}/closure`).send({ outcome: 'NO_ACTION' }),
    expected: supervisorsOnly(200, 404),
  },
];

/** Every referral endpoint × every kind of caller: only supervisors of the state act; refusals change nothing. */
describe('referrals: authorization per endpoint', () => {
  let h: AuditsTestHarness;
  const pool: Target[] = [];

  beforeAll(async () => {
    h = await startAuditsApp({ redisDb: 14 });
  });

  afterAll(async () => {
    await h?.close();
  });

  /** A fresh referral awaiting acknowledgement (each REFERRAL audit makes two). */
  async function aReferral(): Promise<Target> {
    const next = pool.pop();
    if (next) return next;
    const { taskId, inspectorId, employer } = await aSweptTask(h);
    const inspector = await h.as.inspector(inspectorId as string, 'CHP');
    await h.t.http.post(`/tasks/${taskId}/start`).set('Authorization', inspector).expect(200);
    await h.t.http
      .post(`/tasks/${taskId}/findings`)
      .set('Authorization', inspector)
      .send({ code: 'ISOLATION' })
      .expect(201);
    await h.t.http.post(`/tasks/${taskId}/completion`).set('Authorization', inspector).send({}).expect(200);
    const ids = await waitFor(async () => {
      const found = await h.t.connection
        .collection(REFERRALS_COLLECTION)
        .find({ 'record.source.id': taskId }, { projection: { _id: 1 } })
        .toArray();
      return found.length === 2 ? found.map((d) => String(d._id)) : undefined;
    }, `the referrals of ${taskId}`);
    pool.push(...ids.map((referralId) => ({ referralId, employerId: employer.employerId })));
    return pool.pop() as Target;
  }

  describe.each(ENDPOINTS)('$route', (endpoint) => {
    it.each(CALLERS)('%s', async (caller) => {
      const target = await aReferral();
      const before = await h.t.raw(REFERRALS_COLLECTION, target.referralId);
      const bearer = await authorization(h, caller, target);
      const request = endpoint.request(h, target);

      const response = await (bearer ? request.set('Authorization', bearer) : request);

      const expected = endpoint.expected[caller];
      expect({ caller, status: response.status }).toEqual({ caller, status: expected });
      if (expected >= 400) {
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect((await h.t.raw(REFERRALS_COLLECTION, target.referralId))?.['version']).toBe(
          before?.['version'],
        );
      }
      if (endpoint.route === 'GET /referrals/statistics' && expected === 200) {
        // counts of the caller's states only
        const inScope = caller === 'supervisor of its state' || caller === 'officer';
        expect(response.body.states).toEqual(inScope ? ['CHP'] : ['TAB']);
        expect(response.body.byState.TAB ?? 0).toBe(0);
      }
      if (endpoint.route === 'GET /referrals' && expected === 200) {
        const ids = (response.body.items as { id: string }[]).map((r) => r.id);
        if (caller === 'supervisor of its state') expect(ids).toContain(target.referralId);
        else expect(ids).not.toContain(target.referralId);
      }
    });
  });
});
