import { generateKeyPairSync } from 'node:crypto';
import { ConfigError } from './config.error';
import { loadConfig } from './load-config';
import { clockOffsetMs, ServiceConfig } from './service.config';

const publicKeyPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();

function problemsOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('CLOCK_OFFSET (development and test only)', () => {
  it('reads days, hours, minutes and seconds, ahead or behind; unset is the real time', () => {
    expect(clockOffsetMs({})).toBe(0);
    expect(clockOffsetMs({ CLOCK_OFFSET: '0' })).toBe(0);
    expect(clockOffsetMs({ CLOCK_OFFSET: '3d' })).toBe(3 * 86_400_000);
    expect(clockOffsetMs({ CLOCK_OFFSET: '+12h' })).toBe(12 * 3_600_000);
    expect(clockOffsetMs({ CLOCK_OFFSET: '-30m' })).toBe(-30 * 60_000);
    expect(clockOffsetMs({ CLOCK_OFFSET: '90s' })).toBe(90_000);
  });

  it('is accepted in development and tests', () => {
    const config = loadConfig(ServiceConfig, {
      NODE_ENV: 'test',
      AUTH_PUBLIC_KEY: publicKeyPem,
      CLOCK_OFFSET: '3d',
    });
    expect(clockOffsetMs(config)).toBe(3 * 86_400_000);
  });

  it('refuses what is not a duration, naming the variable', () => {
    for (const bad of ['3', '3w', '1.5d', 'tomorrow', '99999d']) {
      const error = problemsOf(() =>
        loadConfig(ServiceConfig, { NODE_ENV: 'test', AUTH_PUBLIC_KEY: publicKeyPem, CLOCK_OFFSET: bad }),
      );
      expect(error.problems.map((p) => p.variable)).toEqual(['CLOCK_OFFSET']);
    }
  });

  it('is refused in production', () => {
    const error = problemsOf(() =>
      loadConfig(ServiceConfig, {
        NODE_ENV: 'production',
        PORT: '3000',
        KAFKA_BROKERS: 'kafka:9092',
        MONGODB_URI: 'mongodb://db:27017/x',
        REDIS_URL: 'redis://redis:6379',
        AUTH_ISSUER: 'https://id.example',
        AUTH_AUDIENCE: 'frontera-api',
        AUTH_PUBLIC_KEY: publicKeyPem,
        PII_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
        PII_HASH_KEY: Buffer.alloc(32, 2).toString('base64'),
        CLOCK_OFFSET: '1d',
      }),
    );
    expect(error.problems).toEqual([
      { variable: 'CLOCK_OFFSET', problem: expect.stringMatching(/development and tests only/) },
    ]);
  });
});
