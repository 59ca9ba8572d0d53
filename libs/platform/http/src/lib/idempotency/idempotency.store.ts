import { createHash, randomUUID } from 'node:crypto';
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
  /** Who runs the request now (a random token per claim): only it may complete, renew or release. */
  owner?: string;
  /** IN_PROGRESS: until when the owner is known alive (renewed while it runs); past it, a retry takes over. */
  leaseUntil?: Date;
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

/** The stored ids of a request: the record's `_id` (scope and key) and the hash of its body. */
export function idempotencyIdsOf(
  scope: string,
  key: string,
  request: unknown,
): { readonly id: string; readonly requestHash: string } {
  return { id: sha256(`${scope}\u0000${key}`), requestHash: sha256(canonicalJson(request)) };
}

export interface IdempotencyStoreOptions {
  /**
   * How long a running request holds its key without renewing it (default 60 s; renewed every third
   * of it while the request runs). A request whose process died (killed, crashed) leaves its key
   * IN_PROGRESS: once the lease has lapsed, a retry with the same key and body takes it over and runs.
   */
  readonly leaseMs?: number;
}

const DEFAULT_LEASE_MS = 60_000;

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
 *
 * A claim is a lease (decision 0051): the running request renews it, so while its process lives
 * the key answers 409 IN_PROGRESS however long it runs; a request whose process died leaves the
 * key IN_PROGRESS with a lease that lapses, and the next retry with the same body takes the key
 * over (its claim deleted by the dead owner's token, then claimed anew by the unique insert: one
 * retry wins) and runs the operation. What the dead request had
 * already done stays done: the operation runs again, so a command the domain refuses to repeat
 * (approving an APPROVED application: 409) answers that refusal, as it would to a new key.
 */
export class IdempotencyStore {
  private readonly leaseMs: number;

  constructor(
    private readonly connection: Connection,
    private readonly cipher: PiiCipher,
    private readonly ttlHours: number,
    options: IdempotencyStoreOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    if (!Number.isInteger(this.leaseMs) || this.leaseMs < 300) {
      throw new RangeError(`leaseMs must be an integer of at least 300, got ${this.leaseMs}`);
    }
  }

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
    const { id, requestHash } = idempotencyIdsOf(scope, key, request);
    const owner = randomUUID();
    const existing = await this.claim(id, requestHash, owner);
    if (existing) return this.replay<T>(existing, requestHash);
    // Renewals run one at a time and are awaited before the completion or release: on FerretDB 1.x an
    // update is an unlocked read-modify-write, so a renewal in flight could write IN_PROGRESS back over
    // the completion.
    let renewing: Promise<unknown> = Promise.resolve();
    const renewal = setInterval(
      () => {
        renewing = renewing.then(
          () =>
            this.records
              .updateOne(
                { _id: id, state: 'IN_PROGRESS', owner },
                { $set: { leaseUntil: new Date(Date.now() + this.leaseMs) } },
              )
              .catch(() => undefined), // the next renewal tries again; a lapsed lease only lets a retry in
        );
      },
      Math.floor(this.leaseMs / 3),
    );
    renewal.unref();
    const stopRenewing = async () => {
      clearInterval(renewal);
      await renewing;
    };
    try {
      const response = await execute();
      await stopRenewing();
      await this.records.updateOne(
        { _id: id, owner },
        {
          $set: {
            state: 'COMPLETED',
            response: this.cipher.encrypt(JSON.stringify(response), `idempotency/${id}`),
          },
          $unset: { leaseUntil: '' },
        },
      );
      return { ...response, replayed: false };
    } catch (error) {
      await stopRenewing();
      await this.records.deleteOne({ _id: id, state: 'IN_PROGRESS', owner });
      throw error;
    } finally {
      clearInterval(renewal);
    }
  }

  /**
   * Inserts the IN_PROGRESS record under `owner`; returns the record already there instead, if any
   * (an expired one is replaced; one whose lease lapsed is replaced when the body is the same).
   */
  private async claim(
    id: string,
    requestHash: string,
    owner: string,
  ): Promise<IdempotencyRecord | undefined> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const now = new Date();
      const expiresAt = new Date(now.getTime() + this.ttlHours * 3_600_000);
      try {
        await this.records.insertOne({
          _id: id,
          requestHash,
          state: 'IN_PROGRESS',
          owner,
          leaseUntil: new Date(now.getTime() + this.leaseMs),
          createdAt: now,
          expiresAt,
          expiresHour: hourBucket(expiresAt),
        });
        return undefined;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const found = await this.records.findOne({ _id: id });
      if (found && found.expiresAt > now) {
        if (found.state !== 'IN_PROGRESS' || found.requestHash !== requestHash) return found;
        if (this.leaseOf(found) > now.getTime()) return found;
        // The dead request's claim goes; this retry's insert then claims the key anew (the unique
        // insert decides between retries racing here; the delete names the dead owner, never theirs).
        await this.releaseLapsed(found);
        continue;
      }
      await this.records.deleteOne({ _id: id, expiresAt: { $lte: now } });
    }
    throw IdempotencyErrors.IN_PROGRESS.create();
  }

  /** When the record's owner stops being presumed alive (records of before leases: created + lease). */
  private leaseOf(record: IdempotencyRecord): number {
    return (record.leaseUntil ?? new Date(record.createdAt.getTime() + this.leaseMs)).getTime();
  }

  /** Deletes the lapsed claim of a dead request (its owner's token, or none for records of before leases). */
  private async releaseLapsed(found: IdempotencyRecord): Promise<void> {
    await this.records.deleteOne({
      _id: found._id,
      state: 'IN_PROGRESS',
      ...(found.owner === undefined ? { owner: { $exists: false } } : { owner: found.owner }),
    });
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
