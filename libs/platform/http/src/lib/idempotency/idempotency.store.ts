import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from '@frontera/platform-errors';
import { hourBucket } from '@frontera/platform-jobs';
import type { PiiCipher } from '@frontera/platform-pii';
import { IdempotencyErrors } from './idempotency.errors';

export const IDEMPOTENCY_COLLECTION = 'idempotency_keys';
export const IDEMPOTENCY_BUCKET_FIELD = 'expiresHour';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

interface IdempotencyRecord {
  /** sha256 of the caller's scope and the key: the raw key is never stored. */
  _id: string;
  requestHash: string;
  state: 'IN_PROGRESS' | 'COMPLETED';
  /** The response (body and headers to replay), encrypted: it may hold personal data. */
  response?: string;
  createdAt: Date;
  expiresAt: Date;
  /** The hour bucket it expires in: the housekeeping's equality key. */
  expiresHour: string;
}

/** What is kept of a first response, to answer a repeated request with. */
export interface StoredResponse<T> {
  readonly body: T;
  /** Headers the first response set that a replay must set too (e.g. Location). */
  readonly headers: Readonly<Record<string, string>>;
}

export interface IdempotentOutcome<T> extends StoredResponse<T> {
  /** True when this is the stored response of an earlier request with the same key and body. */
  readonly replayed: boolean;
}

/** JSON with object keys sorted, so equal bodies hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64url');

/**
 * Client-supplied idempotency keys (the `Idempotency-Key` header), in the service's own database:
 * the first request with a key runs and its response is kept for `ttlHours`; the same key with the
 * same body gets that response again (nothing runs twice); with a different body, 422
 * IDEMPOTENCY.KEY_REUSED; while the first is still running, 409 IDEMPOTENCY.IN_PROGRESS. A
 * request that fails keeps nothing, so the client may retry with the same key. Keys are scoped to
 * the caller (the token subject).
 *
 * The record is claimed with an insert under a unique `_id` (atomic on MongoDB and FerretDB).
 * FerretDB has no TTL indexes: expired records are replaced when their key comes back, and the
 * platform's housekeeping job (`idempotencyKeysPurge`) deletes them.
 */
export class IdempotencyStore {
  constructor(
    private readonly connection: Connection,
    private readonly cipher: PiiCipher,
    private readonly ttlHours: number,
  ) {}

  private get records() {
    return this.connection.collection<IdempotencyRecord>(IDEMPOTENCY_COLLECTION);
  }

  /** The index the housekeeping's purge by hour bucket uses. */
  async ensureIndexes(): Promise<void> {
    await this.records.createIndex({ [IDEMPOTENCY_BUCKET_FIELD]: 1 });
  }

  async run<T>(
    scope: string,
    key: string,
    request: unknown,
    execute: () => Promise<StoredResponse<T>>,
  ): Promise<IdempotentOutcome<T>> {
    if (!KEY_FORMAT.test(key)) throw IdempotencyErrors.KEY_INVALID.create();
    const id = sha256(`${scope}\u0000${key}`);
    const requestHash = sha256(canonicalJson(request));
    const existing = await this.claim(id, requestHash);
    if (existing) return this.replay<T>(existing, requestHash);
    try {
      const response = await execute();
      await this.records.updateOne(
        { _id: id },
        {
          $set: {
            state: 'COMPLETED',
            response: this.cipher.encrypt(JSON.stringify(response), `idempotency/${id}`),
          },
        },
      );
      return { ...response, replayed: false };
    } catch (error) {
      await this.records.deleteOne({ _id: id, state: 'IN_PROGRESS' });
      throw error;
    }
  }

  /** Inserts the IN_PROGRESS record; returns the record already there instead, if any (an expired one is replaced). */
  private async claim(id: string, requestHash: string): Promise<IdempotencyRecord | undefined> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const now = new Date();
      const expiresAt = new Date(now.getTime() + this.ttlHours * 3_600_000);
      try {
        await this.records.insertOne({
          _id: id,
          requestHash,
          state: 'IN_PROGRESS',
          createdAt: now,
          expiresAt,
          expiresHour: hourBucket(expiresAt),
        });
        return undefined;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const found = await this.records.findOne({ _id: id });
      if (found && found.expiresAt > now) return found;
      await this.records.deleteOne({ _id: id, expiresAt: { $lte: now } });
    }
    throw IdempotencyErrors.IN_PROGRESS.create();
  }

  private replay<T>(record: IdempotencyRecord, requestHash: string): IdempotentOutcome<T> {
    if (record.requestHash !== requestHash) throw IdempotencyErrors.KEY_REUSED.create();
    if (record.state !== 'COMPLETED' || record.response === undefined)
      throw IdempotencyErrors.IN_PROGRESS.create();
    const stored = JSON.parse(
      this.cipher.decrypt(record.response, `idempotency/${record._id}`),
    ) as StoredResponse<T>;
    return { body: stored.body, headers: stored.headers ?? {}, replayed: true };
  }
}
