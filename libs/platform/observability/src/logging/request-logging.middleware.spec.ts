import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { pino, type LevelWithSilent, type Logger } from 'pino';
import { correlationIdOf } from '../correlation/correlation.middleware';
import { createHttpLogger } from './logger-options';
import { REDACTED } from './personal-data';
import { RequestLog, requestLineLevel } from './request-logging.middleware';

/** pino's shared prototype: every logger's `child` ends up here, whoever calls it. */
const pinoPrototype = Object.getPrototypeOf(Object.getPrototypeOf(pino({ enabled: false }))) as Logger;

interface FakeExchange {
  req: IncomingMessage;
  res: ServerResponse;
  /** Ends the exchange like Node does: status set, response ended, then 'close'. */
  respond(statusCode: number, options?: { aborted?: boolean }): void;
}

/** The parts of a request/response pair the request line reads, without a socket. */
function exchange(url: string, headers: Record<string, string> = {}): FakeExchange {
  const req = Object.assign(new EventEmitter(), {
    method: 'GET',
    url,
    headers,
    readableAborted: false,
  }) as unknown as IncomingMessage;
  const res = Object.assign(new EventEmitter(), {
    req,
    statusCode: 200,
    writableEnded: false,
    headersSent: false,
    getHeader: () => undefined,
    setHeader: () => undefined,
  }) as unknown as ServerResponse;
  return {
    req,
    res,
    respond(statusCode, options = {}) {
      Object.assign(res, { statusCode, writableEnded: !options.aborted });
      Object.assign(req, { readableAborted: options.aborted ?? false });
      res.emit('close');
    },
  };
}

function capture(logLevel: LevelWithSilent): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  const logger = createHttpLogger(
    { serviceName: 'unit', serviceVersion: '1.0.0', logLevel, redactPaths: [] },
    destination,
  );
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, lines };
}

describe('RequestLog', () => {
  let childCalls: jest.SpyInstance;

  beforeEach(() => {
    childCalls = jest.spyOn(pinoPrototype, 'child');
  });
  afterEach(() => childCalls.mockRestore());

  it('at warn writes nothing and builds no child logger for a 2xx, but writes a 4xx and a 5xx', () => {
    const { logger, lines } = capture('warn');
    const log = new RequestLog(logger, false);
    for (let i = 0; i < 20; i++) {
      const ok = exchange(`/workers/w-${i}`);
      log.handle(ok.req, ok.res, () => undefined);
      ok.respond(200);
    }
    expect(lines()).toEqual([]);

    const missing = exchange('/workers/none', { 'x-correlation-id': 'corr-unit-404-0001' });
    correlationIdOf(missing.req, missing.res);
    log.handle(missing.req, missing.res, () => undefined);
    missing.respond(404);
    const failed = exchange('/workers/boom');
    log.handle(failed.req, failed.res, () => undefined);
    failed.respond(503);

    const [notFound, errored] = lines();
    expect(notFound).toMatchObject({
      level: 'warn',
      msg: 'request completed',
      correlationId: 'corr-unit-404-0001',
      req: { id: 'corr-unit-404-0001', method: 'GET', path: '/workers/none' },
      res: { statusCode: 404 },
      responseTime: expect.any(Number),
    });
    expect(errored).toMatchObject({ level: 'error', msg: 'request errored', res: { statusCode: 503 } });
    expect(lines()).toHaveLength(2);
    expect(childCalls).not.toHaveBeenCalled();
  });

  it('at info writes one line per request with its correlation id and no query string, without a child logger', () => {
    const { logger, lines } = capture('info');
    const log = new RequestLog(logger, false);
    for (let i = 0; i < 5; i++) {
      const ok = exchange(`/workers?email=w${i}@example.com`, {
        'x-correlation-id': `corr-unit-info-${i}000`,
      });
      correlationIdOf(ok.req, ok.res);
      log.handle(ok.req, ok.res, () => undefined);
      ok.respond(200);
    }
    const written = lines();
    expect(written).toHaveLength(5);
    expect(written.map((line) => line['correlationId'])).toEqual(
      [0, 1, 2, 3, 4].map((i) => `corr-unit-info-${i}000`),
    );
    expect(written[0]).toMatchObject({
      level: 'info',
      msg: 'request completed',
      req: { id: 'corr-unit-info-0000', method: 'GET', path: '/workers' },
      res: { statusCode: 200 },
    });
    expect(JSON.stringify(written)).not.toContain('example.com');
    expect(childCalls).not.toHaveBeenCalled();
  });

  it('says when the client went away before the response was complete', () => {
    const { logger, lines } = capture('info');
    const log = new RequestLog(logger, false);
    const gone = exchange('/workers/slow');
    log.handle(gone.req, gone.res, () => undefined);
    gone.respond(200, { aborted: true });
    expect(lines()[0]).toMatchObject({ msg: 'request aborted' });
  });

  it.each(['fatal', 'silent'] as const)('at %s does not even listen for the end of the response', (level) => {
    const { logger, lines } = capture(level);
    const log = new RequestLog(logger, false);
    const failed = exchange('/workers/boom');
    const next = jest.fn();
    log.handle(failed.req, failed.res, next);
    expect(next).toHaveBeenCalledTimes(1);
    expect(failed.res.listenerCount('close')).toBe(0);
    failed.respond(500);
    expect(lines()).toEqual([]);
  });

  it('leaves probe and scrape requests out unless asked to log them', () => {
    const quiet = capture('info');
    const probe = exchange('/health/ready?verbose=1');
    new RequestLog(quiet.logger, false).handle(probe.req, probe.res, () => undefined);
    probe.respond(200);
    expect(quiet.lines()).toEqual([]);

    const loud = capture('info');
    const scrape = exchange('/metrics');
    new RequestLog(loud.logger, true).handle(scrape.req, scrape.res, () => undefined);
    scrape.respond(200);
    expect(loud.lines()).toHaveLength(1);
  });

  it('gives the request the application logger as req.log: its lines are censored too', () => {
    const { logger, lines } = capture('info');
    const ok = exchange('/workers/w-1');
    new RequestLog(logger, false).handle(ok.req, ok.res, () => undefined);
    const reqLog = (ok.req as unknown as { log: Logger }).log;
    expect(reqLog).toBe(logger);
    reqLog.info({ worker: { phone: '+502 5555 1234' } }, 'from a handler');
    expect(lines()[0]).toMatchObject({ worker: { phone: REDACTED } });
    expect(childCalls).not.toHaveBeenCalled();
  });

  it('logs 5xx as error, 4xx as warn, the rest as info', () => {
    expect([200, 302, 404, 499, 500, 503].map(requestLineLevel)).toEqual([
      'info',
      'info',
      'warn',
      'warn',
      'error',
      'error',
    ]);
  });
});
