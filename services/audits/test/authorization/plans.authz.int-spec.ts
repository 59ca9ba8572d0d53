import type { Test } from 'supertest';
import {
  aVerifiedEmployer,
  startAuditsApp,
  type AuditsTestHarness,
  type GivenEmployer,
} from '../support/audits-test-app';

jest.setTimeout(120_000);

const CALLERS = [
  'supervisor of its state',
  'supervisor of another state',
  'officer of its state',
  'officer of another state',
  'inspector',
  'its employer’s staff',
  'anonymous',
] as const;
type CallerKind = (typeof CALLERS)[number];

interface Endpoint {
  readonly route: string;
  readonly request: (h: AuditsTestHarness, employer: GivenEmployer) => Test;
  readonly expected: Readonly<Record<CallerKind, number>>;
}

async function authorization(h: AuditsTestHarness, caller: CallerKind, employer: GivenEmployer) {
  switch (caller) {
    case 'supervisor of its state':
      return h.as.supervisor('CHP');
    case 'supervisor of another state':
      return h.as.supervisor('TAB');
    case 'officer of its state':
      return h.as.officer('CHP');
    case 'officer of another state':
      return h.as.officer('TAB');
    case 'inspector':
      return h.as.inspector('insp_any', 'CHP');
    case 'its employer’s staff':
      return h.as.employer(employer.employerId);
    case 'anonymous':
      return undefined;
  }
}

const ENDPOINTS: readonly Endpoint[] = [
  {
    route: 'GET /employers/:employerId/risk',
    request: (h, e) => h.t.http.get(`/employers/${e.employerId}/risk`),
    expected: {
      'supervisor of its state': 200,
      'supervisor of another state': 404,
      'officer of its state': 200,
      'officer of another state': 404,
      inspector: 403,
      'its employer’s staff': 403,
      anonymous: 401,
    },
  },
  {
    route: 'GET /employers/:employerId/audit-plan',
    request: (h, e) => h.t.http.get(`/employers/${e.employerId}/audit-plan`),
    expected: {
      'supervisor of its state': 200,
      'supervisor of another state': 404,
      'officer of its state': 403,
      'officer of another state': 403,
      inspector: 403,
      'its employer’s staff': 403,
      anonymous: 401,
    },
  },
];

/** Risk and plan reads × every kind of caller: employer staff never see a score or a schedule. */
describe('risk and plans: authorization per endpoint', () => {
  let h: AuditsTestHarness;
  let employer: GivenEmployer;

  beforeAll(async () => {
    h = await startAuditsApp({ redisDb: 1 });
    employer = await aVerifiedEmployer(h.t);
  });

  afterAll(async () => {
    await h?.close();
  });

  describe.each(ENDPOINTS)('$route', (endpoint) => {
    it.each(CALLERS)('%s', async (caller) => {
      const bearer = await authorization(h, caller, employer);
      const request = endpoint.request(h, employer);
      const response = await (bearer ? request.set('Authorization', bearer) : request);

      const expected = endpoint.expected[caller];
      expect({ caller, status: response.status }).toEqual({ caller, status: expected });
      if (expected >= 400) expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      else expect(response.body.employerId).toBe(employer.employerId);
    });
  });
});
