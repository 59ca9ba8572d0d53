import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Personal data at rest: document numbers, contact data and dates of birth are
 * stored encrypted (AES-256-GCM, random 96-bit IV, authenticated with the
 * record's field name as additional data, so a ciphertext copied into another
 * field does not decrypt) and looked up through a keyed hash (HMAC-SHA-256
 * "blind index") that reveals nothing without the hash key.
 *
 * Stored form: "v1.<keyId>.<iv b64url>.<tag b64url>.<ciphertext b64url>".
 * The key id lets keys rotate: decryption picks the key named in the value.
 */
export interface PiiKeys {
  /** Current encryption key: 32 bytes. */
  readonly encryptionKey: Buffer;
  /** Short id of the current key, stored with each value (e.g. "k1"). */
  readonly keyId?: string;
  /** Older keys still able to decrypt, by id. */
  readonly previousKeys?: Readonly<Record<string, Buffer>>;
  /** Key of the blind index: 32 bytes, different from the encryption key. */
  readonly hashKey: Buffer;
}

export class PiiDecryptionError extends Error {
  constructor(reason: string) {
    super(`personal data could not be decrypted: ${reason}`);
    this.name = 'PiiDecryptionError';
  }
}

const VERSION = 'v1';

export class PiiCipher {
  private readonly keyId: string;
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(private readonly config: PiiKeys) {
    this.keyId = config.keyId ?? 'k1';
    if (config.encryptionKey.length !== 32) throw new Error('PII encryption key must be 32 bytes');
    if (config.hashKey.length !== 32) throw new Error('PII hash key must be 32 bytes');
    if (config.encryptionKey.equals(config.hashKey)) {
      throw new Error('PII encryption and hash keys must differ');
    }
    if (!/^[A-Za-z0-9_-]{1,16}$/.test(this.keyId))
      throw new Error('PII key id must be 1-16 url-safe characters');
    this.keys = new Map([...Object.entries(config.previousKeys ?? {}), [this.keyId, config.encryptionKey]]);
  }

  /** Builds a cipher from base64 keys as they come from the environment. */
  static fromBase64(encryptionKey: string, hashKey: string, keyId?: string): PiiCipher {
    return new PiiCipher({
      encryptionKey: Buffer.from(encryptionKey, 'base64'),
      hashKey: Buffer.from(hashKey, 'base64'),
      keyId,
    });
  }

  /** Encrypts `plaintext`, bound to `field` (e.g. "contact.phone"). */
  encrypt(plaintext: string, field: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.config.encryptionKey, iv);
    cipher.setAAD(Buffer.from(field, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.keyId, b64(iv), b64(cipher.getAuthTag()), b64(body)].join('.');
  }

  decrypt(stored: string, field: string): string {
    const parts = stored.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new PiiDecryptionError('unknown format');
    const [, keyId, iv, tag, body] = parts;
    const key = this.keys.get(keyId);
    if (!key) throw new PiiDecryptionError(`unknown key id "${keyId}"`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(field, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new PiiDecryptionError('authentication failed (wrong key, field or tampered value)');
    }
  }

  /** Whether a stored value was written with a key other than the current one (re-encrypt it). */
  needsReencryption(stored: string): boolean {
    return stored.split('.')[1] !== this.keyId;
  }

  /**
   * Keyed hash for equality lookups (unique indexes, duplicate detection).
   * `purpose` separates indexes so equal values in different fields do not match.
   * Normalise the value before hashing (case, spaces) as the lookup requires.
   */
  blindIndex(value: string, purpose: string): string {
    return createHmac('sha256', this.config.hashKey)
      .update(purpose)
      .update('\u0000')
      .update(value)
      .digest('base64url');
  }

  /** Constant-time comparison of two blind indexes. */
  static sameIndex(a: string, b: string): boolean {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  }
}

function b64(buffer: Buffer): string {
  return buffer.toString('base64url');
}

/** Shows the last `visible` characters only, e.g. "•••••789" for a document number. */
export function maskValue(value: string, visible = 3): string {
  if (value.length <= visible) return '•'.repeat(value.length);
  return '•'.repeat(value.length - visible) + value.slice(-visible);
}
