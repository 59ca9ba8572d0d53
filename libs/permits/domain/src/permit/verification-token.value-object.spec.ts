import { aVerificationToken } from '../testing';
import { VERIFICATION_TOKEN_MIN_LENGTH, VerificationToken } from './verification-token.value-object';

describe('VerificationToken', () => {
  it('accepts ≥ 128 random bits as base64url (22+ characters)', () => {
    const value = aVerificationToken();
    expect(VerificationToken.of(value).value).toBe(value);
    expect(VerificationToken.of('A'.repeat(22) + '-_b9').value).toHaveLength(26);
    expect(VERIFICATION_TOKEN_MIN_LENGTH).toBe(Math.ceil(128 / 6));
  });

  it.each([
    ['', 'REQUIRED'],
    ['A'.repeat(21), 'TOO_SHORT'],
    ['A'.repeat(129), 'TOO_LONG'],
    ['A'.repeat(21) + '=', 'INVALID_FORMAT'],
    ['A'.repeat(21) + '+', 'INVALID_FORMAT'],
    ['A'.repeat(21) + '/', 'INVALID_FORMAT'],
    [42, 'TOO_SHORT'],
  ])('refuses %j (%s)', (value, constraint) => {
    expect(() => VerificationToken.of(value)).toThrow(
      expect.objectContaining({
        code: 'PERMIT.INVALID_VERIFICATION_TOKEN',
        status: 422,
        params: expect.objectContaining({ constraint }),
      }),
    );
  });

  it('never prints itself: string and JSON forms are redacted', () => {
    const value = aVerificationToken();
    const token = VerificationToken.of(value);
    expect(`${token}`).toBe('[VerificationToken]');
    expect(JSON.stringify({ token })).not.toContain(value);
    expect(token.equals(VerificationToken.of(value))).toBe(true);
  });
});
