import { decodeMessage } from './topic-reader';

describe('decodeMessage', () => {
  it('decodes key, headers and value, and parses a JSON object value', () => {
    const event = { id: 'ev-1', type: 'frontera.employer.verified', subject: 'emp-1', data: { a: 1 } };
    const read = decodeMessage('employers', 2, {
      key: Buffer.from('emp-1'),
      value: Buffer.from(JSON.stringify(event)),
      headers: { ce_id: Buffer.from('ev-1') },
      offset: '7',
    });
    expect(read).toEqual({
      topic: 'employers',
      partition: 2,
      offset: '7',
      key: 'emp-1',
      headers: { ce_id: Buffer.from('ev-1') },
      value: Buffer.from(JSON.stringify(event)),
      raw: JSON.stringify(event),
      event,
    });
  });

  it('keeps values that are not JSON objects as text only', () => {
    for (const text of ['not json at all', '42', '"text"', '[1,2]', 'null']) {
      const read = decodeMessage('t', 0, { key: null, value: Buffer.from(text), offset: '0' });
      expect(read).toMatchObject({ raw: text, event: undefined, key: null, headers: {} });
    }
  });

  it('reads a tombstone as an empty value', () => {
    expect(decodeMessage('t', 0, { key: Buffer.from('k'), value: null, offset: '1' })).toMatchObject({
      value: null,
      raw: '',
      event: undefined,
    });
  });
});
