import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { endpointsFromEnv, freePort } from '@frontera/platform-testing';

const workspace = join(__dirname, '../../../..');
const fixture = 'libs/platform/config/test/fixtures/tiny-service.main.ts';

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the fixture service as its own process with exactly `env` (plus PATH and HOME). */
function boot(env: Record<string, string>): Promise<Outcome> {
  const inherited = Object.fromEntries(
    ['PATH', 'HOME'].flatMap((name) =>
      process.env[name] === undefined ? [] : [[name, process.env[name] as string]],
    ),
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['tools/scripts/run-ts.cjs', fixture],
      { cwd: workspace, env: { ...inherited, ...env }, timeout: 45_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('a service with a bad environment refuses to start', () => {
  const { kafkaBrokers, mongodbUri, redisUrl } = endpointsFromEnv();
  const publicKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString();
  const production = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    KAFKA_BROKERS: kafkaBrokers.join(','),
    MONGODB_URI: mongodbUri,
    REDIS_URL: redisUrl,
    AUTH_ISSUER: 'https://id.example.test',
    AUTH_AUDIENCE: 'frontera-api',
    AUTH_PUBLIC_KEY: publicKey,
    PII_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
    PII_HASH_KEY: Buffer.alloc(32, 2).toString('base64'),
  };

  it('exits with code 1 and a message naming every bad variable, before listening', async () => {
    const { MONGODB_URI: _missing, ...withoutMongo } = production;
    const outcome = await boot({ ...withoutMongo, PORT: 'abc' });
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).not.toContain('listening');
    expect(outcome.stderr).toMatch(/^tiny-service: invalid environment \(2 problems, NODE_ENV=production\):/);
    expect(outcome.stderr).toMatch(/^ {2}- PORT: must be an integer number/m);
    expect(outcome.stderr).toMatch(/^ {2}- MONGODB_URI: is required but not set/m);
    expect(outcome.stderr).not.toContain(production.PII_HASH_KEY);
  });

  it('starts and serves with a good environment (so the refusal above is the environment’s doing)', async () => {
    const port = await freePort();
    const outcome = await boot({ ...production, PORT: String(port) });
    expect(outcome.stderr).toBe('');
    expect(outcome.stdout).toContain(`tiny-service listening on 127.0.0.1:${port}, ping 200`);
    expect(outcome.code).toBe(0);
  });
});
