import type { Test } from 'supertest';
import { waitFor } from '@frontera/platform-testing';
import { COMPLAINTS_COLLECTION } from '../../src/persistence/audits.schemas';
import { aVerifiedEmployer, startAuditsApp, type AuditsTestHarness } from '../support/audits-test-app';
import { aMunicipality } from '../support/tasks';

jest.setTimeout(180_000);

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
  readonly complaintId: string;
  readonly receiptCode: string;
  readonly secret: string;
  readonly employerId: string;
  readonly worksiteId: string;
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

const everyone = (status: number): Readonly<Record<CallerKind, number>> =>
  Object.fromEntries(CALLERS.map((c) => [c, status])) as Record<CallerKind, number>;

const ENDPOINTS: readonly Endpoint[] = [
  {
    route: 'POST /complaints (public: any caller, with or without a token)',
    request: (h) =>
      h.t.http
        .post('/complaints')
        .send({ place: 'Finca sin nombre', state: 'CHP', description: 'Malos tratos' }),
    expected: everyone(201),
  },
  {
    route: 'POST /complaints/status (public: the code and the secret decide)',
    request: (h, target) =>
      h.t.http.post('/complaints/status').send({ receiptCode: target.receiptCode, secret: target.secret }),
    expected: everyone(200),
  },
  {
    route: 'POST /complaints/information (public: the code and the secret decide)',
    request: (h, target) =>
      h.t.http
        .post('/complaints/information')
        .send({ receiptCode: target.receiptCode, secret: target.secret, text: 'Más detalles' }),
    expected: everyone(200),
  },
  {
    route: 'POST /complaints/:id/dismissal',
    request: (h, target) =>
      h.t.http.post(`/complaints/${target.complaintId}/dismissal`).send({ reason: 'No corresponde' }),
    expected: {
      'supervisor of its state': 200,
      'supervisor of another state': 404,
      inspector: 403,
      officer: 403,
      'employer staff': 403,
      anonymous: 401,
    },
  },
  {
    route: 'GET /complaints',
    request: (h) => h.t.http.get('/complaints'),
    expected: {
      'supervisor of its state': 200,
      'supervisor of another state': 200,
      inspector: 403,
      officer: 403,
      'employer staff': 403,
      anonymous: 401,
    },
  },
  {
    route: 'POST /complaints/:id/triage',
    request: (h, target) =>
      h.t.http
        .post(`/complaints/${target.complaintId}/triage`)
        .send({ employerId: target.employerId, worksiteId: target.worksiteId }),
    expected: {
      'supervisor of its state': 200,
      'supervisor of another state': 404,
      inspector: 403,
      officer: 403,
      'employer staff': 403,
      anonymous: 401,
    },
  },
];

/** Every complaint endpoint × every kind of caller: only the allowed ones succeed; refusals change nothing. */
describe('complaints: authorization per endpoint', () => {
  let h: AuditsTestHarness;
  let employer: { employerId: string; worksiteId: string };

  beforeAll(async () => {
    h = await startAuditsApp({ redisDb: 12 });
    employer = await aVerifiedEmployer(h.t, { municipality: aMunicipality() });
  });

  afterAll(async () => {
    await h?.close();
  });

  /** A place complaint (not triaged automatically) to act on. */
  async function aComplaint(): Promise<Target> {
    const filed = await h.t.http
      .post('/complaints')
      .send({ place: 'Rancho El Porvenir', state: 'CHP', description: 'Nos amenazan si nos quejamos' })
      .expect(201);
    const stored = await waitFor(
      async () =>
        (await h.t.connection
          .collection(COMPLAINTS_COLLECTION)
          .findOne({ receiptCode: (filed.body.receiptCode as string).replace(/-/g, '') })) ?? undefined,
      'the complaint stored',
    );
    return {
      complaintId: String(stored._id),
      receiptCode: filed.body.receiptCode,
      secret: filed.body.secret,
      ...employer,
    };
  }

  describe.each(ENDPOINTS)('$route', (endpoint) => {
    it.each(CALLERS)('%s', async (caller) => {
      const target = await aComplaint();
      const before = await h.t.raw(COMPLAINTS_COLLECTION, target.complaintId);
      const bearer = await authorization(h, caller, target);
      const request = endpoint.request(h, target);

      const response = await (bearer ? request.set('Authorization', bearer) : request);

      const expected = endpoint.expected[caller];
      expect({ caller, status: response.status }).toEqual({ caller, status: expected });
      if (expected >= 400) {
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect((await h.t.raw(COMPLAINTS_COLLECTION, target.complaintId))?.['version']).toBe(
          before?.['version'],
        );
      }
    });
  });
});
