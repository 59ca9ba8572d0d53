import { EventEmitter } from 'node:events';

/**
 * Personal data and secrets that must never reach a log line.
 *
 * Two layers keep them out:
 * 1. pino `redact` with {@link PERSONAL_DATA_PATHS} (fast, covers serialized
 *    request/response objects and child-logger bindings, up to three levels deep);
 * 2. {@link redactPersonalData}, used as pino's `formatters.log`/`bindings`, which
 *    censors the same keys at any depth and in any spelling
 *    (`documentNumber`, `document_number`, `DocumentNumber`…).
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
];

/** Parent keys under which a `number` field is a document number (`document.number`). */
const DOCUMENT_PARENT_KEYS = new Set(['document', 'identitydocument', 'iddocument', 'passport']);

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const NORMALIZED_KEYS = new Set(PERSONAL_DATA_KEYS.map(normalizeKey));

/** True when a field of this name holds personal data or a secret, whatever its spelling. */
export function isPersonalDataKey(key: string, parentKey?: string): boolean {
  const normalized = normalizeKey(key);
  if (NORMALIZED_KEYS.has(normalized)) return true;
  return (
    normalized === 'number' && parentKey !== undefined && DOCUMENT_PARENT_KEYS.has(normalizeKey(parentKey))
  );
}

/** Wildcard prefixes for pino `redact`: the key itself, one level down, two levels down. */
const REDACT_DEPTH_PREFIXES = ['', '*.', '*.*.'];

/**
 * Paths for pino's `redact` option. Wildcards reach three levels
 * (`email`, `*.email`, `*.*.email`); deeper values are censored by
 * {@link redactPersonalData}, which pino runs as `formatters.log`.
 */
export const PERSONAL_DATA_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...REDACT_DEPTH_PREFIXES.flatMap((prefix) => [
    ...PERSONAL_DATA_KEYS.map((key) => `${prefix}${key}`),
    `${prefix}document.number`,
  ]),
];

const DEFAULT_MAX_DEPTH = 12;
const DEPTH_LIMIT = '[DEPTH LIMIT]';

/**
 * Values not walked: errors (pino's err serializer handles them), built-ins, and
 * emitters (requests, responses, sockets, streams), which have serializers of
 * their own and object graphs far too large to walk on every log line.
 */
function isOpaque(value: object): boolean {
  return (
    value instanceof EventEmitter ||
    value instanceof Error ||
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

function isPlain(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function walk(
  value: unknown,
  parentKey: string | undefined,
  depth: number,
  maxDepth: number,
  seen: WeakSet<object>,
): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (isOpaque(value) || seen.has(value)) return value;
  if (depth >= maxDepth) return DEPTH_LIMIT;

  // Class instances that serialize themselves (mongoose documents, ObjectId…):
  // censor what JSON.stringify would print, not their internals.
  if (!Array.isArray(value) && !isPlain(value) && hasToJSON(value)) {
    const json = value.toJSON();
    return json === value ? value : walk(json, parentKey, depth, maxDepth, seen);
  }

  seen.add(value);
  try {
    if (Array.isArray(value)) {
      let changed = false;
      const out = value.map((item: unknown) => {
        const next = walk(item, parentKey, depth + 1, maxDepth, seen);
        if (next !== item) changed = true;
        return next;
      });
      return changed ? out : value;
    }

    const source = value as Record<string, unknown>;
    let out: Record<string, unknown> | undefined;
    for (const key of Object.keys(source)) {
      const current = source[key];
      const next =
        isPersonalDataKey(key, parentKey) && current !== undefined
          ? REDACTED
          : walk(current, key, depth + 1, maxDepth, seen);
      if (next !== current && out === undefined) out = { ...source };
      if (out !== undefined) out[key] = next;
    }
    return out ?? value;
  } finally {
    seen.delete(value);
  }
}

/**
 * Returns `value` with every personal-data field censored, at any depth.
 * Never mutates its input: objects are copied only where something changed,
 * so the common case (nothing to censor) allocates nothing.
 */
export function redactPersonalData<T>(value: T, maxDepth: number = DEFAULT_MAX_DEPTH): T {
  return walk(value, undefined, 0, maxDepth, new WeakSet()) as T;
}
