import { appliedEventGuard, appliedEventsWith } from './applied-event-guard';

describe('appliedEventGuard', () => {
  it('builds the filter and the bounded list to $set, from the loaded document', () => {
    expect(appliedEventGuard('ev-3', ['ev-1', 'ev-2'])).toEqual({
      filter: { appliedEvents: { $ne: 'ev-3' } },
      set: { appliedEvents: ['ev-1', 'ev-2', 'ev-3'] },
      alreadyApplied: false,
    });
    expect(appliedEventGuard('ev-1', undefined).set.appliedEvents).toEqual(['ev-1']);
    expect(appliedEventGuard('ev-1', null).set.appliedEvents).toEqual(['ev-1']);
  });

  it('keeps the last ids only, oldest dropped (200 by default)', () => {
    const loaded = Array.from({ length: 200 }, (_, i) => `ev-${i}`);
    const list = appliedEventGuard('ev-new', loaded).set.appliedEvents;
    expect(list).toHaveLength(200);
    expect(list[0]).toBe('ev-1');
    expect(list[199]).toBe('ev-new');
    expect(appliedEventGuard('ev-9', ['ev-6', 'ev-7', 'ev-8'], 2).set.appliedEvents).toEqual([
      'ev-8',
      'ev-9',
    ]);
    // A list grown too long elsewhere (e.g. by $push … $slice on FerretDB) is cut back.
    expect(appliedEventsWith(loaded, 'ev-x', 3)).toEqual(['ev-198', 'ev-199', 'ev-x']);
  });

  it('says when the loaded document lists the event already, and does not list it twice', () => {
    const guard = appliedEventGuard('ev-2', ['ev-1', 'ev-2']);
    expect(guard.alreadyApplied).toBe(true);
    expect(guard.set.appliedEvents).toEqual(['ev-1', 'ev-2']);
  });

  it('refuses an empty event id and a bound below one', () => {
    expect(() => appliedEventGuard('', [])).toThrow(/needs an event id/);
    expect(() => appliedEventGuard('ev-1', [], 0)).toThrow(/at least one id/);
  });
});
