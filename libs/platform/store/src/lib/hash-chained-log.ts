import { timingSafeEqual } from 'node:crypto';
import type { Connection, mongo } from 'mongoose';
import { isDuplicateKeyError } from '@frontera/platform-errors';
import { LockErrors } from '@frontera/shared-kernel';

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

/**
 * A chain's head as stored: the last position the log recorded and that entry's hash, with `mac`
 * over chain, position and hash (the log's key), so a head written without the key is detected.
 */
export interface ChainHead {
  readonly chain: string;
  readonly seq: number;
  readonly hash: string;
  readonly mac: string;
}

/**
 * A position of a chain and the hash of its entry, known from outside the database: a head
 * published earlier (`head()`), or the entry `append` returned. `verify` with it as
 * `expectedAtLeast` detects a chain rolled back below it.
 */
export interface ChainCheckpoint {
  readonly seq: number;
  readonly hash: string;
}

/**
 * - `ALTERED`: this entry's content, hash, link to the one before, or identity was changed (or a
 *   second entry claims its position)
 * - `MISSING`: this entry was removed (entries after it remain)
 * - `TRUNCATED`: the head names a position past the last entry: entries were removed from the end
 * - `HEAD_ALTERED`: the head was not written with the key (forged or edited); the entries present chain
 *   correctly, but nothing vouches for the end of the chain
 * - `ROLLED_BACK`: the chain does not hold the checkpoint it was verified against (it ends before it, or
 *   holds another entry at its position)
 */
export type ChainProblem = 'ALTERED' | 'MISSING' | 'TRUNCATED' | 'HEAD_ALTERED' | 'ROLLED_BACK';

export type ChainVerification =
  | {
      readonly ok: true;
      readonly entries: number;
      /**
       * Entries past the head, each chaining correctly: appends whose head update did not happen (a
       * crash between the two writes, or a head update that lost a race). 0 normally; the next
       * append moves the head past them.
       */
      readonly headLag: number;
    }
  | {
      readonly ok: false;
      readonly entries: number;
      /** The first entry that was altered or removed (for a head problem: the first after the last present). */
      readonly firstBadSeq: number;
      readonly problem: ChainProblem;
    };

export interface ChainVerifyOptions {
  /** A checkpoint kept outside the database: the chain must still hold it. */
  readonly expectedAtLeast?: ChainCheckpoint;
}

/** Runs `fn` while no other appender of `chain` runs (the service's aggregate lock). */
export type ChainLock = <T>(chain: string, fn: () => Promise<T>) => Promise<T>;

/**
 * `append` refused to extend a chain that is not intact where it would write (nothing was
 * appended): its head is not keyed, or an entry past the head does not chain to it; `head` refuses
 * a head that is not keyed. Appends to that chain fail until someone looks into it; `verify` names
 * what is wrong. Carries ids only.
 */
export class ChainTamperedError extends Error {
  constructor(
    readonly chain: string,
    readonly problem: ChainProblem,
    /** The entry at fault; none for a head that is not genuine. */
    readonly seq?: number,
  ) {
    super(
      `hash chain ${chain} is not intact (${problem}${seq === undefined ? ': its head' : ` at entry ${seq}`})`,
    );
    Object.defineProperty(this, 'name', { value: 'ChainTamperedError' });
  }
}

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
  mac: string;
  /** = `seq`: FerretDB's version guard (docs/decisions/0027) refuses a late update that would move it back. */
  version: number;
}

const GENESIS = '0'.repeat(64);

/** Attempts of one append that lose the race for a position before it gives up (503, retriable). */
const MAX_APPEND_ATTEMPTS = 50;

/**
 * An append-only log in chains (e.g. one chain per worker for the reads of their personal data):
 * each entry carries the keyed hash of the one before, so altering or removing an entry breaks
 * the chain at that entry, and a keyed head per chain (last seq and hash, with a MAC) reveals a
 * removed tail. The hash is a keyed MAC (`mac`, e.g. HMAC-SHA256 with a key the database does not
 * hold), so someone who can write the database cannot forge a consistent chain or head. What the
 * database alone cannot show — an older genuine head put back with the entries after it removed —
 * `verify` detects against a checkpoint kept elsewhere (`head()`, `expectedAtLeast`).
 *
 * An append writes the entry first, at the position after the head, then moves the head forward:
 * a unique index on (chain, seq) (and the entry's `_id`) lets one entry take each position, so
 * concurrent appenders never fork a chain (the loser goes on from the winner's entry), and a crash
 * between the two writes leaves entries past the head that still chain correctly — consistent
 * (`headLag`), and the next append moves the head past them. `lock`, if given, only turns
 * contention on one chain into waiting. Every query is an equality on `chain` or `_id`: FerretDB-safe.
 */
export class HashChainedLog<P> {
  constructor(
    private readonly db: Connection,
    private readonly name: string,
    private readonly mac: (text: string) => string,
    private readonly lock?: ChainLock,
  ) {}

  private get entries(): mongo.Collection<EntryDocument> {
    return this.db.collection<EntryDocument>(this.name);
  }

  private get heads(): mongo.Collection<HeadDocument> {
    return this.db.collection<HeadDocument>(`${this.name}_heads`);
  }

  /** `{ chain: 1 }` (what reads use) and the fork guard `{ chain: 1, seq: 1 }`, unique. */
  async ensureIndexes(): Promise<void> {
    await this.entries.createIndex({ chain: 1 });
    await this.entries.createIndex({ chain: 1, seq: 1 }, { unique: true });
  }

  /**
   * Appends `payload` at the chain's next position and returns the entry (its `seq` and `hash`
   * are a checkpoint). Throws `ChainTamperedError` when the chain is not intact where it would
   * write. An append that throws for any other reason (a database error, a timeout) may have
   * written its entry, like any write whose answer was lost.
   */
  async append(chain: string, payload: P, at: Date = new Date()): Promise<ChainEntry<P>> {
    if (chain.length === 0 || chain.includes('\n')) {
      throw new TypeError('a chain name is a non-empty string without line breaks');
    }
    const run = () => this.appendUnlocked(chain, payload, at);
    return this.lock !== undefined ? this.lock(chain, run) : run();
  }

  private async appendUnlocked(chain: string, payload: P, at: Date): Promise<ChainEntry<P>> {
    const serialized = JSON.stringify(payload);
    let base = await this.trustedHead(chain);
    for (let attempt = 1; ; attempt++) {
      const seq = base.seq + 1;
      const prevHash = base.hash;
      const hash = this.entryHash(chain, seq, at, serialized, prevHash);
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
        if (!isDuplicateKeyError(error)) throw error;
        // The position is taken: by a concurrent appender, or by an entry whose head update never
        // happened. Go on from the chain's last entry, if everything past `base` chains to it.
        if (attempt >= MAX_APPEND_ATTEMPTS) throw LockErrors.BUSY.create({}, { cause: error });
        base = await this.tipAfter(chain, base);
        continue;
      }
      await this.advanceHead(chain, seq, hash);
      return { chain, seq, at, payload, prevHash, hash };
    }
  }

  /** The chain's head as stored, its MAC checked (`ChainTamperedError` if it is not genuine); null for none. */
  async head(chain: string): Promise<ChainHead | null> {
    const document = await this.heads.findOne({ _id: chain });
    if (document === null) return null;
    if (!this.isGenuineHead(chain, document)) throw new ChainTamperedError(chain, 'HEAD_ALTERED');
    return { chain, seq: document.seq, hash: document.hash, mac: document.mac };
  }

  /** The chain's entries, oldest first (not checked: `verify` does that). */
  async read(chain: string): Promise<ChainEntry<P>[]> {
    const documents = await this.entries.find({ chain }).toArray();
    return bySeq(documents).map((d) => ({
      chain: d.chain,
      seq: d.seq,
      at: d.at,
      payload: JSON.parse(d.payload) as P,
      prevHash: d.prevHash,
      hash: d.hash,
    }));
  }

  /**
   * Recomputes the chain from its first entry and checks its head (and `expectedAtLeast`): names
   * the first entry altered or removed, a removed tail, a head not written with the key, or a
   * rollback below the checkpoint. Reads only; entries past the head that chain correctly are
   * consistent, counted in `headLag`.
   */
  async verify(chain: string, options: ChainVerifyOptions = {}): Promise<ChainVerification> {
    const anchor = options.expectedAtLeast;
    if (anchor !== undefined && !(Number.isSafeInteger(anchor.seq) && anchor.seq >= 0)) {
      throw new TypeError('expectedAtLeast.seq is a position: an integer, 0 or more');
    }
    const [documents, head] = await Promise.all([
      this.entries.find({ chain }).toArray(),
      this.heads.findOne({ _id: chain }),
    ]);
    const sorted = bySeq(documents);
    const entries = sorted.length;
    const bad = (firstBadSeq: number, problem: ChainProblem): ChainVerification => ({
      ok: false,
      entries,
      firstBadSeq,
      problem,
    });

    let prevHash = GENESIS;
    for (let i = 0; i < sorted.length; i++) {
      const entry = sorted[i];
      const expectedSeq = i + 1;
      if (entry.seq !== expectedSeq) {
        if (isPosition(entry.seq) && entry.seq > expectedSeq) return bad(expectedSeq, 'MISSING');
        // a second entry at a position (sorted just after the first), or no position at all (sorted last)
        return bad(isPosition(entry.seq) ? entry.seq : expectedSeq, 'ALTERED');
      }
      if (!this.chainsTo(chain, entry, prevHash)) return bad(entry.seq, 'ALTERED');
      prevHash = entry.hash;
    }

    if (head !== null) {
      if (!this.isGenuineHead(chain, head)) return bad(entries + 1, 'HEAD_ALTERED');
      if (head.seq > entries) return bad(entries + 1, 'TRUNCATED');
      if (!sameText(sorted[head.seq - 1].hash, head.hash)) return bad(head.seq, 'ALTERED');
    }
    if (anchor !== undefined && anchor.seq > 0) {
      if (anchor.seq > entries) return bad(entries + 1, 'ROLLED_BACK');
      if (!sameText(sorted[anchor.seq - 1].hash, anchor.hash)) return bad(anchor.seq, 'ROLLED_BACK');
    }
    return { ok: true, entries, headLag: entries - (head?.seq ?? 0) };
  }

  /** The head's position and hash to append after: `{ 0, GENESIS }` for none; a head without a valid MAC is refused. */
  private async trustedHead(chain: string): Promise<ChainCheckpoint> {
    const head = await this.heads.findOne({ _id: chain });
    if (head === null) return { seq: 0, hash: GENESIS };
    if (!this.isGenuineHead(chain, head)) throw new ChainTamperedError(chain, 'HEAD_ALTERED');
    return { seq: head.seq, hash: head.hash };
  }

  /**
   * The chain's last entry, reached from `base` through entries that each chain to the one before
   * (one query: the chain's entries, ordered in memory). Anything else past `base` is tampering.
   */
  private async tipAfter(chain: string, base: ChainCheckpoint): Promise<ChainCheckpoint> {
    const documents = await this.entries.find({ chain }).toArray();
    let tip = base;
    for (const entry of bySeq(documents)) {
      if (!isPosition(entry.seq)) throw new ChainTamperedError(chain, 'ALTERED', tip.seq + 1);
      if (entry.seq <= base.seq) continue;
      if (entry.seq !== tip.seq + 1) throw new ChainTamperedError(chain, 'MISSING', tip.seq + 1);
      if (!this.chainsTo(chain, entry, tip.hash)) throw new ChainTamperedError(chain, 'ALTERED', entry.seq);
      tip = { seq: entry.seq, hash: entry.hash };
    }
    // The position was refused, yet no entry of this chain holds it: its `_id` was given to another.
    if (tip.seq === base.seq) throw new ChainTamperedError(chain, 'ALTERED', base.seq + 1);
    return tip;
  }

  /**
   * Moves the head to `seq` unless it is there or past it already (another appender's update):
   * one update by `_id`, the condition checked on that one document; a head past it refuses the
   * upsert's insert, which is fine. The head never moves back (on FerretDB, whose updates are
   * unlocked read-modify-writes, the version guard keeps a late one from doing so).
   */
  private async advanceHead(chain: string, seq: number, hash: string): Promise<void> {
    try {
      await this.heads.updateOne(
        { _id: chain, seq: { $lt: seq } },
        { $set: { seq, hash, mac: this.headMac(chain, seq, hash), version: seq } },
        { upsert: true },
      );
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  private chainsTo(chain: string, entry: EntryDocument, prevHash: string): boolean {
    return (
      entry._id === entryId(chain, entry.seq) &&
      entry.chain === chain &&
      entry.at instanceof Date &&
      !Number.isNaN(entry.at.getTime()) &&
      typeof entry.payload === 'string' &&
      sameText(entry.prevHash, prevHash) &&
      sameText(entry.hash, this.entryHash(chain, entry.seq, entry.at, entry.payload, prevHash))
    );
  }

  private isGenuineHead(chain: string, head: HeadDocument): boolean {
    return (
      isPosition(head.seq) &&
      typeof head.hash === 'string' &&
      sameText(head.mac, this.headMac(chain, head.seq, head.hash))
    );
  }

  private entryHash(chain: string, seq: number, at: Date, payload: string, prevHash: string): string {
    return this.mac(`${prevHash}\n${chain}\n${seq}\n${at.toISOString()}\n${payload}`);
  }

  /** Its own text (a JSON array beginning "head"), never the text of an entry. */
  private headMac(chain: string, seq: number, hash: string): string {
    return this.mac(JSON.stringify(['head', chain, seq, hash]));
  }
}

function entryId(chain: string, seq: number): string {
  return `${chain}:${String(seq).padStart(10, '0')}`;
}

function isPosition(seq: unknown): seq is number {
  return Number.isSafeInteger(seq) && (seq as number) >= 1;
}

/** Entries by position; documents without a valid one last. */
function bySeq(documents: EntryDocument[]): EntryDocument[] {
  const key = (d: EntryDocument) => (isPosition(d.seq) ? d.seq : Number.MAX_VALUE);
  return documents.sort((a, b) => key(a) - key(b));
}

/** Equal strings, compared in constant time (MACs); anything not a string is not equal. */
function sameText(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
