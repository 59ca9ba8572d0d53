import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger, NotFoundException } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { AuthErrors } from '../catalogue/platform.errors';
import { ProblemDetailsFilter } from './problem-details.filter';

/** Just enough of a Node response to see what the filter writes. */
class FakeResponse {
  statusCode = 200;
  headersSent = false;
  body = '';
  readonly headers = new Map<string, string>();
  getHeader(name: string): string | undefined {
    return this.headers.get(name.toLowerCase());
  }
  setHeader(name: string, value: string): void {
    this.headers.set(name.toLowerCase(), value);
  }
  end(body = ''): void {
    this.body = body;
    this.headersSent = true;
  }
  json(): Record<string, unknown> {
    return JSON.parse(this.body) as Record<string, unknown>;
  }
}

function run(
  exception: unknown,
  headers: Record<string, string> = {},
  url = '/employers/42?include=history',
) {
  const req = { method: 'GET', url, originalUrl: url, headers } as unknown as IncomingMessage;
  const res = new FakeResponse();
  new ProblemDetailsFilter().catch(
    exception,
    new ExecutionContextHost([req, res as unknown as ServerResponse]),
  );
  return res;
}

describe('ProblemDetailsFilter', () => {
  let logged: jest.SpyInstance;
  beforeEach(() => {
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logged.mockRestore());

  it('writes application/problem+json in Spanish by default, with the path as instance', () => {
    const res = run(new NotFoundException());
    expect(res.statusCode).toBe(404);
    expect(res.getHeader('Content-Type')).toBe('application/problem+json; charset=utf-8');
    expect(res.getHeader('Content-Language')).toBe('es');
    expect(res.getHeader('Vary')).toBe('Accept-Language');
    expect(res.json()).toMatchObject({ title: 'Recurso no encontrado', instance: '/employers/42' });
    expect(logged).not.toHaveBeenCalled();
  });

  it('switches to English by Accept-Language, and keeps the client correlation id', () => {
    const res = run(AuthErrors.FORBIDDEN.create(), {
      'accept-language': 'en-US,en;q=0.9,es;q=0.5',
      'x-correlation-id': 'client-corr-0001',
    });
    expect(res.statusCode).toBe(403);
    expect(res.getHeader('Content-Language')).toBe('en');
    expect(res.json()).toMatchObject({
      code: 'AUTH.FORBIDDEN',
      title: 'Access denied',
      detail: 'Your role does not allow this operation.',
      correlationId: 'client-corr-0001',
    });
    expect(res.getHeader('x-correlation-id')).toBe('client-corr-0001');
  });

  it('logs a server fault with its stack and answers a generic 500', () => {
    const res = run(new Error('connection string mongodb://user:pw@db leaked'));
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('leaked');
    expect(res.json()['code']).toBe('INTERNAL');
    expect(logged).toHaveBeenCalledTimes(1);
    const [message, stack] = logged.mock.calls[0] as [string, string];
    expect(message).toContain(`correlationId ${String(res.json()['correlationId'])}`);
    expect(stack).toContain('problem-details.filter.spec.ts');
  });

  it('sets the headers a domain error carries', () => {
    const res = run(
      AuthErrors.UNAUTHENTICATED.create({}, { headers: { 'WWW-Authenticate': 'Bearer error="x"' } }),
    );
    expect(res.getHeader('WWW-Authenticate')).toBe('Bearer error="x"');
  });
});
