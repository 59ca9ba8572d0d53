import { EventEmitter } from 'node:events';
import { stdSerializers } from 'pino';

/**
 * Personal data and secrets that must never reach a log line.
 *
 * One mechanism keeps them out: {@link redactPersonalData}, run by pino as
 * `formatters.log` (every logged object), `formatters.bindings` (child-logger
 * bindings) and after the `err` serializer. It censors the keys of
 * {@link PERSONAL_DATA_KEYS} at any depth, in arrays, in objects that serialize
 * themselves, and in any spelling (`documentNumber`, `document_number`,
 * `DocumentNumber`…). pino's path-based `redact` is not used for personal data
 * (the library README says why).
 */

/** What a censored value is replaced with. */
export const REDACTED = '[REDACTED]';

/**
 * Field names (camelCase, as the domain spells them) whose values are personal
 * data or secrets. Matching by {@link isPersonalDataKey} ignores case, `_` and `-`.
 * Deliberately not listed: `name` (queues, jobs, services and employers have
 * names), `rfc` (mostly companies), ids and references such as `photoRef`.
 */
export const PERSONAL_DATA_KEYS: readonly string[] = [
  // identity documents
  'documentNumber',
  'docNumber',
  'passportNumber',
  'idNumber',
  'nationalId',
  'curp',
  // contact
  'phone',
  'phoneNumber',
  'mobile',
  'mobilePhone',
  'telephone',
  'email',
  'emailAddress',
  // birth
  'dateOfBirth',
  'birthDate',
  'dob',
  'placeOfBirth',
  'birthPlace',
  // address
  'address',
  'homeAddress',
  'streetAddress',
  'postalAddress',
  // names of people
  'firstName',
  'middleName',
  'lastName',
  'fullName',
  'givenName',
  'givenNames',
  'familyName',
  'familyNames',
  'surname',
  'surnames',
  'names',
  'maidenName',
  // secrets
  'password',
  'secret',
  'clientSecret',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'apiKey',
  'privateKey',
  'authorization',
  'cookie',
  'setCookie',
  'xApiKey',
];

/** Parent keys under which a `number` field is a document number (`document.number`). */
const DOCUMENT_PARENT_KEYS = new Set(['document', 'identitydocument', 'iddocument', 'passport']);

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const NORMALIZED_KEYS = new Set(PERSONAL_DATA_KEYS.map(normalizeKey));

/** Not personal, personal, or `number` (personal under a document). */
const KeyClass = { Plain: 0, Personal: 1, Number: 2 } as const;
type KeyClass = (typeof KeyClass)[keyof typeof KeyClass];

/**
 * What each key seen so far is, so that logging the same shapes again (the common
 * case) costs one Map lookup per key instead of a lower-casing and a regular
 * expression. Bounded: keys beyond the limit (objects with data-driven keys) are
 * classified every time instead of remembered.
 */
const KEY_CLASSES = new Map<string, KeyClass>();
const MAX_REMEMBERED_KEYS = 4096;

function classify(key: string): KeyClass {
  let known = KEY_CLASSES.get(key);
  if (known === undefined) {
    const normalized = normalizeKey(key);
    known = (
      NORMALIZED_KEYS.has(normalized)
        ? KeyClass.Personal
        : normalized === 'number'
          ? KeyClass.Number
          : KeyClass.Plain
    ) as KeyClass;
    if (KEY_CLASSES.size < MAX_REMEMBERED_KEYS) KEY_CLASSES.set(key, known);
  }
  return known;
}

/** True when a field of this name holds personal data or a secret, whatever its spelling. */
export function isPersonalDataKey(key: string, parentKey?: string): boolean {
  const known = classify(key);
  if (known === KeyClass.Personal) return true;
  return (
    known === KeyClass.Number && parentKey !== undefined && DOCUMENT_PARENT_KEYS.has(normalizeKey(parentKey))
  );
}

const DEFAULT_MAX_DEPTH = 12;
const DEPTH_LIMIT = '[DEPTH LIMIT]';

/**
 * Values not walked: built-ins, and emitters (requests, responses, sockets,
 * streams), which have serializers of their own and object graphs far too large
 * to walk on every log line. (Errors are handled apart, see {@link walkError}.)
 */
function isOpaque(value: object): boolean {
  return (
    value instanceof EventEmitter ||
    value instanceof Date ||
    value instanceof RegExp ||
    value instanceof Map ||
    value instanceof Set ||
    value instanceof Promise ||
    ArrayBuffer.isView(value) ||
    value instanceof ArrayBuffer
  );
}

function hasToJSON(value: object): value is { toJSON(): unknown } {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

/** The objects being walked, outermost first: a value already on it is a cycle. */
type Ancestors = object[];

function walkObject(
  source: Record<string, unknown>,
  parentKey: string | undefined,
  depth: number,
  maxDepth: number,
  ancestors: Ancestors,
): Record<string, unknown> {
  ancestors.push(source);
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(source)) {
    const current = source[key];
    let next: unknown = current;
    if (current !== undefined) {
      if (isPersonalDataKey(key, parentKey)) next = REDACTED;
      else if (current !== null && typeof current === 'object') {
        next = walk(current, key, depth + 1, maxDepth, ancestors);
      }
    }
    if (next !== current && out === undefined) out = { ...source };
    if (out !== undefined) out[key] = next;
  }
  ancestors.pop();
  return out ?? source;
}

/**
 * An error is kept as it is unless one of its own enumerable fields is personal
 * (a driver error's `keyValue: { email }`): then it becomes pino's serialized
 * form (type, message, stack, fields, causes), censored.
 */
function walkError(
  error: Error,
  parentKey: string | undefined,
  depth: number,
  maxDepth: number,
  ancestors: Ancestors,
): unknown {
  const censored = walkObject(
    error as unknown as Record<string, unknown>,
    parentKey,
    depth,
    maxDepth,
    ancestors,
  );
  if (censored === (error as unknown)) return error;
  const serialized = stdSerializers.err(error) as unknown as Record<string, unknown>;
  return walkObject(serialized, parentKey, depth, maxDepth, ancestors);
}

function walk(
  value: object,
  parentKey: string | undefined,
  depth: number,
  maxDepth: number,
  ancestors: Ancestors,
): unknown {
  if (ancestors.includes(value)) return value;
  if (depth >= maxDepth) return DEPTH_LIMIT;

  // Plain objects first: nearly everything that is logged.
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    return walkObject(value as Record<string, unknown>, parentKey, depth, maxDepth, ancestors);
  }
  if (Array.isArray(value)) {
    ancestors.push(value);
    let changed = false;
    const out = value.map((item: unknown) => {
      if (item === null || typeof item !== 'object') return item;
      const next = walk(item, parentKey, depth + 1, maxDepth, ancestors);
      if (next !== item) changed = true;
      return next;
    });
    ancestors.pop();
    return changed ? out : value;
  }
  if (value instanceof Error) return walkError(value, parentKey, depth, maxDepth, ancestors);
  if (isOpaque(value)) return value;
  // Class instances that serialize themselves (mongoose documents, ObjectId…):
  // censor what JSON.stringify would print, not their internals.
  if (hasToJSON(value)) {
    const json = value.toJSON();
    if (json === value || json === null || typeof json !== 'object') return json;
    return walk(json, parentKey, depth, maxDepth, ancestors);
  }
  return walkObject(value as Record<string, unknown>, parentKey, depth, maxDepth, ancestors);
}

/**
 * Returns `value` with every personal-data field censored, at any depth.
 * Never mutates its input: objects are copied only where something changed,
 * so the common case (nothing to censor) allocates nothing but the walk's
 * small stack of ancestors.
 */
export function redactPersonalData<T>(value: T, maxDepth: number = DEFAULT_MAX_DEPTH): T {
  if (value === null || typeof value !== 'object') return value;
  return walk(value, undefined, 0, maxDepth, []) as T;
}
