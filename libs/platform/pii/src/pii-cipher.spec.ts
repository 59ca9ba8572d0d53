import { randomBytes } from 'node:crypto';
import { maskValue, PiiCipher, PiiDecryptionError } from './pii-cipher';

const keys = () => ({ encryptionKey: randomBytes(32), hashKey: randomBytes(32) });

describe('PiiCipher', () => {
  it('round-trips a value and never stores the plaintext', () => {
    const cipher = new PiiCipher(keys());
    const stored = cipher.encrypt('+502 5555 1234', 'contact.phone');
    expect(stored).not.toContain('5555');
    expect(stored).toMatch(/^v1\.k1\./);
    expect(cipher.decrypt(stored, 'contact.phone')).toBe('+502 5555 1234');
  });

  it('gives a different ciphertext each time (random IV)', () => {
    const cipher = new PiiCipher(keys());
    expect(cipher.encrypt('G1234567', 'document')).not.toBe(cipher.encrypt('G1234567', 'document'));
  });

  it('refuses a value moved to another field, a tampered value and a wrong key', () => {
    const k = keys();
    const cipher = new PiiCipher(k);
    const stored = cipher.encrypt('ana@example.org', 'contact.email');
    expect(() => cipher.decrypt(stored, 'contact.phone')).toThrow(PiiDecryptionError);
    const parts = stored.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), 'contact.email')).toThrow(PiiDecryptionError);
    const other = new PiiCipher({ ...keys() });
    expect(() => other.decrypt(stored, 'contact.email')).toThrow(/authentication failed/);
  });

  it('decrypts values of a previous key after rotation and says they need re-encryption', () => {
    const old = keys();
    const before = new PiiCipher({ ...old, keyId: 'k1' });
    const stored = before.encrypt('1990-05-04', 'dateOfBirth');
    const after = new PiiCipher({
      encryptionKey: randomBytes(32),
      keyId: 'k2',
      previousKeys: { k1: old.encryptionKey },
      hashKey: old.hashKey,
    });
    expect(after.decrypt(stored, 'dateOfBirth')).toBe('1990-05-04');
    expect(after.needsReencryption(stored)).toBe(true);
    expect(after.needsReencryption(after.encrypt('x', 'dateOfBirth'))).toBe(false);
  });

  it('computes a stable blind index separated by purpose', () => {
    const k = keys();
    const a = new PiiCipher(k);
    const b = new PiiCipher(k);
    expect(a.blindIndex('G1234567', 'document')).toBe(b.blindIndex('G1234567', 'document'));
    expect(a.blindIndex('G1234567', 'document')).not.toBe(a.blindIndex('G1234567', 'phone'));
    expect(PiiCipher.sameIndex(a.blindIndex('x', 'p'), b.blindIndex('x', 'p'))).toBe(true);
    expect(new PiiCipher(keys()).blindIndex('G1234567', 'document')).not.toBe(
      a.blindIndex('G1234567', 'document'),
    );
  });

  it('refuses keys of the wrong size or equal keys', () => {
    const key = randomBytes(32);
    expect(() => new PiiCipher({ encryptionKey: randomBytes(16), hashKey: key })).toThrow(/32 bytes/);
    expect(() => new PiiCipher({ encryptionKey: key, hashKey: key })).toThrow(/must differ/);
  });
});

describe('maskValue', () => {
  it('keeps only the last characters', () => {
    expect(maskValue('G1234567')).toBe('•••••567');
    expect(maskValue('ab')).toBe('••');
  });
});
