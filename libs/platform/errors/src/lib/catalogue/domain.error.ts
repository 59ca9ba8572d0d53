import type { Language, Localized } from './language';

/** How one kind of error reads: HTTP status, a fixed title, a detail with `{param}` placeholders. */
export interface ErrorSpec {
  readonly status: number;
  readonly title: Localized;
  readonly detail: Localized;
}

type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

/** The parameters a spec's detail texts need, inferred from their placeholders. */
export type ErrorParams<S extends ErrorSpec> = {
  readonly [K in Placeholders<S['detail']['es']> | Placeholders<S['detail']['en']>]: string | number;
};

/** One bad field, for the `errors` member. */
export interface LocalizedFieldError {
  readonly field: string;
  readonly code: string;
  readonly message: Localized;
}

export interface DomainErrorOptions {
  /**
   * Extra problem-details members, e.g. `{ currentState: 'SUSPENDED', allowedActions: ['REINSTATE'] }`.
   * Never personal data. The standard members cannot be overridden.
   */
  readonly extensions?: Readonly<Record<string, unknown>>;
  /** Response headers, e.g. WWW-Authenticate. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly fieldErrors?: readonly LocalizedFieldError[];
  readonly cause?: unknown;
}

const CODE = /^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)*$/;

function interpolate(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/**
 * An error the client can act on: a stable code (`EMPLOYER.NOT_FOUND`), an
 * HTTP status and Spanish and English texts. The problem-details filter turns
 * it into an RFC 9457 response. Create them through a catalogue
 * ({@link defineErrors}) rather than directly.
 */
export class DomainError extends Error {
  readonly status: number;
  readonly title: Localized;
  readonly detail: Localized;
  readonly extensions: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly fieldErrors: readonly LocalizedFieldError[];

  constructor(
    readonly code: string,
    spec: ErrorSpec,
    params: Readonly<Record<string, string | number>> = {},
    options: DomainErrorOptions = {},
  ) {
    const detail = { es: interpolate(spec.detail.es, params), en: interpolate(spec.detail.en, params) };
    super(`${code}: ${detail.en}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.status = spec.status;
    this.title = spec.title;
    this.detail = detail;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
    this.fieldErrors = options.fieldErrors ?? [];
  }

  text(language: Language): { title: string; detail: string } {
    return { title: this.title[language], detail: this.detail[language] };
  }
}

type CreateArgs<S extends ErrorSpec> = [keyof ErrorParams<S>] extends [never]
  ? [params?: ErrorParams<S>, options?: DomainErrorOptions]
  : [params: ErrorParams<S>, options?: DomainErrorOptions];

/** One catalogue entry: makes and recognises errors of one code. */
export interface ErrorDefinition<S extends ErrorSpec> {
  readonly code: string;
  readonly status: number;
  readonly spec: S;
  create(...args: CreateArgs<S>): DomainError;
  /** True for errors of this code. */
  is(error: unknown): error is DomainError;
}

/** A single error definition; prefer {@link defineErrors} for a context's errors. */
export function defineError<const S extends ErrorSpec>(code: string, spec: S): ErrorDefinition<S> {
  if (!CODE.test(code)) throw new Error(`error code "${code}" must be UPPER_SNAKE segments joined by dots`);
  if (!Number.isInteger(spec.status) || spec.status < 400 || spec.status > 599) {
    throw new Error(`error ${code}: status ${spec.status} is not an HTTP error status`);
  }
  return {
    code,
    status: spec.status,
    spec,
    create: (...args: CreateArgs<S>) => new DomainError(code, spec, args[0] ?? {}, args[1]),
    is: (error: unknown): error is DomainError => error instanceof DomainError && error.code === code,
  };
}

/**
 * The errors of one context in one place; codes are `<CONTEXT>.<KEY>`:
 *
 * ```ts
 * export const EmployerErrors = defineErrors('EMPLOYER', {
 *   NOT_FOUND: {
 *     status: 404,
 *     title: { es: 'Empleador no encontrado', en: 'Employer not found' },
 *     detail: { es: 'No existe el empleador {employerId}.', en: 'There is no employer {employerId}.' },
 *   },
 * });
 * throw EmployerErrors.NOT_FOUND.create({ employerId });
 * ```
 */
export function defineErrors<const D extends Readonly<Record<string, ErrorSpec>>>(
  context: string,
  specs: D,
): { readonly [K in keyof D & string]: ErrorDefinition<D[K]> } {
  const entries = Object.entries(specs).map(([key, spec]) => [key, defineError(`${context}.${key}`, spec)]);
  return Object.freeze(Object.fromEntries(entries)) as {
    readonly [K in keyof D & string]: ErrorDefinition<D[K]>;
  };
}
