import { METHODS, type IncomingMessage, type ServerResponse } from 'node:http';
import { RequestErrors } from '@frontera/platform-errors';

type Next = (error?: unknown) => void;

/** The parts of an Express 5 (router 2) route layer this module reads. */
interface RouteLayer {
  readonly route?: { readonly methods: Readonly<Record<string, boolean | undefined>> };
  readonly matchers?: readonly ((path: string) => unknown)[];
}

/** Where the routes of an application are: Express 5's `app.router`. */
export interface RouteTable {
  readonly stack: readonly RouteLayer[];
}

/** A route of `app.all(...)` (Express 5 sets every method of node's `http.METHODS` on it). */
function isForEveryMethod(methods: Readonly<Record<string, boolean | undefined>>): boolean {
  return methods['_all'] === true || METHODS.every((method) => methods[method.toLowerCase()] === true);
}

/**
 * Every method the routes matching `path` answer (upper case, HEAD with GET); empty for a path no
 * route matches. Routes for every method (`app.all`) are left out: Nest registers the
 * middleware of `MiddlewareConsumer.forRoutes(...)` that way (the correlation id and metrics
 * middleware match every path), and a path served only by them has no methods to list.
 */
export function methodsForPath(table: RouteTable, path: string): ReadonlySet<string> {
  const methods = new Set<string>();
  for (const layer of table.stack) {
    if (!layer.route || !layer.matchers || isForEveryMethod(layer.route.methods)) continue;
    let matches: boolean;
    try {
      matches = layer.matchers.some((match) => Boolean(match(path)));
    } catch {
      // A path parameter that does not decode (`%E0`): the router answers that request itself.
      continue;
    }
    if (!matches) continue;
    for (const [method, handled] of Object.entries(layer.route.methods)) {
      if (handled) methods.add(method.toUpperCase());
    }
  }
  if (methods.has('GET')) methods.add('HEAD');
  return methods;
}

/** The `Allow` header value of a path: its methods in a fixed order, OPTIONS included. */
export function allowHeader(methods: ReadonlySet<string>): string {
  return [...new Set([...methods, 'OPTIONS'])].sort().join(', ');
}

/**
 * 405 REQUEST.METHOD_NOT_ALLOWED (problem details, `Allow` listing the path's methods) for a
 * method no route of an existing path answers, e.g. `DELETE /employers`; `OPTIONS` on such a
 * path answers 204 with the same `Allow`. Unknown paths go on to the 404 of the router.
 * The routes are read from `table()` at request time, so the middleware can be installed
 * before the application registers them (`configureHttpApp` does, before `init()`).
 */
export function methodNotAllowedMiddleware(table: () => RouteTable | undefined) {
  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    const routes = table();
    if (!routes) return next();
    const method = (req.method ?? 'GET').toUpperCase();
    const path = (req.url ?? '/').split('?')[0];
    const methods = methodsForPath(routes, path);
    if (methods.size === 0 || methods.has(method)) return next();
    const allow = allowHeader(methods);
    if (method === 'OPTIONS') {
      res.statusCode = 204;
      res.setHeader('Allow', allow);
      res.end();
      return;
    }
    next(
      RequestErrors.METHOD_NOT_ALLOWED.create(
        {},
        { headers: { Allow: allow }, extensions: { allowedMethods: allow.split(', ') } },
      ),
    );
  };
}
