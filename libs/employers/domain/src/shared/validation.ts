import { ID_PATTERN, LIMITS, type ErrorDefinition } from '@frontera/shared-kernel';
import { EmployerErrors } from '../errors/employer-errors';

/**
 * Identifiers follow the kernel's ID_PATTERN, the one the event contracts accept, so nothing the
 * domain stores can later fail validation when its events are published (which would leave a
 * change "in limbo").
 */
export function assertId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
    throw EmployerErrors.INVALID_ID.create({ field });
  }
  return value;
}

/** Trims, collapses inner whitespace, and checks the length (1..max). */
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

/** A reason given by a person for a decision or change: 1..LIMITS.REASON characters, like the event contracts. */
export function requireReason(value: unknown): string {
  return requireText(value, 'reason', LIMITS.REASON, EmployerErrors.INVALID_REASON);
}

/** A reason the domain writes itself (derived consequences), cut to LIMITS.REASON characters. */
export function truncateReason(text: string, max: number = LIMITS.REASON): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function iso(date: Date): string {
  return date.toISOString();
}
