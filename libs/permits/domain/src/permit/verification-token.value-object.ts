import { PermitErrors } from '../errors/permit-errors';

/** 22 base64url characters carry 132 bits: the shortest encoding of 128 random bits (16 bytes). */
export const VERIFICATION_TOKEN_MIN_LENGTH = 22;
export const VERIFICATION_TOKEN_MAX_LENGTH = 128;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * The token in a permit's QR code: public verification finds the permit by it. It must be
 * unguessable and reveal nothing by itself, so it is pure randomness the caller generates with a
 * CSPRNG (`crypto.randomBytes(16 or more).toString('base64url')`), never derived from the permit.
 * The domain checks its shape (base64url without padding, 22–128 characters, i.e. ≥ 128 bits) and
 * keeps it out of events and logs: `toString()` and `toJSON()` are redacted. The repository may
 * store a hash of it for the lookup.
 */
export class VerificationToken {
  private constructor(readonly value: string) {}

  static of(value: unknown): VerificationToken {
    const INVALID = PermitErrors.INVALID_VERIFICATION_TOKEN;
    if (value instanceof VerificationToken) return value;
    if (value === undefined || value === null || value === '') {
      throw INVALID.create({ field: 'verificationToken', constraint: 'REQUIRED' });
    }
    if (typeof value !== 'string' || value.length < VERIFICATION_TOKEN_MIN_LENGTH) {
      throw INVALID.create({
        field: 'verificationToken',
        constraint: 'TOO_SHORT',
        min: VERIFICATION_TOKEN_MIN_LENGTH,
      });
    }
    if (value.length > VERIFICATION_TOKEN_MAX_LENGTH) {
      throw INVALID.create({
        field: 'verificationToken',
        constraint: 'TOO_LONG',
        max: VERIFICATION_TOKEN_MAX_LENGTH,
      });
    }
    if (!BASE64URL.test(value)) {
      throw INVALID.create({ field: 'verificationToken', constraint: 'INVALID_FORMAT', format: 'base64url' });
    }
    return new VerificationToken(value);
  }

  equals(other: VerificationToken): boolean {
    return this.value === other.value;
  }

  toString(): string {
    return '[VerificationToken]';
  }

  toJSON(): string {
    return '[VerificationToken]';
  }
}
