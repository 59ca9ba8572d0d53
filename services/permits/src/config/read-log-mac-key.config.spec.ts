import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '@frontera/platform-config';
import { PermitsConfig } from './permits.config';

const publicKeyPem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();
const key = () => randomBytes(32).toString('base64');

/** A production environment of the permits service; tests change one thing at a time. */
function productionEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'production',
    PORT: '8080',
    KAFKA_BROKERS: 'kafka:9092',
    MONGODB_URI: 'mongodb://db:27017/permits',
    REDIS_URL: 'redis://redis:6379',
    AUTH_ISSUER: 'https://id.example.gob.mx',
    AUTH_AUDIENCE: 'frontera-api',
    AUTH_PUBLIC_KEY: publicKeyPem,
    PII_ENCRYPTION_KEY: key(),
    PII_HASH_KEY: key(),
    MINIMUM_DAILY_WAGE_MXN: '278.80',
    PUBLIC_BASE_URL: 'https://verifica.example.mx',
    READ_LOG_MAC_KEY: key(),
    ...overrides,
  };
}

function problemsOf(env: NodeJS.ProcessEnv): { variable: string; problem: string }[] {
  try {
    loadConfig(PermitsConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('READ_LOG_MAC_KEY (the personal-data read log’s HMAC key)', () => {
  it('Given a key of its own, Then production boots', () => {
    expect(problemsOf(productionEnv())).toEqual([]);
  });

  it('Given none in production, Then boot is refused naming it', () => {
    const env = productionEnv();
    delete env['READ_LOG_MAC_KEY'];
    expect(problemsOf(env).map((p) => p.variable)).toContain('READ_LOG_MAC_KEY');
  });

  it('Given the development key in production, Then boot is refused', () => {
    const dev = loadConfig(PermitsConfig, { NODE_ENV: 'development', AUTH_PUBLIC_KEY: publicKeyPem });
    const problems = problemsOf(productionEnv({ READ_LOG_MAC_KEY: dev.READ_LOG_MAC_KEY }));
    expect(problems).toEqual([
      { variable: 'READ_LOG_MAC_KEY', problem: 'the development key is not accepted in production' },
    ]);
  });

  it('Given one of the PII keys, Then boot is refused (auditors holding it could not be kept from the data)', () => {
    const env = productionEnv();
    const problems = problemsOf({ ...env, READ_LOG_MAC_KEY: String(env['PII_HASH_KEY']) });
    expect(problems).toEqual([
      { variable: 'READ_LOG_MAC_KEY', problem: 'must differ from PII_ENCRYPTION_KEY and PII_HASH_KEY' },
    ]);
  });

  it('Given a key that is not 32 bytes, Then boot is refused', () => {
    const problems = problemsOf(productionEnv({ READ_LOG_MAC_KEY: randomBytes(16).toString('base64') }));
    expect(problems.map((p) => p.variable)).toEqual(['READ_LOG_MAC_KEY']);
  });
});
