import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { Level, Logger } from 'pino';
import { assignedCorrelationId } from '../correlation/correlation.middleware';
import { OBSERVABILITY_OPTIONS, type ResolvedObservabilityOptions } from '../observability.options';
import { isObservabilityRoute } from '../routes';

/** The application's pino logger (what nestjs-pino's `PinoLogger` and the request line write to). */
export const OBSERVABILITY_LOGGER = Symbol('frontera:observability-logger');

/** pino's value of `error`, the most severe level a request line is written at. */
const ERROR_LEVEL_VALUE = 50;

const STARTED_AT = Symbol('frontera:request-started-at');
const REQUEST_LOG = Symbol('frontera:request-log');

interface LoggedResponse extends ServerResponse {
  [STARTED_AT]?: number;
  [REQUEST_LOG]?: RequestLog;
}

/** 5xx as `error`, 4xx as `warn`, the rest as `info`. */
export function requestLineLevel(statusCode: number): Level {
  if (statusCode >= 500) return 'error';
  if (statusCode >= 400) return 'warn';
  return 'info';
}

/** One listener for every response: `this` is the response (no closure per request). */
function onResponseClose(this: LoggedResponse): void {
  this[REQUEST_LOG]?.finish(this);
}

/**
 * The one `request completed` line per HTTP request, written only when the
 * logger's level lets it through — and nothing else per request: no child
 * logger (the correlation id comes from the CorrelationContext mixin and is set
 * on the line explicitly), no serialization unless the line is written. At a
 * level above `error` (`fatal`, `silent`) not even a listener is added; at
 * `warn` a 2xx ends with one comparison.
 *
 * `req.log` is the application logger itself, for code that expects pino-http's
 * property: its lines carry the correlation id through the mixin.
 */
export class RequestLog {
  constructor(
    private readonly logger: Logger,
    private readonly logProbeRequests: boolean,
  ) {}

  handle(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    (req as { log?: Logger }).log = this.logger;
    if (this.logger.levelVal > ERROR_LEVEL_VALUE) return next();
    if (!this.logProbeRequests && isObservabilityRoute(req.url)) return next();
    const logged = res as LoggedResponse;
    logged[STARTED_AT] = Date.now();
    logged[REQUEST_LOG] = this;
    logged.on('close', onResponseClose);
    next();
  }

  /** Called once the response is closed (finished, or abandoned by the client). */
  finish(res: LoggedResponse): void {
    const level = requestLineLevel(res.statusCode);
    if (!this.logger.isLevelEnabled(level)) return;
    const req = res.req;
    const responseTime = Date.now() - (res[STARTED_AT] ?? Date.now());
    const message =
      res.statusCode >= 500
        ? 'request errored'
        : !req.readableAborted && res.writableEnded
          ? 'request completed'
          : 'request aborted';
    const correlationId = assignedCorrelationId(req);
    this.logger[level](
      correlationId === undefined ? { req, res, responseTime } : { correlationId, req, res, responseTime },
      message,
    );
  }
}

/** {@link RequestLog} as Nest middleware (ObservabilityModule applies it to every route). */
@Injectable()
export class RequestLoggingMiddleware implements NestMiddleware<IncomingMessage, ServerResponse> {
  private readonly log: RequestLog;

  constructor(
    @Inject(OBSERVABILITY_LOGGER) logger: Logger,
    @Inject(OBSERVABILITY_OPTIONS) options: ResolvedObservabilityOptions,
  ) {
    this.log = new RequestLog(logger, options.logProbeRequests);
  }

  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    this.log.handle(req, res, next);
  }
}
