import { getMetadataStorage, type ValidationError } from 'class-validator';
import type { Language, Localized } from '@frontera/shared-kernel';

/** Thrown by {@link createValidationPipe}; the problem-details filter answers 400 VALIDATION.FAILED. */
export class RequestValidationError extends Error {
  constructor(readonly validationErrors: readonly ValidationError[]) {
    super(`request validation failed: ${validationErrors.map((e) => e.property || '(body)').join(', ')}`);
    this.name = 'RequestValidationError';
  }
}

/** One bad field as it appears in the `errors` member. */
export interface FieldError {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/** The `context` a DTO author may give a custom constraint to control its code and texts. */
export interface FieldErrorContext {
  readonly code?: string;
  readonly message?: Localized;
}

type Message = (constraints: readonly unknown[]) => Localized;

const list = (values: unknown): string =>
  (Array.isArray(values) ? values : typeof values === 'object' && values ? Object.values(values) : [values])
    .map(String)
    .join(', ');

const fixed =
  (es: string, en: string): Message =>
  () => ({ es, en });

// Codes and texts of the built-in constraints a DTO commonly uses.
const KNOWN: Readonly<Record<string, { code: string; message: Message }>> = {
  isDefined: { code: 'REQUIRED', message: fixed('es obligatorio', 'is required') },
  isNotEmpty: { code: 'REQUIRED', message: fixed('no puede estar vacío', 'must not be empty') },
  whitelistValidation: {
    code: 'NOT_ALLOWED',
    message: fixed('no es un campo permitido', 'is not an allowed field'),
  },
  unknownValue: {
    code: 'INVALID_BODY',
    message: fixed('el cuerpo debe ser un objeto JSON', 'the body must be a JSON object'),
  },
  nestedValidation: { code: 'INVALID_TYPE', message: fixed('debe ser un objeto', 'must be an object') },
  isString: { code: 'INVALID_TYPE', message: fixed('debe ser texto', 'must be a string') },
  isInt: { code: 'INVALID_TYPE', message: fixed('debe ser un número entero', 'must be an integer') },
  isNumber: { code: 'INVALID_TYPE', message: fixed('debe ser un número', 'must be a number') },
  isBoolean: { code: 'INVALID_TYPE', message: fixed('debe ser verdadero o falso', 'must be true or false') },
  isArray: { code: 'INVALID_TYPE', message: fixed('debe ser una lista', 'must be a list') },
  isObject: { code: 'INVALID_TYPE', message: fixed('debe ser un objeto', 'must be an object') },
  isDateString: {
    code: 'INVALID_FORMAT',
    message: fixed('debe ser una fecha ISO 8601', 'must be an ISO 8601 date'),
  },
  isISO8601: {
    code: 'INVALID_FORMAT',
    message: fixed('debe ser una fecha ISO 8601', 'must be an ISO 8601 date'),
  },
  isEmail: {
    code: 'INVALID_FORMAT',
    message: fixed('debe ser un correo electrónico válido', 'must be a valid email address'),
  },
  isUUID: { code: 'INVALID_FORMAT', message: fixed('debe ser un UUID', 'must be a UUID') },
  isMongoId: {
    code: 'INVALID_FORMAT',
    message: fixed('debe ser un identificador válido', 'must be a valid id'),
  },
  isISO31661Alpha3: {
    code: 'INVALID_FORMAT',
    message: fixed(
      'debe ser un código de país ISO 3166-1 alfa-3',
      'must be an ISO 3166-1 alpha-3 country code',
    ),
  },
  isLatitude: { code: 'OUT_OF_RANGE', message: fixed('debe ser una latitud', 'must be a latitude') },
  isLongitude: { code: 'OUT_OF_RANGE', message: fixed('debe ser una longitud', 'must be a longitude') },
  matches: {
    code: 'INVALID_FORMAT',
    message: fixed('no tiene el formato esperado', 'does not have the expected format'),
  },
  isIn: {
    code: 'NOT_ONE_OF',
    message: ([values]) => ({
      es: `debe ser uno de: ${list(values)}`,
      en: `must be one of: ${list(values)}`,
    }),
  },
  isEnum: {
    code: 'NOT_ONE_OF',
    message: ([entity]) => ({
      es: `debe ser uno de: ${list(entity)}`,
      en: `must be one of: ${list(entity)}`,
    }),
  },
  min: {
    code: 'OUT_OF_RANGE',
    message: ([n]) => ({ es: `debe ser mayor o igual que ${n}`, en: `must be at least ${n}` }),
  },
  max: {
    code: 'OUT_OF_RANGE',
    message: ([n]) => ({ es: `debe ser menor o igual que ${n}`, en: `must be at most ${n}` }),
  },
  isPositive: {
    code: 'OUT_OF_RANGE',
    message: fixed('debe ser mayor que cero', 'must be greater than zero'),
  },
  minLength: {
    code: 'TOO_SHORT',
    message: ([n]) => ({
      es: `debe tener al menos ${n} caracteres`,
      en: `must be at least ${n} characters long`,
    }),
  },
  maxLength: {
    code: 'TOO_LONG',
    message: ([n]) => ({
      es: `debe tener como máximo ${n} caracteres`,
      en: `must be at most ${n} characters long`,
    }),
  },
  length: {
    code: 'INVALID_LENGTH',
    message: ([a, b]) => ({
      es: `debe tener entre ${a} y ${b} caracteres`,
      en: `must be ${a} to ${b} characters long`,
    }),
  },
  arrayNotEmpty: {
    code: 'REQUIRED',
    message: fixed('no puede ser una lista vacía', 'must not be an empty list'),
  },
  arrayMinSize: {
    code: 'TOO_SHORT',
    message: ([n]) => ({ es: `debe tener al menos ${n} elementos`, en: `must have at least ${n} items` }),
  },
  arrayMaxSize: {
    code: 'TOO_LONG',
    message: ([n]) => ({ es: `debe tener como máximo ${n} elementos`, en: `must have at most ${n} items` }),
  },
  noOperatorKeys: {
    code: 'NOT_ALLOWED',
    message: fixed(
      'no puede tener claves que empiecen con "$" o contengan "."',
      'must not have keys that start with "$" or contain "."',
    ),
  },
};

const REQUIRED: Localized = { es: 'es obligatorio', en: 'is required' };

function toUpperSnake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** The constraint arguments (e.g. the 3 of `@MinLength(3)`) as declared on the DTO class. */
function constraintArguments(
  target: object | undefined,
  property: string,
  constraint: string,
): readonly unknown[] {
  if (!target) return [];
  const metadata = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  const found = metadata.find(
    (m) => m.propertyName === property && (m.name === constraint || m.type === constraint),
  );
  return found?.constraints ?? [];
}

function fieldPath(parent: string, property: string): string {
  if (!property) return parent;
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

function isMissing(error: ValidationError): boolean {
  const target = error.target as Record<string, unknown> | undefined;
  return (
    target !== undefined &&
    Object.prototype.hasOwnProperty.call(error.constraints ?? {}, 'whitelistValidation') === false &&
    (target[error.property] === undefined || target[error.property] === null)
  );
}

/**
 * The `errors` member for class-validator errors: one entry per failed
 * constraint and field (nested paths like `address.state`, `workers[0].name`),
 * a missing field as one REQUIRED entry. Values are never echoed.
 */
export function fieldErrorsFrom(
  errors: readonly ValidationError[],
  language: Language,
  parent = '',
): FieldError[] {
  return errors.flatMap((error) => {
    const field = fieldPath(parent, error.property) || '(body)';
    const failed = Object.keys(error.constraints ?? {}).reverse(); // declaration order
    // A value of the wrong type fails its length or range checks too; those say nothing more.
    const typeChecks = failed.filter((constraint) => KNOWN[constraint]?.code === 'INVALID_TYPE');
    const constraints = typeChecks.length > 0 ? typeChecks : failed;
    const own: FieldError[] =
      constraints.length > 0 && isMissing(error)
        ? [{ field, code: 'REQUIRED', message: REQUIRED[language] }]
        : constraints.map((constraint) => {
            const context = error.contexts?.[constraint] as FieldErrorContext | undefined;
            const known = KNOWN[constraint];
            const message =
              context?.message ??
              known?.message(constraintArguments(error.target, error.property, constraint)) ??
              // A constraint without a translation: English text from class-validator, without the property name.
              fallback(error, constraint);
            return {
              field,
              code: context?.code ?? known?.code ?? toUpperSnake(constraint),
              message: message[language],
            };
          });
    const childrenParent = error.property ? field : parent;
    return [...own, ...fieldErrorsFrom(error.children ?? [], language, childrenParent)];
  });
}

function fallback(error: ValidationError, constraint: string): Localized {
  const text = error.constraints?.[constraint] ?? 'is not valid';
  const en = text.startsWith(`${error.property} `) ? text.slice(error.property.length + 1) : text;
  return { es: 'no es válido', en };
}
