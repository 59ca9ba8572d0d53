import { LIMITS } from '@frontera/shared-kernel';
import { PermitErrors } from '../errors/permit-errors';

const INVALID = PermitErrors.WORKER_INVALID_PHONE;
const NORMALISED = /^\+?\d{8,15}$/;

/**
 * A phone number, normalised close to E.164: spaces, dashes, dots and parentheses removed, a
 * leading international "00" written as "+"; 8 to 15 digits with an optional leading "+"
 * ("+502 5555-1234" → "+50255551234"). PERSONAL DATA: encrypted at rest; {@link Phone.key} is the
 * input of its blind index (several workers with one phone is the shared-contact signal). Numbers
 * without a country code do not match the same number with one: rosters should include it.
 */
export class Phone {
  private constructor(readonly value: string) {}

  static create(value: unknown): Phone {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      throw INVALID.create({ field: 'phone', constraint: 'REQUIRED' });
    }
    if (typeof value !== 'string' || value.length > LIMITS.PHONE) {
      throw INVALID.create({ field: 'phone', constraint: 'TOO_LONG', max: LIMITS.PHONE });
    }
    const compact = value
      .trim()
      .replace(/[\s\-.()]/g, '')
      .replace(/^00/, '+');
    if (!NORMALISED.test(compact)) {
      throw INVALID.create({
        field: 'phone',
        constraint: 'INVALID_FORMAT',
        format: '+502 5555 1234 (8 to 15 digits, optional leading +)',
      });
    }
    return new Phone(compact);
  }

  /** The normalised number: the input of the phone's blind index. */
  key(): string {
    return this.value;
  }

  equals(other: Phone): boolean {
    return this.value === other.value;
  }

  toString(): string {
    return '[Phone: personal data]';
  }
}
