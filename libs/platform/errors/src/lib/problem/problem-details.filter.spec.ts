import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger, NotFoundException } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { defineErrors } from '@frontera/shared-kernel';
import { AuthErrors, InternalError } from '../catalogue/platform.errors';
import type { ProblemMapper } from './problem-details';
import { ProblemDetailsFilter, type ProblemDetailsFilterOptions } from './problem-details.filter';

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
  options: ProblemDetailsFilterOptions = {},
) {
  const req = { method: 'GET', url, originalUrl: url, headers } as unknown as IncomingMessage;
  const res = new FakeResponse();
  new ProblemDetailsFilter(options).catch(
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

  describe("with problem mappers (a bounded context's own error type)", () => {
    /** Stands for a service's domain error: not a platform DomainError. */
    class PermitRuleBroken extends Error {
      constructor(
        readonly code: string,
        readonly state: string,
      ) {
        super(`permit is ${state}`);
      }
    }
    const PermitErrors = defineErrors('PERMIT', {
      CANNOT_SUSPEND: {
        status: 409,
        title: { es: 'El permiso no se puede suspender', en: 'The permit cannot be suspended' },
        detail: { es: 'El permiso está {state}.', en: 'The permit is {state}.' },
      },
    });
    const mapPermitError: ProblemMapper = (exception) => {
      if (!(exception instanceof PermitRuleBroken)) return undefined;
      if (exception.code === 'CORRUPT') return InternalError.create({}, { cause: exception });
      return PermitErrors.CANNOT_SUSPEND.create(
        { state: exception.state },
        { extensions: { currentState: exception.state, allowedActions: ['REINSTATE'] }, cause: exception },
      );
    };
    const withMappers = (
      exception: unknown,
      headers: Record<string, string> = {},
      mappers = [mapPermitError],
    ) => run(exception, headers, '/permits/7/suspension', { mappers });

    it('answers with the mapped status, code, language and extension members', () => {
      const es = withMappers(new PermitRuleBroken('SUSPEND', 'SUSPENDED'));
      expect(es.statusCode).toBe(409);
      expect(es.getHeader('Content-Language')).toBe('es');
      expect(es.json()).toMatchObject({
        type: 'https://frontera.example/problems/permit.cannot-suspend',
        status: 409,
        code: 'PERMIT.CANNOT_SUSPEND',
        title: 'El permiso no se puede suspender',
        detail: 'El permiso está SUSPENDED.',
        instance: '/permits/7/suspension',
        currentState: 'SUSPENDED',
        allowedActions: ['REINSTATE'],
      });
      const en = withMappers(new PermitRuleBroken('SUSPEND', 'SUSPENDED'), { 'accept-language': 'en' });
      expect(en.getHeader('Content-Language')).toBe('en');
      expect(en.json()).toMatchObject({
        title: 'The permit cannot be suspended',
        detail: 'The permit is SUSPENDED.',
      });
      expect(logged).not.toHaveBeenCalled();
    });

    it('without the mapper the same error is a generic 500', () => {
      expect(run(new PermitRuleBroken('SUSPEND', 'SUSPENDED')).statusCode).toBe(500);
    });

    it('a mapped 5xx is a logged server fault with the original stack', () => {
      const res = withMappers(new PermitRuleBroken('CORRUPT', 'x'));
      expect(res.statusCode).toBe(500);
      expect(logged).toHaveBeenCalledTimes(1);
      expect(String(logged.mock.calls[0]?.[1])).toContain('problem-details.filter.spec.ts');
    });

    it('leaves other errors to the platform mapping, and survives a mapper that throws', () => {
      const broken: ProblemMapper = () => {
        throw new Error('mapper bug');
      };
      expect(withMappers(new NotFoundException(), {}, [broken, mapPermitError]).json()['code']).toBe(
        'RESOURCE.NOT_FOUND',
      );
      expect(
        withMappers(new PermitRuleBroken('SUSPEND', 'ACTIVE'), {}, [broken, mapPermitError]).statusCode,
      ).toBe(409);
    });
  });
});
