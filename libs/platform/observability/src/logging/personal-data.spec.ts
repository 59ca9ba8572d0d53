import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { CorrelationContext } from '../correlation/correlation-context';
import { buildLoggerOptions, createLogger, serializeRequest } from './logger-options';
import { isPersonalDataKey, REDACTED, redactPersonalData } from './personal-data';

/** A pino logger with the library's options whose lines land in an array. */
function capturingLogger(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  const logger = createLogger(
    { serviceName: 'unit', serviceVersion: '1.2.3', logLevel: 'info' },
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

describe('isPersonalDataKey', () => {
  it.each([
    'documentNumber',
    'document_number',
    'DocumentNumber',
    'phone',
    'email',
    'dateOfBirth',
    'birth-date',
    'homeAddress',
    'givenNames',
    'authorization',
    'accessToken',
  ])('flags %s', (key) => {
    expect(isPersonalDataKey(key)).toBe(true);
  });

  it.each([
    'workerId',
    'employerId',
    'permitId',
    'name',
    'status',
    'queue',
    'number',
    'nationality',
    'correlationId',
  ])('lets %s through', (key) => {
    expect(isPersonalDataKey(key)).toBe(false);
  });

  it('flags number only under a document', () => {
    expect(isPersonalDataKey('number', 'document')).toBe(true);
    expect(isPersonalDataKey('number', 'permit')).toBe(false);
  });
});

describe('the logger censors personal data with one mechanism (no pino redact paths)', () => {
  it('configures no pino redact paths unless the caller asks for some', () => {
    const settings = { serviceName: 'unit', serviceVersion: '1', logLevel: 'info' as const };
    expect(buildLoggerOptions({ ...settings, redactPaths: [] }).redact).toBeUndefined();
    expect(buildLoggerOptions({ ...settings, redactPaths: ['job.secretRef'] }).redact).toEqual({
      paths: ['job.secretRef'],
      censor: REDACTED,
    });
  });

  it('censors the keys at the top level, one and two levels down, document.number and credential headers', () => {
    const { logger, lines } = capturingLogger();
    logger.info({
      phone: '+502 5555 1234',
      worker: { documentNumber: 'GT-1234567', document: { number: 'P123' } },
      req: {
        headers: { authorization: 'Bearer eyJ', cookie: 'sid=1', 'x-api-key': 'key-42', accept: 'json' },
      },
      res: { headers: { 'set-cookie': 'sid=2' } },
      a: { b: { email: 'w@example.com' } },
    });
    const line = JSON.stringify(lines());
    for (const secret of ['5555', 'GT-1234567', 'P123', 'eyJ', 'sid=1', 'sid=2', 'key-42', 'w@example.com']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('"accept":"json"');
  });

  it('censors personal fields of logged errors and of their causes, and keeps message and stack', () => {
    const { logger, lines } = capturingLogger();
    const duplicate = Object.assign(new Error('E11000 duplicate key'), {
      code: 11000,
      keyValue: { email: 'dup@example.com' },
    });
    const wrapped = new Error('registration failed', { cause: duplicate });
    logger.error({ err: duplicate }, 'as err');
    logger.error(wrapped, 'top-level error with a cause');
    logger.warn({ failure: duplicate }, 'under another key');
    const [asErr, top, other] = lines();
    expect(JSON.stringify(lines())).not.toContain('dup@example.com');
    expect(asErr['err']).toMatchObject({
      type: 'Error',
      message: 'E11000 duplicate key',
      code: 11000,
      keyValue: { email: REDACTED },
      stack: expect.stringContaining('E11000 duplicate key'),
    });
    expect(top['err']).toMatchObject({ message: expect.stringContaining('registration failed') });
    expect(other['failure']).toMatchObject({
      message: 'E11000 duplicate key',
      keyValue: { email: REDACTED },
    });
  });
});

describe('redactPersonalData', () => {
  it('censors personal keys at any depth, in arrays, and leaves the rest', () => {
    const input = {
      workerId: 'w-1',
      rows: [{ row: 1, deep: { deeper: { deepest: { documentNumber: 'GT-99', status: 'ok' } } } }],
      contact: { phone_number: '5555', note: 'call later' },
    };
    expect(redactPersonalData(input)).toEqual({
      workerId: 'w-1',
      rows: [{ row: 1, deep: { deeper: { deepest: { documentNumber: REDACTED, status: 'ok' } } } }],
      contact: { phone_number: REDACTED, note: 'call later' },
    });
  });

  it('does not mutate its input and returns it as is when nothing is personal', () => {
    const input = { worker: { email: 'w@example.com' } };
    redactPersonalData(input);
    expect(input.worker.email).toBe('w@example.com');
    const clean = { workerId: 'w-1', nested: { permitId: 'p-1' } };
    expect(redactPersonalData(clean)).toBe(clean);
  });

  it('censors what a class instance serializes to, keeps errors and survives cycles', () => {
    class Worker {
      constructor(
        readonly id: string,
        readonly dateOfBirth: string,
      ) {}
    }
    const cyclic: Record<string, unknown> = { email: 'a@b.c' };
    cyclic['self'] = cyclic;
    const error = new Error('boom');
    const out = redactPersonalData({ worker: new Worker('w-1', '1990-01-01'), cyclic, err: error });
    expect(out.worker).toEqual({ id: 'w-1', dateOfBirth: REDACTED });
    expect((out.cyclic as Record<string, unknown>)['email']).toBe(REDACTED);
    expect(out.err).toBe(error);
  });
});

describe('buildLoggerOptions', () => {
  it('writes JSON with service, version, label level and the correlation id of the scope', () => {
    const { logger, lines } = capturingLogger();
    CorrelationContext.run({ correlationId: 'corr-unit-0001', causationId: 'job-7' }, () =>
      logger.info('inside'),
    );
    logger.info('outside');
    const [inside, outside] = lines();
    expect(inside).toMatchObject({
      level: 'info',
      service: 'unit',
      version: '1.2.3',
      correlationId: 'corr-unit-0001',
      causationId: 'job-7',
      msg: 'inside',
    });
    expect(typeof inside['time']).toBe('string');
    expect(outside['correlationId']).toBeUndefined();
  });

  it('censors personal data at any depth, and in the bindings of children and grandchildren', () => {
    const { logger, lines } = capturingLogger();
    logger.info(
      { a: { b: { c: { d: { documentNumber: 'GT-1234567', birthDate: '2001-02-03' } } } } },
      'deep',
    );
    logger.child({ worker: { phone: '+502 5555 0000' } }).info('child');
    logger
      .child({ job: 'j-1' })
      .child({ contact: { Email_Address: 'g@example.com' } })
      .info('grandchild');
    const text = JSON.stringify(lines());
    expect(text).not.toContain('GT-1234567');
    expect(text).not.toContain('2001-02-03');
    expect(text).not.toContain('5555 0000');
    expect(text).not.toContain('g@example.com');
    expect(text).toContain('"job":"j-1"');
    expect(text).toContain(REDACTED);
  });
});

describe('serializeRequest', () => {
  it('logs method, path and id only: no query string, headers or body', () => {
    expect(serializeRequest({ id: 'c-1', method: 'GET', url: '/workers?email=w@example.com' })).toEqual({
      id: 'c-1',
      method: 'GET',
      path: '/workers',
    });
  });
});

describe('redactPersonalData and emitters', () => {
  it('leaves requests, responses and streams to their serializers instead of walking them', () => {
    const res = Object.assign(new EventEmitter(), { token: 'abc' });
    const logged = { res };
    expect(redactPersonalData(logged).res).toBe(res);
  });
});
