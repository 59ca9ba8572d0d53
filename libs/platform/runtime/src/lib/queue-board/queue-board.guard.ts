import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken, TokenVerifier, unauthenticated } from '@frontera/platform-auth';
import { AuthErrors, RequestErrors } from '@frontera/platform-errors';
import { defineErrors, type Role } from '@frontera/shared-kernel';

/**
 * Who may open a service's queue board: supervisors, who read and never decide
 * (docs/decisions/0003, 0044). Anyone else of a valid token gets 403 AUTH.FORBIDDEN.
 */
export const QUEUE_BOARD_ROLE: Role = 'supervisor';

/** The cookie the login step sets (HttpOnly, SameSite=Strict, Path = the board's path). */
export const QUEUE_BOARD_COOKIE = 'frontera_queue_board';

/** Where a service's board lives, directly and through the entry point: `/ops/queues/<service>`. */
export function queueBoardPath(serviceName: string): string {
  return `/ops/queues/${serviceName}`;
}

export const QueueBoardErrors = defineErrors('QUEUE_BOARD', {
  READ_ONLY: {
    status: 403,
    title: { es: 'El tablero de colas es de solo lectura', en: 'The queue board is read-only' },
    detail: {
      es: 'El tablero de colas solo muestra las colas y sus trabajos; no reintenta, limpia, promueve ni elimina trabajos. Use solo GET.',
      en: 'The queue board only shows the queues and their jobs; it does not retry, clean, promote or remove jobs. Use GET only.',
    },
  },
});

/** The parts of a request the guard reads (Express's, inside `app.use(path, …)`: `url` is relative). */
export type BoardRequest = IncomingMessage & { body?: unknown; secure?: boolean };
type Next = (error?: unknown) => void;

export interface QueueBoardGuardOptions {
  /** The board's mount path, e.g. `/ops/queues/permits` (the cookie's Path). */
  readonly basePath: string;
  readonly verifier: TokenVerifier;
  /** Milliseconds since the epoch; `Date.now` by default (the cookie's Max-Age). */
  readonly clock?: () => number;
}

/** The board's token cookie's value, if the request has one. */
export function cookieToken(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === QUEUE_BOARD_COOKIE) {
      const value = part.slice(separator + 1).trim();
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}

/** Seconds until the (already verified) token's `exp`, never negative. */
export function secondsUntilExpiry(token: string, nowMs: number): number {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    exp?: unknown;
  };
  const exp = typeof payload.exp === 'number' ? payload.exp : 0;
  return Math.max(0, Math.floor(exp - nowMs / 1000));
}

/** `Set-Cookie` holding the token for the board's path only, expiring with the token. */
export function sessionCookie(options: {
  token: string;
  path: string;
  maxAgeSeconds: number;
  secure: boolean;
}): string {
  return [
    `${QUEUE_BOARD_COOKIE}=${options.token}`,
    `Path=${options.path}`,
    `Max-Age=${options.maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

/** `Set-Cookie` that removes the board's cookie. */
export function clearedSessionCookie(path: string, secure: boolean): string {
  return sessionCookie({ token: '', path, maxAgeSeconds: 0, secure });
}

/** What a bearer header or the cookie carries; a malformed one is refused like the AuthGuard does. */
function presentedToken(req: BoardRequest): string {
  const header = req.headers.authorization;
  if (header !== undefined && header !== '') {
    const token = bearerToken(header);
    if (!token) throw unauthenticated(/^bearer\b/i.test(header) ? 'malformed_token' : 'missing_token');
    return token;
  }
  const cookie = cookieToken(req.headers.cookie);
  if (cookie === undefined) throw unauthenticated('missing_token');
  const token = bearerToken(`Bearer ${cookie}`);
  if (!token) throw unauthenticated('malformed_token');
  return token;
}

/** The token of the login step: the bearer header, or `{"token": "…"}` as the JSON body. */
function loginToken(req: BoardRequest): string {
  if (req.headers.authorization) return presentedToken(req);
  const body = req.body;
  const fromBody =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['token'] : undefined;
  if (fromBody === undefined) throw unauthenticated('missing_token');
  const token = typeof fromBody === 'string' ? bearerToken(`Bearer ${fromBody}`) : undefined;
  if (!token) throw unauthenticated('malformed_token');
  return token;
}

function pathOf(req: IncomingMessage): string {
  const path = (req.url ?? '/').split('?')[0];
  return path === '' ? '/' : path;
}

function isReadMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}

function wantsPage(req: IncomingMessage, path: string): boolean {
  return (
    isReadMethod((req.method ?? 'GET').toUpperCase()) &&
    !path.startsWith('/api/') &&
    (req.headers.accept ?? '').includes('text/html')
  );
}

async function supervisorOf(verifier: TokenVerifier, token: string): Promise<void> {
  const principal = await verifier.verify(token);
  if (principal.role !== QUEUE_BOARD_ROLE) {
    throw AuthErrors.FORBIDDEN.create({}, { extensions: { allowedRoles: [QUEUE_BOARD_ROLE] } });
  }
}

/** The login page: a token field, sent in the Authorization header of `POST session` (never in a URL). */
export function loginPage(basePath: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Frontera queue board — sign in</title>
<meta name="referrer" content="no-referrer"></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>Queue board (${basePath})</h1>
<p>Supervisors only, read-only. Paste a supervisor access token; it is kept in a cookie for this board
only, until it expires.</p>
<form id="login"><label>Access token <input id="token" type="password" autocomplete="off" required style="width: 100%"></label>
<p><button type="submit">Open the board</button></p></form>
<p id="problem" role="alert"></p>
<script>
document.getElementById('login').addEventListener('submit', async function (event) {
  event.preventDefault();
  var token = document.getElementById('token').value.trim().replace(/^Bearer\\s+/i, '');
  var response = await fetch('${basePath}/session', { method: 'POST', credentials: 'same-origin', headers: { Authorization: 'Bearer ' + token } });
  if (response.ok) { window.location.assign('${basePath}/'); return; }
  var problem = await response.json().catch(function () { return {}; });
  document.getElementById('problem').textContent = (problem.title || response.status) + ': ' + (problem.detail || '');
});
</script></body></html>
`;
}

/**
 * Express middleware in front of a service's Bull Board (mounted with `app.use(basePath, guard,
 * board)`), with the platform's token verifier:
 *
 * - `GET session`: the login page (public); `POST session` with a supervisor's token in the
 *   Authorization header (or a JSON body `{"token": …}`) answers 204 and sets the HttpOnly,
 *   SameSite=Strict cookie of the board's path, expiring with the token (Secure over https);
 *   `DELETE session` removes it;
 * - everything else needs a supervisor's token, in the Authorization header or that cookie: 401
 *   AUTH.UNAUTHENTICATED without a valid one (a browser opening a page is sent to the login page
 *   instead), 403 AUTH.FORBIDDEN for another role;
 * - and only reads: any method but GET and HEAD is 403 QUEUE_BOARD.READ_ONLY before the board sees it.
 *
 * Refusals go to `next(error)`: the application's ProblemDetailsFilter answers them as problem details.
 */
export function queueBoardGuard(options: QueueBoardGuardOptions) {
  const clock = options.clock ?? Date.now;
  const { basePath, verifier } = options;
  return (req: BoardRequest, res: ServerResponse, next: Next): void => {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = pathOf(req);
    const run = async (): Promise<boolean> => {
      if (path === '/session' || path === '/session/') {
        res.setHeader('Cache-Control', 'no-store');
        if (isReadMethod(method)) {
          res.statusCode = 200;
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          res.end(method === 'HEAD' ? undefined : loginPage(basePath));
          return false;
        }
        if (method === 'POST') {
          const token = loginToken(req);
          await supervisorOf(verifier, token);
          res.statusCode = 204;
          res.setHeader(
            'Set-Cookie',
            sessionCookie({
              token,
              path: basePath,
              maxAgeSeconds: secondsUntilExpiry(token, clock()),
              secure: req.secure === true,
            }),
          );
          res.end();
          return false;
        }
        if (method === 'DELETE') {
          res.statusCode = 204;
          res.setHeader('Set-Cookie', clearedSessionCookie(basePath, req.secure === true));
          res.end();
          return false;
        }
        const allow = 'DELETE, GET, HEAD, POST';
        throw RequestErrors.METHOD_NOT_ALLOWED.create(
          {},
          { headers: { Allow: allow }, extensions: { allowedMethods: allow.split(', ') } },
        );
      }
      try {
        await supervisorOf(verifier, presentedToken(req));
      } catch (error) {
        // A browser opening a page without a (valid) session is sent to the login step.
        const status = (error as { status?: unknown }).status;
        if (status === 401 && wantsPage(req, path) && !req.headers.authorization) {
          res.statusCode = 303;
          res.setHeader('Location', `${basePath}/session`);
          res.end();
          return false;
        }
        throw error;
      }
      if (!isReadMethod(method)) throw QueueBoardErrors.READ_ONLY.create({});
      return true;
    };
    run().then((pass) => (pass ? next() : undefined), next);
  };
}
