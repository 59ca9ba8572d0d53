import type { Test } from 'supertest';
import { TASKS_COLLECTION } from '../../src/persistence/audits.schemas';
import { anInspector, startAuditsApp, type AuditsTestHarness } from '../support/audits-test-app';
import { aSweptTask, type GivenTask } from '../support/tasks';

jest.setTimeout(240_000);

const CALLERS = [
  'the assigned inspector',
  'another inspector',
  'supervisor of its state',
  'supervisor of another state',
  'officer of its state',
  'its employer’s staff',
  'anonymous',
] as const;
type CallerKind = (typeof CALLERS)[number];

interface Target extends GivenTask {
  /** Another inspector covering the area (the reassignment's choice). */
  readonly otherInspectorId: string;
}

interface Endpoint {
  readonly route: string;
  /** Start the task first (the inspector's work happens IN_PROGRESS). */
  readonly started?: boolean;
  readonly request: (h: AuditsTestHarness, target: Target) => Test;
  readonly expected: Readonly<Record<CallerKind, number>>;
  /** A successful list must contain the task for these callers, and not for the others. */
  readonly listed?: readonly CallerKind[];
}

async function authorization(h: AuditsTestHarness, caller: CallerKind, target: Target) {
  switch (caller) {
    case 'the assigned inspector':
      return h.as.inspector(target.inspectorId as string, 'CHP');
    case 'another inspector':
      return h.as.inspector(target.otherInspectorId, 'CHP');
    case 'supervisor of its state':
      return h.as.supervisor('CHP');
    case 'supervisor of another state':
      return h.as.supervisor('TAB');
    case 'officer of its state':
      return h.as.officer('CHP');
    case 'its employer’s staff':
      return h.as.employer(target.employer.employerId);
    case 'anonymous':
      return undefined;
  }
}

const inspectorWork = (ok: number): Readonly<Record<CallerKind, number>> => ({
  'the assigned inspector': ok,
  'another inspector': 404,
  'supervisor of its state': 403,
  'supervisor of another state': 403,
  'officer of its state': 403,
  'its employer’s staff': 403,
  anonymous: 401,
});

const ENDPOINTS: readonly Endpoint[] = [
  {
    route: 'GET /tasks',
    request: (h) => h.t.http.get('/tasks'),
    expected: {
      'the assigned inspector': 200,
      'another inspector': 200,
      'supervisor of its state': 200,
      'supervisor of another state': 200,
      'officer of its state': 403,
      'its employer’s staff': 403,
      anonymous: 401,
    },
    listed: ['the assigned inspector', 'supervisor of its state'],
  },
  {
    route: 'GET /tasks/:id',
    request: (h, target) => h.t.http.get(`/tasks/${target.taskId}`),
    expected: {
      'the assigned inspector': 200,
      'another inspector': 404,
      'supervisor of its state': 200,
      'supervisor of another state': 404,
      'officer of its state': 403,
      'its employer’s staff': 403,
      anonymous: 401,
    },
  },
  {
    route: 'POST /tasks/:id/start',
    request: (h, target) => h.t.http.post(`/tasks/${target.taskId}/start`),
    expected: inspectorWork(200),
  },
  {
    route: 'POST /tasks/:id/findings',
    started: true,
    request: (h, target) =>
      h.t.http.post(`/tasks/${target.taskId}/findings`).send({ code: 'EXCESSIVE_HOURS', workersAffected: 2 }),
    expected: inspectorWork(201),
  },
  {
    route: 'POST /tasks/:id/completion',
    started: true,
    request: (h, target) => h.t.http.post(`/tasks/${target.taskId}/completion`).send({}),
    expected: inspectorWork(200),
  },
  {
    route: 'POST /tasks/:id/assignment',
    request: (h, target) =>
      h.t.http
        .post(`/tasks/${target.taskId}/assignment`)
        .send({ inspectorId: target.otherInspectorId, reason: 'Redistribución de cargas' }),
    expected: {
      'the assigned inspector': 403,
      'another inspector': 403,
      'supervisor of its state': 200,
      'supervisor of another state': 404,
      'officer of its state': 403,
      'its employer’s staff': 403,
      anonymous: 401,
    },
  },
  {
    route: 'GET /employers/:employerId/audit-outcomes',
    request: (h, target) => h.t.http.get(`/employers/${target.employer.employerId}/audit-outcomes`),
    expected: {
      'the assigned inspector': 403,
      'another inspector': 403,
      'supervisor of its state': 200,
      'supervisor of another state': 404,
      'officer of its state': 200,
      'its employer’s staff': 200,
      anonymous: 401,
    },
  },
];

/** Every task endpoint × every kind of caller: only the allowed ones succeed; refusals change nothing. */
describe('audit tasks: authorization per endpoint', () => {
  let h: AuditsTestHarness;

  beforeAll(async () => {
    h = await startAuditsApp({ redisDb: 7 });
  });

  afterAll(async () => {
    await h?.close();
  });

  describe.each(ENDPOINTS)('$route', (endpoint) => {
    it.each(CALLERS)('%s', async (caller) => {
      const given = await aSweptTask(h);
      const otherInspectorId = await anInspector(h, {
        states: ['CHP'],
        municipalities: [given.employer.municipality],
      });
      const target: Target = { ...given, otherInspectorId };
      if (endpoint.started) {
        await h.t.http
          .post(`/tasks/${target.taskId}/start`)
          .set('Authorization', await h.as.inspector(target.inspectorId as string, 'CHP'))
          .expect(200);
      }
      const before = await h.t.raw(TASKS_COLLECTION, target.taskId);
      const bearer = await authorization(h, caller, target);
      const request = endpoint.request(h, target);

      const response = await (bearer ? request.set('Authorization', bearer) : request);

      const expected = endpoint.expected[caller];
      expect({ caller, status: response.status }).toEqual({ caller, status: expected });
      if (expected >= 400) {
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect((await h.t.raw(TASKS_COLLECTION, target.taskId))?.['version']).toBe(before?.['version']);
      }
      if (endpoint.listed && expected === 200) {
        const ids = (response.body.items as { id: string }[]).map((t) => t.id);
        if (endpoint.listed.includes(caller)) expect(ids).toContain(target.taskId);
        else expect(ids).not.toContain(target.taskId);
      }
    });
  });
});
