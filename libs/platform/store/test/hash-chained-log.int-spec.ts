import { createHmac } from 'node:crypto';
import mongoose, { type Connection, type mongo } from 'mongoose';
import { LockErrors } from '@frontera/shared-kernel';
import { databaseUri, endpointsFromEnv, uniqueName } from '@frontera/platform-testing';
import { ChainTamperedError, HashChainedLog, type ChainCheckpoint, type ChainHead } from '../src';

jest.setTimeout(60_000);

interface Read {
  readonly by: string;
  readonly purpose: string;
}

/** One process's lock: appends of a chain one after the other. */
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

/**
 * The connection of a process that dies after writing an entry and before writing the head: every
 * write to the heads collection fails, everything else goes through.
 */
function crashingBeforeTheHead(connection: Connection): Connection {
  return new Proxy(connection, {
    get(target, property, receiver) {
      if (property !== 'collection') return Reflect.get(target, property, receiver);
      return (name: string) => {
        const collection = target.collection(name);
        if (!name.endsWith('_heads')) return collection;
        return new Proxy(collection, {
          get(heads, method, headsReceiver) {
            if (method === 'updateOne') {
              return () => Promise.reject(new Error('process died before the head was written'));
            }
            return Reflect.get(heads, method, headsReceiver);
          },
        });
      };
    },
  });
}

interface DatabaseCommand {
  readonly name: string;
  readonly collection: string;
  readonly filter: mongo.Document | undefined;
}

describe('HashChainedLog (real FerretDB)', () => {
  const mac = (text: string) => createHmac('sha256', 'test-key').update(text).digest('hex');
  let database: string;
  let connection: Connection;
  let other: Connection;
  let log: HashChainedLog<Read>;
  const commands: DatabaseCommand[] = [];
  let insertsFromOther = 0;

  beforeAll(async () => {
    database = uniqueName('chain');
    const uri = databaseUri(endpointsFromEnv().mongodbUri, database);
    connection = await mongoose.createConnection(uri, { maxPoolSize: 3, monitorCommands: true }).asPromise();
    other = await mongoose.createConnection(uri, { maxPoolSize: 3, monitorCommands: true }).asPromise();
    log = new HashChainedLog<Read>(connection, 'reads', mac);
    await log.ensureIndexes();
    other.getClient().on('commandStarted', (event) => {
      if (event.databaseName === database && event.commandName === 'insert') insertsFromOther += 1;
    });
    connection.getClient().on('commandStarted', (event) => {
      if (event.databaseName !== database) return;
      const command = event.command as mongo.Document;
      if (!['find', 'insert', 'update', 'delete', 'findAndModify', 'aggregate'].includes(event.commandName))
        return;
      const updates = command['updates'] as mongo.Document[] | undefined;
      commands.push({
        name: event.commandName,
        collection: String(command[event.commandName]),
        filter: (command['filter'] as mongo.Document | undefined) ?? updates?.[0]?.['q'],
      });
    });
  });

  afterAll(async () => {
    await other?.close();
    await connection?.dropDatabase();
    await connection?.close();
  });

  const entries = () => connection.collection('reads');
  const heads = () => connection.collection('reads_heads');
  const id = (chain: string, seq: number) => `${chain}:${String(seq).padStart(10, '0')}`;
  const aRead = (i: number): Read => ({ by: `officer-${i}`, purpose: 'ELIGIBILITY_REVIEW' });

  /**
   * What someone who can write the database does to set a head back: delete and insert. (An update
   * that lowers `version` is skipped by FerretDB's version guard, docs/decisions/0027; deletes and
   * inserts are not guarded, nor is SQL run against PostgreSQL directly.)
   */
  async function setHead(chain: string, head: mongo.Document): Promise<void> {
    await heads().deleteOne({ _id: chain } as never);
    await heads().insertOne({ ...head, _id: chain } as never);
  }

  async function headOf(chain: string): Promise<ChainHead> {
    const head = await log.head(chain);
    if (head === null) throw new Error(`no head for ${chain}`);
    return head;
  }

  async function chainOf(n: number): Promise<string> {
    const chain = uniqueName('worker');
    for (let i = 0; i < n; i++) await log.append(chain, aRead(i));
    return chain;
  }

  describe('appending', () => {
    it('serialises concurrent appenders without a lock: 20 at once, from two connections, take 20 consecutive positions', async () => {
      const chain = uniqueName('worker');
      const fromOther = new HashChainedLog<Read>(other, 'reads', mac);
      commands.length = 0;
      insertsFromOther = 0;
      const appended = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? log : fromOther).append(chain, aRead(i))),
      );

      const read = await log.read(chain);
      expect(read.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(read.slice(1).every((e, i) => e.prevHash === read[i].hash)).toBe(true);
      expect(new Set(read.map((e) => e.payload.by))).toEqual(new Set(appended.map((e) => e.payload.by)));
      expect(new Set(appended.map((e) => e.seq)).size).toBe(20);
      // they did race: positions were refused and taken again further on
      const inserts = commands.filter((c) => c.name === 'insert').length + insertsFromOther;
      expect(inserts).toBeGreaterThan(20);
      expect(await log.verify(chain)).toEqual({ ok: true, entries: 20, headLag: 0 });
      expect(await log.head(chain)).toMatchObject({ chain, seq: 20, hash: read[19].hash });
    });

    it('with a lock, concurrent appends wait for each other instead of racing', async () => {
      const locked = new HashChainedLog<Read>(connection, 'reads', mac, inProcessLock());
      const chain = uniqueName('worker');
      await Promise.all(Array.from({ length: 12 }, (_, i) => locked.append(chain, aRead(i))));
      expect((await log.read(chain)).map((e) => e.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      expect(await log.verify(chain)).toEqual({ ok: true, entries: 12, headLag: 0 });
    });

    it('keeps one entry per position whatever its _id: the unique index on (chain, seq) refuses a second', async () => {
      const chain = await chainOf(2);
      const second = (await log.read(chain))[1];
      await expect(
        entries().insertOne({ ...second, _id: 'another-id', payload: '{}' } as never),
      ).rejects.toMatchObject({ code: 11000 });
    });

    it('costs 3 round trips (head, entry, head), each an equality on an indexed field', async () => {
      const chain = await chainOf(1);
      commands.length = 0;
      await log.append(chain, aRead(1));
      expect(commands).toEqual([
        { name: 'find', collection: 'reads_heads', filter: { _id: chain } },
        { name: 'insert', collection: 'reads', filter: undefined },
        { name: 'update', collection: 'reads_heads', filter: { _id: chain, seq: { $lt: 2 } } },
      ]);
    });

    it('refuses a chain name with a line break (it would blur the hashed text)', async () => {
      await expect(log.append('worker:a\n1', aRead(0))).rejects.toThrow(TypeError);
    });
  });

  describe('a crash between the entry and the head', () => {
    it('leaves a consistent chain whose head lags; the next append moves the head past the entries', async () => {
      const chain = await chainOf(3);
      const crashing = new HashChainedLog<Read>(crashingBeforeTheHead(connection), 'reads', mac);
      await expect(crashing.append(chain, aRead(3))).rejects.toThrow('process died');
      await expect(crashing.append(chain, aRead(4))).rejects.toThrow('process died');

      expect((await log.read(chain)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(await log.head(chain)).toMatchObject({ seq: 3 });
      expect(await log.verify(chain)).toEqual({ ok: true, entries: 5, headLag: 2 });

      commands.length = 0;
      const next = await log.append(chain, aRead(5));
      expect(next.seq).toBe(6);
      // head, the refused insert at 4, the chain, the insert at 6, the head
      expect(commands.map((c) => `${c.name} ${c.collection}`)).toEqual([
        'find reads_heads',
        'insert reads',
        'find reads',
        'insert reads',
        'update reads_heads',
      ]);
      expect(commands[2].filter).toEqual({ chain });
      expect(await log.head(chain)).toMatchObject({ seq: 6, hash: next.hash });
      expect(await log.verify(chain)).toEqual({ ok: true, entries: 6, headLag: 0 });
    });

    it('a first entry without a head is consistent too', async () => {
      const chain = uniqueName('worker');
      const crashing = new HashChainedLog<Read>(crashingBeforeTheHead(connection), 'reads', mac);
      await expect(crashing.append(chain, aRead(0))).rejects.toThrow('process died');
      expect(await log.head(chain)).toBeNull();
      expect(await log.verify(chain)).toEqual({ ok: true, entries: 1, headLag: 1 });
      expect((await log.append(chain, aRead(1))).seq).toBe(2);
      expect(await log.verify(chain)).toEqual({ ok: true, entries: 2, headLag: 0 });
    });

    it('an entry past the head that does not chain to it is tampering: append refuses, verify names it', async () => {
      const chain = await chainOf(3);
      const third = (await log.read(chain))[2];
      await entries().insertOne({
        _id: id(chain, 4),
        chain,
        seq: 4,
        at: new Date(),
        payload: '{}',
        prevHash: third.hash,
        hash: 'f'.repeat(64),
      } as never);

      const refused = log.append(chain, aRead(4));
      await expect(refused).rejects.toBeInstanceOf(ChainTamperedError);
      await expect(refused).rejects.toMatchObject({ chain, problem: 'ALTERED', seq: 4 });
      expect(await log.verify(chain)).toMatchObject({ ok: false, firstBadSeq: 4, problem: 'ALTERED' });
    });
  });

  describe('verifying', () => {
    it('names the first entry that was altered', async () => {
      const chain = await chainOf(6);
      await entries().updateOne({ _id: id(chain, 4) } as never, {
        $set: { payload: JSON.stringify({ by: 'x', purpose: 'y' }) },
      });
      expect(await log.verify(chain)).toMatchObject({ ok: false, firstBadSeq: 4, problem: 'ALTERED' });
    });

    it('names an entry whose time is no longer a date as altered, without failing', async () => {
      const chain = await chainOf(2);
      await entries().updateOne({ _id: id(chain, 2) } as never, { $set: { at: 'yesterday' } });
      expect(await log.verify(chain)).toMatchObject({ ok: false, firstBadSeq: 2, problem: 'ALTERED' });
    });

    it('names the first entry that was removed, and a removed tail', async () => {
      const middle = await chainOf(5);
      await entries().deleteOne({ _id: id(middle, 2) } as never);
      expect(await log.verify(middle)).toMatchObject({ ok: false, firstBadSeq: 2, problem: 'MISSING' });

      const tail = await chainOf(5);
      await entries().deleteOne({ _id: id(tail, 5) } as never);
      expect(await log.verify(tail)).toMatchObject({
        ok: false,
        entries: 4,
        firstBadSeq: 5,
        problem: 'TRUNCATED',
      });
    });

    it('cannot be re-forged without the key: an entry recomputed with another key is refused', async () => {
      const chain = await chainOf(3);
      const forged = createHmac('sha256', 'other-key').update('anything').digest('hex');
      await entries().updateOne({ _id: id(chain, 1) } as never, { $set: { hash: forged } });
      expect(await log.verify(chain)).toMatchObject({ ok: false, firstBadSeq: 1, problem: 'ALTERED' });
    });

    it('reads the chain by equality on chain, pushed down to PostgreSQL, and the head by _id: 2 round trips', async () => {
      const chain = await chainOf(2);
      commands.length = 0;
      await log.verify(chain);
      expect(commands).toEqual(
        expect.arrayContaining([
          { name: 'find', collection: 'reads', filter: { chain } },
          { name: 'find', collection: 'reads_heads', filter: { _id: chain } },
        ]),
      );
      expect(commands).toHaveLength(2);
      const explained = await connection.db?.command({ explain: { find: 'reads', filter: { chain } } });
      expect(explained?.['filterPushdown']).toBe(true);
    });
  });

  describe('the keyed head', () => {
    it('a tail removed and the head set back without the key is detected, whatever MAC the head is given', async () => {
      const chain = await chainOf(5);
      const elsewhere = await chainOf(3);
      const third = (await log.read(chain))[2];
      await entries().deleteMany({ chain, seq: 4 });
      await entries().deleteMany({ chain, seq: 5 });
      // the genuine MAC of another chain's head at the same position: a head is bound to its chain
      const borrowed = (await headOf(elsewhere)).mac;
      await setHead(chain, { seq: 3, hash: third.hash, mac: borrowed, version: 3 });
      expect(await log.verify(chain)).toEqual({
        ok: false,
        entries: 3,
        firstBadSeq: 4,
        problem: 'HEAD_ALTERED',
      });

      await heads().updateOne({ _id: chain } as never, { $unset: { mac: '' } });
      expect(await log.verify(chain)).toMatchObject({ ok: false, problem: 'HEAD_ALTERED' });
      await expect(log.head(chain)).rejects.toBeInstanceOf(ChainTamperedError);
      await expect(log.append(chain, aRead(9))).rejects.toMatchObject({ problem: 'HEAD_ALTERED' });
      expect((await log.read(chain)).map((e) => e.seq)).toEqual([1, 2, 3]);
    });

    it('exposes the head (chain, seq, hash, mac) to publish as a checkpoint', async () => {
      const chain = await chainOf(2);
      const last = (await log.read(chain))[1];
      const head = await log.head(chain);
      expect(head).toEqual({ chain, seq: 2, hash: last.hash, mac: expect.any(String) });
      expect(head?.mac).toBe(mac(JSON.stringify(['head', chain, 2, last.hash])));
      expect(await log.head(uniqueName('nobody'))).toBeNull();
    });

    it('an older genuine head put back with the tail removed passes on its own, and fails against a checkpoint', async () => {
      const chain = await chainOf(3);
      const older = await heads().findOne({ _id: chain } as never);
      expect(older).toMatchObject({ seq: 3 });
      await log.append(chain, aRead(3));
      const checkpoint: ChainCheckpoint = await log.append(chain, aRead(4));
      const published = await headOf(chain);
      expect(await log.verify(chain, { expectedAtLeast: published })).toEqual({
        ok: true,
        entries: 5,
        headLag: 0,
      });

      await entries().deleteMany({ chain, seq: 4 });
      await entries().deleteMany({ chain, seq: 5 });
      await setHead(chain, older ?? {});

      // what the database alone cannot show
      expect(await log.verify(chain)).toEqual({ ok: true, entries: 3, headLag: 0 });
      // what a checkpoint kept elsewhere shows
      expect(await log.verify(chain, { expectedAtLeast: checkpoint })).toEqual({
        ok: false,
        entries: 3,
        firstBadSeq: 4,
        problem: 'ROLLED_BACK',
      });
      expect(await log.verify(chain, { expectedAtLeast: published })).toMatchObject({
        problem: 'ROLLED_BACK',
      });
      // an older checkpoint still holds
      const second = (await log.read(chain))[1];
      expect(await log.verify(chain, { expectedAtLeast: second })).toEqual({
        ok: true,
        entries: 3,
        headLag: 0,
      });
    });

    it('a checkpoint whose hash is not the entry at its position is a rollback too', async () => {
      const chain = await chainOf(3);
      expect(await log.verify(chain, { expectedAtLeast: { seq: 2, hash: 'a'.repeat(64) } })).toMatchObject({
        ok: false,
        firstBadSeq: 2,
        problem: 'ROLLED_BACK',
      });
      expect(await log.verify(chain, { expectedAtLeast: { seq: 0, hash: '' } })).toMatchObject({ ok: true });
      await expect(log.verify(chain, { expectedAtLeast: { seq: 1.5, hash: '' } })).rejects.toThrow(TypeError);
    });
  });

  it('an appender that keeps losing the race gives up after 50 attempts with 503 LOCK.BUSY (retriable)', async () => {
    const chain = await chainOf(1);
    // before each of its inserts, another appender takes the position
    const alwaysBeaten = new Proxy(connection, {
      get(target, property, receiver) {
        if (property !== 'collection') return Reflect.get(target, property, receiver);
        return (name: string) => {
          const collection = target.collection(name);
          if (name.endsWith('_heads')) return collection;
          return new Proxy(collection, {
            get(inner, method, innerReceiver) {
              if (method !== 'insertOne') return Reflect.get(inner, method, innerReceiver);
              return async () => {
                await log.append(chain, aRead(0));
                throw Object.assign(new Error('E11000 duplicate key error'), { code: 11000 });
              };
            },
          });
        };
      },
    });
    const beaten = new HashChainedLog<Read>(alwaysBeaten, 'reads', mac);
    const error: unknown = await beaten.append(chain, aRead(1)).catch((e: unknown) => e);
    expect(LockErrors.BUSY.is(error)).toBe(true);
    expect(error).toMatchObject({ status: 503, retriable: true });
    expect(await log.verify(chain)).toEqual({ ok: true, entries: 51, headLag: 0 });
  });
});
