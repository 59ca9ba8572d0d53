import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { correlationIdOf } from '../correlation/correlation.middleware';
import { routeTemplateOf } from '../metrics/http-metrics.middleware';
import { SpanStatusCode } from '@opentelemetry/api';
import {
  CORRELATION_ID_ATTRIBUTE,
  contextFromCarrier,
  SpanKind,
  startSpan,
  tracingEnabled,
  withSpan,
} from './tracing';

/**
 * The HTTP server span of each request: continues the `traceparent` the client (or the entry point)
 * sent, else starts a trace; active while the request is handled, so the events, outbox entries
 * and jobs it causes continue it. Attributes: method, route template (never the raw URL: paths
 * hold ids), status and correlation id. With tracing off: `next()` and nothing else.
 */
@Injectable()
export class HttpTracingMiddleware implements NestMiddleware<IncomingMessage, ServerResponse> {
  use(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void {
    if (!tracingEnabled()) {
      next();
      return;
    }
    const method = req.method ?? 'UNKNOWN';
    const parent = contextFromCarrier(req.headers);
    const span = startSpan(method, {
      kind: SpanKind.SERVER,
      parent,
      attributes: {
        'http.request.method': method,
        [CORRELATION_ID_ATTRIBUTE]: correlationIdOf(req, res),
      },
    });
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      const route = routeTemplateOf(req);
      span.updateName(`${method} ${route}`);
      span.setAttribute('http.route', route);
      span.setAttribute('http.response.status_code', res.statusCode);
      if (!res.writableFinished) span.setAttribute('http.request.aborted', true);
      if (res.statusCode >= 500)
        span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${res.statusCode}` });
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    withSpan(span, () => next(), parent);
  }
}
