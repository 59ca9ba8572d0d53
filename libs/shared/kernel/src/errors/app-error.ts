import { FIELD_CONSTRAINTS, isFieldConstraint } from './field-constraints';
import type { Language, Localized } from './language';

/** A value a message may show: codes, ids, numbers, lists of codes — never personal data. */
export type ErrorParamValue = string | number | boolean | null | readonly string[];
export type ErrorParams = Readonly<Record<string, ErrorParamValue>>;

/**
 * How one kind of error reads and behaves.
 *
 * - `status`: the HTTP status a client gets (404 absent, 409 conflicts with the current state,
 *   422 the data breaks a rule, 503 try again later…);
 * - `title`: fixed per code; `detail`: says what to fix, with `{param}` placeholders filled from
 *   the parameters (`{constraint}` becomes a phrase of {@link FIELD_CONSTRAINTS});
 * - `retriable`: whether running the same thing again later can succeed without changing it (a
 *   lock that stays taken, a store that is down, a concurrent change). Consumers read it to choose
 *   between a retry and the dead-letter topic; it is `false` unless the spec says `true`;
 * - `code`: the stable code, `<CONTEXT>.<KEY>` by default (see {@link defineErrors}).
 */
export interface ErrorSpec {
  readonly status: number;
  readonly title: Localized;
  readonly detail: Localized;
  readonly retriable?: boolean;
  readonly code?: string;
}

/** One field a client must fix (the `errors` member of a problem-details response). */
export interface FieldError {
  readonly field: string;
  readonly code: string;
  readonly message: Localized;
}

export interface AppErrorOptions {
  /** Extra members for the client besides the parameters (never personal data). */
  readonly extensions?: Readonly<Record<string, unknown>>;
  /** Response headers, e.g. WWW-Authenticate or Retry-After. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The fields to fix; by default the one named by a `field` parameter, if any. */
  readonly fieldErrors?: readonly FieldError[];
  readonly cause?: unknown;
}

const CODE = /^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)*$/;

function fill(template: string, params: ErrorParams, language: Language): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (placeholder, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return placeholder;
    const value = params[name];
    if (name === 'constraint' && isFieldConstraint(value)) {
      return fill(FIELD_CONSTRAINTS[value][language], params, language);
    }
    if (Array.isArray(value)) return value.join(', ');
    return String(value);
  });
}

/**
 * The one error base of Frontera, for every layer and context: a stable machine-readable code
 * (`PERMIT.NOT_FOUND`), a status, Spanish and English title and detail, the parameters the
 * detail was filled from, extension members and whether retrying can help. Framework-free:
 * domain code throws it, the HTTP layer renders it as RFC 9457 problem details, consumers decide
 * retry or dead letter by `retriable`. Create them through a catalogue ({@link defineErrors}).
 *
 * Texts say what to fix and never echo personal data: parameters carry field names, codes,
 * limits and ids, not submitted values. Parameters are public: they become extension members of
 * the problem details (`currentState`, `allowedActions`, `field`, `max`…).
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: string;
  readonly status: number;
  readonly retriable: boolean;
  readonly title: Localized;
  readonly detail: Localized;
  readonly params: ErrorParams;
  readonly extensions: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly fieldErrors: readonly FieldError[];

  constructor(code: string, spec: ErrorSpec, params: ErrorParams = {}, options: AppErrorOptions = {}) {
    const detail = { es: fill(spec.detail.es, params, 'es'), en: fill(spec.detail.en, params, 'en') };
    super(`${code}: ${detail.en}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = spec.status;
    this.retriable = spec.retriable ?? false;
    this.title = spec.title;
    this.detail = detail;
    this.params = Object.freeze({ ...params });
    this.extensions = Object.freeze({ ...params, ...options.extensions });
    this.headers = options.headers ?? {};
    const field = params['field'];
    this.fieldErrors =
      options.fieldErrors ?? (typeof field === 'string' ? [{ field, code, message: detail }] : []);
  }

  text(language: Language): { title: string; detail: string } {
    return { title: this.title[language], detail: this.detail[language] };
  }

  /** Whether `error` is an AppError, optionally of one catalogue entry. */
  static is(error: unknown, definition?: { readonly code: string }): error is AppError {
    return error instanceof AppError && (definition === undefined || error.code === definition.code);
  }

  toJSON(): { code: string; status: number; retriable: boolean; message: string; params: ErrorParams } {
    return {
      code: this.code,
      status: this.status,
      retriable: this.retriable,
      message: this.message,
      params: this.params,
    };
  }
}

type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

/** The parameters a spec's detail texts need, inferred from their placeholders; others may be added. */
export type ErrorParamsOf<S extends ErrorSpec> = {
  readonly [K in Placeholders<S['detail']['es']> | Placeholders<S['detail']['en']>]: ErrorParamValue;
} & ErrorParams;

type CreateArgs<S extends ErrorSpec> = [
  Placeholders<S['detail']['es']> | Placeholders<S['detail']['en']>,
] extends [never]
  ? [params?: ErrorParams, options?: AppErrorOptions]
  : [params: ErrorParamsOf<S>, options?: AppErrorOptions];

/** One catalogue entry: makes and recognises the errors of one code. */
export interface ErrorDefinition<S extends ErrorSpec = ErrorSpec> {
  readonly code: string;
  readonly status: number;
  readonly retriable: boolean;
  readonly spec: S;
  create(...args: CreateArgs<S>): AppError;
  /** True for errors of this code. */
  is(error: unknown): error is AppError;
}

/** A single error definition; prefer {@link defineErrors} for a context's errors. */
export function defineError<const S extends ErrorSpec>(code: string, spec: S): ErrorDefinition<S> {
  if (!CODE.test(code)) throw new Error(`error code "${code}" must be UPPER_SNAKE segments joined by dots`);
  if (!Number.isInteger(spec.status) || spec.status < 400 || spec.status > 599) {
    throw new Error(`error ${code}: status ${spec.status} is not an HTTP error status`);
  }
  return Object.freeze({
    code,
    status: spec.status,
    retriable: spec.retriable ?? false,
    spec,
    create: (...args: CreateArgs<S>) => new AppError(code, spec, args[0] ?? {}, args[1]),
    is: (error: unknown): error is AppError => AppError.is(error, { code }),
  });
}

/**
 * The errors of one context in one place; codes are `<CONTEXT>.<KEY>` unless an entry names its
 * own `code` (a context's errors about one of its entities, `WORKSITE.NOT_FOUND`). Codes are
 * public API: add new ones, never rename or reuse one.
 *
 * ```ts
 * export const PermitErrors = defineErrors('PERMIT', {
 *   NOT_FOUND: {
 *     status: 404,
 *     title: { es: 'Permiso no encontrado', en: 'Permit not found' },
 *     detail: { es: 'No existe el permiso {permitId}.', en: 'There is no permit {permitId}.' },
 *   },
 * });
 * throw PermitErrors.NOT_FOUND.create({ permitId });
 * ```
 */
export function defineErrors<const D extends Readonly<Record<string, ErrorSpec>>>(
  context: string,
  specs: D,
): { readonly [K in keyof D & string]: ErrorDefinition<D[K]> } {
  const entries = Object.entries(specs).map(([key, spec]) => [
    key,
    defineError(spec.code ?? `${context}.${key}`, spec),
  ]);
  const codes = entries.map(([, definition]) => (definition as ErrorDefinition).code);
  const repeated = codes.find((code, index) => codes.indexOf(code) !== index);
  if (repeated) throw new Error(`error code ${repeated} is defined twice in ${context}`);
  return Object.freeze(Object.fromEntries(entries)) as {
    readonly [K in keyof D & string]: ErrorDefinition<D[K]>;
  };
}
