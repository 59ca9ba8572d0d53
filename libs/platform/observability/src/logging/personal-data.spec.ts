import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { CorrelationContext } from '../correlation/correlation-context';
import { buildLoggerOptions, serializeRequest } from './logger-options';
import { isPersonalDataKey, PERSONAL_DATA_PATHS, REDACTED, redactPersonalData } from './personal-data';

/** A pino logger with the library's options whose lines land in an array. */
function capturingLogger(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  const logger = pino(
    buildLoggerOptions({ serviceName: 'unit', serviceVersion: '1.2.3', logLevel: 'info', redactPaths: [] }),
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

describe('PERSONAL_DATA_PATHS', () => {
  it('covers the key, one and two levels down, document.number and credentials headers', () => {
    expect(PERSONAL_DATA_PATHS).toEqual(
      expect.arrayContaining([
        'documentNumber',
        '*.documentNumber',
        '*.*.documentNumber',
        'document.number',
        '*.document.number',
        'req.headers.authorization',
        'req.headers.cookie',
      ]),
    );
  });

  it('is accepted by pino redact and censors those paths (formatter disabled)', () => {
    const chunks: string[] = [];
    const logger = pino(
      { redact: { paths: [...PERSONAL_DATA_PATHS], censor: REDACTED } },
      { write: (line: string) => chunks.push(line) },
    );
    logger.info({
      phone: '+502 5555 1234',
      worker: { documentNumber: 'GT-1234567', document: { number: 'P123' } },
      req: { headers: { authorization: 'Bearer eyJ', cookie: 'sid=1', accept: 'json' } },
      a: { b: { email: 'w@example.com' } },
    });
    const line = chunks.join('');
    for (const secret of ['5555', 'GT-1234567', 'P123', 'eyJ', 'sid=1', 'w@example.com']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('"accept":"json"');
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

  it('censors personal data deeper than the redact wildcards reach, and in child bindings', () => {
    const { logger, lines } = capturingLogger();
    logger.info(
      { a: { b: { c: { d: { documentNumber: 'GT-1234567', birthDate: '2001-02-03' } } } } },
      'deep',
    );
    logger.child({ worker: { phone: '+502 5555 0000' } }).info('child');
    const text = JSON.stringify(lines());
    expect(text).not.toContain('GT-1234567');
    expect(text).not.toContain('2001-02-03');
    expect(text).not.toContain('5555 0000');
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
