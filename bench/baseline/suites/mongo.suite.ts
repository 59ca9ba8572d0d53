import { Collection, MongoClient, ObjectId } from 'mongodb';
import {
  benchName,
  chunks,
  elapsedMs,
  metricFromRuns,
  now,
  perSecond,
  runConcurrent,
  runInterleaved,
  runsOf,
  Suite,
  SuiteContext,
  SuiteOutput,
  withTimeout,
} from '../../lib';

/** A small document, roughly the size of an aggregate's state (~250 bytes of BSON). */
interface BenchDoc {
  _id?: ObjectId;
  seq: number;
  employerId: string;
  status: string;
  counter: number;
  createdAt: Date;
  updatedAt?: Date;
  tags: string[];
  payload: string;
}

function benchDoc(seq: number): BenchDoc {
  return {
    seq,
    employerId: `emp-${(seq % 997).toString().padStart(4, '0')}`,
    status: 'active',
    counter: 0,
    createdAt: new Date(),
    tags: ['bench', `t${seq % 10}`],
    payload: 'x'.repeat(128),
  };
}

const SIZES = {
  full: {
    sequential: 500,
    concurrent: 2000,
    bulk: 5000,
    batch: 500,
    updates: 2000,
    seed: 1000,
    concurrency: 32,
  },
  quick: {
    sequential: 100,
    concurrent: 500,
    bulk: 1000,
    batch: 500,
    updates: 500,
    seed: 250,
    concurrency: 32,
  },
};
const POOL_SIZE = 10;

/**
 * Bare mongodb driver against FerretDB: insertOne sequential and concurrent, insertMany in
 * batches, and updateOne ($set + $inc by _id) concurrent. Each run writes into a fresh collection
 * of a database named after the run; the database is dropped at the end.
 */
export const mongoSuite: Suite = {
  name: 'mongo',
  budgetMs: { full: 120_000, quick: 40_000 },
  async run(ctx: SuiteContext): Promise<SuiteOutput> {
    const size = ctx.quick ? SIZES.quick : SIZES.full;
    const client = new MongoClient(ctx.endpoints.mongoUri, {
      maxPoolSize: POOL_SIZE, // FerretDB opens one PostgreSQL connection per client connection
      appName: 'frontera-bench-baseline',
      serverSelectionTimeoutMS: 10_000,
      connectTimeoutMS: 10_000,
      socketTimeoutMS: 60_000,
      waitQueueTimeoutMS: 30_000,
    });
    const dbName = benchName('baseline', ctx.runId, '_');
    let collections = 0;

    try {
      await withTimeout(client.connect(), 15_000, `connect ${ctx.endpoints.mongoUri}`);
      const db = client.db(dbName);
      const fresh = async (kind: string): Promise<Collection<BenchDoc>> =>
        db.createCollection<BenchDoc>(`${kind}_${collections++}`);
      const drop = (c: Collection<BenchDoc>): Promise<boolean> => c.drop();

      const insertSequential = async (n: number): Promise<number> => {
        const c = await fresh('seq');
        const start = now();
        for (let i = 0; i < n; i++) {
          ctx.deadline.check();
          await c.insertOne(benchDoc(i));
        }
        const rate = perSecond(n, elapsedMs(start));
        await drop(c);
        return rate;
      };

      const insertConcurrent = async (n: number): Promise<number> => {
        const c = await fresh('conc');
        const start = now();
        await runConcurrent(n, size.concurrency, (i) => c.insertOne(benchDoc(i)), ctx.deadline);
        const rate = perSecond(n, elapsedMs(start));
        await drop(c);
        return rate;
      };

      const insertBatches = async (n: number): Promise<number> => {
        const c = await fresh('bulk');
        const batches = chunks(
          Array.from({ length: n }, (_, i) => benchDoc(i)),
          size.batch,
        );
        const start = now();
        for (const batch of batches) {
          ctx.deadline.check();
          const res = await c.insertMany(batch, { ordered: true });
          if (res.insertedCount !== batch.length)
            throw new Error(`insertMany inserted ${res.insertedCount}/${batch.length}`);
        }
        const rate = perSecond(n, elapsedMs(start));
        await drop(c);
        return rate;
      };

      const updateConcurrent = async (n: number): Promise<number> => {
        const c = await fresh('upd');
        const seeded = await c.insertMany(
          Array.from({ length: size.seed }, (_, i) => benchDoc(i)),
          { ordered: false },
        );
        const ids = Object.values(seeded.insertedIds);
        let missed = 0;
        const start = now();
        await runConcurrent(
          n,
          size.concurrency,
          async (i) => {
            const res = await c.updateOne(
              { _id: ids[i % ids.length] },
              { $set: { status: `s${i % 7}`, updatedAt: new Date() }, $inc: { counter: 1 } },
            );
            if (res.matchedCount !== 1) missed++;
          },
          ctx.deadline,
        );
        const rate = perSecond(n, elapsedMs(start));
        if (missed > 0) throw new Error(`${missed} of ${n} updateOne calls matched no document`);
        await drop(c);
        return rate;
      };

      const warm = (n: number): number => Math.max(20, Math.round(n / 5));
      const results = await runInterleaved<number>(
        [
          {
            key: 'seq',
            warmup: () => insertSequential(warm(size.sequential)),
            run: () => insertSequential(size.sequential),
          },
          {
            key: 'conc',
            warmup: () => insertConcurrent(warm(size.concurrent)),
            run: () => insertConcurrent(size.concurrent),
          },
          { key: 'bulk', warmup: () => insertBatches(size.batch * 2), run: () => insertBatches(size.bulk) },
          {
            key: 'upd',
            warmup: () => updateConcurrent(warm(size.updates)),
            run: () => updateConcurrent(size.updates),
          },
        ],
        ctx.runs,
        (m) => ctx.log(`mongo: ${m}`),
      );

      const common = { group: 'mongo', metric: 'throughput', better: 'higher' as const };
      return {
        metrics: [
          metricFromRuns(
            {
              ...common,
              id: 'mongo.insertOne.sequential',
              name: `insertOne ×${size.sequential} sequential`,
              unit: 'docs/s',
              params: { count: size.sequential, concurrency: 1, maxPoolSize: POOL_SIZE },
            },
            runsOf(results, 'seq'),
          ),
          metricFromRuns(
            {
              ...common,
              id: 'mongo.insertOne.concurrent',
              name: `insertOne ×${size.concurrent} c${size.concurrency}`,
              unit: 'docs/s',
              params: { count: size.concurrent, concurrency: size.concurrency, maxPoolSize: POOL_SIZE },
            },
            runsOf(results, 'conc'),
          ),
          metricFromRuns(
            {
              ...common,
              id: 'mongo.insertMany.batch',
              name: `insertMany ×${size.bulk} /${size.batch}`,
              unit: 'docs/s',
              params: { count: size.bulk, batchSize: size.batch, ordered: true, maxPoolSize: POOL_SIZE },
            },
            runsOf(results, 'bulk'),
          ),
          metricFromRuns(
            {
              ...common,
              id: 'mongo.updateOne.concurrent',
              name: `updateOne ×${size.updates} c${size.concurrency}`,
              unit: 'updates/s',
              params: {
                count: size.updates,
                concurrency: size.concurrency,
                documents: size.seed,
                update: '$set + $inc by _id',
                maxPoolSize: POOL_SIZE,
              },
            },
            runsOf(results, 'upd'),
          ),
        ],
      };
    } finally {
      if (collections > 0) {
        await withTimeout(client.db(dbName).dropDatabase(), 15_000, `drop database ${dbName}`).catch(
          (err: Error) => ctx.log(`mongo: clean-up failed: ${err.message}`),
        );
      }
      await withTimeout(client.close(), 10_000, 'close mongo client').catch(() => undefined);
    }
  },
};
