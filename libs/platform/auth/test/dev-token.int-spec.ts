import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_AUTH_AUDIENCE, DEV_AUTH_ISSUER } from '@frontera/platform-config';
import { TokenVerifier } from '../src';

const workspace = join(__dirname, '../../../..');

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function devToken(args: string[], env: Record<string, string>): Promise<Outcome> {
  const inherited = Object.fromEntries(
    ['PATH', 'HOME'].flatMap((name) =>
      process.env[name] === undefined ? [] : [[name, process.env[name] as string]],
    ),
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['tools/scripts/run-ts.cjs', 'tools/scripts/dev-token.ts', ...args],
      { cwd: workspace, env: { ...inherited, ...env }, timeout: 45_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

describe('tools/scripts/dev-token.ts', () => {
  let cache: string;
  beforeAll(() => {
    cache = mkdtempSync(join(tmpdir(), 'frontera-dev-token-'));
  });
  afterAll(() => rmSync(cache, { recursive: true, force: true }));

  it.each([
    ['FRONTERA_DEV_TOKENS unset', {}],
    ['FRONTERA_DEV_TOKENS not "enabled"', { FRONTERA_DEV_TOKENS: 'yes' }],
    ['NODE_ENV=production', { FRONTERA_DEV_TOKENS: 'enabled', NODE_ENV: 'production' }],
  ])('refuses with exit 2 when %s, and creates no key', async (_case, env) => {
    const outcome = await devToken(['--role', 'officer', '--states', 'CHP'], {
      FRONTERA_CACHE_DIR: cache,
      ...env,
    });
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toMatch(/^dev-token: development tokens are (off|refused)/);
    expect(() => statSync(join(cache, 'dev-auth'))).toThrow();
  });

  it('mints a token the services verify with the printed public key; the key is created once, mode 600', async () => {
    const env = { FRONTERA_CACHE_DIR: cache, FRONTERA_DEV_TOKENS: 'enabled', NODE_ENV: 'development' };
    const minted = await devToken(['--role', 'officer', '--states', 'CHP,CAM', '--ttl', '1h'], env);
    expect(minted.stderr).toContain('created the development signing key');
    expect(minted.code).toBe(0);
    const key = join(cache, 'dev-auth', 'signing-key.pem');
    expect(statSync(key).mode & 0o777).toBe(0o600);

    const printed = await devToken(['--print-public-key'], env);
    expect(printed.code).toBe(0);
    expect(printed.stderr).toBe('');
    expect(printed.stdout).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/);

    const verifier = await TokenVerifier.create({
      issuer: DEV_AUTH_ISSUER,
      audience: DEV_AUTH_AUDIENCE,
      publicKeyPem: printed.stdout,
    });
    await expect(verifier.verify(minted.stdout.trim())).resolves.toEqual({
      subject: 'dev-officer',
      role: 'officer',
      states: ['CHP', 'CAM'],
    });
  });

  it('refuses (exit 2) claims a service would refuse, and bad options', async () => {
    const env = { FRONTERA_CACHE_DIR: cache, FRONTERA_DEV_TOKENS: 'enabled' };
    const employer = await devToken(['--role', 'employer'], env);
    expect(employer.code).toBe(2);
    expect(employer.stderr).toContain('employerId is required for role employer');
    const ttl = await devToken(['--role', 'officer', '--states', 'CHP', '--ttl', '30d'], env);
    expect(ttl.code).toBe(2);
    expect(ttl.stderr).toContain('--ttl must be between 1s and 24h');
    const unknown = await devToken(['--role', 'officer', '--admin'], env);
    expect(unknown.code).toBe(2);
  });
});
