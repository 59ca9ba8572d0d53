import { generateKeyPairSync } from 'node:crypto';
import { IsInt, IsString, Min } from 'class-validator';
import { bootConfig } from './boot-config';
import { ConfigError } from './config.error';
import { configMarkdownTable, describeConfig } from './describe-config';
import { DevDefault, DevDefaults, EnvVar } from './env-var.decorators';
import { loadConfig } from './load-config';
import { DEV_AUTH_ISSUER, ServiceConfig } from './service.config';

const publicKeyPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();

const key = (fill: string) => Buffer.alloc(32, fill).toString('base64');

/** A complete production environment; tests break one thing at a time. */
function productionEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'production',
    PORT: '8080',
    KAFKA_BROKERS: 'kafka-1:9092,kafka-2:9092',
    MONGODB_URI: 'mongodb://app:s3cr3t-mongo-pass@db:27017/employers',
    REDIS_URL: 'redis://redis:6379',
    AUTH_ISSUER: 'https://id.example.gob.mx',
    AUTH_AUDIENCE: 'frontera-api',
    AUTH_PUBLIC_KEY: publicKeyPem,
    PII_ENCRYPTION_KEY: key('e'),
    PII_HASH_KEY: key('h'),
    ...overrides,
  };
}

function problemsOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig(ServiceConfig)', () => {
  it('returns a typed, frozen configuration from a complete production environment', () => {
    const config = loadConfig(ServiceConfig, productionEnv());
    expect(config.PORT).toBe(8080);
    expect(config.MONGODB_MAX_POOL_SIZE).toBe(10);
    expect(config.HTTP_BODY_LIMIT).toBe('100kb');
    expect(config.HOST).toBe('0.0.0.0');
    expect(config.HTTP_TRUST_PROXY).toBe(0);
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { PORT: number }).PORT = 1;
    }).toThrow(TypeError);
  });

  it('lists every problem in one message, naming each variable and what it expects', () => {
    const error = problemsOf(() =>
      loadConfig(
        ServiceConfig,
        productionEnv({
          MONGODB_URI: undefined,
          PORT: 'abc',
          KAFKA_BROKERS: 'kafka-1',
          MONGODB_MAX_POOL_SIZE: '50',
        }),
      ),
    );
    expect(error.problems.map((p) => p.variable)).toEqual([
      'PORT',
      'KAFKA_BROKERS',
      'MONGODB_URI',
      'MONGODB_MAX_POOL_SIZE',
    ]);
    expect(error.message).toMatch(/invalid environment \(4 problems, NODE_ENV=production\)/);
    expect(error.message).toMatch(/PORT: must be an integer number/);
    expect(error.message).toMatch(/MONGODB_URI: is required but not set.*e\.g\. mongodb:\/\//);
    expect(error.message).toMatch(/KAFKA_BROKERS: must be a comma-separated list of host:port/);
    expect(error.message).toMatch(/MONGODB_MAX_POOL_SIZE: must not be greater than 10/);
  });

  it('treats empty values as missing', () => {
    const error = problemsOf(() => loadConfig(ServiceConfig, productionEnv({ REDIS_URL: '  ' })));
    expect(error.problems).toEqual([
      { variable: 'REDIS_URL', problem: expect.stringMatching(/^is required/) },
    ]);
  });

  it('never echoes values, secret or not', () => {
    const env = productionEnv({
      PII_ENCRYPTION_KEY: 'bm90LWEtdmFsaWQta2V5LXZhbHVl',
      MONGODB_URI: 'postgres://app:s3cr3t-mongo-pass@db/x',
      PORT: 'port-value-xyz',
    });
    const error = problemsOf(() => loadConfig(ServiceConfig, env));
    expect(error.problems.map((p) => p.variable)).toEqual(['PORT', 'MONGODB_URI', 'PII_ENCRYPTION_KEY']);
    for (const value of ['bm90LWEtdmFsaWQta2V5LXZhbHVl', 's3cr3t-mongo-pass', 'port-value-xyz']) {
      expect(error.message).not.toContain(value);
    }
  });

  it('applies development defaults in development and test only', () => {
    for (const nodeEnv of ['development', 'test']) {
      const config = loadConfig(ServiceConfig, { NODE_ENV: nodeEnv, AUTH_PUBLIC_KEY: publicKeyPem });
      expect(config.PORT).toBe(3000);
      expect(config.HOST).toBe('127.0.0.1');
      expect(config.MONGODB_URI).toBe('mongodb://127.0.0.1:17017/frontera');
      expect(config.AUTH_ISSUER).toBe(DEV_AUTH_ISSUER);
    }
  });

  it('applies no development default in production, nor when NODE_ENV is unset or unknown', () => {
    const devOnly = ['PORT', 'KAFKA_BROKERS', 'MONGODB_URI', 'REDIS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE'];
    const devOnlySecrets = ['PII_ENCRYPTION_KEY', 'PII_HASH_KEY'];
    for (const nodeEnv of ['production', undefined, 'staging']) {
      const error = problemsOf(() =>
        loadConfig(ServiceConfig, { NODE_ENV: nodeEnv, AUTH_PUBLIC_KEY: publicKeyPem }),
      );
      const variables = error.problems.map((p) => p.variable);
      expect(variables).toEqual(expect.arrayContaining([...devOnly, ...devOnlySecrets]));
      expect(error.message).toMatch(/has a default only when NODE_ENV is development or test/);
    }
    const unset = problemsOf(() => loadConfig(ServiceConfig, { AUTH_PUBLIC_KEY: publicKeyPem }));
    expect(unset.message).toMatch(/NODE_ENV is not set, so it counts as production/);
    const unknown = problemsOf(() => loadConfig(ServiceConfig, { NODE_ENV: 'staging' }));
    expect(unknown.problems[0]).toEqual({
      variable: 'NODE_ENV',
      problem: expect.stringMatching(/must be one of the following values: development, test, production/),
    });
  });

  it('refuses the development keys and issuer in production even when set explicitly', () => {
    const dev = loadConfig(ServiceConfig, { NODE_ENV: 'development', AUTH_PUBLIC_KEY: publicKeyPem });
    const error = problemsOf(() =>
      loadConfig(
        ServiceConfig,
        productionEnv({
          PII_ENCRYPTION_KEY: dev.PII_ENCRYPTION_KEY,
          PII_HASH_KEY: dev.PII_HASH_KEY,
          AUTH_ISSUER: dev.AUTH_ISSUER,
        }),
      ),
    );
    expect(error.problems.map((p) => p.variable)).toEqual([
      'AUTH_ISSUER',
      'PII_ENCRYPTION_KEY',
      'PII_HASH_KEY',
    ]);
  });

  it('requires exactly one of AUTH_JWKS_URL and AUTH_PUBLIC_KEY, https in production', () => {
    const neither = problemsOf(() =>
      loadConfig(ServiceConfig, productionEnv({ AUTH_PUBLIC_KEY: undefined })),
    );
    expect(neither.problems).toEqual([
      { variable: 'AUTH_JWKS_URL / AUTH_PUBLIC_KEY', problem: 'exactly one must be set, found neither' },
    ]);
    const both = problemsOf(() =>
      loadConfig(ServiceConfig, productionEnv({ AUTH_JWKS_URL: 'https://id.example/jwks.json' })),
    );
    expect(both.problems[0].problem).toMatch(/found both/);
    const http = problemsOf(() =>
      loadConfig(
        ServiceConfig,
        productionEnv({ AUTH_PUBLIC_KEY: undefined, AUTH_JWKS_URL: 'http://id.example/jwks' }),
      ),
    );
    expect(http.problems).toEqual([{ variable: 'AUTH_JWKS_URL', problem: 'must use https in production' }]);
    const jwks = loadConfig(
      ServiceConfig,
      productionEnv({ AUTH_PUBLIC_KEY: undefined, AUTH_JWKS_URL: 'https://id/jwks' }),
    );
    expect(jwks.AUTH_JWKS_URL).toBe('https://id/jwks');
  });

  it('accepts a PEM with escaped newlines and refuses what is not an SPKI public key', () => {
    const escaped = loadConfig(
      ServiceConfig,
      productionEnv({ AUTH_PUBLIC_KEY: publicKeyPem.replace(/\n/g, '\\n') }),
    );
    expect(escaped.AUTH_PUBLIC_KEY).toBe(publicKeyPem.trim());
    const error = problemsOf(() =>
      loadConfig(ServiceConfig, productionEnv({ AUTH_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nabc\n' })),
    );
    expect(error.problems.map((p) => p.variable)).toEqual(['AUTH_PUBLIC_KEY']);
  });

  it('refuses PII keys of the wrong length and equal encryption and hash keys', () => {
    const short = problemsOf(() =>
      loadConfig(ServiceConfig, productionEnv({ PII_HASH_KEY: Buffer.alloc(16).toString('base64') })),
    );
    expect(short.problems[0]).toEqual({
      variable: 'PII_HASH_KEY',
      problem: expect.stringMatching(/base64 encoding exactly 32 random bytes/),
    });
    const same = problemsOf(() => loadConfig(ServiceConfig, productionEnv({ PII_HASH_KEY: key('e') })));
    expect(same.problems).toEqual([
      { variable: 'PII_HASH_KEY', problem: 'must differ from PII_ENCRYPTION_KEY' },
    ]);
  });
});

@DevDefaults<EmployersTestConfig>({ MONGODB_URI: 'mongodb://127.0.0.1:17017/employers' })
class EmployersTestConfig extends ServiceConfig {
  @EnvVar({ description: 'days an employer stays pending before a reminder', type: 'integer' })
  @DevDefault('7')
  @IsInt()
  @Min(1)
  REMINDER_DAYS!: number;
}

describe('service configuration classes', () => {
  it('extend the base: own variables, and base variables with their own development default', () => {
    const config = loadConfig(EmployersTestConfig, { NODE_ENV: 'test', AUTH_PUBLIC_KEY: publicKeyPem });
    expect(config.REMINDER_DAYS).toBe(7);
    expect(config.MONGODB_URI).toBe('mongodb://127.0.0.1:17017/employers');
    expect(config.PORT).toBe(3000);
    const error = problemsOf(() => loadConfig(EmployersTestConfig, productionEnv({ REMINDER_DAYS: '0' })));
    expect(error.problems.map((p) => p.variable)).toEqual(['REMINDER_DAYS']);
  });

  it('are described for READMEs, secrets flagged, with both kinds of default', () => {
    const docs = describeConfig(EmployersTestConfig);
    const byName = new Map(docs.map((d) => [d.name, d]));
    expect(docs[0].name).toBe('NODE_ENV');
    expect(docs.at(-1)?.name).toBe('REMINDER_DAYS');
    expect(byName.get('MONGODB_URI')).toMatchObject({
      requiredInProduction: true,
      devDefault: 'mongodb://127.0.0.1:17017/employers',
      secret: true,
    });
    expect(byName.get('HTTP_BODY_LIMIT')).toMatchObject({
      requiredInProduction: false,
      defaultValue: '100kb',
    });
    expect(byName.get('AUTH_JWKS_URL')).toMatchObject({ requiredInProduction: false, secret: false });
    for (const doc of docs) expect(doc.description.length).toBeGreaterThan(10);
    expect(configMarkdownTable(EmployersTestConfig)).toMatch(
      /\| `PII_HASH_KEY` \| yes \|.*\*\*Secret\.\*\* \|/,
    );
  });
});

describe('computed development defaults', () => {
  const computeKey = jest.fn((env: NodeJS.ProcessEnv) =>
    env['AUTH_JWKS_URL'] ? undefined : publicKeyPem.replace(/\n/g, '\\n'),
  );

  @DevDefaults<OnlyKeyConfig>({ AUTH_PUBLIC_KEY: computeKey })
  class OnlyKeyConfig extends ServiceConfig {}

  class LocalFileConfig extends ServiceConfig {
    @EnvVar({ description: 'a value read from a local file in development' })
    @DevDefault(() => {
      throw new Error('no such file: ~/.cache/x');
    })
    @IsString()
    FROM_FILE!: string;
  }

  beforeEach(() => computeKey.mockClear());

  it('computes the default from the environment in development, never in production', () => {
    const config = loadConfig(OnlyKeyConfig, { NODE_ENV: 'development' });
    expect(config.AUTH_PUBLIC_KEY).toBe(publicKeyPem.trim());
    expect(computeKey).toHaveBeenCalledWith(expect.objectContaining({ NODE_ENV: 'development' }));

    computeKey.mockClear();
    const jwks = loadConfig(OnlyKeyConfig, { NODE_ENV: 'development', AUTH_JWKS_URL: 'https://id/jwks' });
    expect(jwks.AUTH_PUBLIC_KEY).toBeUndefined(); // the function chose none

    computeKey.mockClear();
    const production = problemsOf(() =>
      loadConfig(OnlyKeyConfig, productionEnv({ AUTH_PUBLIC_KEY: undefined })),
    );
    expect(computeKey).not.toHaveBeenCalled();
    expect(production.problems.map((p) => p.variable)).toEqual(['AUTH_JWKS_URL / AUTH_PUBLIC_KEY']);
  });

  it('an explicit value wins without computing anything', () => {
    loadConfig(OnlyKeyConfig, { NODE_ENV: 'test', AUTH_PUBLIC_KEY: publicKeyPem });
    expect(computeKey).not.toHaveBeenCalled();
  });

  it('a computation that fails is a problem of its variable', () => {
    const error = problemsOf(() =>
      loadConfig(LocalFileConfig, { NODE_ENV: 'test', AUTH_PUBLIC_KEY: publicKeyPem }),
    );
    expect(error.problems).toEqual([
      {
        variable: 'FROM_FILE',
        problem: 'its development default could not be computed: no such file: ~/.cache/x',
      },
    ]);
  });

  it('is documented as computed', () => {
    const doc = describeConfig(OnlyKeyConfig).find((d) => d.name === 'AUTH_PUBLIC_KEY');
    expect(doc?.devDefault).toBe('computed at boot');
  });
});

describe('bootConfig', () => {
  it('writes the message and exits with 1 on a bad environment', () => {
    const written: string[] = [];
    const exit = jest.fn((code: number): never => {
      throw new Error(`exit ${code}`);
    });
    expect(() =>
      bootConfig(ServiceConfig, { env: productionEnv({ PORT: 'abc' }), write: (t) => written.push(t), exit }),
    ).toThrow('exit 1');
    expect(exit).toHaveBeenCalledWith(1);
    expect(written.join('')).toMatch(/PORT: must be an integer number/);
  });

  it('returns the configuration on a good one', () => {
    const exit = jest.fn((): never => {
      throw new Error('unexpected exit');
    });
    expect(bootConfig(ServiceConfig, { env: productionEnv(), exit }).PORT).toBe(8080);
    expect(exit).not.toHaveBeenCalled();
  });
});
