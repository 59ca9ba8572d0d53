import { createHmac } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { databaseUri, endpointsFromEnv, uniqueName } from '@frontera/platform-testing';
import { HashChainedLog } from '../src';

jest.setTimeout(60_000);

interface Read {
  readonly by: string;
  readonly purpose: string;
}

/** One process's lock: appends of a chain one after the other (the services use the Redis lock). */
function inProcessLock() {
  const tails = new Map<string, Promise<unknown>>();
  return async <T>(chain: string, fn: () => Promise<T>): Promise<T> => {
    const previous = tails.get(chain) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    tails.set(
      chain,
      run.catch(() => undefined),
    );
    return run;
  };
}

describe('HashChainedLog (real FerretDB)', () => {
  let connection: Connection;
  let log: HashChainedLog<Read>;
  const mac = (text: string) => createHmac('sha256', 'test-key').update(text).digest('hex');

  beforeAll(async () => {
    connection = await mongoose
      .createConnection(databaseUri(endpointsFromEnv().mongodbUri, uniqueName('chain')), { maxPoolSize: 3 })
      .asPromise();
    log = new HashChainedLog<Read>(connection, 'reads', mac, inProcessLock());
    await log.ensureIndexes();
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  async function chainOf(n: number): Promise<string> {
    const chain = uniqueName('worker');
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        log.append(chain, { by: `officer-${i}`, purpose: 'ELIGIBILITY_REVIEW' }),
      ),
    );
    return chain;
  }

  it('appends concurrently into one consistent chain, in order', async () => {
    const chain = await chainOf(12);
    const entries = await log.read(chain);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(entries.slice(1).every((e, i) => e.prevHash === entries[i].hash)).toBe(true);
    expect(await log.verify(chain)).toEqual({ ok: true, entries: 12 });
  });

  it('names the first entry that was altered', async () => {
    const chain = await chainOf(6);
    await connection.collection('reads').updateOne({ _id: `${chain}:0000000004` } as never, {
      $set: { payload: JSON.stringify({ by: 'x', purpose: 'y' }) },
    });
    expect(await log.verify(chain)).toMatchObject({ ok: false, firstBadSeq: 4, problem: 'ALTERED' });
  });

  it('names the first entry that was removed, and a removed tail', async () => {
    const middle = await chainOf(5);
    await connection.collection('reads').deleteOne({ _id: `${middle}:0000000002` } as never);
    expect(await log.verify(middle)).toMatchObject({ ok: false, firstBadSeq: 2, problem: 'MISSING' });

    const tail = await chainOf(5);
    await connection.collection('reads').deleteOne({ _id: `${tail}:0000000005` } as never);
    expect(await log.verify(tail)).toMatchObject({ ok: false, firstBadSeq: 5, problem: 'TRUNCATED' });
  });

  it('cannot be re-forged without the key: an entry recomputed with another key is refused', async () => {
    const chain = await chainOf(3);
    const forged = createHmac('sha256', 'other-key').update('anything').digest('hex');
    await connection
      .collection('reads')
      .updateOne({ _id: `${chain}:0000000001` } as never, { $set: { hash: forged } });
    expect(await log.verify(chain)).toMatchObject({ ok: false, firstBadSeq: 1, problem: 'ALTERED' });
  });
});
