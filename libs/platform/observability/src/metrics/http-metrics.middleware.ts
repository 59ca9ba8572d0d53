import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { Histogram } from 'prom-client';
import { OBSERVABILITY_OPTIONS, type ResolvedObservabilityOptions } from '../observability.options';
import { httpRequestDuration } from './metrics';

/** What Express adds to the request once a route matched. */
interface RoutedRequest extends IncomingMessage {
  baseUrl?: string;
  route?: { path?: unknown };
}

/** Label for requests no route matched (404s, scanners): one value, so cardinality stays bounded. */
export const UNMATCHED_ROUTE = 'unmatched';

/** The route template (`/permits/:id`), never the raw URL. */
export function routeTemplateOf(req: RoutedRequest): string {
  const path = req.route?.path;
  if (typeof path !== 'string') return UNMATCHED_ROUTE;
  return `${req.baseUrl ?? ''}${path}` || '/';
}

/** Observes frontera_http_request_duration_seconds{method,route,status} when a response finishes. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware<RoutedRequest, ServerResponse> {
  private readonly histogram: Histogram<'method' | 'route' | 'status'>;

  constructor(@Inject(OBSERVABILITY_OPTIONS) options: ResolvedObservabilityOptions) {
    this.histogram = httpRequestDuration(options.httpDurationBuckets);
  }

  use(req: RoutedRequest, res: ServerResponse, next: (error?: unknown) => void): void {
    const end = this.histogram.startTimer();
    res.once('finish', () => {
      end({ method: req.method ?? 'UNKNOWN', route: routeTemplateOf(req), status: String(res.statusCode) });
    });
    next();
  }
}
