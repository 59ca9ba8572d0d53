import { OutboxPublisher } from './outbox-publisher';
import { OutboxRelay, relayPauseMs } from './outbox-relay';

const base = { intervalMs: 1_000, idleIntervalMs: 10_000 };

describe('relayPauseMs', () => {
  it('sweeps again at once when a batch was full', () => {
    expect(relayPauseMs({ ...base, more: true, emptySweeps: 0 })).toBe(0);
    expect(relayPauseMs({ ...base, more: true, emptySweeps: 5 })).toBe(0);
  });

  it('pauses intervalMs after a sweep that saw something pending', () => {
    expect(relayPauseMs({ ...base, more: false, emptySweeps: 0 })).toBe(1_000);
  });

  it('doubles the pause with each empty sweep, up to idleIntervalMs', () => {
    const pauses = [1, 2, 3, 4, 5, 100].map((emptySweeps) =>
      relayPauseMs({ ...base, more: false, emptySweeps }),
    );
    expect(pauses).toEqual([2_000, 4_000, 8_000, 10_000, 10_000, 10_000]);
  });

  it('never backs off when idleIntervalMs is not above intervalMs', () => {
    expect(relayPauseMs({ intervalMs: 100, idleIntervalMs: 100, more: false, emptySweeps: 9 })).toBe(100);
    expect(relayPauseMs({ intervalMs: 100, idleIntervalMs: 50, more: false, emptySweeps: 9 })).toBe(100);
  });
});

describe('OutboxRelay backoff and wake', () => {
  const publisher = new OutboxPublisher({ producer: {} as never });

  it('backs off while sweeps see nothing, and wake() brings the pause back to intervalMs', async () => {
    const relay = new OutboxRelay({ publisher, intervalMs: 1_000, idleIntervalMs: 8_000 });
    const sweeps: number[] = [];
    jest.spyOn(relay, 'sweep').mockImplementation(async () => {
      sweeps.push(Date.now());
      return { documents: 0, published: 0, records: 0, failed: 0, malformed: 0, more: false, seen: 0 };
    });
    jest.useFakeTimers({ now: 0 });
    try {
      relay.start();
      await jest.advanceTimersByTimeAsync(0);
      // sweeps at 0, then after 2 s, 4 s, 8 s, 8 s
      await jest.advanceTimersByTimeAsync(22_000);
      expect(sweeps).toEqual([0, 2_000, 6_000, 14_000, 22_000]);
      expect(relay.nextPauseMs()).toBe(8_000);
      // a local publish failed: the pause in progress (until 30 s) ends within intervalMs
      await jest.advanceTimersByTimeAsync(500);
      relay.wake();
      await jest.advanceTimersByTimeAsync(1_000);
      expect(sweeps).toEqual([0, 2_000, 6_000, 14_000, 22_000, 23_500]);
      await relay.stop();
    } finally {
      jest.useRealTimers();
    }
  });

  it('a wake() during a sweep keeps the next pause at intervalMs', async () => {
    const relay = new OutboxRelay({ publisher, intervalMs: 1_000, idleIntervalMs: 8_000 });
    const sweeps: number[] = [];
    jest.spyOn(relay, 'sweep').mockImplementation(async () => {
      sweeps.push(Date.now());
      if (sweeps.length === 3) relay.wake(); // a publish failed while this sweep ran
      return { documents: 0, published: 0, records: 0, failed: 0, malformed: 0, more: false, seen: 0 };
    });
    jest.useFakeTimers({ now: 0 });
    try {
      relay.start();
      await jest.advanceTimersByTimeAsync(7_000);
      // 0, 2 000, 6 000 (woken during it), then 1 000 later, then doubling again
      expect(sweeps).toEqual([0, 2_000, 6_000, 7_000]);
      await relay.stop();
    } finally {
      jest.useRealTimers();
    }
  });

  it('returns to intervalMs as soon as a sweep sees a pending document', async () => {
    const relay = new OutboxRelay({ publisher, intervalMs: 1_000, idleIntervalMs: 8_000 });
    let seen = 0;
    const sweeps: number[] = [];
    jest.spyOn(relay, 'sweep').mockImplementation(async () => {
      sweeps.push(Date.now());
      return { documents: 0, published: 0, records: 0, failed: 0, malformed: 0, more: false, seen };
    });
    jest.useFakeTimers({ now: 0 });
    try {
      relay.start();
      await jest.advanceTimersByTimeAsync(5_999); // sweeps at 0, 2 000 saw nothing
      seen = 1; // the sweep at 6 000 sees one (say, still within graceMs)
      await jest.advanceTimersByTimeAsync(1);
      expect(sweeps).toEqual([0, 2_000, 6_000]);
      seen = 0;
      await jest.advanceTimersByTimeAsync(1_000);
      expect(sweeps).toEqual([0, 2_000, 6_000, 7_000]);
      await relay.stop();
    } finally {
      jest.useRealTimers();
    }
  });

  it('a failed publish of a write wakes the listeners (the module wakes its relay with it)', async () => {
    const failing = new OutboxPublisher({
      producer: { sendBatch: async () => Promise.reject(new Error('kafka down')) } as never,
      logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
    });
    const woken: number[] = [];
    failing.onLeftPending(() => woken.push(1));
    const outcome = await failing.publishWritten(
      { collection: { collectionName: 'things' }, db: { collection: () => ({}) } } as never,
      {
        documentId: 'a',
        version: 1,
        entries: [{ eventId: 'e1', topic: 't', key: 'a', type: 'x', payload: '{}' }] as never,
        records: [],
      },
    );
    expect(outcome.error).toContain('kafka down');
    expect(woken).toHaveLength(1);
  });
});
