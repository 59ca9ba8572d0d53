import { createServer } from 'node:net';

/**
 * The ports a process of the project may listen on: below the kernel's ephemeral range (32768–60999),
 * which outgoing connections use, and clear of the servers' fixed ports (15432, 17017, 16379, 19092…).
 */
export const PROJECT_PORT_RANGE = { low: 20_000, high: 31_999 } as const;

/**
 * A TCP port of 127.0.0.1 in {@link PROJECT_PORT_RANGE} that nobody listens on right now (for a
 * service started as a process), other than those in `taken` (ports chosen but not yet listened on).
 */
export async function freePort(taken: readonly number[] = []): Promise<number> {
  const { low, high } = PROJECT_PORT_RANGE;
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low + 1));
    if (taken.includes(port)) continue;
    const free = await new Promise<boolean>((done) => {
      const server = createServer();
      server.once('error', () => done(false));
      server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${low}–${high} after 50 attempts`);
}
