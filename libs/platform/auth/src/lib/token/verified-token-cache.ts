import { createHash } from 'node:crypto';
import type { Principal } from '../principal/principal';

/** How many verified tokens are remembered, and for how long at most. */
export interface TokenCacheOptions {
  /** Most tokens kept; the least recently used is dropped first. 10,000 by default; 0 turns the cache off. */
  readonly maxEntries?: number;
  /**
   * Longest a verification is reused, whatever the token's `exp`: 300 s by default, so a key
   * removed from the JWKS (rotation, revocation of a key) stops being trusted within that time.
   */
  readonly maxTtlSeconds?: number;
}

export const DEFAULT_TOKEN_CACHE_ENTRIES = 10_000;
export const DEFAULT_TOKEN_CACHE_TTL_SECONDS = 300;

/** What a hit says: the principal, an expired token, or nothing usable (verify it again). */
export type CacheLookup =
  | { readonly kind: 'hit'; readonly principal: Principal }
  | { readonly kind: 'expired' }
  | { readonly kind: 'miss' };

interface Entry {
  readonly principal: Principal;
  /** When jose would call the token expired: ceil(exp + clock tolerance), in ms. */
  readonly expiresAtMs: number;
  /** When the verification must be redone even though the token is still valid (max TTL), in ms. */
  readonly reverifyAtMs: number;
}

const MISS: CacheLookup = { kind: 'miss' };
const EXPIRED: CacheLookup = { kind: 'expired' };

/**
 * Tokens that verified, by the SHA-256 of the token (raw bearer tokens are never kept), each
 * with the principal its claims describe, until the token's `exp` (plus the clock tolerance jose
 * allows) and never longer than `maxTtlSeconds`. Bounded: least recently used first out, using a
 * Map's insertion order (a hit moves the entry to the end). Expiry is checked against the clock on
 * every lookup. Failures are never stored: only {@link remember} adds, and only the verifier's
 * success path calls it.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();
  readonly maxEntries: number;
  private readonly maxTtlMs: number;

  constructor(options: TokenCacheOptions = {}) {
    const maxEntries = options.maxEntries ?? DEFAULT_TOKEN_CACHE_ENTRIES;
    const maxTtlSeconds = options.maxTtlSeconds ?? DEFAULT_TOKEN_CACHE_TTL_SECONDS;
    if (!Number.isInteger(maxEntries) || maxEntries < 0) {
      throw new Error(`token cache maxEntries must be a non-negative integer, got ${maxEntries}`);
    }
    if (!Number.isFinite(maxTtlSeconds) || maxTtlSeconds < 0 || maxTtlSeconds > 3600) {
      throw new Error(`token cache maxTtlSeconds must be between 0 and 3600, got ${maxTtlSeconds}`);
    }
    this.maxEntries = maxTtlSeconds === 0 ? 0 : maxEntries;
    this.maxTtlMs = maxTtlSeconds * 1000;
  }

  /** False when the cache is off (maxEntries or maxTtlSeconds 0): nothing to hash or look up. */
  get enabled(): boolean {
    return this.maxEntries > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cache key of a token: SHA-256, base64url (43 characters whatever the token's length). */
  static keyOf(token: string): string {
    return createHash('sha256').update(token).digest('base64url');
  }

  lookup(key: string, nowMs: number): CacheLookup {
    const entry = this.entries.get(key);
    if (entry === undefined) return MISS;
    this.entries.delete(key);
    if (nowMs >= entry.expiresAtMs) return EXPIRED;
    if (nowMs >= entry.reverifyAtMs) return MISS;
    this.entries.set(key, entry); // most recently used last
    return { kind: 'hit', principal: entry.principal };
  }

  /**
   * Remembers a verified token. `expSeconds` is its `exp` claim, `notBeforeSeconds` its `nbf`, if
   * any: a token whose `nbf` is still ahead of the clock (accepted only thanks to the clock
   * tolerance) is not remembered, so it is verified again until it is plainly valid.
   */
  remember(
    key: string,
    principal: Principal,
    claims: { readonly expSeconds: number; readonly notBeforeSeconds?: number },
    nowMs: number,
    clockToleranceSeconds: number,
  ): void {
    if (!this.enabled) return;
    if (claims.notBeforeSeconds !== undefined && claims.notBeforeSeconds * 1000 > nowMs) return;
    const expiresAtMs = Math.ceil(claims.expSeconds + clockToleranceSeconds) * 1000;
    if (expiresAtMs <= nowMs) return;
    this.entries.delete(key);
    this.entries.set(key, {
      principal,
      expiresAtMs,
      reverifyAtMs: Math.min(expiresAtMs, nowMs + this.maxTtlMs),
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
