import { createHmac } from 'node:crypto';
import type { Connection } from 'mongoose';
import type {
  PersonalDataRead,
  PersonalDataReadLog,
  ReadLogCheckpoint,
  ReadLogVerification,
  RecordedPersonalDataRead,
} from '@frontera/permits-application';
import { PermitErrors } from '@frontera/permits-domain';
import type { PiiCipher } from '@frontera/platform-pii';
import { ChainTamperedError, HashChainedLog, type ChainEntry } from '@frontera/platform-store';
import type { Role } from '@frontera/shared-kernel';
import { READ_LOG_COLLECTION } from './workers.schemas';

/**
 * An entry's payload as stored (clear JSON, covered by the entry's keyed hash): ids and the role,
 * and the purpose ENCRYPTED — it is what the reader typed, which may name a person.
 */
interface StoredRead {
  readonly readerId: string;
  readonly readerRole: Role;
  readonly readerEmployerId: string | null;
  readonly correlationId: string;
  /** PiiCipher ciphertext bound to `personal_data_reads/<workerId>/purpose`. */
  readonly purpose: string;
}

/** Shown for a purpose whose ciphertext no longer decrypts (an altered entry: `verify` names it). */
export const UNREADABLE_PURPOSE = '[unreadable: verify the read log]';

export const chainOf = (workerId: string): string => `worker:${workerId}`;
const purposeField = (workerId: string) => `${READ_LOG_COLLECTION}/${workerId}/purpose`;

/** HMAC-SHA-256 with READ_LOG_MAC_KEY (base64 of 32 bytes), hex. */
export function readLogMac(base64Key: string): (text: string) => string {
  const key = Buffer.from(base64Key, 'base64');
  return (text) => createHmac('sha256', key).update(text).digest('hex');
}

/**
 * The PersonalDataReadLog port on platform-store's HashChainedLog: one chain per worker
 * (`worker:<id>`), entries in `personal_data_reads`, heads in `personal_data_reads_heads`, every
 * entry bound by a keyed hash (READ_LOG_MAC_KEY) to the one before. Appends need no lock: the
 * unique index on (chain, seq) lets one entry take each position, so the chain never forks.
 */
export class HashChainedPersonalDataReadLog implements PersonalDataReadLog {
  private readonly log: HashChainedLog<StoredRead>;

  constructor(
    connection: Connection,
    private readonly cipher: PiiCipher,
    mac: (text: string) => string,
  ) {
    this.log = new HashChainedLog<StoredRead>(connection, READ_LOG_COLLECTION, mac);
  }

  ensureIndexes(): Promise<void> {
    return this.log.ensureIndexes();
  }

  async append(read: PersonalDataRead, at: Date): Promise<RecordedPersonalDataRead> {
    const payload: StoredRead = {
      readerId: read.readerId,
      readerRole: read.readerRole,
      readerEmployerId: read.readerEmployerId,
      correlationId: read.correlationId,
      purpose: this.cipher.encrypt(read.purpose, purposeField(read.workerId)),
    };
    try {
      const entry = await this.log.append(chainOf(read.workerId), payload, at);
      return { ...read, seq: entry.seq, at: entry.at.toISOString(), hash: entry.hash };
    } catch (error) {
      if (error instanceof ChainTamperedError) {
        throw PermitErrors.WORKER_READ_LOG_NOT_INTACT.create(
          { workerId: read.workerId, problem: error.problem },
          { cause: error },
        );
      }
      throw error;
    }
  }

  async list(workerId: string): Promise<RecordedPersonalDataRead[]> {
    const entries = await this.log.read(chainOf(workerId));
    return entries.map((entry) => this.toRead(workerId, entry));
  }

  async verify(workerId: string, expectedAtLeast?: ReadLogCheckpoint): Promise<ReadLogVerification> {
    const chain = chainOf(workerId);
    const result = await this.log.verify(chain, expectedAtLeast ? { expectedAtLeast } : {});
    if (!result.ok) {
      return {
        intact: false,
        entries: result.entries,
        firstBadSeq: result.firstBadSeq,
        problem: result.problem,
      };
    }
    const head = await this.log.head(chain);
    return {
      intact: true,
      entries: result.entries,
      headLag: result.headLag,
      head: head ? { seq: head.seq, hash: head.hash } : null,
    };
  }

  private toRead(workerId: string, entry: ChainEntry<StoredRead>): RecordedPersonalDataRead {
    const payload = entry.payload;
    return {
      workerId,
      readerId: String(payload.readerId),
      readerRole: payload.readerRole,
      readerEmployerId: payload.readerEmployerId ?? null,
      correlationId: String(payload.correlationId),
      purpose: this.purposeOf(workerId, payload.purpose),
      seq: entry.seq,
      at: entry.at instanceof Date ? entry.at.toISOString() : String(entry.at),
      hash: entry.hash,
    };
  }

  private purposeOf(workerId: string, stored: unknown): string {
    try {
      return typeof stored === 'string'
        ? this.cipher.decrypt(stored, purposeField(workerId))
        : UNREADABLE_PURPOSE;
    } catch {
      return UNREADABLE_PURPOSE;
    }
  }
}
