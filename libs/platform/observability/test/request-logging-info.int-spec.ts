import type { INestApplication } from '@nestjs/common';
import { CORRELATION_HEADER, REDACTED } from '../src';
import { CapturedLogs, get, pinoPrototype, settle, startApp } from './request-logging.fixture';

describe('request logging at info (a Nest app over HTTP)', () => {
  const logs = new CapturedLogs();
  let app: INestApplication;
  let childCalls: jest.SpyInstance;

  beforeAll(async () => {
    childCalls = jest.spyOn(pinoPrototype, 'child');
    app = await startApp('info', logs);
  });
  afterAll(async () => {
    await app?.close();
    childCalls.mockRestore();
  });

  it('writes exactly one line per request, each with its own correlation id, without child loggers', async () => {
    childCalls.mockClear();
    const ids = Array.from({ length: 10 }, (_, i) => `corr-info-${String(i).padStart(4, '0')}`);
    for (const [i, id] of ids.entries()) {
      await get(app, `/test/workers/w-${i}?email=w${i}@example.com`, { [CORRELATION_HEADER]: id });
    }
    await settle();
    const lines = logs.requestLines().filter((line) => ids.includes(line['correlationId'] as string));
    expect(lines.map((line) => line['correlationId'])).toEqual(ids);
    expect(lines[3]).toMatchObject({
      level: 'info',
      msg: 'request completed',
      service: 'request-logging-int',
      req: { id: ids[3], method: 'GET', path: '/test/workers/w-3' },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
    expect(JSON.stringify(lines)).not.toContain('example.com');
    expect(childCalls).not.toHaveBeenCalled();
  });

  it('gives the lines a handler logs (PinoLogger and Nest Logger) the correlation id, censored', async () => {
    childCalls.mockClear();
    await get(app, '/test/workers/w-77?note=log', { [CORRELATION_HEADER]: 'corr-info-app-0001' });
    await settle();
    const ofRequest = logs.lines().filter((line) => line['correlationId'] === 'corr-info-app-0001');
    expect(ofRequest.find((line) => line['msg'] === 'worker looked up')).toMatchObject({
      level: 'info',
      context: 'Workers',
      workerId: 'w-77',
      worker: { documentNumber: REDACTED, phone: REDACTED },
    });
    expect(ofRequest.find((line) => line['context'] === 'WorkersNest')).toMatchObject({
      workerId: 'w-77',
      contact: { email: REDACTED },
    });
    expect(ofRequest.filter((line) => line['msg'] === 'request completed')).toHaveLength(1);
    const text = logs.raw.join('');
    for (const personal of ['GT-7654321', '4444 9876', 'careless@example.com']) {
      expect(text).not.toContain(personal);
    }
    expect(childCalls).not.toHaveBeenCalled();
  });

  it('does not log probe requests', async () => {
    await get(app, '/health/live', { [CORRELATION_HEADER]: 'corr-info-probe-01' });
    await settle();
    expect(logs.lines().filter((line) => line['correlationId'] === 'corr-info-probe-01')).toEqual([]);
  });
});
