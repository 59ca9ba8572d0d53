import { randomBytes } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { PiiCipher } from '@frontera/platform-pii';
import { databaseUri, endpointsFromEnv, uniqueName } from '@frontera/platform-testing';
import { IDEMPOTENCY_COLLECTION, idempotencyIdsOf, IdempotencyStore } from '../src';

jest.setTimeout(60_000);

const LEASE_MS = 900;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The Idempotency-Key claim as a lease, on the real FerretDB: a running request keeps its key however
 * long it runs; a request whose process died (what a SIGKILL leaves: the IN_PROGRESS record and
 * nobody renewing it) frees its key for the retry once the lease has lapsed.
 */
describe('IdempotencyStore leases (real FerretDB)', () => {
  let connection: Connection;
  let store: IdempotencyStore;
  const cipher = new PiiCipher({ encryptionKey: randomBytes(32), hashKey: randomBytes(32) });
  const scope = 'officer-1';

  beforeAll(async () => {
    const uri = databaseUri(endpointsFromEnv().mongodbUri, uniqueName('idem_lease'));
    connection = await mongoose.createConnection(uri, { maxPoolSize: 5 }).asPromise();
    store = new IdempotencyStore(connection, cipher, 24, { leaseMs: LEASE_MS });
    await store.ensureIndexes();
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  const records = () => connection.collection(IDEMPOTENCY_COLLECTION);

  /** The record a request leaves when its process is killed while it runs. */
  async function aClaimLeftByADeadProcess(key: string, body: unknown, leaseUntil: Date | undefined) {
    const { id, requestHash } = idempotencyIdsOf(scope, key, body);
    const now = new Date();
    const expiresAt = new Date(now.getTime() + 24 * 3_600_000);
    await records().insertOne({
      _id: id as never,
      requestHash,
      state: 'IN_PROGRESS',
      ...(leaseUntil ? { owner: 'the-killed-process', leaseUntil } : {}),
      createdAt: leaseUntil ? now : new Date(now.getTime() - 10 * LEASE_MS),
      expiresAt,
      expiresHour: 'x',
    });
  }

  it('a request that runs longer than the lease keeps its key: a retry meanwhile gets IN_PROGRESS, then the first response', async () => {
    const key = uniqueName('long');
    let runs = 0;
    const first = store.run(scope, key, { a: 1 }, async () => {
      runs += 1;
      await sleep(3 * LEASE_MS);
      return { body: { id: 'app-1' }, headers: {} };
    });
    await sleep(2 * LEASE_MS); // past the first lease: only the renewals keep the claim

    await expect(
      store.run(scope, key, { a: 1 }, async () => {
        runs += 1;
        return { body: { id: 'app-2' }, headers: {} };
      }),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY.IN_PROGRESS' });
    expect(await first).toMatchObject({ body: { id: 'app-1' }, replayed: false });
    const again = await store.run(scope, key, { a: 1 }, async () => {
      runs += 1;
      return { body: { id: 'app-3' }, headers: {} };
    });

    expect(again).toMatchObject({ body: { id: 'app-1' }, replayed: true });
    expect(runs).toBe(1);
  });

  it('the key of a killed request is taken over by the retry once its lease has lapsed, and then replays that retry', async () => {
    const key = uniqueName('killed');
    await aClaimLeftByADeadProcess(key, { a: 1 }, new Date(Date.now() + LEASE_MS));

    // Within the lease the dead owner is presumed alive.
    await expect(
      store.run(scope, key, { a: 1 }, async () => ({ body: { id: 'too-early' }, headers: {} })),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY.IN_PROGRESS' });
    await sleep(LEASE_MS + 200);

    const retried = await store.run(scope, key, { a: 1 }, async () => ({
      body: { id: 'app-9' },
      headers: {},
    }));
    const replayed = await store.run(scope, key, { a: 1 }, async () => ({
      body: { id: 'twice' },
      headers: {},
    }));

    expect(retried).toMatchObject({ body: { id: 'app-9' }, replayed: false });
    expect(replayed).toMatchObject({ body: { id: 'app-9' }, replayed: true });
    const stored = await records().findOne({ _id: idempotencyIdsOf(scope, key, null).id as never });
    expect(stored).toMatchObject({ state: 'COMPLETED' });
    expect(stored?.['owner']).not.toBe('the-killed-process');
  });

  it('a lapsed claim is never taken over with another body (422 KEY_REUSED), nor by two retries at once', async () => {
    const key = uniqueName('reused');
    await aClaimLeftByADeadProcess(key, { a: 1 }, new Date(Date.now() - 1));
    await expect(
      store.run(scope, key, { a: 2 }, async () => ({ body: {}, headers: {} })),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });

    const raced = uniqueName('raced');
    await aClaimLeftByADeadProcess(raced, { a: 1 }, new Date(Date.now() - 1));
    let runs = 0;
    const attempt = () =>
      store.run(scope, raced, { a: 1 }, async () => {
        runs += 1;
        await sleep(300);
        return { body: { id: 'once' }, headers: {} };
      });
    const outcomes = await Promise.allSettled([attempt(), attempt(), attempt()]);

    expect(runs).toBe(1);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes) {
      if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: 'IDEMPOTENCY.IN_PROGRESS' });
    }
  });

  it('a claim written before leases (no leaseUntil) lapses a lease after its creation', async () => {
    const key = uniqueName('old');
    await aClaimLeftByADeadProcess(key, { a: 1 }, undefined);

    const retried = await store.run(scope, key, { a: 1 }, async () => ({
      body: { id: 'app-old' },
      headers: {},
    }));

    expect(retried).toMatchObject({ body: { id: 'app-old' }, replayed: false });
  });
});
