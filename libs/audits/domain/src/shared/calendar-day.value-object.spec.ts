import { AuditErrors } from '../errors/audit-errors';
import { CalendarDay } from './calendar-day.value-object';

const d = (text: string) => CalendarDay.tryParse(text) as CalendarDay;

describe('CalendarDay', () => {
  it.each(['2026-03-02', '2028-02-29', '1970-01-01', '2099-12-31'])('reads the real day %s', (text) => {
    expect(d(text).toString()).toBe(text);
    expect(CalendarDay.fromEpochDay(d(text).epochDay).toString()).toBe(text);
  });

  it.each(['2026-02-29', '2026-04-31', '2026-13-01', '2026-1-5', '', 'x', 20260302])(
    'refuses %j',
    (value) => {
      expect(CalendarDay.tryParse(value)).toBeNull();
    },
  );

  it('raises the given error with REQUIRED or NOT_A_DATE', () => {
    expect(() => CalendarDay.parse('', 'dueOn', AuditErrors.TASK_INVALID_DATA)).toThrow(
      expect.objectContaining({ params: { field: 'dueOn', constraint: 'REQUIRED' } }),
    );
    expect(() => CalendarDay.parse('2026-02-30', 'dueOn', AuditErrors.TASK_INVALID_DATA)).toThrow(
      expect.objectContaining({ params: { field: 'dueOn', constraint: 'NOT_A_DATE' } }),
    );
  });

  it('adds days across months, years and leap days, and compares', () => {
    expect(d('2026-02-28').addDays(1).toString()).toBe('2026-03-01');
    expect(d('2028-02-28').addDays(1).toString()).toBe('2028-02-29');
    expect(d('2026-12-31').addDays(1).toString()).toBe('2027-01-01');
    expect(d('2026-03-02').daysUntil(d('2026-04-01'))).toBe(30);
    expect(d('2026-03-02').isBefore(d('2026-03-03'))).toBe(true);
    expect(CalendarDay.max(d('2026-03-02'), d('2026-01-02')).toString()).toBe('2026-03-02');
    expect(CalendarDay.min(d('2026-03-02'), d('2026-01-02')).toString()).toBe('2026-01-02');
    expect(JSON.stringify({ day: d('2026-03-02') })).toBe('{"day":"2026-03-02"}');
  });

  it('reads the day of an instant at a fixed UTC offset, and the instant a day starts', () => {
    const instant = new Date('2026-03-03T04:30:00Z');
    expect(CalendarDay.of(instant, 0).toString()).toBe('2026-03-03');
    expect(CalendarDay.of(instant, -360).toString()).toBe('2026-03-02');
    expect(d('2026-03-02').startInstant(-360).toISOString()).toBe('2026-03-02T06:00:00.000Z');
  });
});
