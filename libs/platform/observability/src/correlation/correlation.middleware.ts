import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { CORRELATION_HEADER, CorrelationContext, sanitizeCorrelationId } from './correlation-context';

const assigned = new WeakMap<object, string>();

/** The correlation id {@link correlationIdOf} gave this request, if it gave one; never makes one. */
export function assignedCorrelationId(req: object): string | undefined {
  return assigned.get(req);
}

/**
 * The correlation id of an HTTP request: the sanitized `x-correlation-id`
 * header, or a new id. Computed once per request, so {@link CorrelationMiddleware},
 * the request line and the `req` serializer agree; also echoes the header on the
 * response.
 */
export function correlationIdOf(req: IncomingMessage, res?: ServerResponse): string {
  let id = assigned.get(req);
  if (id === undefined) {
    id = sanitizeCorrelationId(req.headers[CORRELATION_HEADER]);
    assigned.set(req, id);
  }
  if (res !== undefined && !res.headersSent && res.getHeader(CORRELATION_HEADER) !== id) {
    res.setHeader(CORRELATION_HEADER, id);
  }
  return id;
}

/**
 * Runs the rest of the request inside {@link CorrelationContext}, so every log
 * line, published event and added job of this request carries its correlation id.
 */
@Injectable()
export class CorrelationMiddleware implements NestMiddleware<IncomingMessage, ServerResponse> {
  use(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void {
    const correlationId = correlationIdOf(req, res);
    CorrelationContext.run({ correlationId }, () => next());
  }
}
