import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { closeConnection } from '@frontera/platform-jobs';
import { endpointsFromEnv, uniqueName } from '@frontera/platform-testing';
import { RedisAggregateLock } from '../src';

jest.setTimeout(30_000);

describe('RedisAggregateLock (real Redis)', () => {
  let redis: Redis;
  let prefix: string;
  const lock = (options: Partial<{ ttlMs: number; waitMs: number }> = {}) =>
    new RedisAggregateLock(redis, { prefix, ttlMs: 2_000, waitMs: 3_000, ...options });

  beforeAll(() => {
    redis = new Redis(endpointsFromEnv().redisUrl);
  });

  beforeEach(() => {
    prefix = `${uniqueName('lock-test')}:`;
  });

  afterAll(async () => {
    await closeConnection(redis);
  });

  it('lets one holder of a key run at a time, across lock instances (service instances)', async () => {
    const [a, b] = [lock(), lock()];
    let inside = 0;
    let maxInside = 0;
    const work = async () => {
      inside += 1;
      maxInside = Math.max(maxInside, inside);
      await sleep(15);
      inside -= 1;
    };

    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).withLock('employer:e-1', work)));

    expect(maxInside).toBe(1);
    expect(await redis.exists(`${prefix}employer:e-1`)).toBe(0);
  });

  it('serves the waiters of one process in arrival order, each starting as soon as the previous released', async () => {
    const l = new RedisAggregateLock(redis, { prefix, ttlMs: 2_000, waitMs: 10_000, lineUp: true });
    const started: number[] = [];
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        l.withLock('employer:e-fifo', async () => {
          started.push(i);
          await sleep(2);
        }),
      ),
    );
    expect(started).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(l.keysInUse).toBe(0);
    expect(await redis.exists(`${prefix}employer:e-fifo`)).toBe(0);
  });

  it('a waiter whose wait runs out in line answers LOCK.BUSY and leaves the line; the others still run', async () => {
    const l = new RedisAggregateLock(redis, { prefix, ttlMs: 2_000, waitMs: 400, lineUp: true });
    const ran: string[] = [];
    const outcomes = await Promise.allSettled([
      l.withLock('employer:e-line', async () => {
        ran.push('first');
        await sleep(700);
      }),
      l.withLock('employer:e-line', async () => {
        ran.push('second');
      }),
    ]);
    expect(outcomes[0].status).toBe('fulfilled');
    expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: { code: 'LOCK.BUSY' } });
    expect(ran).toEqual(['first']);
    await l.withLock('employer:e-line', async () => {
      ran.push('third');
    });
    expect(ran).toEqual(['first', 'third']);
    expect(l.keysInUse).toBe(0);
  });

  it('different keys do not wait for each other', async () => {
    const l = lock();
    const started = Date.now();
    await Promise.all(['a', 'b', 'c'].map((k) => l.withLock(`employer:${k}`, () => sleep(200))));
    expect(Date.now() - started).toBeLessThan(550);
  });

  it('releases the key when the work throws', async () => {
    const l = lock();
    await expect(l.withLock('employer:e-2', async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(await redis.exists(`${prefix}employer:e-2`)).toBe(0);
  });

  it('answers LOCK.BUSY (503, retriable) after the bounded wait, running nothing', async () => {
    await redis.set(`${prefix}employer:e-3`, 'someone-else', 'PX', 10_000);
    let ran = false;
    const started = Date.now();

    await expect(
      lock({ waitMs: 300 }).withLock('employer:e-3', async () => {
        ran = true;
      }),
    ).rejects.toMatchObject({ code: 'LOCK.BUSY', status: 503, retriable: true });

    expect(ran).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await redis.get(`${prefix}employer:e-3`)).toBe('someone-else');
  });

  it('a crashed holder’s key expires after its ttl; releasing never deletes a key someone else holds now', async () => {
    await redis.set(`${prefix}employer:e-4`, 'crashed-holder', 'PX', 300);
    const l = lock();

    await l.withLock('employer:e-4', async () => {
      // Our lock expired while we worked (simulated) and someone else took the key.
      await redis.set(`${prefix}employer:e-4`, 'next-holder', 'PX', 10_000);
    });

    expect(await redis.get(`${prefix}employer:e-4`)).toBe('next-holder');
  });

  it('renews the key while slow work runs, so it outlives the ttl', async () => {
    const l = lock({ ttlMs: 1_000 });
    let stolen = false;
    await l.withLock('employer:e-5', async () => {
      await sleep(1_600);
      stolen = (await redis.set(`${prefix}employer:e-5`, 'intruder', 'PX', 1_000, 'NX')) === 'OK';
    });
    expect(stolen).toBe(false);
  });

  it('answers SERVICE.UNAVAILABLE (503) at once when Redis cannot be reached', async () => {
    const down = new Redis('redis://127.0.0.1:1', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    try {
      await expect(
        new RedisAggregateLock(down, { prefix, ttlMs: 1_000, waitMs: 1_000 }).withLock(
          'employer:e-6',
          async () => 'ran',
        ),
      ).rejects.toMatchObject({
        code: 'SERVICE.UNAVAILABLE',
        status: 503,
      });
    } finally {
      down.disconnect();
    }
  });
});
