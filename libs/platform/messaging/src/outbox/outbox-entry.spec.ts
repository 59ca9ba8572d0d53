import { ContractViolationError, Topics } from '@frontera/contracts';
import { aContractBreakingEnvelope, anEmployerEvent } from '../../test/support/event-builders';
import { documentWithOutbox, outboxEntriesFor, versionedOutboxWrite, withOutbox } from './outbox-entry';

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

  it('adds the entries with $push/$each and keeps the other operators and $push fields', () => {
    const update = withOutbox({ $set: { status: 'ACTIVE' }, $push: { history: { at: 1 } } }, entries);
    expect(update).toEqual({
      $set: { status: 'ACTIVE' },
      $push: { history: { at: 1 }, outbox: { $each: entries } },
    });
  });

  it('leaves the update alone when there are no events', () => {
    const original = { $set: { status: 'ACTIVE' } };
    expect(withOutbox(original, [])).toEqual(original);
  });

  it('refuses an update that touches the outbox itself', () => {
    expect(() => withOutbox({ $set: { 'outbox.0': 1 } }, entries)).toThrow(/already touches "outbox"/);
  });
});

describe('versionedOutboxWrite', () => {
  it('conditions on the expected version, bumps it and appends the events', () => {
    const entries = outboxEntriesFor([anEmployerEvent().updated()], 'k');
    const write = versionedOutboxWrite({
      filter: { _id: 'emp-1' },
      expectedVersion: 3,
      update: { $set: { municipality: 'Tapachula' }, $inc: { edits: 1 } },
      entries,
    });
    expect(write).toEqual({
      filter: { _id: 'emp-1', version: 3 },
      update: {
        $set: { municipality: 'Tapachula' },
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
  it('starts a new document at version 1 with its creation events', () => {
    const entries = outboxEntriesFor([anEmployerEvent().registered()], 'k');
    expect(documentWithOutbox({ _id: 'emp-1', status: 'PENDING' }, entries)).toEqual({
      _id: 'emp-1',
      status: 'PENDING',
      version: 1,
      outbox: entries,
    });
  });
});
