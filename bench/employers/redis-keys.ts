import { Redis } from 'ioredis';

/** Deletes the keys matching `patterns` (SCAN, bounded: at most 100 pages of 1,000). */
export async function deleteRedisKeys(url: string, patterns: readonly string[]): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 5_000 });
  try {
    for (const pattern of patterns) {
      let cursor = '0';
      for (let page = 0; page < 100; page++) {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1_000);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
        if (cursor === '0') break;
      }
    }
  } finally {
    redis.disconnect();
  }
}
