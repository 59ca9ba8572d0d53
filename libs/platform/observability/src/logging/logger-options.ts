import { hostname } from 'node:os';
import {
  pino,
  stdSerializers,
  stdTimeFunctions,
  type DestinationStream,
  type LevelWithSilent,
  type Logger,
  type LoggerOptions,
} from 'pino';
import { CorrelationContext } from '../correlation/correlation-context';
import { assignedCorrelationId } from '../correlation/correlation.middleware';
import type { ResolvedObservabilityOptions } from '../observability.options';
import { REDACTED, redactPersonalData } from './personal-data';

export type LoggingSettings = Pick<
  ResolvedObservabilityOptions,
  'serviceName' | 'serviceVersion' | 'logLevel' | 'redactPaths'
>;

/** `correlationId` (and `causationId`) of the current CorrelationContext scope, if any. */
export function correlationMixin(): Record<string, string> {
  const scope = CorrelationContext.current();
  if (scope === undefined) return {};
  return scope.causationId === undefined
    ? { correlationId: scope.correlationId }
    : { correlationId: scope.correlationId, causationId: scope.causationId };
}

/**
 * pino's `err` serializer, then the personal-data walk over its result: fields of
 * the error and of its causes (`keyValue: { email }`) are censored like any other.
 * Values that are not errors (already serialized by the walk) pass through.
 */
export function serializeError(value: unknown): unknown {
  return value instanceof Error ? redactPersonalData(stdSerializers.err(value)) : value;
}

/**
 * pino options shared by HTTP and non-HTTP logging: JSON lines, ISO time, level
 * as a label, service name/version, the correlation id of the current scope,
 * personal data censored by one mechanism, {@link redactPersonalData}, on every
 * logged object (`formatters.log`) and on serialized errors. pino's path-based
 * `redact` is configured only for the caller's own `redactPaths` (none by default).
 * Build loggers with {@link createLogger} / {@link createHttpLogger}: they also
 * censor child-logger bindings ({@link censorChildBindings}), which pino's
 * `formatters.bindings` never sees.
 */
export function buildLoggerOptions(settings: LoggingSettings): LoggerOptions {
  return {
    level: settings.logLevel,
    base: {
      service: settings.serviceName,
      version: settings.serviceVersion,
      pid: process.pid,
      hostname: hostname(),
    },
    timestamp: stdTimeFunctions.isoTime,
    messageKey: 'msg',
    mixin: correlationMixin,
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => redactPersonalData(object),
    },
    ...(settings.redactPaths.length > 0
      ? { redact: { paths: [...settings.redactPaths], censor: REDACTED } }
      : {}),
    serializers: { err: serializeError },
  };
}

/** The request as logged: no headers, no body, no query string (it may hold personal data). */
export interface LoggedRequest {
  id: unknown;
  method: unknown;
  path: string;
}

interface SerializedRequest {
  id?: unknown;
  method?: unknown;
  url?: unknown;
}

/** Method, path without the query string, and id (the correlation id of an HTTP request). */
export function serializeRequest(req: SerializedRequest): LoggedRequest {
  const url = typeof req.url === 'string' ? req.url : '';
  const query = url.indexOf('?');
  return {
    id: req.id ?? assignedCorrelationId(req),
    method: req.method,
    path: query === -1 ? url : url.slice(0, query),
  };
}

export function serializeResponse(res: { statusCode?: unknown }): { statusCode: unknown } {
  return { statusCode: res.statusCode };
}

/**
 * Makes `logger.child(bindings)` — and the children's `child` — censor the
 * bindings with {@link redactPersonalData} first: pino applies
 * `formatters.bindings` to the root's own bindings only, never to a child's.
 */
export function censorChildBindings(logger: Logger): Logger {
  const child = logger.child;
  logger.child = function censoredChild(this: Logger, bindings, options) {
    return child.call(this, redactPersonalData(bindings), options);
  } as Logger['child'];
  return logger;
}

/**
 * The application's one pino logger inside Nest: {@link buildLoggerOptions} plus
 * the request and response serializers, so that even a raw `req`/`res` logged by
 * application code shows method, path, id and status only. nestjs-pino's
 * `PinoLogger`/`Logger` write through it, and so does the request line.
 */
export function createHttpLogger(settings: LoggingSettings, destination?: DestinationStream): Logger {
  const base = buildLoggerOptions(settings);
  const options: LoggerOptions = {
    ...base,
    serializers: { ...base.serializers, req: serializeRequest, res: serializeResponse },
  };
  return censorChildBindings(destination === undefined ? pino(options) : pino(options, destination));
}

/**
 * A standalone pino logger with the same settings, for processes or scripts
 * that run without Nest (inside Nest, inject nestjs-pino's `Logger`/`PinoLogger`).
 */
export function createLogger(
  options: {
    serviceName: string;
    serviceVersion?: string;
    logLevel?: LevelWithSilent;
    redactPaths?: readonly string[];
  },
  destination?: DestinationStream,
): Logger {
  const settings: LoggingSettings = {
    serviceName: options.serviceName,
    serviceVersion: options.serviceVersion ?? process.env['SERVICE_VERSION'] ?? '0.0.0',
    logLevel: options.logLevel ?? 'info',
    redactPaths: options.redactPaths ?? [],
  };
  const loggerOptions = buildLoggerOptions(settings);
  return censorChildBindings(
    destination === undefined ? pino(loggerOptions) : pino(loggerOptions, destination),
  );
}
