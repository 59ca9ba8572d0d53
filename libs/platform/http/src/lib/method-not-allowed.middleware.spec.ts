import { METHODS, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  allowHeader,
  methodNotAllowedMiddleware,
  methodsForPath,
  type RouteTable,
} from './method-not-allowed.middleware';

/** A route layer as Express 5 (router 2) keeps it: a matcher per path and the methods set. */
function route(path: RegExp, ...methods: string[]): RouteTable['stack'][number] {
  return {
    route: { methods: Object.fromEntries(methods.map((m) => [m, true])) },
    matchers: [(p: string) => path.test(p) && { path: p, params: {} }],
  };
}

const always = [() => ({ path: '/', params: {} })];
const everyMethod = { route: { methods: { _all: true } }, matchers: always };
// What Express 5's app.all() leaves (Nest registers MiddlewareConsumer middleware with it).
const appAll = {
  route: { methods: Object.fromEntries(METHODS.map((m) => [m.toLowerCase(), true])) },
  matchers: always,
};
const middlewareLayer = { matchers: always };

const table: RouteTable = {
  stack: [
    middlewareLayer,
    everyMethod,
    appAll,
    route(/^\/employers\/?$/, 'post'),
    route(/^\/employers\/?$/, 'get'),
    route(/^\/employers\/[^/]+\/?$/, 'get'),
    route(/^\/employers\/[^/]+\/suspension\/?$/, 'post'),
    {
      route: { methods: { get: true } },
      matchers: [
        () => {
          throw new URIError('Failed to decode param');
        },
      ],
    },
  ],
};

interface Outcome {
  readonly passed?: unknown;
  readonly status?: number;
  readonly headers: Record<string, string>;
}

function send(method: string, url: string): Outcome {
  const headers: Record<string, string> = {};
  let status: number | undefined;
  let passed: unknown = 'not called';
  const res = {
    set statusCode(value: number) {
      status = value;
    },
    setHeader: (name: string, value: string) => (headers[name] = value),
    end: () => undefined,
  } as unknown as ServerResponse;
  methodNotAllowedMiddleware(() => table)({ method, url } as IncomingMessage, res, (error?: unknown) => {
    passed = error;
  });
  return { passed, status, headers };
}

describe('405 Method Not Allowed', () => {
  it("lists the methods of a path's routes, HEAD with GET, leaving out routes for every method", () => {
    expect([...methodsForPath(table, '/employers')].sort()).toEqual(['GET', 'HEAD', 'POST']);
    expect([...methodsForPath(table, '/employers/org-1/suspension')]).toEqual(['POST']);
    expect([...methodsForPath(table, '/nowhere')]).toEqual([]);
    expect(allowHeader(methodsForPath(table, '/employers'))).toBe('GET, HEAD, OPTIONS, POST');
  });

  it('refuses a method an existing path does not answer with 405 problem details and Allow', () => {
    const { passed } = send('DELETE', '/employers?page=2');
    expect(passed).toMatchObject({
      status: 405,
      code: 'REQUEST.METHOD_NOT_ALLOWED',
      headers: { Allow: 'GET, HEAD, OPTIONS, POST' },
      extensions: { allowedMethods: ['GET', 'HEAD', 'OPTIONS', 'POST'] },
    });
    expect(send('GET', '/employers/org-1/suspension').passed).toMatchObject({
      status: 405,
      headers: { Allow: 'OPTIONS, POST' },
    });
  });

  it('passes methods the path answers, and unknown paths (404 later)', () => {
    expect(send('GET', '/employers').passed).toBeUndefined();
    expect(send('HEAD', '/employers/org-1').passed).toBeUndefined();
    expect(send('POST', '/employers/').passed).toBeUndefined();
    expect(send('DELETE', '/nowhere').passed).toBeUndefined();
  });

  it('answers OPTIONS on an existing path with 204 and Allow', () => {
    expect(send('OPTIONS', '/employers/org-1')).toEqual({
      passed: 'not called',
      status: 204,
      headers: { Allow: 'GET, HEAD, OPTIONS' },
    });
    expect(send('OPTIONS', '/nowhere').passed).toBeUndefined();
  });

  it('passes everything before the routes exist', () => {
    let passed: unknown = 'not called';
    methodNotAllowedMiddleware(() => undefined)(
      { method: 'DELETE', url: '/employers' } as IncomingMessage,
      {} as ServerResponse,
      (error?: unknown) => (passed = error),
    );
    expect(passed).toBeUndefined();
  });
});
