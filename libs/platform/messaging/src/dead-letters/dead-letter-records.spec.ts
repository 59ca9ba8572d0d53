import { deadLetterHeaders } from '../kafka/dead-letter';
import { DeadLetterHeaders } from '../kafka/headers';
import { deadLetterOf, parseSelection, replayHeaders, replayKey, ReplayHeaders } from './dead-letter-records';

const position = { topic: 'frontera.permits.permit.v1.dlq', partition: 0, offset: '41' };

function aDeadLetter(value: string | null = JSON.stringify({ id: 'ev-1', type: 'frontera.permit.issued' })) {
  const headers = deadLetterHeaders(
    {
      'content-type': 'application/cloudevents+json',
      ce_id: 'ev-1',
      ce_type: 'frontera.permit.issued',
      traceparent: 't',
    },
    {
      topic: 'frontera.permits.permit.v1',
      partition: 4,
      offset: '1200',
      error: 'AppError: EMPLOYER.NOT_FOUND: no employer',
      reason: 'non-retriable',
      attempts: 1,
      consumer: 'employers-permits',
      group: 'employers-permits',
      failedAt: new Date('2026-12-02T05:00:00.000Z'),
    },
  );
  return deadLetterOf(position, {
    key: Buffer.from('emp-1'),
    value: value === null ? null : Buffer.from(value),
    headers,
  });
}

describe('dead-letter records', () => {
  it('reads where a dead letter came from, which event it is and why it failed', () => {
    expect(aDeadLetter()).toMatchObject({
      position,
      original: { topic: 'frontera.permits.permit.v1', partition: 4, offset: '1200' },
      eventId: 'ev-1',
      eventType: 'frontera.permit.issued',
      error: 'AppError: EMPLOYER.NOT_FOUND: no employer',
      reason: 'non-retriable',
      attempts: 1,
      consumer: 'employers-permits',
      failedAt: '2026-12-02T05:00:00.000Z',
      replayOf: undefined,
    });
  });

  it('leaves the origin unknown when the headers do not give it', () => {
    const letter = deadLetterOf(position, { key: null, value: Buffer.from('not json'), headers: {} });
    expect(letter.original).toBeUndefined();
    expect(letter.eventId).toBeUndefined();
  });

  it('replays with the original headers, without the failure ones, and says what it is a replay of', () => {
    const headers = replayHeaders(aDeadLetter(), new Date('2026-12-02T06:00:00.000Z'));
    expect(
      Object.keys(headers).filter((h) => (Object.values(DeadLetterHeaders) as string[]).includes(h)),
    ).toEqual([]);
    expect(headers).toMatchObject({
      ce_id: 'ev-1',
      ce_type: 'frontera.permit.issued',
      traceparent: 't',
      [ReplayHeaders.replayOf]: 'frontera.permits.permit.v1.dlq:0:41',
      [ReplayHeaders.replayedAt]: '2026-12-02T06:00:00.000Z',
    });
    expect(replayKey(position)).toBe('frontera.permits.permit.v1.dlq:0:41');
  });

  it('parses partition:offset and says what to fix otherwise', () => {
    expect(parseSelection('2:0042')).toEqual({ partition: 2, offset: '42' });
    expect(() => parseSelection('2')).toThrow('"2" is not <partition>:<offset> (for example 0:42)');
    expect(() => parseSelection('a:1')).toThrow(/is not <partition>:<offset>/);
  });
});
