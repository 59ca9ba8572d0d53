import { Redis } from 'ioredis';
import mongoose, { type Connection, type mongo } from 'mongoose';
import { databaseUri, endpointsFromEnv, uniqueName } from '@frontera/platform-testing';
import { LIST_PAGE_FIELD, ListPositions, positionFields, readList, type ListChain } from '../src';

jest.setTimeout(60_000);

interface Row extends mongo.Document {
  _id: string;
  state: string;
  status: string;
  listSeq: number;
  listPage: number;
}

describe('list pages (real FerretDB and Redis)', () => {
  let connection: Connection;
  let redis: Redis;
  let positions: ListPositions;
  let rows: mongo.Collection<Row>;
  const chains: ListChain[] = [
    { name: 'CHP', filter: { state: 'CHP' } },
    { name: 'TAB', filter: { state: 'TAB' } },
  ];

  beforeAll(async () => {
    const endpoints = endpointsFromEnv();
    connection = await mongoose
      .createConnection(databaseUri(endpoints.mongodbUri, uniqueName('list-pages')), { maxPoolSize: 3 })
      .asPromise();
    redis = new Redis(endpoints.redisUrl);
    positions = new ListPositions(redis, `${uniqueName('list-test')}:`, 10);
    rows = connection.collection<Row>('rows');
    await rows.createIndex({ state: 1, [LIST_PAGE_FIELD]: 1 });
    const documents: Row[] = [];
    for (const [state, count] of [
      ['CHP', 45],
      ['TAB', 7],
    ] as const) {
      for (let i = 0; i < count; i++) {
        const position = await positions.next(state);
        documents.push({
          _id: `${state}-${i}`,
          state,
          status: i % 3 === 0 ? 'PENDING' : 'ACTIVE',
          ...position,
        });
      }
    }
    await rows.insertMany(documents);
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
    redis?.disconnect();
  });

  async function all(
    filter: mongo.Filter<mongo.Document> = {},
    limit = 8,
  ): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await readList({
        collection: rows,
        positions,
        chains,
        filter,
        limit,
        ...(cursor ? { cursor } : {}),
      });
      expect(page.documents.length).toBeLessThanOrEqual(limit);
      ids.push(...page.documents.map((d) => d._id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor !== undefined && pages < 100);
    return { ids, pages };
  }

  it('pages through every chain, newest first, each document once', async () => {
    const { ids, pages } = await all();
    const expected = [
      ...Array.from({ length: 45 }, (_, i) => `CHP-${44 - i}`),
      ...Array.from({ length: 7 }, (_, i) => `TAB-${6 - i}`),
    ];
    expect(ids).toEqual(expected);
    expect(pages).toBe(Math.ceil(52 / 8));
  });

  it('applies equality filters within the buckets', async () => {
    const { ids } = await all({ status: 'PENDING' }, 5);
    expect(ids).toEqual([
      ...Array.from({ length: 45 }, (_, i) => 44 - i)
        .filter((i) => i % 3 === 0)
        .map((i) => `CHP-${i}`),
      ...Array.from({ length: 7 }, (_, i) => 6 - i)
        .filter((i) => i % 3 === 0)
        .map((i) => `TAB-${i}`),
    ]);
  });

  it('reads a bounded number of buckets per request and says where to go on', async () => {
    const page = await readList({
      collection: rows,
      positions,
      chains,
      filter: { status: 'NONE' },
      limit: 10,
      maxBuckets: 2,
    });
    expect(page.documents).toEqual([]);
    expect(page.nextCursor).not.toBeNull();
  });

  it('refuses a cursor it did not give (400 LIST.INVALID_CURSOR)', async () => {
    for (const cursor of ['nope', Buffer.from('{"v":1,"c":"XXX","p":1}').toString('base64url')]) {
      await expect(readList({ collection: rows, positions, chains, cursor, limit: 5 })).rejects.toMatchObject(
        {
          code: 'LIST.INVALID_CURSOR',
          status: 400,
        },
      );
    }
  });

  it('pages through documents that share a position (positions handed out again after a Redis crash): each once, none skipped', async () => {
    const prefix = `${uniqueName('list-dup')}:`;
    const crashed = new ListPositions(redis, prefix, 10);
    const documents: Row[] = [];
    const add = async (id: string): Promise<void> => {
      documents.push({ _id: id, state: 'DUP', status: 'ACTIVE', ...(await crashed.next('DUP')) });
    };
    for (let i = 1; i <= 6; i++) await add(`a-${i}`); // positions 1…6
    // Redis restarts without the last second of its append-only file: positions 5 and 6 are
    // handed out again (and, as the second time, three documents take position 6).
    await redis.set(`${prefix}DUP`, 4);
    await add('b-5');
    await add('b-6');
    await redis.set(`${prefix}DUP`, 5);
    await add('c-6');
    await rows.insertMany(documents);
    const dup: ListChain[] = [{ name: 'DUP', filter: { state: 'DUP' } }];
    // Newest position first; at one position, by _id.
    const expected = ['a-6', 'b-6', 'c-6', 'a-5', 'b-5', 'a-4', 'a-3', 'a-2', 'a-1'];

    for (const limit of [1, 2, 4]) {
      // limit 1 and 2 end pages between the documents at position 6 and at position 5.
      const ids: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await readList({
          collection: rows,
          positions: crashed,
          chains: dup,
          limit,
          ...(cursor ? { cursor } : {}),
        });
        ids.push(...page.documents.map((d) => d._id));
        cursor = page.nextCursor ?? undefined;
        pages += 1;
      } while (cursor !== undefined && pages < 20);
      expect({ limit, ids }).toEqual({ limit, ids: expected });
    }
  });

  it('lists a document in two chains, each position in its own fields (positionFields)', async () => {
    const twoLists = connection.collection<mongo.Document>('two_lists');
    const byEmployer = { seq: 'employerSeq', page: 'employerPage' };
    const byState = { seq: 'stateSeq', page: 'statePage' };
    const prefix = uniqueName('two');
    const documents: mongo.Document[] = [];
    for (let i = 0; i < 25; i++) {
      const employerId = i % 2 === 0 ? 'emp-even' : 'emp-odd';
      documents.push({
        _id: `doc-${String(i).padStart(2, '0')}`,
        employerId,
        state: 'CHP',
        ...positionFields(await positions.next(`${prefix}:employer:${employerId}`), byEmployer),
        ...positionFields(await positions.next(`${prefix}:state:CHP`), byState),
      });
    }
    await twoLists.insertMany(documents);
    const read = async (chain: ListChain, fields: typeof byState): Promise<string[]> => {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await readList({
          collection: twoLists,
          positions,
          chains: [chain],
          fields,
          limit: 4,
          ...(cursor ? { cursor } : {}),
        });
        ids.push(...page.documents.map((d) => String(d['_id'])));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return ids;
    };

    const state = await read({ name: `${prefix}:state:CHP`, filter: { state: 'CHP' } }, byState);
    const even = await read(
      { name: `${prefix}:employer:emp-even`, filter: { employerId: 'emp-even' } },
      byEmployer,
    );

    expect(state).toEqual(documents.map((d) => String(d['_id'])).reverse());
    expect(even).toEqual(
      documents
        .filter((d) => d['employerId'] === 'emp-even')
        .map((d) => String(d['_id']))
        .reverse(),
    );
  });

  it('hands out consecutive positions for a batch in one INCRBY (nextMany), after and before single ones', async () => {
    const chain = uniqueName('batch-chain');
    const first = await positions.next(chain);
    const batch = await positions.nextMany(chain, 12);
    const after = await positions.next(chain);

    expect(batch.map((p) => p.listSeq)).toEqual(Array.from({ length: 12 }, (_, i) => first.listSeq + 1 + i));
    expect(batch.map((p) => p.listPage)).toEqual(batch.map((p) => Math.floor(p.listSeq / 10)));
    expect(after.listSeq).toBe(first.listSeq + 13);
    expect(await positions.nextMany(chain, 0)).toEqual([]);
    await expect(positions.nextMany(chain, -1)).rejects.toThrow(TypeError);
  });

  it('rejects with 503 SERVICE.UNAVAILABLE (retriable) when Redis cannot be reached', async () => {
    // A connection that fails fast, as the service's (no offline queue, short timeouts), to a closed port.
    const down = new Redis('redis://127.0.0.1:1', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 200,
      commandTimeout: 200,
      retryStrategy: () => null,
    });
    down.on('error', () => undefined);
    const unreachable = new ListPositions(down, `${uniqueName('list-down')}:`, 10);
    const unavailable = { code: 'SERVICE.UNAVAILABLE', status: 503, retriable: true };
    try {
      await expect(
        readList({ collection: rows, positions: unreachable, chains, limit: 5 }),
      ).rejects.toMatchObject(unavailable);
      await expect(unreachable.next('CHP')).rejects.toMatchObject(unavailable);
      await expect(unreachable.heads(['CHP'])).rejects.toMatchObject(unavailable);
      await expect(unreachable.nextMany('CHP', 3)).rejects.toMatchObject(unavailable);
    } finally {
      down.disconnect();
    }
  });

  it('asks FerretDB only what it pushes down (equality on top-level fields)', async () => {
    const explained = await connection.db!.command({
      explain: { find: 'rows', filter: { state: 'CHP', status: 'PENDING', [LIST_PAGE_FIELD]: 3 } },
    });
    expect(explained['filterPushdown']).toBe(true);
  });
});
