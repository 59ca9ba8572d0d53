import type { PermitStatus, PermitVerificationEntry } from '@frontera/permits-domain';

/** What an entry of the verification read model answers with (never the token or the year of birth). */
export interface StoredVerification {
  readonly status: PermitStatus;
  /** ISO-8601 instants of the validity. */
  readonly validFrom: string;
  readonly validUntil: string;
  /** `YYYY-MM-DD`. */
  readonly lastValidDay: string;
  readonly employerPublicName: string | null;
  readonly workerInitials: string;
}

/** A lookup by number: the entry (or none) and whether the year of birth typed is the worker's. */
export interface VerificationByNumber {
  readonly entry: StoredVerification | null;
  /** Computed on every path, found or not, so a miss costs what a hit costs. */
  readonly birthYearMatches: boolean;
}

/**
 * The verification read model (decision 0036): one entry per permit, found by ONE equality read on
 * an indexed top-level key — the keyed index of the QR token, or the compact number. The adapter
 * keeps the token and the year of birth as keyed digests only.
 */
export interface PermitVerificationReadModel {
  byToken(token: string): Promise<StoredVerification | null>;
  /** The entry with this compact number; `birthYear` is checked against the stored digest. */
  byNumber(compactNumber: string, birthYear: number): Promise<VerificationByNumber>;
  /** Writes the entry of a permit, replacing the one before (callers hold the permit's lock). */
  put(entry: PermitVerificationEntry): Promise<void>;
}
