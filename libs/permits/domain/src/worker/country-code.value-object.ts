import type { ErrorDefinition } from '@frontera/shared-kernel';

const ALPHA_3 = /^[A-Z]{3}$/;

/**
 * An ISO 3166-1 alpha-3 country code, trimmed and upper-cased (`gtm` → `GTM`). Only the shape is
 * checked (three letters A–Z): any country may be registered, and eligibility decides who may
 * receive a permit.
 */
export function countryCode(value: unknown, field: string, error: ErrorDefinition): string {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    throw error.create({ field, constraint: 'REQUIRED' });
  }
  const code = typeof value === 'string' ? value.trim().toUpperCase() : value;
  if (typeof code !== 'string' || !ALPHA_3.test(code)) {
    throw error.create({ field, constraint: 'INVALID_FORMAT', format: 'ISO 3166-1 alpha-3 (GTM, BLZ, MEX)' });
  }
  return code;
}
