import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@frontera/platform-config';
import { developmentAuthKey } from '@frontera/platform-auth';
import { eligibleStatesOf, EmployersConfig } from './employers.config';

const test = {
  NODE_ENV: 'test',
  AUTH_PUBLIC_KEY: undefined,
  AUTH_JWKS_URL: 'https://id.example.gob.mx/jwks.json',
};

describe('EmployersConfig', () => {
  it('defaults the eligible states to the TVTF program’s and names its own development database', () => {
    const config = loadConfig(EmployersConfig, test);
    expect(eligibleStatesOf(config)).toEqual(['CHP', 'CAM', 'TAB', 'ROO']);
    expect(config.MONGODB_URI).toBe('mongodb://127.0.0.1:17017/employers');
    expect(config).toMatchObject({
      LOCK_TTL_MS: 10_000,
      LOCK_WAIT_MS: 5_000,
      CONSUMER_MAX_ATTEMPTS: 5,
      KAFKA_CONSUMER_GROUP_PREFIX: 'employers',
    });
  });

  it('refuses unknown states and bad tuning values, listing every problem', () => {
    try {
      loadConfig(EmployersConfig, {
        ...test,
        ELIGIBLE_STATES: 'CHP,XXX',
        LOCK_WAIT_MS: 'soon',
        CONSUMER_MAX_ATTEMPTS: '0',
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual([
        'CONSUMER_MAX_ATTEMPTS',
        'ELIGIBLE_STATES',
        'LOCK_WAIT_MS',
      ]);
    }
  });
});

describe('development auth key', () => {
  const cache = () => mkdtempSync(join(tmpdir(), 'frontera-dev-'));

  it('in development without a key: trusts the development token issuer’s key (creating it)', () => {
    const env = { NODE_ENV: 'development', FRONTERA_CACHE_DIR: cache() };
    const key = developmentAuthKey(env);
    expect(key?.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(key?.keyFile).toMatch(/dev-auth\/signing-key\.pem$/);
    // …as EmployersConfig's computed development default of AUTH_PUBLIC_KEY.
    expect(loadConfig(EmployersConfig, env).AUTH_PUBLIC_KEY).toBe(key?.publicKeyPem.trim());
  });

  it.each([
    ['test', { NODE_ENV: 'test' }],
    ['production', { NODE_ENV: 'production' }],
    ['unset NODE_ENV', {}],
    ['an explicit key', { NODE_ENV: 'development', AUTH_PUBLIC_KEY: 'set' }],
    ['a JWKS URL', { NODE_ENV: 'development', AUTH_JWKS_URL: 'https://id/jwks' }],
  ])('does nothing with %s', (_case, env) => {
    expect(developmentAuthKey({ ...env, FRONTERA_CACHE_DIR: cache() })).toBeUndefined();
  });

  it('leaves AUTH_PUBLIC_KEY unset in test (tests trust their own issuer)', () => {
    const config = loadConfig(EmployersConfig, { ...test, FRONTERA_CACHE_DIR: cache() });
    expect(config.AUTH_PUBLIC_KEY).toBeUndefined();
  });
});
