import { existsSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import { devKeyDirectory, loadOrCreateDevKey } from '@frontera/platform-auth';

/**
 * In development only (NODE_ENV=development) and only when neither AUTH_PUBLIC_KEY nor
 * AUTH_JWKS_URL is set: the public key of the development token issuer
 * (tools/scripts/dev-token.ts, key in ${FRONTERA_CACHE_DIR:-~/.cache/frontera}/dev-auth), so
 * `scripts/dev.sh` needs no key set-up and dev tokens work at once. The key is created if it
 * does not exist yet, so the service and the token CLI always agree.
 *
 * Never in test or production: there the variable must be set explicitly (tests trust their own
 * TestTokenIssuer; production its identity provider).
 */
export function developmentAuthEnv(env: NodeJS.ProcessEnv): {
  env: NodeJS.ProcessEnv;
  keyFile?: string;
} {
  const unset = (name: string) => (env[name] ?? '').trim() === '';
  if (env['NODE_ENV'] !== 'development' || !unset('AUTH_PUBLIC_KEY') || !unset('AUTH_JWKS_URL')) {
    return { env };
  }
  const directory = devKeyDirectory(env);
  const key = loadOrCreateDevKey(directory);
  const publicKeyPem = createPublicKey(key.privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
  return {
    env: { ...env, AUTH_PUBLIC_KEY: publicKeyPem },
    keyFile: existsSync(key.path) ? key.path : undefined,
  };
}
