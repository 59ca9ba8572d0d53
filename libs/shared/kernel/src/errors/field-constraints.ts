import type { Localized } from './language';

/**
 * The shared wording of field constraints, so that every context's "field X {constraint}"
 * message reads well in both languages: a `{constraint}` placeholder whose parameter is one of
 * these keys becomes the phrase, itself filled from the same parameters (`{max}`, `{allowed}`…).
 */
export const FIELD_CONSTRAINTS = {
  REQUIRED: { en: 'is required', es: 'es obligatorio' },
  TOO_LONG: { en: 'must have at most {max} characters', es: 'debe tener como máximo {max} caracteres' },
  TOO_SHORT: { en: 'must have at least {min} characters', es: 'debe tener al menos {min} caracteres' },
  OUT_OF_RANGE: { en: 'must be between {min} and {max}', es: 'debe estar entre {min} y {max}' },
  NOT_AN_INTEGER: { en: 'must be a whole number', es: 'debe ser un número entero' },
  NOT_A_NUMBER: { en: 'must be a number', es: 'debe ser un número' },
  NOT_A_DATE: { en: 'must be a real calendar date (YYYY-MM-DD)', es: 'debe ser una fecha real (AAAA-MM-DD)' },
  INVALID_FORMAT: { en: 'must match the format {format}', es: 'debe tener el formato {format}' },
  UNKNOWN_VALUE: { en: 'must be one of {allowed}', es: 'debe ser uno de {allowed}' },
  NOT_A_BOOLEAN: { en: 'must be true or false', es: 'debe ser verdadero o falso' },
} as const satisfies Readonly<Record<string, Localized>>;

export type FieldConstraint = keyof typeof FIELD_CONSTRAINTS;

export function isFieldConstraint(value: unknown): value is FieldConstraint {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(FIELD_CONSTRAINTS, value);
}
