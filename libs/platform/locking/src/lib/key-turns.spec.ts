import { KeyTurns } from './key-turns';

const busy = () => new Error('BUSY');
const far = () => Date.now() + 60_000;

describe('KeyTurns', () => {
  it('gives the first waiter its turn at once and the next ones in arrival order', async () => {
    const turns = new KeyTurns();
    const order: number[] = [];
    const first = await turns.take('employer:1', far(), busy);
    const waiting = [2, 3, 4].map((n) =>
      turns.take('employer:1', far(), busy).then((end) => {
        order.push(n);
        return end;
      }),
    );
    await Promise.resolve();
    expect(order).toEqual([]);
    expect(turns.lengthOf('employer:1')).toBe(4);

    first();
    const second = await waiting[0];
    expect(order).toEqual([2]);
    (second as () => void)();
    (await waiting[1])();
    (await waiting[2])();
    expect(order).toEqual([2, 3, 4]);
    expect(turns.size).toBe(0);
  });

  it('keeps keys apart: a holder of one key never delays another key', async () => {
    const turns = new KeyTurns();
    const one = await turns.take('employer:1', far(), busy);
    const other = await turns.take('employer:2', far(), busy);
    expect(turns.size).toBe(2);
    one();
    other();
    expect(turns.size).toBe(0);
  });

  it('rejects a waiter whose deadline passes and takes it out of the line, leaving the others in order', async () => {
    jest.useFakeTimers();
    try {
      const turns = new KeyTurns();
      const holder = await turns.take('k', Date.now() + 1_000, busy);
      const late = turns.take('k', Date.now() + 100, busy);
      const patient = turns.take('k', Date.now() + 10_000, busy);
      const lateOutcome = late.then(
        () => 'started',
        (error: Error) => error.message,
      );
      jest.advanceTimersByTime(150);
      await expect(lateOutcome).resolves.toBe('BUSY');
      expect(turns.lengthOf('k')).toBe(2);

      holder();
      const end = await patient;
      expect(turns.lengthOf('k')).toBe(1);
      end();
      expect(turns.size).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('ignores a second end of the same turn (it cannot end the next holder’s turn)', async () => {
    const turns = new KeyTurns();
    const first = await turns.take('k', far(), busy);
    const next = turns.take('k', far(), busy);
    first();
    await next;
    first();
    expect(turns.lengthOf('k')).toBe(1);
  });

  it('never times out the holder: a started turn stays until it is ended', async () => {
    jest.useFakeTimers();
    try {
      const turns = new KeyTurns();
      const first = await turns.take('k', Date.now() + 1_000, busy);
      const second = turns.take('k', Date.now() + 100, busy);
      first();
      const end = await second;
      jest.advanceTimersByTime(500);
      expect(turns.lengthOf('k')).toBe(1);
      end();
      expect(turns.size).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
