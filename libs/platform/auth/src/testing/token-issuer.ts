import { generateKeyPair as generateNodeKeyPair, createPublicKey } from 'node:crypto';
import { promisify } from 'node:util';
import { exportJWK, importPKCS8, importSPKI, SignJWT, type JWK } from 'jose';
import { claimsOf, type Principal } from '../lib/principal/principal';

const generateKeyPair = promisify(generateNodeKeyPair);

export type SigningAlgorithm = 'RS256' | 'ES256';

export interface IssuerDefaults {
  readonly issuer: string;
  readonly audience: string;
  /** Key id put in the token header and the JWKS. */
  readonly kid?: string;
}

export interface MintOptions {
  readonly issuer?: string;
  readonly audience?: string;
  /** Lifetime from now; 10 minutes by default. Ignored when `expiresAt` is given. */
  readonly ttlSeconds?: number;
  /** Absolute expiry, seconds since the epoch (in the past for expired tokens). */
  readonly expiresAt?: number;
  /** Not valid before, seconds since the epoch. */
  readonly notBefore?: number;
  /** Leave out the `exp` claim (such tokens must be refused). */
  readonly withoutExpiry?: boolean;
}

type Claims = Readonly<Record<string, unknown>>;

const now = (): number => Math.floor(Date.now() / 1000);

/**
 * Signs access tokens with one private key: the development token CLI
 * (tools/scripts/dev-token.ts) and tests share it, so both mint exactly what the
 * services verify.
 */
export class TokenIssuer {
  protected constructor(
    private readonly privateKeyPem: string,
    /** SPKI PEM: what a service takes as AUTH_PUBLIC_KEY. */
    readonly publicKeyPem: string,
    readonly algorithm: SigningAlgorithm,
    readonly defaults: IssuerDefaults,
  ) {}

  static fromPrivateKeyPem(privateKeyPem: string, defaults: IssuerDefaults): TokenIssuer {
    const publicKey = createPublicKey(privateKeyPem);
    const algorithm: SigningAlgorithm = publicKey.asymmetricKeyType === 'ec' ? 'ES256' : 'RS256';
    const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    return new TokenIssuer(privateKeyPem, publicKeyPem, algorithm, defaults);
  }

  /** A token with these claims (use {@link mintFor} for a principal). */
  async mint(claims: Claims, options: MintOptions = {}): Promise<string> {
    const key = await importPKCS8(this.privateKeyPem, this.algorithm);
    const issuedAt = now();
    const jwt = new SignJWT({ ...claims })
      .setProtectedHeader({
        alg: this.algorithm,
        typ: 'JWT',
        ...(this.defaults.kid ? { kid: this.defaults.kid } : {}),
      })
      .setIssuer(options.issuer ?? this.defaults.issuer)
      .setAudience(options.audience ?? this.defaults.audience)
      .setIssuedAt(issuedAt);
    if (!options.withoutExpiry)
      jwt.setExpirationTime(options.expiresAt ?? issuedAt + (options.ttlSeconds ?? 600));
    if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore);
    return jwt.sign(key);
  }

  mintFor(principal: Principal, options: MintOptions = {}): Promise<string> {
    return this.mint(claimsOf(principal), options);
  }

  /** A token that expired an hour ago. */
  mintExpired(principal: Principal): Promise<string> {
    return this.mintFor(principal, { expiresAt: now() - 3600 });
  }

  /** The public key as a JWKS document, for a test JWKS endpoint. */
  async jwks(): Promise<{ keys: JWK[] }> {
    const jwk = await exportJWK(await importSPKI(this.publicKeyPem, this.algorithm, { extractable: true }));
    return {
      keys: [
        { ...jwk, alg: this.algorithm, use: 'sig', ...(this.defaults.kid ? { kid: this.defaults.kid } : {}) },
      ],
    };
  }
}

/** A {@link TokenIssuer} with a fresh in-memory key pair, for tests. */
export class TestTokenIssuer extends TokenIssuer {
  static async create(
    options: Partial<IssuerDefaults> & { readonly algorithm?: SigningAlgorithm } = {},
  ): Promise<TestTokenIssuer> {
    const algorithm = options.algorithm ?? 'RS256';
    const { privateKey } =
      algorithm === 'RS256'
        ? await generateKeyPair('rsa', { modulusLength: 2048 })
        : await generateKeyPair('ec', { namedCurve: 'prime256v1' });
    const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
    return new TestTokenIssuer(privateKeyPem, publicKeyPem, algorithm, {
      issuer: options.issuer ?? 'frontera-test',
      audience: options.audience ?? 'frontera-api',
      kid: options.kid,
    });
  }
}
