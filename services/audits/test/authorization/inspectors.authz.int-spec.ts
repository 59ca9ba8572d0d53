import type { Test } from 'supertest';
import { INSPECTORS_COLLECTION } from '../../src/persistence/audits.schemas';
import {
  anInspector,
  anInspectorRequest,
  startAuditsApp,
  type AuditsTestHarness,
} from '../support/audits-test-app';

jest.setTimeout(120_000);

const CALLERS = [
  'supervisor of its state',
  'supervisor of another state',
  'the inspector itself',
  'another inspector',
  'officer',
  'employer staff',
  'anonymous',
] as const;
type CallerKind = (typeof CALLERS)[number];

interface Endpoint {
  readonly route: string;
  readonly request: (h: AuditsTestHarness, inspectorId: string) => Test;
  readonly expected: Readonly<Record<CallerKind, number>>;
  /** Whether a refused request must leave the inspector as it was. */
  readonly changes?: boolean;
}

async function authorization(h: AuditsTestHarness, caller: CallerKind, inspectorId: string) {
  switch (caller) {
    case 'supervisor of its state':
      return h.as.supervisor('CHP');
    case 'supervisor of another state':
      return h.as.supervisor('TAB');
    case 'the inspector itself':
      return h.as.inspector(inspectorId, 'CHP');
    case 'another inspector':
      return h.as.inspector('insp_someone_else', 'CHP');
    case 'officer':
      return h.as.officer('CHP');
    case 'employer staff':
      return h.as.employer('org_any');
    case 'anonymous':
      return undefined;
  }
}

const ENDPOINTS: readonly Endpoint[] = [
  {
    route: 'POST /inspectors',
    request: (h) => h.t.http.post('/inspectors').send(anInspectorRequest({ states: ['CHP'] })),
    expected: {
      'supervisor of its state': 201,
      'supervisor of another state': 403,
      'the inspector itself': 403,
      'another inspector': 403,
      officer: 403,
      'employer staff': 403,
      anonymous: 401,
    },
  },
  {
    route: 'GET /inspectors',
    request: (h) => h.t.http.get('/inspectors'),
    expected: {
      'supervisor of its state': 200,
      'supervisor of another state': 200,
      'the inspector itself': 403,
      'another inspector': 403,
      officer: 403,
      'employer staff': 403,
      anonymous: 401,
    },
  },
  {
    route: 'GET /inspectors/:id',
    request: (h, id) => h.t.http.get(`/inspectors/${id}`),
    expected: {
      'supervisor of its state': 200,
      'supervisor of another state': 404,
      'the inspector itself': 200,
      'another inspector': 404,
      officer: 403,
      'employer staff': 403,
      anonymous: 401,
    },
  },
  ...(['deactivation', 'activation'] as const).map(
    (resource): Endpoint => ({
      route: `POST /inspectors/:id/${resource}`,
      request: (h, id) => h.t.http.post(`/inspectors/${id}/${resource}`).send({ reason: 'Motivo de prueba' }),
      changes: true,
      expected: {
        // activation of an ACTIVE inspector is a conflict for the one caller who may try it
        'supervisor of its state': resource === 'deactivation' ? 200 : 409,
        'supervisor of another state': 404,
        'the inspector itself': 403,
        'another inspector': 403,
        officer: 403,
        'employer staff': 403,
        anonymous: 401,
      },
    }),
  ),
];

/** Every inspector endpoint × every kind of caller: only the allowed ones succeed; refusals change nothing. */
describe('inspectors: authorization per endpoint', () => {
  let h: AuditsTestHarness;

  beforeAll(async () => {
    h = await startAuditsApp({ redisDb: 6 });
  });

  afterAll(async () => {
    await h?.close();
  });

  describe.each(ENDPOINTS)('$route', (endpoint) => {
    it.each(CALLERS)('%s', async (caller) => {
      const inspectorId = await anInspector(h, { states: ['CHP'] });
      const before = await h.t.raw(INSPECTORS_COLLECTION, inspectorId);
      const bearer = await authorization(h, caller, inspectorId);
      const request = endpoint.request(h, inspectorId);
      const response = await (bearer ? request.set('Authorization', bearer) : request);

      const expected = endpoint.expected[caller];
      expect({ caller, status: response.status }).toEqual({ caller, status: expected });
      if (expected >= 400) {
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        if (endpoint.changes) {
          expect((await h.t.raw(INSPECTORS_COLLECTION, inspectorId))?.['version']).toBe(before?.['version']);
        }
      }
      if (endpoint.route === 'GET /inspectors' && expected === 200) {
        const ids = (response.body.items as { inspectorId: string }[]).map((i) => i.inspectorId);
        if (caller === 'supervisor of its state') expect(ids).toContain(inspectorId);
        else expect(ids).not.toContain(inspectorId);
      }
    });
  });
});
