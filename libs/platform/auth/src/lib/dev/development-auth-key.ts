import { createPublicKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { devKeyDirectory, loadOrCreateDevKey } from './dev-keys';

export interface DevelopmentAuthKey {
  readonly publicKeyPem: string;
  readonly keyFile?: string;
}

const unset = (env: NodeJS.ProcessEnv, name: string) => (env[name] ?? '').trim() === '';

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
export function developmentAuthKey(env: NodeJS.ProcessEnv): DevelopmentAuthKey | undefined {
  if (env['NODE_ENV'] !== 'development' || !unset(env, 'AUTH_PUBLIC_KEY') || !unset(env, 'AUTH_JWKS_URL')) {
    return undefined;
  }
  const key = loadOrCreateDevKey(devKeyDirectory(env));
  const publicKeyPem = createPublicKey(key.privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
  return { publicKeyPem, keyFile: existsSync(key.path) ? key.path : undefined };
}

/** AUTH_PUBLIC_KEY's computed development default (`@DevDefaults` of a service's config). */
export const developmentAuthPublicKey = (env: NodeJS.ProcessEnv): string | undefined =>
  developmentAuthKey(env)?.publicKeyPem;
