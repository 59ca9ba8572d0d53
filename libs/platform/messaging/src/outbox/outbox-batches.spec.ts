import { duplicateKeyIndexes } from './outbox-aggregate.store';
import type { OutboxEntry } from './outbox-entry';
import { byteChunks } from './outbox-publisher';

const entry = (id: string, bytes: number): OutboxEntry => ({
  eventId: id,
  topic: 't',
  key: 'k',
  type: 'x',
  payload: 'p'.repeat(bytes),
  createdAt: new Date(0),
});

describe('byteChunks (the Kafka requests of a batch publish)', () => {
  it('keeps the order and cuts before the entry that would cross the limit', () => {
    const entries = ['a', 'b', 'c', 'd', 'e'].map((id) => entry(id, 400));
    const chunks = byteChunks(entries, 1_000);
    expect(chunks.map((c) => c.map((e) => e.eventId))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(chunks.flat()).toEqual(entries);
  });

  it('sends an entry larger than the limit alone, and nothing for no entries', () => {
    const chunks = byteChunks([entry('small', 10), entry('huge', 5_000), entry('next', 10)], 1_000);
    expect(chunks.map((c) => c.map((e) => e.eventId))).toEqual([['small'], ['huge'], ['next']]);
    expect(byteChunks([], 1_000)).toEqual([]);
  });
});

describe('duplicateKeyIndexes (what an unordered insertMany refused)', () => {
  it('gives the positions of duplicate-key write errors', () => {
    const error = {
      writeErrors: [
        { index: 1, code: 11000 },
        { index: 4, code: 11000 },
      ],
    };
    expect(duplicateKeyIndexes(error)).toEqual(new Set([1, 4]));
  });

  it('answers null when anything else failed, so the caller rethrows', () => {
    expect(
      duplicateKeyIndexes({
        writeErrors: [
          { index: 0, code: 11000 },
          { index: 2, code: 121 },
        ],
      }),
    ).toBeNull();
    expect(duplicateKeyIndexes({ writeErrors: [] })).toBeNull();
    expect(duplicateKeyIndexes(new Error('connection closed'))).toBeNull();
    expect(duplicateKeyIndexes(null)).toBeNull();
  });
});
