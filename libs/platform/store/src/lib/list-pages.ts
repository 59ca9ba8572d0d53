import type { Redis } from 'ioredis';
import type { mongo } from 'mongoose';
import { ServiceErrors } from '@frontera/platform-errors';
import { ListErrors } from '@frontera/shared-kernel';

/**
 * Lists that stay cheap as the register grows, on FerretDB as on MongoDB.
 *
 * FerretDB 1.x pushes only equality on top-level fields down to PostgreSQL: `$in`, ranges, sorts
 * and limits are applied in Go to every document the equality matched, so a list paged with
 * `skip/limit` over "all employers of CHP" reads all of them for every page. Here every document
 * of a list gets a position in its *chain* (the list of one scope, e.g. one state) when it joins
 * it — a Redis `INCR`, atomic — and stores the page bucket of that position as a top-level field
 * (`listPage = floor(listSeq / pageSize)`). Reading a list is then a few equality queries
 * `{ <chain filter>, listPage: p, <equality filters> }`, each matching at most `pageSize`
 * documents by construction, newest page first, with an opaque cursor to continue.
 *
 * Positions lost to a Redis crash (a restart without the last second of its append-only file)
 * only put two documents at one position: a bucket holds a few more, and documents at one
 * position are ordered by `_id`, which the cursor carries, so a page that ends between them
 * neither skips nor repeats one.
 */
export const LIST_PAGE_FIELD = 'listPage';
export const LIST_SEQ_FIELD = 'listSeq';
/** Positions per page bucket. */
export const LIST_BUCKET_SIZE = 50;
/** Buckets one request reads at most (so a filter that matches little costs a bounded amount). */
export const LIST_MAX_BUCKETS_PER_REQUEST = 10;

/** 400 `LIST.INVALID_CURSOR` (declared in the kernel, so application code can raise it too). */
export { ListErrors };

/**
 * The fields that hold a document's position: `listSeq` / `listPage` by default. A document listed
 * in two chains (an employer's and a state's) keeps each position in its own pair of fields.
 */
export interface ListFields {
  readonly seq: string;
  readonly page: string;
}

export const DEFAULT_LIST_FIELDS: ListFields = Object.freeze({ seq: LIST_SEQ_FIELD, page: LIST_PAGE_FIELD });

/** A position as the fields of its pair (`{ stateSeq: 7, statePage: 0 }`), for the document's write. */
export function positionFields(
  position: ListPosition,
  fields: ListFields = DEFAULT_LIST_FIELDS,
): Record<string, number> {
  return { [fields.seq]: position.listSeq, [fields.page]: position.listPage };
}

/** Where a document stands in its chain. */
export interface ListPosition {
  readonly listSeq: number;
  readonly listPage: number;
}

/**
 * Positions in chains, on Redis (`INCR`, `MGET`). When Redis cannot be reached (or does not answer
 * within the connection's timeouts) every method rejects with 503 `SERVICE.UNAVAILABLE`
 * (retriable; the Redis error is its `cause`): nothing was read or written. Give it a connection
 * that fails fast (no offline queue, short timeouts: the aggregate lock's), or a request waits for
 * Redis to come back.
 */
export class ListPositions {
  constructor(
    private readonly redis: Redis,
    /** `frontera:<service>:list:` */
    private readonly prefix: string,
    private readonly bucketSize: number = LIST_BUCKET_SIZE,
  ) {}

  /** The next position of `chain` (1, 2, 3, …). */
  async next(chain: string): Promise<ListPosition> {
    const listSeq = await unavailableOnFailure(this.redis.incr(`${this.prefix}${chain}`));
    return { listSeq, listPage: Math.floor(listSeq / this.bucketSize) };
  }

  /**
   * `count` consecutive positions of `chain` in one round trip (INCRBY), in order: for a batch of
   * documents inserted together. Positions a failed batch took stay unused (lists skip gaps).
   */
  async nextMany(chain: string, count: number): Promise<ListPosition[]> {
    if (!Number.isInteger(count) || count < 0) throw new TypeError('count must be a whole number ≥ 0');
    if (count === 0) return [];
    const last = await unavailableOnFailure(this.redis.incrby(`${this.prefix}${chain}`, count));
    return Array.from({ length: count }, (_, i) => {
      const listSeq = last - count + 1 + i;
      return { listSeq, listPage: Math.floor(listSeq / this.bucketSize) };
    });
  }

  /** The bucket of the newest position of each chain, or -1 for a chain without any. */
  async heads(chains: readonly string[]): Promise<number[]> {
    if (chains.length === 0) return [];
    const values = await unavailableOnFailure(this.redis.mget(...chains.map((c) => `${this.prefix}${c}`)));
    return values.map((v) => (v === null ? -1 : Math.floor(Number(v) / this.bucketSize)));
  }
}

/** A Redis command's answer, or 503 SERVICE.UNAVAILABLE (retriable) when Redis failed it. */
async function unavailableOnFailure<T>(command: Promise<T>): Promise<T> {
  try {
    return await command;
  } catch (error) {
    throw ServiceErrors.UNAVAILABLE.create({}, { cause: error });
  }
}

/** One chain to read: its name (in cursors) and the equality filter of its documents. */
export interface ListChain {
  readonly name: string;
  readonly filter: mongo.Filter<mongo.Document>;
}

interface Cursor {
  /** Chain name. */
  readonly c: string;
  /** Bucket. */
  readonly p: number;
  /**
   * Only positions below this one, and documents at this position whose tie key (`_id`) is above
   * `i` (the rest of the bucket was returned).
   */
  readonly s?: number;
  /** The tie key of the last document returned at position `s` (absent in older cursors: none of it). */
  readonly i?: string;
}

/** Longest tie key a cursor may carry (a list's `_id`s are short: employers' are at most 64 characters). */
const MAX_TIE_KEY_LENGTH = 200;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ v: 1, ...cursor }), 'utf8').toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (
      parsed['v'] === 1 &&
      typeof parsed['c'] === 'string' &&
      Number.isSafeInteger(parsed['p']) &&
      (parsed['p'] as number) >= 0 &&
      (parsed['s'] === undefined || (Number.isSafeInteger(parsed['s']) && (parsed['s'] as number) > 0)) &&
      (parsed['i'] === undefined ||
        (parsed['s'] !== undefined &&
          typeof parsed['i'] === 'string' &&
          parsed['i'].length <= MAX_TIE_KEY_LENGTH))
    ) {
      return {
        c: parsed['c'],
        p: parsed['p'] as number,
        ...(parsed['s'] ? { s: parsed['s'] as number } : {}),
        ...(typeof parsed['i'] === 'string' ? { i: parsed['i'] } : {}),
      };
    }
  } catch {
    // fall through
  }
  throw ListErrors.INVALID_CURSOR.create();
}

export interface ListPage<D> {
  readonly documents: D[];
  /** Where the next request continues, or null at the end of the list. */
  readonly nextCursor: string | null;
}

/**
 * Reads up to `limit` documents of the chains, in order (chains as given, newest bucket first,
 * newest position first within a bucket, documents at one position by `_id`), matching `filter`
 * (equality on top-level fields only), from `cursor` on. Reads at most `maxBuckets` buckets: a
 * filter that matches little returns fewer documents and a cursor to go on. Redis unreachable:
 * 503 `SERVICE.UNAVAILABLE` (see {@link ListPositions}).
 */
export async function readList<D extends mongo.Document>(options: {
  readonly collection: mongo.Collection<D>;
  readonly positions: ListPositions;
  readonly chains: readonly ListChain[];
  readonly filter?: mongo.Filter<mongo.Document>;
  readonly projection?: mongo.Document;
  readonly cursor?: string;
  readonly limit: number;
  readonly maxBuckets?: number;
  /** The position fields of these chains (default `listSeq` / `listPage`). */
  readonly fields?: ListFields;
}): Promise<ListPage<D>> {
  const { collection, chains, limit } = options;
  const fields = options.fields ?? DEFAULT_LIST_FIELDS;
  const seqOf = (document: mongo.Document): number => {
    const seq = document[fields.seq];
    return typeof seq === 'number' ? seq : 0;
  };
  const listOrder = (a: mongo.Document, b: mongo.Document): number => {
    const bySeq = seqOf(b) - seqOf(a);
    if (bySeq !== 0) return bySeq;
    const [x, y] = [tieKeyOf(a), tieKeyOf(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  };
  /** Whether a document of the bucket comes after where the previous page stopped (`listOrder`). */
  const comesAfter = (
    document: mongo.Document,
    after: { readonly s: number; readonly i?: string } | undefined,
  ): boolean => {
    if (after === undefined) return true;
    const seq = seqOf(document);
    // A cursor without a tie key (given before tie keys existed) continues below its position.
    return seq < after.s || (seq === after.s && after.i !== undefined && tieKeyOf(document) > after.i);
  };
  const maxBuckets = options.maxBuckets ?? LIST_MAX_BUCKETS_PER_REQUEST;
  if (chains.length === 0) return { documents: [], nextCursor: null };
  const heads = await options.positions.heads(chains.map((c) => c.name));
  let chain = 0;
  let bucket = heads[0];
  /** Where the previous page stopped within `bucket`: only what comes after it. */
  let after: { readonly s: number; readonly i?: string } | undefined;
  if (options.cursor !== undefined) {
    const cursor = decodeCursor(options.cursor);
    chain = chains.findIndex((c) => c.name === cursor.c);
    if (chain < 0 || cursor.p > heads[chain]) throw ListErrors.INVALID_CURSOR.create();
    bucket = cursor.p;
    after =
      cursor.s === undefined
        ? undefined
        : { s: cursor.s, ...(cursor.i !== undefined ? { i: cursor.i } : {}) };
  }
  const documents: D[] = [];
  for (let read = 0; read < maxBuckets; ) {
    if (bucket < 0) {
      chain += 1;
      if (chain >= chains.length) return { documents, nextCursor: null };
      bucket = heads[chain];
      after = undefined;
      continue;
    }
    const found = (await collection
      .find({ ...chains[chain].filter, ...options.filter, [fields.page]: bucket } as mongo.Filter<D>, {
        ...(options.projection ? { projection: { ...options.projection, _id: 1, [fields.seq]: 1 } } : {}),
      })
      .toArray()) as D[];
    read += 1;
    const ordered = found.filter((d) => comesAfter(d, after)).sort(listOrder);
    const room = limit - documents.length;
    if (ordered.length > room) {
      documents.push(...ordered.slice(0, room));
      const last = ordered[room - 1];
      return {
        documents,
        nextCursor: encodeCursor({ c: chains[chain].name, p: bucket, s: seqOf(last), i: tieKeyOf(last) }),
      };
    }
    documents.push(...ordered);
    bucket -= 1;
    after = undefined;
    if (documents.length === limit) break;
  }
  // Stopped at the limit or the bucket budget: continue from the next bucket, if any is left.
  while (bucket < 0 && chain + 1 < chains.length) {
    chain += 1;
    bucket = heads[chain];
  }
  return { documents, nextCursor: bucket < 0 ? null : encodeCursor({ c: chains[chain].name, p: bucket }) };
}

/** The `_id` as a string that orders documents at one position: strings as they are, ObjectIds by hex. */
function tieKeyOf(document: mongo.Document): string {
  const id: unknown = document['_id'];
  if (typeof id === 'string') return id;
  if (typeof id === 'number' || typeof id === 'bigint') return String(id);
  if (
    typeof id === 'object' &&
    id !== null &&
    typeof (id as { toHexString?: unknown }).toHexString === 'function'
  ) {
    return (id as { toHexString(): string }).toHexString();
  }
  return JSON.stringify(id) ?? '';
}
