import type { ServerResponse } from 'node:http';
import { TokenVerifier } from '@frontera/platform-auth';
import { aPrincipal, TestTokenIssuer } from '@frontera/platform-auth/testing';
import type { AppError } from '@frontera/shared-kernel';
import {
  cookieToken,
  QUEUE_BOARD_COOKIE,
  queueBoardGuard,
  secondsUntilExpiry,
  sessionCookie,
  type BoardRequest,
} from './queue-board.guard';

/** What the guard did with one request: passed it on, answered it itself, or refused it. */
interface Outcome {
  passed: boolean;
  error?: AppError;
  status?: number;
  headers: Record<string, string>;
  body?: string;
}

const BASE = '/ops/queues/permits';

async function send(
  guard: ReturnType<typeof queueBoardGuard>,
  request: {
    method?: string;
    url: string;
    headers?: Record<string, string>;
    body?: unknown;
    secure?: boolean;
  },
): Promise<Outcome> {
  const outcome: Outcome = { passed: false, headers: {} };
  return new Promise<Outcome>((resolve) => {
    const res = {
      statusCode: 200,
      setHeader(name: string, value: string) {
        outcome.headers[name.toLowerCase()] = value;
      },
      end(body?: string) {
        outcome.status = this.statusCode;
        outcome.body = body;
        resolve(outcome);
      },
    };
    const req = {
      method: request.method ?? 'GET',
      url: request.url,
      headers: request.headers ?? {},
      body: request.body,
      secure: request.secure,
    } as unknown as BoardRequest;
    guard(req, res as unknown as ServerResponse, (error?: unknown) => {
      if (error === undefined) outcome.passed = true;
      else outcome.error = error as AppError;
      resolve(outcome);
    });
  });
}

describe('queueBoardGuard (supervisors only, reads only)', () => {
  let issuer: TestTokenIssuer;
  let guard: ReturnType<typeof queueBoardGuard>;
  let supervisor: string;
  let inspector: string;
  const now = Date.now();

  beforeAll(async () => {
    issuer = await TestTokenIssuer.create();
    const verifier = await TokenVerifier.create({
      issuer: issuer.defaults.issuer,
      audience: issuer.defaults.audience,
      publicKeyPem: issuer.publicKeyPem,
    });
    guard = queueBoardGuard({ basePath: BASE, verifier, clock: () => now });
    supervisor = await issuer.mintFor(aPrincipal('supervisor').inStates('CHP').build());
    inspector = await issuer.mintFor(aPrincipal('inspector').inStates('CHP').asInspector('i-1').build());
  });

  it('Given a supervisor token in the Authorization header, When the board API is read, Then the request goes on to the board', async () => {
    const outcome = await send(guard, {
      url: '/api/queues',
      headers: { authorization: `Bearer ${supervisor}` },
    });
    expect(outcome).toMatchObject({ passed: true });
  });

  it('Given no token, Then 401 AUTH.UNAUTHENTICATED missing_token; a browser opening a page is sent to the login step instead', async () => {
    const api = await send(guard, { url: '/api/queues' });
    expect(api.passed).toBe(false);
    expect(api.error).toMatchObject({ code: 'AUTH.UNAUTHENTICATED', status: 401 });
    expect(api.error?.extensions).toMatchObject({ reason: 'missing_token' });

    const page = await send(guard, { url: '/', headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page).toMatchObject({ passed: false, status: 303 });
    expect(page.headers['location']).toBe(`${BASE}/session`);
  });

  it('Given an inspector token, Then 403 AUTH.FORBIDDEN naming the supervisor role', async () => {
    const outcome = await send(guard, {
      url: '/api/queues',
      headers: { authorization: `Bearer ${inspector}` },
    });
    expect(outcome.error).toMatchObject({ code: 'AUTH.FORBIDDEN', status: 403 });
    expect(outcome.error?.extensions).toMatchObject({ allowedRoles: ['supervisor'] });
  });

  it('Given a malformed or expired token, Then 401 with the reason, never the board', async () => {
    const malformed = await send(guard, { url: '/api/queues', headers: { authorization: 'Bearer nope' } });
    expect(malformed.error?.extensions).toMatchObject({ reason: 'malformed_token' });
    const expired = await issuer.mintExpired(aPrincipal('supervisor').build());
    const late = await send(guard, { url: '/api/queues', headers: { authorization: `Bearer ${expired}` } });
    expect(late.error).toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });
    expect(late.error?.extensions).toMatchObject({ reason: 'token_expired' });
    expect(late.passed).toBe(false);
  });

  it.each([
    ['PUT', '/api/queues/permits-housekeeping/retry/failed'],
    ['PUT', '/api/queues/permits-housekeeping/clean/completed'],
    ['PUT', '/api/queues/permits-housekeeping/j-1/promote'],
    ['POST', '/api/queues/permits-housekeeping/add'],
    ['DELETE', '/api/queues/permits-housekeeping/obliterate'],
    ['PATCH', '/api/queues/permits-housekeeping/j-1/update-data'],
  ])(
    'Given a supervisor, When %s %s (a change), Then 403 QUEUE_BOARD.READ_ONLY before the board sees it',
    async (method, url) => {
      const outcome = await send(guard, { method, url, headers: { authorization: `Bearer ${supervisor}` } });
      expect(outcome.passed).toBe(false);
      expect(outcome.error).toMatchObject({ code: 'QUEUE_BOARD.READ_ONLY', status: 403 });
    },
  );

  it('Given a change without a token, Then 401 first (who is asking comes before what is asked)', async () => {
    const outcome = await send(guard, {
      method: 'PUT',
      url: '/api/queues/permits-housekeeping/retry/failed',
    });
    expect(outcome.error).toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });
  });

  it('Given a supervisor token in the header, When POST session, Then 204 with an HttpOnly, SameSite=Strict cookie of the board path expiring with the token', async () => {
    const outcome = await send(guard, {
      method: 'POST',
      url: '/session',
      headers: { authorization: `Bearer ${supervisor}` },
    });
    expect(outcome.status).toBe(204);
    const cookie = outcome.headers['set-cookie'];
    expect(cookie).toContain(`${QUEUE_BOARD_COOKIE}=${supervisor}`);
    expect(cookie).toContain(`Path=${BASE}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).not.toContain('Secure');
    expect(cookie).toContain(`Max-Age=${secondsUntilExpiry(supervisor, now)}`);
    expect(secondsUntilExpiry(supervisor, now)).toBeGreaterThan(500);
    expect(secondsUntilExpiry(supervisor, now)).toBeLessThanOrEqual(600);
    expect(outcome.headers['cache-control']).toBe('no-store');
  });

  it('Given https (through a trusted proxy), Then the cookie is Secure; a JSON body token works like the header', async () => {
    const outcome = await send(guard, {
      method: 'POST',
      url: '/session',
      body: { token: supervisor },
      secure: true,
    });
    expect(outcome.status).toBe(204);
    expect(outcome.headers['set-cookie']).toMatch(/; Secure$/);
  });

  it('Given the cookie of the login step, Then the board is read without a header; the cookie of an inspector is refused', async () => {
    const read = await send(guard, {
      url: '/api/queues',
      headers: { cookie: `other=1; ${QUEUE_BOARD_COOKIE}=${supervisor}` },
    });
    expect(read.passed).toBe(true);
    const refused = await send(guard, {
      url: '/api/queues',
      headers: { cookie: `${QUEUE_BOARD_COOKIE}=${inspector}` },
    });
    expect(refused.error).toMatchObject({ code: 'AUTH.FORBIDDEN' });
  });

  it('Given an inspector, When POST session, Then 403 and no cookie; without a token 401', async () => {
    const inspectorLogin = await send(guard, {
      method: 'POST',
      url: '/session',
      headers: { authorization: `Bearer ${inspector}` },
    });
    expect(inspectorLogin.error).toMatchObject({ code: 'AUTH.FORBIDDEN' });
    expect(inspectorLogin.headers['set-cookie']).toBeUndefined();
    const anonymous = await send(guard, { method: 'POST', url: '/session', body: {} });
    expect(anonymous.error).toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });
  });

  it('serves the login page without a token, keeps the token out of URLs, and logs out with DELETE session', async () => {
    const page = await send(guard, { url: '/session' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain(`'${BASE}/session'`);
    expect(page.body).toContain("Authorization: 'Bearer ' + token");
    expect(page.body).not.toMatch(/[?&]token=/);

    const logout = await send(guard, { method: 'DELETE', url: '/session' });
    expect(logout.status).toBe(204);
    expect(logout.headers['set-cookie']).toContain(`${QUEUE_BOARD_COOKIE}=; Path=${BASE}; Max-Age=0`);

    const other = await send(guard, { method: 'PUT', url: '/session' });
    expect(other.error).toMatchObject({ code: 'REQUEST.METHOD_NOT_ALLOWED', status: 405 });
  });

  it('reads the cookie among others and builds it from its parts', () => {
    expect(cookieToken(`a=1; ${QUEUE_BOARD_COOKIE}=x.y.z; b=2`)).toBe('x.y.z');
    expect(cookieToken('a=1')).toBeUndefined();
    expect(cookieToken(`${QUEUE_BOARD_COOKIE}=`)).toBeUndefined();
    expect(sessionCookie({ token: 't', path: BASE, maxAgeSeconds: 7, secure: false })).toBe(
      `${QUEUE_BOARD_COOKIE}=t; Path=${BASE}; Max-Age=7; HttpOnly; SameSite=Strict`,
    );
  });
});
