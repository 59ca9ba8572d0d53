import type { INestApplication } from '@nestjs/common';
import { CORRELATION_HEADER } from '../src';
import { CapturedLogs, get, pinoPrototype, settle, startApp } from './request-logging.fixture';

// One application per file: nestjs-pino's PinoLogger writes through the logger of the first
// application of the process (see the README), so the warn and info cases live in two files.
describe('request logging at warn (a Nest app over HTTP)', () => {
  const logs = new CapturedLogs();
  let app: INestApplication;
  let childCalls: jest.SpyInstance;

  beforeAll(async () => {
    // Installed before the app exists, so it sees every child logger any library makes.
    childCalls = jest.spyOn(pinoPrototype, 'child');
    app = await startApp('warn', logs);
  });
  afterAll(async () => {
    await app?.close();
    childCalls.mockRestore();
  });

  it('writes nothing and builds no child logger for 2xx responses', async () => {
    childCalls.mockClear();
    for (let i = 0; i < 25; i++) {
      const res = await get(app, `/test/workers/w-${i}`);
      expect(res.status).toBe(200);
    }
    await settle();
    expect(logs.requestLines()).toEqual([]);
    expect(childCalls).not.toHaveBeenCalled();
  });

  it('writes one warn line for a 4xx and one error line for a 5xx, with the correlation id', async () => {
    childCalls.mockClear();
    await get(app, '/test/workers/missing', { [CORRELATION_HEADER]: 'corr-warn-404-0001' });
    await get(app, '/test/workers/broken', { [CORRELATION_HEADER]: 'corr-warn-503-0001' });
    await settle();
    const lines = logs.requestLines();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 'warn',
      msg: 'request completed',
      correlationId: 'corr-warn-404-0001',
      req: { id: 'corr-warn-404-0001', method: 'GET', path: '/test/workers/missing' },
      res: { statusCode: 404 },
    });
    expect(lines[1]).toMatchObject({
      level: 'error',
      msg: 'request errored',
      correlationId: 'corr-warn-503-0001',
      res: { statusCode: 503 },
    });
    expect(childCalls).not.toHaveBeenCalled();
  });
});
