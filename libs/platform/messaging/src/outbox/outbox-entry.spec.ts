import { ContractViolationError, Topics } from '@frontera/contracts';
import { aContractBreakingEnvelope, anEmployerEvent } from '../../test/support/event-builders';
import {
  documentWithOutbox,
  outboxEntriesFor,
  outboxRecordsFor,
  pendingOutboxOf,
  versionedOutboxWrite,
  withOutbox,
  writtenOutbox,
} from './outbox-entry';

describe('outboxEntriesFor', () => {
  const now = new Date('2026-01-02T03:04:05Z');

  it('keeps the events in order, on their catalogue topic, keyed and serialized', () => {
    const employer = anEmployerEvent();
    const events = [employer.registered(), employer.updated()];

    const entries = outboxEntriesFor(events, employer.id, { now });

    expect(entries).toEqual(
      events.map((event) => ({
        eventId: event.id,
        topic: Topics.employer.name,
        key: employer.id,
        type: event.type,
        payload: JSON.stringify(event),
        createdAt: now,
      })),
    );
    expect(JSON.parse(entries[1].payload)).toEqual(events[1]);
  });

  it('uses topicFor when given', () => {
    const [entry] = outboxEntriesFor([anEmployerEvent().registered()], 'k', { topicFor: () => 'own-topic' });
    expect(entry.topic).toBe('own-topic');
  });

  it('refuses an envelope that breaks its contract, naming the violation', () => {
    expect(() => outboxEntriesFor([aContractBreakingEnvelope()], 'k')).toThrow(ContractViolationError);
    expect(() => outboxEntriesFor([aContractBreakingEnvelope()], 'k')).toThrow(/data\.state/);
  });

  it('refuses the same event twice and an empty key', () => {
    const event = anEmployerEvent().registered();
    expect(() => outboxEntriesFor([event, event], 'k')).toThrow(/appears twice/);
    expect(() => outboxEntriesFor([event], '')).toThrow(/non-empty message key/);
  });
});

describe('withOutbox', () => {
  const entries = outboxEntriesFor([anEmployerEvent().registered()], 'k');
  const now = new Date('2026-12-01T10:00:00Z');
  const records = outboxRecordsFor('employer_history', [{ _id: 'emp-1:2:0', field: 'status' }], now);

  it('adds entries and records with $push/$each, flags the document pending and keeps the other operators', () => {
    const update = withOutbox(
      { $set: { status: 'ACTIVE' }, $push: { tags: { at: 1 } } },
      entries,
      records,
      now,
    );
    expect(update).toEqual({
      $set: { status: 'ACTIVE', outboxPending: true, outboxAt: now },
      $push: { tags: { at: 1 }, outbox: { $each: entries }, outboxRecords: { $each: records } },
    });
  });

  it('leaves the update alone when there is nothing to add', () => {
    const original = { $set: { status: 'ACTIVE' } };
    expect(withOutbox(original, [], [])).toEqual(original);
  });

  it('replacePending: the outbox becomes exactly the new items ($set), the document flagged pending', () => {
    const update = withOutbox({ $set: { status: 'ACTIVE' } }, entries, records, now, {
      replacePending: true,
    });
    expect(update).toEqual({
      $set: { status: 'ACTIVE', outbox: entries, outboxRecords: records, outboxPending: true, outboxAt: now },
    });
  });

  it('replacePending with nothing new: the outbox emptied and the pending flag cleared', () => {
    const update = withOutbox({ $set: { status: 'ACTIVE' } }, [], [], now, { replacePending: true });
    expect(update).toEqual({
      $set: { status: 'ACTIVE', outbox: [], outboxRecords: [] },
      $unset: { outboxPending: '', outboxAt: '' },
    });
  });

  it('refuses an update that touches the outbox itself', () => {
    expect(() => withOutbox({ $set: { 'outbox.0': 1 } }, entries)).toThrow(/already touches "outbox.0"/);
    expect(() => withOutbox({ $unset: { outboxPending: 1 } }, entries)).toThrow(
      /already touches "outboxPending"/,
    );
  });
});

describe('versionedOutboxWrite', () => {
  it('conditions on the expected version, bumps it and appends the events', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    const entries = outboxEntriesFor([anEmployerEvent().updated()], 'k');
    const write = versionedOutboxWrite({
      filter: { _id: 'emp-1' },
      expectedVersion: 3,
      update: { $set: { municipality: 'Tapachula' }, $inc: { edits: 1 } },
      entries,
      now,
    });
    expect(write).toEqual({
      filter: { _id: 'emp-1', version: 3 },
      update: {
        $set: { municipality: 'Tapachula', outboxPending: true, outboxAt: now },
        $inc: { edits: 1, version: 1 },
        $push: { outbox: { $each: entries } },
      },
    });
  });

  it('refuses an update that sets the version itself', () => {
    expect(() =>
      versionedOutboxWrite({ filter: {}, expectedVersion: 1, update: { $set: { version: 9 } }, entries: [] }),
    ).toThrow(/bumps "version" itself/);
  });
});

describe('documentWithOutbox', () => {
  it('starts a new document at version 1 with its creation events, flagged pending', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    const entries = outboxEntriesFor([anEmployerEvent().registered()], 'k');
    expect(documentWithOutbox({ _id: 'emp-1', status: 'PENDING' }, entries, [], now)).toEqual({
      _id: 'emp-1',
      status: 'PENDING',
      version: 1,
      outbox: entries,
      outboxRecords: [],
      outboxPending: true,
      outboxAt: now,
    });
  });
});

describe('pendingOutboxOf and writtenOutbox', () => {
  const createdAt = new Date('2026-01-01T00:00:00Z');
  const entry = {
    eventId: 'e1',
    topic: 't',
    key: 'k',
    type: 'frontera.employer.registered',
    payload: '{}',
    createdAt,
  };
  const record = { id: 'r1', collection: 'employer_history', payload: '{"_id":"r1"}', createdAt };

  it('reads the pending entries and records of a loaded document, counting malformed ones', () => {
    expect(
      pendingOutboxOf({ outbox: [entry, { eventId: 'e2' }, 'junk'], outboxRecords: [record, {}] }),
    ).toEqual({
      entries: [entry],
      records: [record],
      malformed: 3,
    });
    expect(pendingOutboxOf(null)).toEqual({ entries: [], records: [], malformed: 0 });
  });

  it('puts what the document held before the write first, then what the write added', () => {
    const added = { ...entry, eventId: 'e3' };
    expect(writtenOutbox('emp-1', 4, { entries: [entry], records: [record] }, [added])).toEqual({
      documentId: 'emp-1',
      version: 4,
      entries: [entry, added],
      records: [record],
    });
  });
});
