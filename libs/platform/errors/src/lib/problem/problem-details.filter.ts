import type { IncomingMessage, ServerResponse } from 'node:http';
import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { correlationIdOf } from '@frontera/platform-observability';
import { negotiateLanguage } from '../catalogue/language';
import { PROBLEM_CONTENT_TYPE, problemFor, type ProblemMapper } from './problem-details';

export interface ProblemDetailsFilterOptions {
  /** Base of the `type` URIs; defaults to {@link PROBLEM_TYPE_BASE}. */
  readonly typeBase?: string;
  /** Other error types → AppError, consulted before the filter's own mapping. */
  readonly mappers?: readonly ProblemMapper[];
}

function appendVary(res: ServerResponse, header: string): void {
  const current = res.getHeader('Vary');
  const values = String(current ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
  if (!values.some((v) => v.toLowerCase() === header.toLowerCase() || v === '*')) values.push(header);
  res.setHeader('Vary', values.join(', '));
}

/**
 * Every error of an HTTP request becomes `application/problem+json` (RFC 9457)
 * with a stable `code` (errors of other types through `options.mappers` first), in Spanish or English by Accept-Language, with the
 * request's correlationId. Server faults are logged with their stack and
 * answered with a generic 500 that says nothing of the cause.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(private readonly options: ProblemDetailsFilterOptions = {}) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const req = http.getRequest<IncomingMessage & { originalUrl?: string }>();
    const res = http.getResponse<ServerResponse>();
    const language = negotiateLanguage(req.headers['accept-language']);
    const correlationId = correlationIdOf(req, res);
    const instance = (req.originalUrl ?? req.url ?? '/').split('?')[0];
    const problem = problemFor(exception, {
      language,
      instance,
      correlationId,
      typeBase: this.options.typeBase,
      mappers: this.options.mappers,
    });

    if (problem.serverFault) {
      const error =
        exception instanceof Error ? exception : new Error(`non-error thrown: ${typeof exception}`);
      this.logger.error(
        `${req.method ?? ''} ${instance} failed (correlationId ${correlationId}): ${error.name}: ${error.message}`,
        error.stack,
      );
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    res.statusCode = problem.status;
    for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
    res.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    res.setHeader('Content-Language', language);
    appendVary(res, 'Accept-Language');
    res.end(JSON.stringify(problem.body));
  }
}
