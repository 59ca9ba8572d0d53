import { AppError } from '@frontera/shared-kernel';
import { SignJWT, UnsecuredJWT } from 'jose';
import { aPrincipal } from '../../testing/principal.builder';
import { TestTokenIssuer } from '../../testing/token-issuer';
import { TokenVerifier } from './token-verifier';

const officer = aPrincipal('officer').inStates('CHP').build();

async function rejection(verifier: TokenVerifier, token: string): Promise<AppError> {
  try {
    await verifier.verify(token);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the token to be refused');
}

describe('TokenVerifier (public key)', () => {
  let issuer: TestTokenIssuer;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    issuer = await TestTokenIssuer.create({ issuer: 'https://id.test', audience: 'frontera-api' });
    verifier = await TokenVerifier.create({
      issuer: 'https://id.test',
      audience: 'frontera-api',
      publicKeyPem: issuer.publicKeyPem,
    });
  });

  it('returns the principal of a valid token', async () => {
    await expect(verifier.verify(await issuer.mintFor(officer))).resolves.toEqual(officer);
  });

  it.each([
    ['expired', () => issuer.mintExpired(officer), 'token_expired'],
    [
      'not yet valid',
      () => issuer.mintFor(officer, { notBefore: Math.floor(Date.now() / 1000) + 600 }),
      'token_not_yet_valid',
    ],
    [
      'another issuer',
      () => issuer.mintFor(officer, { issuer: 'https://evil.test' }),
      'wrong_issuer_or_audience',
    ],
    [
      'another audience',
      () => issuer.mintFor(officer, { audience: 'other-api' }),
      'wrong_issuer_or_audience',
    ],
    ['without exp', () => issuer.mintFor(officer, { withoutExpiry: true }), 'invalid_claims'],
    ['claims that do not fit the role', () => issuer.mint({ sub: 'u', role: 'employer' }), 'invalid_claims'],
    ['not a JWT', () => Promise.resolve('abc.def.ghi'), 'malformed_token'],
  ])('refuses a token %s with 401 (%s)', async (_name, mint, reason) => {
    const error = await rejection(verifier, await mint());
    expect(error).toMatchObject({ code: 'AUTH.UNAUTHENTICATED', status: 401, extensions: { reason } });
    expect(error.headers['WWW-Authenticate']).toContain('error="invalid_token"');
  });

  it('refuses a token signed by another key', async () => {
    const stranger = await TestTokenIssuer.create({ issuer: 'https://id.test', audience: 'frontera-api' });
    const error = await rejection(verifier, await stranger.mintFor(officer));
    expect(error.extensions).toEqual({ reason: 'invalid_signature' });
  });

  it('tolerates 5 s of clock skew, not more', async () => {
    const justExpired = await issuer.mintFor(officer, { expiresAt: Math.floor(Date.now() / 1000) - 2 });
    await expect(verifier.verify(justExpired)).resolves.toEqual(officer);
    const longExpired = await issuer.mintFor(officer, { expiresAt: Math.floor(Date.now() / 1000) - 30 });
    await expect(rejection(verifier, longExpired)).resolves.toMatchObject({
      extensions: { reason: 'token_expired' },
    });
  });

  it('refuses unsigned and HMAC tokens (algorithm allow-list)', async () => {
    const claims = { sub: officer.subject, role: 'officer', states: ['CHP'] };
    const unsecured = new UnsecuredJWT(claims)
      .setIssuer('https://id.test')
      .setAudience('frontera-api')
      .setExpirationTime('5m')
      .encode();
    expect((await rejection(verifier, unsecured)).extensions['reason']).toMatch(
      /algorithm_not_allowed|malformed_token/,
    );
    const hmac = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('https://id.test')
      .setAudience('frontera-api')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(issuer.publicKeyPem));
    expect((await rejection(verifier, hmac)).extensions).toEqual({ reason: 'algorithm_not_allowed' });
  });

  it('verifies EC P-256 (ES256) keys too', async () => {
    const ec = await TestTokenIssuer.create({
      algorithm: 'ES256',
      issuer: 'https://id.test',
      audience: 'frontera-api',
    });
    const ecVerifier = await TokenVerifier.create({
      issuer: 'https://id.test',
      audience: 'frontera-api',
      publicKeyPem: ec.publicKeyPem,
    });
    await expect(ecVerifier.verify(await ec.mintFor(officer))).resolves.toEqual(officer);
    expect((await rejection(ecVerifier, await issuer.mintFor(officer))).extensions).toEqual({
      reason: 'algorithm_not_allowed',
    });
  });

  it('needs exactly one key source', async () => {
    await expect(TokenVerifier.create({ issuer: 'i', audience: 'a' })).rejects.toThrow(/exactly one/);
  });
});
