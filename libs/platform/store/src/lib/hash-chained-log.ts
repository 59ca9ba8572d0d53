import type { Connection, mongo } from 'mongoose';
import { isDuplicateKeyError } from '@frontera/platform-errors';

/** One entry of a chain: what happened, and the keyed hash that binds it to the entry before it. */
export interface ChainEntry<P> {
  readonly chain: string;
  /** 1, 2, 3, … within the chain. */
  readonly seq: number;
  readonly at: Date;
  readonly payload: P;
  readonly prevHash: string;
  readonly hash: string;
}

export type ChainVerification =
  | { readonly ok: true; readonly entries: number }
  | {
      readonly ok: false;
      readonly entries: number;
      /** The first entry that was altered or removed (or the head that does not match the last one). */
      readonly firstBadSeq: number;
      readonly problem: 'ALTERED' | 'MISSING' | 'TRUNCATED';
    };

interface EntryDocument extends mongo.Document {
  _id: string;
  chain: string;
  seq: number;
  at: Date;
  payload: string;
  prevHash: string;
  hash: string;
}

interface HeadDocument extends mongo.Document {
  _id: string;
  seq: number;
  hash: string;
}

/** Runs `fn` while no other appender of `chain` runs (the service's aggregate lock). */
export type ChainLock = <T>(chain: string, fn: () => Promise<T>) => Promise<T>;

const GENESIS = '0'.repeat(64);

/**
 * An append-only log in chains (e.g. one chain per worker for the reads of their personal data):
 * each entry carries the keyed hash of the one before, so altering or removing an entry breaks
 * the chain at that entry, and a head document per chain (last seq and hash) reveals a removed
 * tail. The hash is a keyed MAC (`mac`, e.g. HMAC-SHA256 with a key the database does not hold),
 * so someone who can write the database cannot forge a consistent chain.
 *
 * Appends to one chain are serialised by `lock`; chains are independent. Reads are equality
 * queries on `chain` (indexed): FerretDB-safe.
 */
export class HashChainedLog<P> {
  constructor(
    private readonly db: Connection,
    private readonly name: string,
    private readonly mac: (text: string) => string,
    private readonly lock: ChainLock,
  ) {}

  private get entries(): mongo.Collection<EntryDocument> {
    return this.db.collection<EntryDocument>(this.name);
  }

  private get heads(): mongo.Collection<HeadDocument> {
    return this.db.collection<HeadDocument>(`${this.name}_heads`);
  }

  async ensureIndexes(): Promise<void> {
    await this.entries.createIndex({ chain: 1 });
  }

  async append(chain: string, payload: P, at: Date = new Date()): Promise<ChainEntry<P>> {
    return this.lock(chain, async () => {
      const head = await this.heads.findOne({ _id: chain });
      const seq = (head?.seq ?? 0) + 1;
      const prevHash = head?.hash ?? GENESIS;
      const serialized = JSON.stringify(payload);
      const hash = this.hashOf(chain, seq, at, serialized, prevHash);
      try {
        await this.entries.insertOne({
          _id: entryId(chain, seq),
          chain,
          seq,
          at,
          payload: serialized,
          prevHash,
          hash,
        });
      } catch (error) {
        if (isDuplicateKeyError(error))
          throw new Error(`chain ${chain} entry ${seq} exists: head out of date`);
        throw error;
      }
      await this.heads.updateOne({ _id: chain }, { $set: { seq, hash } }, { upsert: true });
      return { chain, seq, at, payload, prevHash, hash };
    });
  }

  /** The chain's entries, oldest first. */
  async read(chain: string): Promise<ChainEntry<P>[]> {
    const documents = await this.entries.find({ chain }).toArray();
    return documents
      .sort((a, b) => a.seq - b.seq)
      .map((d) => ({
        chain: d.chain,
        seq: d.seq,
        at: d.at,
        payload: JSON.parse(d.payload) as P,
        prevHash: d.prevHash,
        hash: d.hash,
      }));
  }

  /** Recomputes the chain: names the first entry altered or removed, or a removed tail. */
  async verify(chain: string): Promise<ChainVerification> {
    const [documents, head] = await Promise.all([
      this.entries.find({ chain }).toArray(),
      this.heads.findOne({ _id: chain }),
    ]);
    const sorted = documents.sort((a, b) => a.seq - b.seq);
    let prevHash = GENESIS;
    for (let i = 0; i < sorted.length; i++) {
      const entry = sorted[i];
      const expectedSeq = i + 1;
      if (entry.seq !== expectedSeq) {
        return { ok: false, entries: sorted.length, firstBadSeq: expectedSeq, problem: 'MISSING' };
      }
      const hash = this.hashOf(chain, entry.seq, entry.at, entry.payload, prevHash);
      if (entry.prevHash !== prevHash || entry.hash !== hash || entry._id !== entryId(chain, entry.seq)) {
        return { ok: false, entries: sorted.length, firstBadSeq: entry.seq, problem: 'ALTERED' };
      }
      prevHash = entry.hash;
    }
    const last = sorted.length;
    if ((head?.seq ?? 0) !== last || (head !== null && head.hash !== prevHash)) {
      return { ok: false, entries: last, firstBadSeq: last + 1, problem: 'TRUNCATED' };
    }
    return { ok: true, entries: last };
  }

  private hashOf(chain: string, seq: number, at: Date, payload: string, prevHash: string): string {
    return this.mac(`${prevHash}\n${chain}\n${seq}\n${at.toISOString()}\n${payload}`);
  }
}

function entryId(chain: string, seq: number): string {
  return `${chain}:${String(seq).padStart(10, '0')}`;
}
