/**
 * A broken business rule, with a stable machine-readable code.
 *
 * The domain throws it; the HTTP layer maps it to RFC 9457 problem details
 * (`type`/`code` from {@link DomainError.code}, `status` from {@link DomainError.httpStatus},
 * `detail` from the message in the caller's language, extension members from `details`).
 * Messages say what to fix and never echo personal data (an RFC of an individual, a phone…):
 * `details` carry field names and constraints, not submitted values.
 */

export type ErrorDetailValue = string | number | boolean | null | readonly string[];
export type ErrorDetails = Readonly<Record<string, ErrorDetailValue>>;

export interface ErrorDefinition<C extends string = string> {
  /** Stable code, `CONTEXT.REASON`. Clients switch on it; never rename one. */
  readonly code: C;
  /** Suggested HTTP status for the problem details response. */
  readonly httpStatus: number;
  /** English message template; `{name}` placeholders are filled from the details. */
  readonly en: string;
  /** Spanish message template, same placeholders. */
  readonly es: string;
}

export type Language = 'en' | 'es';

/**
 * Shared wording for field constraints, so a validation message reads well in both languages:
 * `{constraint}` in a template becomes one of these, itself filled from the details.
 */
const CONSTRAINT_TEXT: Readonly<Record<string, Readonly<Record<Language, string>>>> = {
  REQUIRED: { en: 'is required', es: 'es obligatorio' },
  TOO_LONG: { en: 'must have at most {max} characters', es: 'debe tener como máximo {max} caracteres' },
  OUT_OF_RANGE: { en: 'must be between {min} and {max}', es: 'debe estar entre {min} y {max}' },
  NOT_AN_INTEGER: { en: 'must be a whole number', es: 'debe ser un número entero' },
  NOT_A_NUMBER: { en: 'must be a number', es: 'debe ser un número' },
  INVALID_FORMAT: { en: 'must match the format {format}', es: 'debe tener el formato {format}' },
  UNKNOWN_VALUE: { en: 'must be one of {allowed}', es: 'debe ser uno de {allowed}' },
  NOT_A_BOOLEAN: { en: 'must be true or false', es: 'debe ser verdadero o falso' },
};

function fill(template: string, details: ErrorDetails, language: Language): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = details[name];
    if (value === undefined) return placeholder;
    if (name === 'constraint' && typeof value === 'string' && CONSTRAINT_TEXT[value]) {
      return fill(CONSTRAINT_TEXT[value][language], details, language);
    }
    if (Array.isArray(value)) return value.join(', ');
    return String(value);
  });
}

export class DomainError<C extends string = string> extends Error {
  override readonly name = 'DomainError';
  readonly code: C;
  readonly httpStatus: number;
  /** The message in Spanish (`message` is English). */
  readonly messageEs: string;
  readonly details: ErrorDetails;

  constructor(definition: ErrorDefinition<C>, details: ErrorDetails = {}) {
    super(fill(definition.en, details, 'en'));
    this.code = definition.code;
    this.httpStatus = definition.httpStatus;
    this.messageEs = fill(definition.es, details, 'es');
    this.details = Object.freeze({ ...details });
  }

  /** The message in the requested language. */
  messageIn(language: Language): string {
    return language === 'es' ? this.messageEs : this.message;
  }

  /** Whether `error` is a DomainError, optionally with the given code. */
  static is<C extends string>(error: unknown, definition?: ErrorDefinition<C>): error is DomainError<C> {
    if (!(error instanceof DomainError)) return false;
    return definition === undefined || error.code === definition.code;
  }

  toJSON(): { code: C; httpStatus: number; message: string; messageEs: string; details: ErrorDetails } {
    return {
      code: this.code,
      httpStatus: this.httpStatus,
      message: this.message,
      messageEs: this.messageEs,
      details: this.details,
    };
  }
}
