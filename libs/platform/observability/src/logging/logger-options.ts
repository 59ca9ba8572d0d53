import { hostname } from 'node:os';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  pino,
  stdSerializers,
  stdTimeFunctions,
  type DestinationStream,
  type LevelWithSilent,
  type Logger,
  type LoggerOptions,
} from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import { CorrelationContext } from '../correlation/correlation-context';
import { correlationIdOf } from '../correlation/correlation.middleware';
import type { ResolvedObservabilityOptions } from '../observability.options';
import { isObservabilityRoute } from '../routes';
import { PERSONAL_DATA_PATHS, REDACTED, redactPersonalData } from './personal-data';

type LoggingSettings = Pick<
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
 * pino options shared by HTTP and non-HTTP logging: JSON lines, ISO time, level
 * as a label, service name/version, the correlation id of the current scope,
 * personal data censored.
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
      bindings: (bindings) => redactPersonalData(bindings),
      log: (object) => redactPersonalData(object),
    },
    redact: { paths: [...PERSONAL_DATA_PATHS, ...settings.redactPaths], censor: REDACTED },
    serializers: { err: stdSerializers.err },
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

export function serializeRequest(req: SerializedRequest): LoggedRequest {
  const url = typeof req.url === 'string' ? req.url : '';
  return { id: req.id, method: req.method, path: url.split('?')[0] };
}

export function serializeResponse(res: { statusCode?: unknown }): { statusCode: unknown } {
  return { statusCode: res.statusCode };
}

function levelFor(res: ServerResponse, error?: Error): LevelWithSilent {
  if (error !== undefined || res.statusCode >= 500) return 'error';
  if (res.statusCode >= 400) return 'warn';
  return 'info';
}

/** pino-http options: the request id is the correlation id; one line per request. */
export function buildPinoHttpOptions(
  settings: LoggingSettings & { logProbeRequests: boolean },
): PinoHttpOptions<IncomingMessage, ServerResponse> {
  const base = buildLoggerOptions(settings);
  return {
    ...base,
    genReqId: (req, res) => correlationIdOf(req, res),
    customLogLevel: (_req, res, error) => levelFor(res, error),
    autoLogging: settings.logProbeRequests ? true : { ignore: (req) => isObservabilityRoute(req.url) },
    serializers: {
      ...base.serializers,
      req: serializeRequest,
      res: serializeResponse,
    },
  };
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
  return destination === undefined
    ? pino(buildLoggerOptions(settings))
    : pino(buildLoggerOptions(settings), destination);
}
