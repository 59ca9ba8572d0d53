import { ID_PATTERN, LIMITS, type ErrorDefinition } from '@frontera/shared-kernel';
import { PermitErrors } from '../errors/permit-errors';

/**
 * Identifiers follow the kernel's ID_PATTERN, the one the event contracts accept, so nothing the
 * domain stores can later fail validation when its events are published.
 */
export function assertId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
    throw PermitErrors.INVALID_ID.create({ field });
  }
  return value;
}

/** Like {@link assertId}; absent (undefined, null, '') becomes null. */
export function optionalId(value: unknown, field: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  return assertId(value, field);
}

/** Trims, collapses inner whitespace (NFC), and checks the length (1..max). */
export function requireText(value: unknown, field: string, max: number, error: ErrorDefinition): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw error.create({ field, constraint: 'REQUIRED' });
  }
  const text = value.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (text.length > max) throw error.create({ field, constraint: 'TOO_LONG', max });
  return text;
}

/** Like {@link requireText} but absent or blank becomes null. */
export function optionalText(
  value: unknown,
  field: string,
  max: number,
  error: ErrorDefinition,
): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    return null;
  }
  return requireText(value, field, max, error);
}

export function requireOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
  error: ErrorDefinition,
): T {
  if (value === undefined || value === null || value === '') {
    throw error.create({ field, constraint: 'REQUIRED' });
  }
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw error.create({ field, constraint: 'UNKNOWN_VALUE', allowed });
  }
  return value as T;
}

export function requireBoolean(value: unknown, field: string, error: ErrorDefinition): boolean {
  if (value === undefined || value === null) throw error.create({ field, constraint: 'REQUIRED' });
  if (typeof value !== 'boolean') throw error.create({ field, constraint: 'NOT_A_BOOLEAN' });
  return value;
}

/** A reason given by a person for a decision: 1..LIMITS.REASON characters, like the event contracts. */
export function requireReason(value: unknown): string {
  return requireText(value, 'reason', LIMITS.REASON, PermitErrors.INVALID_REASON);
}

/** An instant the caller passes (`now`, a deadline): a valid Date. A bad one is a programming error. */
export function requireInstant(value: unknown, name = 'now'): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new TypeError(`${name} must be a valid Date`);
  }
  return value;
}

export function iso(date: Date): string {
  return date.toISOString();
}
