import { createPublicKey } from 'node:crypto';
import {
  createRemoteJWKSet,
  errors,
  importSPKI,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
} from 'jose';
import { AuthErrors } from '@frontera/platform-errors';
import type { AppError } from '@frontera/shared-kernel';
import { principalFromClaims, type Principal } from '../principal/principal';
import { VerifiedTokenCache, type TokenCacheOptions } from './verified-token-cache';

/** Where tokens come from and how they are checked (from ServiceConfig's AUTH_* variables). */
export interface TokenVerifierOptions {
  readonly issuer: string;
  readonly audience: string;
  /** The issuer's JWKS; exactly one of jwksUrl and publicKeyPem. */
  readonly jwksUrl?: string;
  /** The issuer's public key, SPKI PEM (RSA → RS256, EC P-256 → ES256). */
  readonly publicKeyPem?: string;
  /** Leeway for exp and nbf between clocks; 5 s by default, at most 60. */
  readonly clockToleranceSeconds?: number;
  /** Verified tokens remembered until their `exp` (at most 5 min); see {@link TokenCacheOptions}. */
  readonly cache?: TokenCacheOptions;
  /** Milliseconds since the epoch; `Date.now` by default. Drives jose's exp/nbf checks and the cache. */
  readonly clock?: () => number;
  /**
   * Wraps the cryptographic verification (jose `jwtVerify` with the configured key), e.g. to
   * count or time it in tests and benchmarks. It must return what it was given or call it.
   */
  readonly wrapJwtVerify?: (verify: JwtVerify) => JwtVerify;
}

/** Checks a JWT's signature and registered claims (jose `jwtVerify` bound to the issuer's key). */
export type JwtVerify = (token: string, options: JWTVerifyOptions) => Promise<{ payload: JWTPayload }>;

/** Why a token was refused; also the `reason` member of the 401 problem. */
export type TokenRejection =
  | 'missing_token'
  | 'malformed_token'
  | 'token_expired'
  | 'token_not_yet_valid'
  | 'invalid_signature'
  | 'unknown_key'
  | 'algorithm_not_allowed'
  | 'wrong_issuer_or_audience'
  | 'invalid_claims';

export const ALLOWED_ALGORITHMS = ['RS256', 'ES256'] as const;

const DESCRIPTIONS: Readonly<Record<TokenRejection, string>> = {
  missing_token: 'no bearer token',
  malformed_token: 'the token is not a well-formed JWT',
  token_expired: 'the token has expired',
  token_not_yet_valid: 'the token is not valid yet',
  invalid_signature: 'the token signature does not verify',
  unknown_key: 'the token was signed by an unknown key',
  algorithm_not_allowed: 'the token algorithm is not allowed',
  wrong_issuer_or_audience: 'the token is for another issuer or audience',
  invalid_claims: 'the token claims do not describe a valid principal',
};

/** 401 AUTH.UNAUTHENTICATED with RFC 6750 WWW-Authenticate and a machine-readable reason. */
export function unauthenticated(reason: TokenRejection): AppError {
  const challenge =
    reason === 'missing_token'
      ? 'Bearer realm="frontera"'
      : `Bearer realm="frontera", error="invalid_token", error_description="${DESCRIPTIONS[reason]}"`;
  return AuthErrors.UNAUTHENTICATED.create(
    {},
    { extensions: { reason }, headers: { 'WWW-Authenticate': challenge } },
  );
}

function rejectionOf(error: unknown): TokenRejection | undefined {
  if (error instanceof errors.JWTExpired) return 'token_expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'token_not_yet_valid';
    if (error.claim === 'iss' || error.claim === 'aud') return 'wrong_issuer_or_audience';
    return 'invalid_claims';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'invalid_signature';
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys)
    return 'unknown_key';
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return 'algorithm_not_allowed';
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'malformed_token';
  return undefined;
}

/**
 * Verifies bearer tokens with jose: signature by the issuer's key (fixed public
 * key or JWKS), algorithm allow-list, iss, aud, exp (required) and nbf with a
 * small clock tolerance, then the claims as a {@link Principal}. Throws 401
 * AUTH.UNAUTHENTICATED problems, or 503 AUTH.KEYS_UNAVAILABLE when the JWKS
 * cannot be fetched.
 *
 * A token that verified is remembered (by its SHA-256) with its principal until its
 * `exp` and at most `cache.maxTtlSeconds` ({@link VerifiedTokenCache}): the same token on
 * the next request costs a hash and a map lookup instead of a signature check. Refusals
 * are never remembered; a remembered token that has expired since is refused with the
 * same 401 `token_expired` as a fresh one.
 */
export class TokenVerifier {
  private readonly cache: VerifiedTokenCache;
  private readonly clock: () => number;
  private readonly tolerance: number;

  private constructor(
    private readonly verifyJwt: JwtVerify,
    /** The key comes from a JWKS URL: a failure to read it is 503, not 401. */
    private readonly remoteKeys: boolean,
    private readonly algorithms: readonly string[],
    private readonly options: TokenVerifierOptions,
  ) {
    this.cache = new VerifiedTokenCache(options.cache);
    this.clock = options.clock ?? Date.now;
    this.tolerance = options.clockToleranceSeconds ?? 5;
  }

  static async create(options: TokenVerifierOptions): Promise<TokenVerifier> {
    if (Boolean(options.jwksUrl) === Boolean(options.publicKeyPem)) {
      throw new Error('TokenVerifier needs exactly one of jwksUrl and publicKeyPem');
    }
    const tolerance = options.clockToleranceSeconds ?? 5;
    if (tolerance < 0 || tolerance > 60) throw new Error('clockToleranceSeconds must be between 0 and 60');
    const wrap = options.wrapJwtVerify ?? ((verify: JwtVerify) => verify);
    if (options.jwksUrl) {
      const jwks: JWTVerifyGetKey = createRemoteJWKSet(new URL(options.jwksUrl), {
        timeoutDuration: 5_000,
        cooldownDuration: 30_000,
      });
      return new TokenVerifier(
        wrap((token, verifyOptions) => jwtVerify(token, jwks, verifyOptions)),
        true,
        ALLOWED_ALGORITHMS,
        options,
      );
    }
    const pem = options.publicKeyPem as string;
    const type = createPublicKey(pem).asymmetricKeyType;
    const algorithm = type === 'rsa' ? 'RS256' : type === 'ec' ? 'ES256' : undefined;
    if (!algorithm) throw new Error(`the auth public key must be RSA or EC P-256, not ${type}`);
    const key = await importSPKI(pem, algorithm);
    return new TokenVerifier(
      wrap((token, verifyOptions) => jwtVerify(token, key, verifyOptions)),
      false,
      [algorithm],
      options,
    );
  }

  /** How many verified tokens are remembered right now (at most `cache.maxEntries`). */
  get cachedTokens(): number {
    return this.cache.size;
  }

  async verify(token: string): Promise<Principal> {
    const now = this.clock();
    if (!this.cache.enabled) return (await this.verifyWithKey(token, now)).principal;
    const key = VerifiedTokenCache.keyOf(token);
    const cached = this.cache.lookup(key, now);
    if (cached.kind === 'hit') return cached.principal;
    // What jose would say of this token now (exp + tolerance passed), without asking it.
    if (cached.kind === 'expired') throw unauthenticated('token_expired');
    const { principal, payload } = await this.verifyWithKey(token, now);
    const exp = payload.exp as number; // required and checked by jose
    this.cache.remember(
      key,
      principal,
      { expSeconds: exp, notBeforeSeconds: payload.nbf },
      now,
      this.tolerance,
    );
    return principal;
  }

  private async verifyWithKey(
    token: string,
    now: number,
  ): Promise<{ principal: Principal; payload: JWTPayload }> {
    let payload: JWTPayload;
    try {
      const result = await this.verifyJwt(token, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: [...this.algorithms],
        clockTolerance: this.tolerance,
        requiredClaims: ['exp', 'sub'],
        currentDate: new Date(now),
      });
      payload = result.payload;
    } catch (error) {
      const reason = rejectionOf(error);
      if (reason) throw unauthenticated(reason);
      // The JWKS could not be fetched or read: the caller's token may be fine.
      if (this.remoteKeys) throw AuthErrors.KEYS_UNAVAILABLE.create({}, { cause: error });
      throw unauthenticated('malformed_token');
    }
    const result = principalFromClaims(payload);
    if (!result.ok) throw unauthenticated('invalid_claims');
    return { principal: result.principal, payload };
  }
}
