import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { freePort } from '@frontera/platform-testing';

const workspace = join(__dirname, '../../../..');
const fixture = 'libs/platform/http/test/fixtures/tiny-http.main.ts';

interface Running {
  readonly child: ChildProcess;
  readonly base: string;
  readonly stdout: () => string;
  readonly exited: Promise<[number | null, NodeJS.Signals | null]>;
}

/** Starts the fixture (a createHttpApp service) as its own process and waits until it answers. */
async function start(env: Record<string, string> = {}): Promise<Running> {
  const port = await freePort();
  const publicKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString();
  const child = spawn(process.execPath, ['tools/scripts/run-ts.cjs', fixture], {
    cwd: workspace,
    env: {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      AUTH_PUBLIC_KEY: publicKey,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 45_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the fixture exited before answering:\n${output}`);
    }
    const status = await fetch(`${base}/ping`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the fixture did not answer within 45 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { child, base, stdout: () => stdout, exited };
}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} not within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

describe('a createHttpApp service as a process', () => {
  const started: Running[] = [];
  afterEach(() => {
    for (const { child } of started.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });

  it('logs every line as JSON, from the first one, and exits 0 after SIGTERM', async () => {
    const service = await start();
    started.push(service);
    service.child.kill('SIGTERM');
    const [code, signal] = await within(service.exited, 10_000, 'exit after SIGTERM');
    expect({ code, signal }).toEqual({ code: 0, signal: null });

    const lines = service
      .stdout()
      .split('\n')
      .filter((line) => line.trim() !== '');
    const parsed = lines.map((line) => {
      try {
        return JSON.parse(line) as { msg?: string; service?: string };
      } catch {
        throw new Error(`a log line is not JSON: ${line}`);
      }
    });
    const messages = parsed.map((entry) => entry.msg ?? '');
    // Logged while the app was built (buffered), when it listened and when it stopped.
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Mapped \{\/ping, GET\} route/),
        expect.stringMatching(/^tiny-http listening on http:\/\/127\.0\.0\.1:\d+$/),
        expect.stringMatching(/^SIGTERM received, shutting down/),
      ]),
    );
    expect(parsed.every((entry) => entry.service === 'tiny-http')).toBe(true);
  });

  it('answers /health/ready 503 while shutting down, and exits 1 when shutdown exceeds SHUTDOWN_TIMEOUT_MS', async () => {
    const service = await start({ SHUTDOWN_TIMEOUT_MS: '1500', TINY_SHUTDOWN_DELAY_MS: '60000' });
    started.push(service);
    expect((await fetch(`${service.base}/health/ready`)).status).toBe(200);
    const began = Date.now();
    service.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ready = await fetch(`${service.base}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ code: 'HEALTH.SHUTTING_DOWN' });
    const [code, signal] = await within(service.exited, 10_000, 'exit after the shutdown timeout');
    expect({ code, signal }).toEqual({ code: 1, signal: null });
    expect(Date.now() - began).toBeGreaterThanOrEqual(1400);
    expect(service.stdout()).toContain('shutdown took longer than 1500 ms');
  });
});
