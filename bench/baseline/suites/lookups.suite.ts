import { Collection, Db, MongoClient } from 'mongodb';
import {
  chunks,
  elapsedMs,
  median,
  metricFromRuns,
  MetricResult,
  now,
  perSecond,
  runInterleaved,
  runsOf,
  benchName,
  Suite,
  SuiteContext,
  SuiteOutput,
  withTimeout,
} from '../../lib';

/** A small document with an _id, a unique indexed field, an indexed field of many matches and a number. */
interface LookupDoc {
  _id: string;
  code: string;
  group: string;
  seq: number;
  status: string;
  payload: string;
}

/** Documents per value of `group`: every group value matches many documents. */
const GROUPS = 5;
const id = (i: number): string => `doc-${i.toString().padStart(6, '0')}`;
const code = (i: number): string => `C-${i.toString().padStart(6, '0')}`;

function lookupDoc(i: number): LookupDoc {
  return {
    _id: id(i),
    code: code(i),
    group: `g${i % GROUPS}`,
    seq: i,
    status: 'active',
    payload: 'x'.repeat(128),
  };
}

const SIZES = {
  // Each run: up to `ops` sequential calls, or fewer once `runMs` has passed (at least `minOps`:
  // a call that reads the whole 20,000-document collection takes about a second).
  full: { small: 100, large: 20_000, ops: 300, minOps: 2, runMs: 1_000, seedBatch: 1_000 },
  quick: { small: 100, large: 20_000, ops: 100, minOps: 2, runMs: 500, seedBatch: 1_000 },
};
const POOL_SIZE = 2;

interface LookupCase {
  key: string;
  /** Human label; the collection size is appended. */
  label: string;
  /** One call for the k-th pick in a collection of n documents; returns the documents it got. */
  call: (c: Collection<LookupDoc>, k: number, n: number) => Promise<number>;
  /** How many documents each call must return. */
  expect: (n: number) => number;
}

const CASES: readonly LookupCase[] = [
  {
    key: 'findOne._id',
    label: 'findOne({_id})',
    call: async (c, k) => ((await c.findOne({ _id: id(k) })) ? 1 : 0),
    expect: () => 1,
  },
  {
    key: 'findOne.field',
    label: 'findOne({code}) unique index',
    call: async (c, k) => ((await c.findOne({ code: code(k) })) ? 1 : 0),
    expect: () => 1,
  },
  {
    key: 'find.limit20',
    label: `find({group}).limit(20), n/${GROUPS} matches`,
    call: async (c, k) =>
      (
        await c
          .find({ group: `g${k % GROUPS}` })
          .limit(20)
          .toArray()
      ).length,
    expect: (n) => Math.min(20, n / GROUPS),
  },
  {
    key: 'find.in3',
    label: 'find({_id: {$in: [3 ids]}})',
    call: async (c, k, n) =>
      (await c.find({ _id: { $in: [id(k), id((k + 1) % n), id((k + 2) % n)] } }).toArray()).length,
    expect: () => 3,
  },
  {
    key: 'find.range',
    label: 'find({seq: {$gte, $lt}}) 10, indexed',
    call: async (c, k, n) => {
      const from = Math.min(k, n - 10);
      return (await c.find({ seq: { $gte: from, $lt: from + 10 } }).toArray()).length;
    },
    expect: () => 10,
  },
];

/**
 * How FerretDB lookups scale with the collection: sequential reads through the mongodb driver on a
 * collection of 100 and one of 20,000 documents, with indexes on code (unique), group and seq.
 * The ratio column is the 20,000-document rate ÷ the 100-document rate, formed run by run
 * (adjacent runs): ≈1 = served by an index, ≪1 = every call reads the whole collection (or every
 * match). See docs/decisions/0026-ferretdb-companion-gin-indexes.md.
 */
export const lookupsSuite: Suite = {
  name: 'lookups',
  budgetMs: { full: 240_000, quick: 120_000 },
  async run(ctx: SuiteContext): Promise<SuiteOutput> {
    const size = ctx.quick ? SIZES.quick : SIZES.full;
    const client = new MongoClient(ctx.endpoints.mongoUri, {
      maxPoolSize: POOL_SIZE,
      appName: 'frontera-bench-lookups',
      serverSelectionTimeoutMS: 10_000,
      connectTimeoutMS: 10_000,
      socketTimeoutMS: 60_000,
      waitQueueTimeoutMS: 30_000,
    });
    const dbName = benchName('lookups', ctx.runId, '_');
    let db: Db | null = null;

    try {
      await withTimeout(client.connect(), 15_000, `connect ${ctx.endpoints.mongoUri}`);
      db = client.db(dbName);
      const seed = async (n: number): Promise<Collection<LookupDoc>> => {
        const c = await (db as Db).createCollection<LookupDoc>(`docs_${n}`);
        await c.createIndex({ code: 1 }, { unique: true });
        await c.createIndex({ group: 1 });
        await c.createIndex({ seq: 1 });
        for (const batch of chunks(
          Array.from({ length: n }, (_, i) => lookupDoc(i)),
          size.seedBatch,
        )) {
          ctx.deadline.check();
          await c.insertMany(batch, { ordered: false });
        }
        return c;
      };
      const seedStart = now();
      const collections = new Map<number, Collection<LookupDoc>>();
      for (const n of [size.small, size.large]) collections.set(n, await seed(n));
      ctx.log(
        `lookups: seeded ${size.small} + ${size.large} documents in ${(elapsedMs(seedStart) / 1000).toFixed(1)} s`,
      );

      const measure = async (lc: LookupCase, n: number, ops: number): Promise<number> => {
        const c = collections.get(n) as Collection<LookupDoc>;
        const want = lc.expect(n);
        const start = now();
        let done = 0;
        while (done < ops && (done < size.minOps || elapsedMs(start) < size.runMs)) {
          ctx.deadline.check();
          const got = await lc.call(c, (done * 7919 + 13) % n, n);
          if (got !== want)
            throw new Error(`${lc.label} on ${n} documents returned ${got}, expected ${want}`);
          done++;
        }
        return perSecond(done, elapsedMs(start));
      };

      const key = (lc: LookupCase, n: number): string => `${lc.key}@${n}`;
      const results = await runInterleaved<number>(
        CASES.flatMap((lc) =>
          [size.small, size.large].map((n) => ({
            key: key(lc, n),
            warmup: () => measure(lc, n, size.minOps),
            run: () => measure(lc, n, size.ops),
          })),
        ),
        ctx.runs,
        (m) => ctx.log(`lookups: ${m}`),
      );

      const metrics: MetricResult[] = [];
      const notes: string[] = [];
      for (const lc of CASES) {
        for (const n of [size.small, size.large]) {
          const m = metricFromRuns(
            {
              id: `lookups.${lc.key}.n${n}`,
              group: 'lookups',
              name: `${lc.label} @${n.toLocaleString('en-US')}`,
              metric: 'throughput',
              unit: 'calls/s',
              better: 'higher',
              params: {
                documents: n,
                sequential: true,
                opsPerRun: size.ops,
                minOpsPerRun: size.minOps,
                runMs: size.runMs,
                maxPoolSize: POOL_SIZE,
              },
            },
            runsOf(results, key(lc, n)),
          );
          if (n === size.large) {
            const small = runsOf(results, key(lc, size.small));
            const pairs = m.runs.map((r, i) => r / small[i]);
            const ratio = median(pairs);
            m.ratio = { value: ratio, label: `${size.large}/${size.small}`, runs: pairs };
            if (ratio < 0.25) {
              notes.push(
                `lookups: ${lc.label} at ${size.large.toLocaleString('en-US')} documents runs at ${ratio.toFixed(3)}× ` +
                  `its ${size.small}-document rate: FerretDB reads the whole collection (or every match) for it.`,
              );
            }
          }
          metrics.push(m);
        }
      }
      return { metrics, notes };
    } finally {
      if (db) {
        await withTimeout(db.dropDatabase(), 15_000, `drop database ${dbName}`).catch((err: Error) =>
          ctx.log(`lookups: clean-up failed: ${err.message}`),
        );
      }
      await withTimeout(client.close(), 10_000, 'close mongo client').catch(() => undefined);
    }
  },
};
