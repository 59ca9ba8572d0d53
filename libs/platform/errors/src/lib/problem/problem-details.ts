import { HttpException } from '@nestjs/common';
import { AppError, type ErrorDefinition, type ErrorSpec, type Language } from '@frontera/shared-kernel';
import {
  AuthErrors,
  InternalError,
  RequestErrors,
  ResourceErrors,
  ServiceErrors,
  ValidationErrors,
} from '../catalogue/platform.errors';
import {
  fieldErrorsFrom,
  RequestValidationError,
  type FieldError,
} from '../validation/request-validation.error';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Base of the `type` URIs; the code, lower-cased, follows (…/problems/employer.not-found). */
export const PROBLEM_TYPE_BASE = 'https://frontera.example/problems/';

/** The body of every error response (RFC 9457) plus Frontera's members. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** The request path, without the query string. */
  readonly instance: string;
  /** Stable, machine-readable: `EMPLOYER.NOT_FOUND`. */
  readonly code: string;
  readonly errors?: readonly FieldError[];
  readonly correlationId: string;
  readonly [extension: string]: unknown;
}

/**
 * Turns an error type the platform does not know (a driver's or library's error) into an
 * platform {@link AppError}, or returns undefined to leave it to the platform's mapping.
 * Consulted before that mapping, in order; the first defined answer wins. A mapper that throws
 * counts as undefined. Keep the original as `cause` (`AppError` options) for the logs.
 */
export type ProblemMapper = (exception: unknown) => AppError | undefined;

/**
 * Provider token for an application's problem mappers (`readonly ProblemMapper[]`). Every
 * module may provide it; `configureHttpApp` of `@frontera/platform-http` collects them all:
 * `{ provide: PROBLEM_MAPPERS, useValue: [mapLibraryError] }`.
 */
export const PROBLEM_MAPPERS = Symbol.for('frontera.problem-mappers');

export interface ProblemContext {
  readonly language: Language;
  readonly instance: string;
  readonly correlationId: string;
  readonly typeBase?: string;
  /** Consulted first, in order (see {@link ProblemMapper}). */
  readonly mappers?: readonly ProblemMapper[];
}

export interface ProblemResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: ProblemDetails;
  /** A server fault (5xx): log it with its stack; its text never reaches the client. */
  readonly serverFault: boolean;
}

const STANDARD_MEMBERS = new Set([
  'type',
  'title',
  'status',
  'detail',
  'instance',
  'code',
  'errors',
  'correlationId',
]);
const UNAUTHORIZED = 401;

export function problemTypeUri(code: string, base: string = PROBLEM_TYPE_BASE): string {
  return `${base}${code.toLowerCase().replace(/_/g, '-')}`;
}

interface Classified {
  readonly error: AppError;
  readonly fieldErrors?: (language: Language) => FieldError[];
  readonly serverFault: boolean;
}

function withStatus<S extends ErrorSpec>(definition: ErrorDefinition<S>, status: number): AppError {
  return new AppError(definition.code, { ...definition.spec, status });
}

function property(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

/**
 * The domain error for an error of the JSON body parser (http-errors with a
 * `type` such as entity.parse.failed or entity.too.large), or undefined for any
 * other error. An express error middleware placed right after the parser uses
 * it, since Nest turns a parse failure into a plain 400 before filters see it.
 */
export function bodyParserError(exception: unknown): AppError | undefined {
  const type = property(exception, 'type');
  const status = property(exception, 'status') ?? property(exception, 'statusCode');
  if (typeof type !== 'string' || typeof status !== 'number' || status >= 500) return undefined;
  switch (type) {
    case 'entity.parse.failed':
      return RequestErrors.MALFORMED_JSON.create();
    case 'entity.too.large': {
      const limit = property(exception, 'limit');
      return RequestErrors.TOO_LARGE.create(
        {},
        { extensions: typeof limit === 'number' ? { limitBytes: limit } : {} },
      );
    }
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return RequestErrors.UNSUPPORTED_MEDIA_TYPE.create({ accepted: 'application/json; charset=utf-8' });
    default:
      return type.startsWith('entity.') || type.startsWith('request.')
        ? RequestErrors.INVALID.create()
        : undefined;
  }
}

/** MongoDB and mongoose errors that are the client's doing. Nothing of the value is kept. */
function fromDatabase(exception: unknown): AppError | undefined {
  const code = property(exception, 'code');
  const name = property(exception, 'name');
  if ((code === 11000 || code === 11001) && typeof name === 'string' && name.startsWith('Mongo')) {
    return ResourceErrors.DUPLICATE.create();
  }
  if (name === 'CastError' || name === 'BSONError' || name === 'BSONTypeError') {
    return RequestErrors.INVALID_VALUE.create();
  }
  return undefined;
}

function fromHttpException(exception: HttpException): Classified {
  const status = exception.getStatus();
  const byStatus: Readonly<Record<number, () => AppError>> = {
    400: () => RequestErrors.INVALID.create(),
    401: () => AuthErrors.UNAUTHENTICATED.create(),
    403: () => AuthErrors.FORBIDDEN.create(),
    404: () => ResourceErrors.NOT_FOUND.create(),
    405: () => RequestErrors.METHOD_NOT_ALLOWED.create(),
    409: () => ResourceErrors.CONFLICT.create(),
    413: () => RequestErrors.TOO_LARGE.create(),
    415: () => RequestErrors.UNSUPPORTED_MEDIA_TYPE.create({ accepted: 'application/json' }),
    429: () => RequestErrors.RATE_LIMITED.create(),
    503: () => ServiceErrors.UNAVAILABLE.create(),
  };
  const known = byStatus[status];
  if (known) return { error: known(), serverFault: status >= 500 };
  if (status >= 400 && status < 500)
    return { error: withStatus(RequestErrors.REJECTED, status), serverFault: false };
  return {
    error: withStatus(InternalError, status >= 500 && status < 600 ? status : 500),
    serverFault: true,
  };
}

function mapped(exception: unknown, mappers: readonly ProblemMapper[]): AppError | undefined {
  for (const mapper of mappers) {
    let error: AppError | undefined;
    try {
      error = mapper(exception);
    } catch {
      // A broken mapper must not break error handling: the exception stays unmapped (a 500
      // unless the platform knows it, logged with its stack by the filter).
      continue;
    }
    if (error !== undefined) return error;
  }
  return undefined;
}

function classify(exception: unknown, mappers: readonly ProblemMapper[] = []): Classified {
  const own = exception instanceof AppError ? undefined : mapped(exception, mappers);
  if (own) return { error: own, serverFault: own.status >= 500 };
  if (exception instanceof AppError) return { error: exception, serverFault: exception.status >= 500 };
  if (exception instanceof RequestValidationError) {
    return {
      error: ValidationErrors.FAILED.create(),
      fieldErrors: (language) => fieldErrorsFrom(exception.validationErrors, language),
      serverFault: false,
    };
  }
  const parsed = bodyParserError(exception) ?? fromDatabase(exception);
  if (parsed) return { error: parsed, serverFault: false };
  if (exception instanceof HttpException) return fromHttpException(exception);
  return { error: InternalError.create(), serverFault: true };
}

/**
 * The response for any exception: errors of other types through `context.mappers` first,
 * domain errors as declared, validation,
 * body-parser, database and Nest HTTP errors mapped to platform codes, anything
 * else a generic 500 INTERNAL. Pure: no I/O, no logging.
 */
export function problemFor(exception: unknown, context: ProblemContext): ProblemResponse {
  const { error, fieldErrors, serverFault } = classify(exception, context.mappers);
  const { title, detail } = error.text(context.language);
  const extensions = Object.fromEntries(
    Object.entries(error.extensions).filter(([name]) => !STANDARD_MEMBERS.has(name)),
  );
  const errors =
    fieldErrors?.(context.language) ??
    error.fieldErrors.map((f) => ({ field: f.field, code: f.code, message: f.message[context.language] }));
  const body: ProblemDetails = {
    type: problemTypeUri(error.code, context.typeBase),
    title,
    status: error.status,
    detail,
    instance: context.instance,
    code: error.code,
    ...(errors.length > 0 ? { errors } : {}),
    correlationId: context.correlationId,
    ...extensions,
  };
  const headers: Record<string, string> = { ...error.headers };
  if (error.status === UNAUTHORIZED && !headers['WWW-Authenticate']) {
    headers['WWW-Authenticate'] = 'Bearer realm="frontera"';
  }
  return { status: error.status, headers, body, serverFault };
}
