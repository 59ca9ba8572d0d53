import { createServer } from 'node:net';
import { freePort, PROJECT_PORT_RANGE } from './free-port';

describe('freePort', () => {
  it('gives a port of the project range, below the ephemeral ports, that can be listened on at once', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThanOrEqual(PROJECT_PORT_RANGE.low);
    expect(port).toBeLessThanOrEqual(PROJECT_PORT_RANGE.high);
    expect(port).toBeLessThan(32_768);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('never gives a port it was told is taken', async () => {
    const taken = [await freePort()];
    for (let i = 0; i < 20; i++) taken.push(await freePort(taken));
    expect(new Set(taken).size).toBe(taken.length);
  });
});
