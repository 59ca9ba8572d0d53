import { JobsService } from '@frontera/platform-jobs';
import { QUEUE_BOARD_COOKIE } from '@frontera/platform-runtime';
import { endpointsFromEnv, uniqueName } from '@frontera/platform-testing';
import { QUEUES } from '../../src/jobs/queues';
import { ROSTER_IMPORT_JOB_NAME } from '../../src/rosters/roster.queue';
import { startPermitsApp, type PermitsTestApp } from '../support/permits-test-app';
import { redisDatabase } from '../support/shifted-clock';

jest.setTimeout(120_000);

const BOARD = '/ops/queues/permits';
const HOUR_MS = 3_600_000;

interface BoardQueue {
  readonly name: string;
  readonly counts: Record<string, number>;
  readonly readOnlyMode: boolean;
  readonly allowRetries: boolean;
  readonly jobs: readonly { id: string; data: unknown; opts: unknown }[];
}

/**
 * The permits service's queue board (Bull Board at /ops/queues/permits, docs/decisions/0044) on the
 * real Redis: a supervisor reads every queue of the service with its counts and jobs, through the
 * Authorization header or the login step's cookie; other roles and anonymous callers are refused
 * with problem details; changes (retry, clean, promote) are refused and change nothing. The app has a
 * Redis database of its own (14; no other permits test uses it), so this file's jobs are the only
 * ones added besides the app's own schedulers.
 */
describe('queue board of the permits service (supervisors, read-only)', () => {
  let t: PermitsTestApp;
  let supervisor: string;
  let inspector: string;
  const redisUrl = redisDatabase(endpointsFromEnv().redisUrl, 14);
  const importId = uniqueName('imp');
  const jobId = `board-test.${importId}`;

  beforeAll(async () => {
    t = await startPermitsApp({ env: { REDIS_URL: redisUrl } });
    supervisor = await t.callers.supervisor('CHP');
    inspector = await t.callers.inspector('CHP');
  });

  afterAll(async () => {
    await t?.app.get(JobsService).queue(QUEUES.rosterImport).queue.remove(jobId);
    await t?.close();
  });

  async function boardQueues(query = ''): Promise<Map<string, BoardQueue>> {
    const response = await t.http.get(`${BOARD}/api/queues${query}`).set('Authorization', supervisor);
    expect(response.status).toBe(200);
    const queues = (response.body as { queues: BoardQueue[] }).queues;
    return new Map(queues.map((queue) => [queue.name, queue]));
  }

  it('Given a supervisor token, Then the board lists every queue of the service, read-only, with its counts and jobs', async () => {
    const before = await boardQueues();
    expect([...before.keys()].sort()).toEqual(
      Object.values(QUEUES)
        .map((queue) => queue.name)
        .sort(),
    );
    for (const queue of before.values()) {
      expect(queue).toMatchObject({ readOnlyMode: true, allowRetries: false });
      expect(typeof queue.counts['delayed']).toBe('number');
    }
    const delayedBefore = before.get(QUEUES.rosterImport.name)?.counts['delayed'] ?? -1;

    // A roster job due in an hour: the board counts it and shows it (ids only, as every payload).
    await t.app
      .get(JobsService)
      .queue(QUEUES.rosterImport)
      .add(ROSTER_IMPORT_JOB_NAME, { importId }, { jobId, delay: HOUR_MS });

    const after = await boardQueues(
      `?activeQueue=${encodeURIComponent(QUEUES.rosterImport.name)}&status=delayed&page=1&jobsPerPage=50`,
    );
    const roster = after.get(QUEUES.rosterImport.name);
    expect(roster?.counts['delayed']).toBe(delayedBefore + 1);
    const job = roster?.jobs.find((candidate) => candidate.id === jobId);
    expect(job?.data).toMatchObject({ payload: { importId } });

    // Nothing of the connection (URL, password, port) is shown; Redis's own details are hidden.
    const raw = JSON.stringify([...after.values()]);
    expect(raw).not.toContain(redisUrl);
    expect(raw).not.toContain('redis://');
    const stats = await t.http.get(`${BOARD}/api/redis/stats`).set('Authorization', supervisor);
    expect(stats.status).toBe(403);
    expect(JSON.stringify(stats.body)).not.toContain('redis_version');
  });

  it('Given an inspector token, Then 403 AUTH.FORBIDDEN as problem details', async () => {
    const response = await t.http.get(`${BOARD}/api/queues`).set('Authorization', inspector);
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'AUTH.FORBIDDEN', allowedRoles: ['supervisor'] });
  });

  it('Given no token, Then 401 AUTH.UNAUTHENTICATED as problem details; a browser is sent to the login page', async () => {
    const response = await t.http.get(`${BOARD}/api/queues`);
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.body).toMatchObject({ code: 'AUTH.UNAUTHENTICATED', reason: 'missing_token' });

    const page = await t.http.get(`${BOARD}/`).set('Accept', 'text/html');
    expect(page.status).toBe(303);
    expect(page.headers['location']).toBe(`${BOARD}/session`);
  });

  it('Given a supervisor, When retry, clean or promote is asked, Then 403 QUEUE_BOARD.READ_ONLY and nothing changes', async () => {
    const queue = t.app.get(JobsService).queue(QUEUES.rosterImport).queue;
    await queue.add(ROSTER_IMPORT_JOB_NAME, { payload: { importId } }, { jobId, delay: HOUR_MS });
    const name = encodeURIComponent(QUEUES.rosterImport.name);
    for (const [method, path] of [
      ['put', `/api/queues/${name}/retry/failed`],
      ['put', `/api/queues/${name}/clean/delayed`],
      ['put', `/api/queues/${name}/${jobId}/promote`],
      ['put', `/api/queues/${name}/promote`],
      ['put', `/api/queues/${name}/empty`],
    ] as const) {
      const response = await t.http[method](`${BOARD}${path}`).set('Authorization', supervisor).send({});
      expect({ path, status: response.status, code: response.body.code }).toEqual({
        path,
        status: 403,
        code: 'QUEUE_BOARD.READ_ONLY',
      });
    }
    const job = await queue.getJob(jobId);
    expect(await job?.getState()).toBe('delayed');
  });

  it('Given the login step with a supervisor token, Then the HttpOnly cookie opens the board page and its API without a header', async () => {
    const login = await t.http.post(`${BOARD}/session`).set('Authorization', supervisor);
    expect(login.status).toBe(204);
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toContain(`Path=${BOARD}`);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const cookie = setCookie.split(';')[0];
    expect(cookie.startsWith(`${QUEUE_BOARD_COOKIE}=`)).toBe(true);

    const page = await t.http.get(`${BOARD}/`).set('Cookie', cookie).set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`${BOARD}/`);
    const api = await t.http.get(`${BOARD}/api/queues`).set('Cookie', cookie);
    expect(api.status).toBe(200);

    const inspectorLogin = await t.http.post(`${BOARD}/session`).set('Authorization', inspector);
    expect(inspectorLogin.status).toBe(403);
    expect(inspectorLogin.headers['set-cookie']).toBeUndefined();
  });
});
