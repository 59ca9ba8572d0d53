import { AppError } from '@frontera/shared-kernel';
import { aPrincipal } from '../../testing/principal.builder';
import { TestTokenIssuer } from '../../testing/token-issuer';
import { TokenVerifier, type JwtVerify, type TokenVerifierOptions } from './token-verifier';
import { VerifiedTokenCache } from './verified-token-cache';

const officer = aPrincipal('officer').inStates('CHP').build();
const supervisor = aPrincipal('supervisor').inStates('CHP').build();

/** A clock the test moves; starts at a fixed instant, whole seconds. */
class TestClock {
  ms = Date.UTC(2030, 0, 15, 12, 0, 0);
  readonly now = (): number => this.ms;
  get seconds(): number {
    return Math.floor(this.ms / 1000);
  }
  advanceSeconds(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

async function rejection(verifier: TokenVerifier, token: string): Promise<AppError> {
  try {
    await verifier.verify(token);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the token to be refused');
}

describe('TokenVerifier cache', () => {
  let issuer: TestTokenIssuer;
  let clock: TestClock;
  /** How many times jose verified a signature. */
  let joseCalls: number;
  /** When set, the next jose verification throws this (a failure that is not about the token). */
  let failNext: Error | undefined;

  const counting = (verify: JwtVerify): JwtVerify => {
    return (token, options) => {
      joseCalls += 1;
      if (failNext) {
        const failure = failNext;
        failNext = undefined;
        return Promise.reject(failure);
      }
      return verify(token, options);
    };
  };

  const verifierWith = (options: Partial<TokenVerifierOptions> = {}): Promise<TokenVerifier> =>
    TokenVerifier.create({
      issuer: 'https://id.test',
      audience: 'frontera-api',
      publicKeyPem: issuer.publicKeyPem,
      clock: clock.now,
      wrapJwtVerify: counting,
      ...options,
    });

  /** A token valid for `ttl` seconds from the test clock. */
  const mint = (principal = officer, ttl = 600, extra: { notBefore?: number } = {}): Promise<string> =>
    issuer.mintFor(principal, { expiresAt: clock.seconds + ttl, ...extra });

  beforeAll(async () => {
    issuer = await TestTokenIssuer.create({ issuer: 'https://id.test', audience: 'frontera-api' });
  });

  beforeEach(() => {
    clock = new TestClock();
    joseCalls = 0;
    failNext = undefined;
  });

  it('verifies a token once: the second verify answers from the cache without jose', async () => {
    const verifier = await verifierWith();
    const token = await mint();

    await expect(verifier.verify(token)).resolves.toEqual(officer);
    await expect(verifier.verify(token)).resolves.toEqual(officer);
    await expect(verifier.verify(token)).resolves.toEqual(officer);

    expect(joseCalls).toBe(1);
    expect(verifier.cachedTokens).toBe(1);
  });

  it('refuses a cached token once it has expired, with the same 401 as an uncached one', async () => {
    const verifier = await verifierWith();
    const token = await mint(officer, 60);
    await verifier.verify(token);

    clock.advanceSeconds(60 + 5); // exp plus the 5 s clock tolerance
    const cachedRefusal = await rejection(verifier, token);
    expect(joseCalls).toBe(1); // refused by the cache's own expiry check
    const fresh = await rejection(await verifierWith(), token);

    expect(cachedRefusal).toMatchObject({
      code: 'AUTH.UNAUTHENTICATED',
      status: 401,
      extensions: { reason: 'token_expired' },
    });
    expect(cachedRefusal.headers).toEqual(fresh.headers);
    expect(cachedRefusal.extensions).toEqual(fresh.extensions);
    expect(cachedRefusal.headers['WWW-Authenticate']).toContain('error="invalid_token"');
    // Dropped from the cache, and refused again the next time.
    expect(verifier.cachedTokens).toBe(0);
    await expect(rejection(verifier, token)).resolves.toMatchObject({
      extensions: { reason: 'token_expired' },
    });
  });

  it('keeps accepting a cached token within the clock tolerance after exp, as jose does', async () => {
    const verifier = await verifierWith();
    const token = await mint(officer, 60);
    await verifier.verify(token);

    clock.advanceSeconds(64);
    await expect(verifier.verify(token)).resolves.toEqual(officer);
    expect(joseCalls).toBe(1);
  });

  it('verifies a cached token again after the maximum cache time, even if it is still valid', async () => {
    const verifier = await verifierWith({ cache: { maxTtlSeconds: 300 } });
    const token = await mint(officer, 3600);
    await verifier.verify(token);

    clock.advanceSeconds(299);
    await verifier.verify(token);
    expect(joseCalls).toBe(1);

    clock.advanceSeconds(1);
    await expect(verifier.verify(token)).resolves.toEqual(officer);
    expect(joseCalls).toBe(2);
  });

  it('stays bounded, dropping the least recently used token first', async () => {
    const verifier = await verifierWith({ cache: { maxEntries: 3 } });
    const tokens = await Promise.all([1, 2, 3, 4, 5].map((n) => mint(officer, 600 + n)));

    for (const token of tokens.slice(0, 3)) await verifier.verify(token);
    await verifier.verify(tokens[0]); // token 0 is now the most recently used: token 1 goes first
    await verifier.verify(tokens[3]);
    await verifier.verify(tokens[4]);
    expect(verifier.cachedTokens).toBe(3);
    expect(joseCalls).toBe(5);

    await verifier.verify(tokens[0]);
    expect(joseCalls).toBe(5); // still cached
    await verifier.verify(tokens[1]);
    expect(joseCalls).toBe(6); // evicted, verified again
    expect(verifier.cachedTokens).toBe(3);
  });

  it('verifies a different token of the same subject on its own', async () => {
    const verifier = await verifierWith();
    const first = await mint(officer, 600);
    const second = await mint(officer, 700);
    const promoted = await mint({ ...supervisor, subject: officer.subject }, 600);

    await verifier.verify(first);
    await expect(verifier.verify(second)).resolves.toEqual(officer);
    await expect(verifier.verify(promoted)).resolves.toMatchObject({
      subject: officer.subject,
      role: 'supervisor',
    });
    expect(joseCalls).toBe(3);
    expect(verifier.cachedTokens).toBe(3);
  });

  it('never caches a refusal: the same bad token is verified, and refused, every time', async () => {
    const verifier = await verifierWith();
    const stranger = await TestTokenIssuer.create({ issuer: 'https://id.test', audience: 'frontera-api' });
    const forged = await stranger.mintFor(officer, { expiresAt: clock.seconds + 600 });
    const badClaims = await issuer.mint({ sub: 'x', role: 'employer' }, { expiresAt: clock.seconds + 600 });

    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(rejection(verifier, forged)).resolves.toMatchObject({
        extensions: { reason: 'invalid_signature' },
      });
      await expect(rejection(verifier, badClaims)).resolves.toMatchObject({
        extensions: { reason: 'invalid_claims' },
      });
    }
    expect(joseCalls).toBe(4);
    expect(verifier.cachedTokens).toBe(0);
  });

  it('does not remember a verification that failed for another reason (keys unavailable)', async () => {
    const verifier = await verifierWith();
    const token = await mint();
    failNext = new Error('the JWKS could not be fetched');

    await expect(rejection(verifier, token)).resolves.toMatchObject({ status: 401 });
    await expect(verifier.verify(token)).resolves.toEqual(officer);
    expect(joseCalls).toBe(2);
  });

  it('refuses a token that is not valid yet, and accepts it once nbf has passed', async () => {
    const verifier = await verifierWith();
    const token = await mint(officer, 600, { notBefore: clock.seconds + 60 });

    await expect(rejection(verifier, token)).resolves.toMatchObject({
      extensions: { reason: 'token_not_yet_valid' },
    });
    await expect(rejection(verifier, token)).resolves.toMatchObject({
      extensions: { reason: 'token_not_yet_valid' },
    });
    clock.advanceSeconds(60);
    await expect(verifier.verify(token)).resolves.toEqual(officer);
    expect(joseCalls).toBe(3);
  });

  it('does not cache a token whose nbf is ahead of the clock (accepted only within the tolerance)', async () => {
    const verifier = await verifierWith();
    const token = await mint(officer, 600, { notBefore: clock.seconds + 3 });

    await expect(verifier.verify(token)).resolves.toEqual(officer);
    await expect(verifier.verify(token)).resolves.toEqual(officer);
    expect(joseCalls).toBe(2);
    expect(verifier.cachedTokens).toBe(0);

    clock.advanceSeconds(3);
    await verifier.verify(token);
    await verifier.verify(token);
    expect(joseCalls).toBe(3);
  });

  it('verifies every time when the cache is off', async () => {
    const verifier = await verifierWith({ cache: { maxEntries: 0 } });
    const token = await mint();
    await verifier.verify(token);
    await verifier.verify(token);
    expect(joseCalls).toBe(2);
    expect(verifier.cachedTokens).toBe(0);
  });

  it('refuses cache settings out of range', async () => {
    await expect(verifierWith({ cache: { maxEntries: -1 } })).rejects.toThrow(/maxEntries/);
    await expect(verifierWith({ cache: { maxTtlSeconds: 7200 } })).rejects.toThrow(/maxTtlSeconds/);
  });
});

describe('VerifiedTokenCache.keyOf', () => {
  it('keys tokens by their SHA-256, never by the token itself', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1LTEifQ.c2lnbmF0dXJl';
    const key = VerifiedTokenCache.keyOf(token);
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(key).not.toContain('eyJ');
    expect(VerifiedTokenCache.keyOf(`${token}x`)).not.toBe(key);
    expect(VerifiedTokenCache.keyOf(token)).toBe(key);
  });
});
