import { createPublicKey } from 'node:crypto';
import { registerDecorator, type ValidationOptions } from 'class-validator';

function simple(
  name: string,
  message: string,
  test: (value: unknown) => boolean,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: property as string,
      options: { message: `$property ${message}`, ...options },
      validator: { validate: test },
    });
}

/** Exactly `bytes` bytes in canonical base64 (`openssl rand -base64 32`). */
export function IsBase64Key(bytes: number, options?: ValidationOptions): PropertyDecorator {
  return simple(
    'isBase64Key',
    `must be base64 encoding exactly ${bytes} random bytes (generate one with: openssl rand -base64 ${bytes})`,
    (value) =>
      typeof value === 'string' &&
      /^[A-Za-z0-9+/]+={0,2}$/.test(value) &&
      Buffer.from(value, 'base64').length === bytes &&
      Buffer.from(value, 'base64').toString('base64') === value,
    options,
  );
}

/** A PEM "PUBLIC KEY" (SPKI) holding an RSA (≥ 2048 bits) or EC P-256 key. */
export function IsSpkiPublicKey(options?: ValidationOptions): PropertyDecorator {
  return simple(
    'isSpkiPublicKey',
    'must be a PEM public key (-----BEGIN PUBLIC KEY-----, SPKI) of type RSA ≥ 2048 bits or EC P-256',
    (value) => {
      if (typeof value !== 'string' || !value.includes('-----BEGIN PUBLIC KEY-----')) return false;
      try {
        const key = createPublicKey({ key: value, format: 'pem' });
        const details = key.asymmetricKeyDetails ?? {};
        if (key.asymmetricKeyType === 'rsa') return (details.modulusLength ?? 0) >= 2048;
        return key.asymmetricKeyType === 'ec' && details.namedCurve === 'prime256v1';
      } catch {
        return false;
      }
    },
    options,
  );
}

/** `host:port[,host:port…]`. */
export function IsHostPortList(options?: ValidationOptions): PropertyDecorator {
  return simple(
    'isHostPortList',
    'must be a comma-separated list of host:port (e.g. 127.0.0.1:19092)',
    (value) =>
      typeof value === 'string' &&
      value
        .split(',')
        .map((entry) => entry.trim())
        .every((entry) => /^[^\s:/]+:\d{1,5}$/.test(entry) && Number(entry.split(':')[1]) <= 65535),
    options,
  );
}

/** A size the body parser understands: `512b`, `100kb`, `1mb`. */
export function IsByteSize(options?: ValidationOptions): PropertyDecorator {
  return simple(
    'isByteSize',
    'must be a size such as 512b, 100kb or 1mb',
    (value) => typeof value === 'string' && /^\d{1,9}(b|kb|mb)$/i.test(value),
    options,
  );
}

/** A URL whose scheme is one of `schemes` and that has a host. */
export function IsUrlWithScheme(schemes: readonly string[], options?: ValidationOptions): PropertyDecorator {
  return simple(
    'isUrlWithScheme',
    `must be a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}`,
    (value) => {
      if (typeof value !== 'string') return false;
      try {
        const url = new URL(value);
        return schemes.includes(url.protocol.replace(/:$/, '')) && url.host.length > 0;
      } catch {
        return false;
      }
    },
    options,
  );
}
