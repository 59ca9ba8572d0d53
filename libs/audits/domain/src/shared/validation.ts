import { ID_PATTERN, LIMITS, type ErrorDefinition } from '@frontera/shared-kernel';
import { AuditErrors } from '../errors/audit-errors';

/**
 * Identifiers follow the kernel's ID_PATTERN, the one the event contracts accept, so nothing the
 * domain stores can later fail validation when its events are published.
 */
export function assertId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
    throw AuditErrors.INVALID_ID.create({ field });
  }
  return value;
}

/** Like {@link assertId}; absent (undefined, null, '') becomes null. */
export function optionalId(value: unknown, field: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  return assertId(value, field);
}

/** Distinct ids, each checked, in first-seen order. */
export function idList(value: unknown, field: string, error: ErrorDefinition, max: number): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw error.create({ field, constraint: 'REQUIRED' });
  if (value.length > max) throw error.create({ field, constraint: 'OUT_OF_RANGE', min: 0, max });
  return [...new Set(value.map((id, i) => assertId(id, `${field}[${i}]`)))];
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

/**
 * Free text where line breaks matter (a complaint's description): trimmed, NFC, lines kept, runs of
 * spaces collapsed, 1..max characters.
 */
export function requireLongText(value: unknown, field: string, max: number, error: ErrorDefinition): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw error.create({ field, constraint: 'REQUIRED' });
  }
  const text = value
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .trim();
  if (text.length > max) throw error.create({ field, constraint: 'TOO_LONG', max });
  return text;
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

export function requireInteger(
  value: unknown,
  field: string,
  min: number,
  max: number,
  error: ErrorDefinition,
): number {
  if (value === undefined || value === null) throw error.create({ field, constraint: 'REQUIRED' });
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw error.create({ field, constraint: 'NOT_A_NUMBER' });
  }
  if (!Number.isInteger(value)) throw error.create({ field, constraint: 'NOT_AN_INTEGER' });
  if (value < min || value > max) throw error.create({ field, constraint: 'OUT_OF_RANGE', min, max });
  return value;
}

export function requireNumber(
  value: unknown,
  field: string,
  min: number,
  max: number,
  error: ErrorDefinition,
): number {
  if (value === undefined || value === null) throw error.create({ field, constraint: 'REQUIRED' });
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw error.create({ field, constraint: 'NOT_A_NUMBER' });
  }
  if (value < min || value > max) throw error.create({ field, constraint: 'OUT_OF_RANGE', min, max });
  return value;
}

/** A reason given by a person for a decision: 1..LIMITS.REASON characters, like the event contracts. */
export function requireReason(value: unknown): string {
  return requireText(value, 'reason', LIMITS.REASON, AuditErrors.INVALID_REASON);
}

/** An instant the caller passes (`now`): a valid Date. A bad one is a programming error. */
export function requireInstant(value: unknown, name = 'now'): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new TypeError(`${name} must be a valid Date`);
  }
  return value;
}

/** An ISO-8601 instant from stored data or a fact; raises `error` `{ field, constraint }`. */
export function instantOf(value: unknown, field: string, error: ErrorDefinition): Date {
  const date =
    value instanceof Date ? value : typeof value === 'string' && value !== '' ? new Date(value) : null;
  if (date === null || Number.isNaN(date.getTime())) {
    throw error.create({
      field,
      constraint: value === undefined || value === null ? 'REQUIRED' : 'INVALID_FORMAT',
      format: 'ISO-8601',
    });
  }
  return date;
}

export function iso(date: Date): string {
  return date.toISOString();
}

/** Round to one decimal (scores and points), without binary noise (0.30000000000000004). */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Round to three decimals (intensities, decay factors). */
export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export const DAY_MS = 24 * 3_600_000;
