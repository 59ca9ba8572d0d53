import { isPersonalDataKey } from '@frontera/platform-observability';

/**
 * Job payloads carry ids only (docs/architecture.md: personal data is "never put in
 * events, logs or job payloads"). Stricter than log redaction, which must let
 * harmless `name` fields through:
 * - any key that log redaction censors (documentNumber, phone, email, dateOfBirth, address, secrets…);
 * - any key ending in `name`/`names` (firstName, fullName, name…);
 * - any key mentioning document, passport, phone, email, birth, address or curp,
 *   unless it is an id reference (`documentId`, `emailTemplateIds`);
 * - string values that look like an e-mail address or an international phone number,
 *   whatever the key.
 */
const PERSONAL_FRAGMENTS = ['document', 'passport', 'phone', 'email', 'birth', 'address', 'curp'];
const EMAIL_VALUE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_VALUE = /^\+\d[\d\s().-]{6,}$/;
const MAX_DEPTH = 10;

function normalize(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function isPersonalPayloadKey(key: string, parentKey?: string): boolean {
  if (isPersonalDataKey(key, parentKey)) return true;
  const normalized = normalize(key);
  if (/ids?$/.test(normalized)) return false;
  if (/names?$/.test(normalized)) return true;
  return PERSONAL_FRAGMENTS.some((fragment) => normalized.includes(fragment));
}

export function looksLikePersonalValue(value: unknown): boolean {
  return typeof value === 'string' && (EMAIL_VALUE.test(value.trim()) || PHONE_VALUE.test(value.trim()));
}

/** Paths (`rows[0].phone`) of the fields that look like personal data; never their values. */
export function findPersonalData(payload: unknown): string[] {
  const found: string[] = [];
  const visit = (value: unknown, path: string, parentKey: string | undefined, depth: number): void => {
    if (looksLikePersonalValue(value)) {
      found.push(`${path || '(payload)'} (value)`);
      return;
    }
    if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${path}[${index}]`, parentKey, depth + 1));
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = path === '' ? key : `${path}.${key}`;
      if (isPersonalPayloadKey(key, parentKey)) {
        found.push(childPath);
      } else {
        visit(child, childPath, key, depth + 1);
      }
    }
  };
  visit(payload, '', undefined, 0);
  return found;
}
