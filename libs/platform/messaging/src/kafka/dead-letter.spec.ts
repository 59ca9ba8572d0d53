import { Topics } from '@frontera/contracts';
import { deadLetterHeaders, deadLetterTopicFor } from './dead-letter';
import { DeadLetterHeaders, eventHeaders, headerText } from './headers';

describe('deadLetterTopicFor', () => {
  it("uses the catalogue's companion for catalogue topics", () => {
    expect(deadLetterTopicFor(Topics.permit.name)).toBe(Topics.permit.deadLetter);
  });

  it('appends .dlq to any other topic', () => {
    expect(deadLetterTopicFor('test-topic-1')).toBe('test-topic-1.dlq');
  });
});

describe('deadLetterHeaders', () => {
  const failedAt = new Date('2026-05-06T07:08:09.000Z');

  it('keeps the original headers and adds origin, error, attempts, consumer and time', () => {
    const original = eventHeaders({ eventId: 'ev-1', type: 'frontera.employer.registered' });

    const headers = deadLetterHeaders(original, {
      topic: 't',
      partition: 3,
      offset: '42',
      error: 'Error: boom',
      reason: 'retries-exhausted',
      attempts: 5,
      consumer: 'audits-risk',
      group: 'audits-risk-g',
      failedAt,
    });

    expect(headers).toEqual({
      ...original,
      'dlq-original-topic': 't',
      'dlq-original-partition': '3',
      'dlq-original-offset': '42',
      'dlq-error': 'Error: boom',
      'dlq-reason': 'retries-exhausted',
      'dlq-attempts': '5',
      'dlq-consumer': 'audits-risk',
      'dlq-group': 'audits-risk-g',
      'dlq-failed-at': '2026-05-06T07:08:09.000Z',
    });
    expect(headerText(headers, 'ce_id')).toBe('ev-1');
  });

  it('overwrites the headers of an earlier dead-lettering', () => {
    const headers = deadLetterHeaders(
      { [DeadLetterHeaders.attempts]: Buffer.from('2') },
      {
        topic: 't',
        partition: 0,
        offset: '0',
        error: 'e',
        reason: 'contract-violation',
        attempts: 1,
        consumer: 'c',
        group: 'g',
        failedAt,
      },
    );
    expect(headerText(headers, DeadLetterHeaders.attempts)).toBe('1');
  });
});

describe('headerText', () => {
  it('reads Buffers, strings and arrays, and undefined for a missing header', () => {
    expect(headerText({ a: Buffer.from('x'), b: 'y', c: [Buffer.from('z')] }, 'a')).toBe('x');
    expect(headerText({ b: 'y' }, 'b')).toBe('y');
    expect(headerText({ c: [Buffer.from('z')] }, 'c')).toBe('z');
    expect(headerText({}, 'missing')).toBeUndefined();
  });
});
