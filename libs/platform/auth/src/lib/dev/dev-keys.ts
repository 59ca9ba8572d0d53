import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the development signing key lives: ${FRONTERA_CACHE_DIR:-~/.cache/frontera}/dev-auth. */
export function devKeyDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env['FRONTERA_CACHE_DIR']?.trim() || join(homedir(), '.cache', 'frontera');
  return join(cache, 'dev-auth');
}

/**
 * Why development tokens may not be minted here, or undefined when they may:
 * only with FRONTERA_DEV_TOKENS=enabled and NODE_ENV other than production.
 */
export function devTokenRefusal(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env['NODE_ENV'] === 'production') {
    return 'development tokens are refused when NODE_ENV=production.';
  }
  if (env['FRONTERA_DEV_TOKENS'] !== 'enabled') {
    return (
      'development tokens are off. They are for local runs only: set FRONTERA_DEV_TOKENS=enabled ' +
      '(and never NODE_ENV=production) to mint one.'
    );
  }
  return undefined;
}

export interface DevKey {
  readonly privateKeyPem: string;
  readonly path: string;
  readonly created: boolean;
}

/**
 * The development RSA private key of `directory`, created on first use with
 * mode 600 (directory 700). Concurrent first uses agree on one key.
 */
export function loadOrCreateDevKey(directory: string): DevKey {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const path = join(directory, 'signing-key.pem');
  let created = false;
  if (!existsSync(path)) {
    try {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { flag: 'wx', mode: 0o600 });
      created = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return { privateKeyPem: readFileSync(path, 'utf8'), path, created };
}
