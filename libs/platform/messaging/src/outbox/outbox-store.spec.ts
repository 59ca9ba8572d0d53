import { toOutboxDocument } from './outbox-store';

describe('toOutboxDocument', () => {
  const createdAt = new Date('2026-01-01T00:00:00Z');
  const stored = {
    eventId: 'e1',
    topic: 't',
    key: 'k',
    type: 'frontera.employer.registered',
    payload: '{}',
    createdAt,
  };

  it('keeps the stored sub-documents as they are (for $pullAll) and counts malformed ones', () => {
    const document = toOutboxDocument({ _id: 'emp-1', outbox: [stored, { eventId: 'e2' }, 'junk'] });
    expect(document.id).toBe('emp-1');
    expect(document.entries).toHaveLength(1);
    expect(document.entries[0].stored).toBe(stored);
    expect(document.entries[0].entry).toEqual(stored);
    expect(document.malformed).toBe(2);
    expect(document.lastWriteAt).toEqual(createdAt);
  });

  it('takes the later of the newest entry and updatedAt as the last write', () => {
    const updatedAt = new Date('2026-01-01T00:00:05Z');
    const older = { ...stored, eventId: 'e0', createdAt: new Date('2025-12-31T00:00:00Z') };
    expect(toOutboxDocument({ _id: 'x', outbox: [older, stored] }).lastWriteAt).toEqual(createdAt);
    expect(toOutboxDocument({ _id: 'x', outbox: [stored], updatedAt }).lastWriteAt).toEqual(updatedAt);
  });

  it('treats a missing outbox as empty', () => {
    expect(toOutboxDocument({ _id: 1 })).toEqual({ id: 1, entries: [], malformed: 0 });
  });
});
