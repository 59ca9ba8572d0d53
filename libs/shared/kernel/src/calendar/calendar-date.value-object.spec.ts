import { defineError } from '../errors/app-error';
import { CalendarDate, isLeapYear } from './calendar-date.value-object';

const date = (text: string) => CalendarDate.tryParse(text) as CalendarDate;

const INVALID_DATE = defineError('TEST.INVALID_DATE', {
  status: 422,
  title: { es: 'Fecha no válida', en: 'Invalid date' },
  detail: { es: 'El campo "{field}" {constraint}.', en: 'Field "{field}" {constraint}.' },
});

describe('CalendarDate', () => {
  it.each(['2026-03-02', '2000-02-29', '2024-02-29', '2028-02-29', '1900-01-01', '1970-01-01', '2099-12-31'])(
    'reads the real date %s, and again from its epoch day',
    (text) => {
      expect(date(text).toString()).toBe(text);
      expect(CalendarDate.fromEpochDay(date(text).epochDay).toString()).toBe(text);
    },
  );

  it.each([
    '2026-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-1-5',
    '05/03/2026',
    '',
    'x',
    20260302,
  ])('refuses %j', (value) => {
    expect(CalendarDate.tryParse(value)).toBeNull();
  });

  it('takes a CalendarDate as it is', () => {
    const day = date('2026-03-02');
    expect(CalendarDate.tryParse(day)).toBe(day);
    expect(CalendarDate.parse(day, 'startDate', INVALID_DATE)).toBe(day);
  });

  it('raises the given error with REQUIRED or NOT_A_DATE', () => {
    expect(() => CalendarDate.parse('', 'startDate', INVALID_DATE)).toThrow(
      expect.objectContaining({
        code: 'TEST.INVALID_DATE',
        params: { field: 'startDate', constraint: 'REQUIRED' },
      }),
    );
    expect(() => CalendarDate.parse('2026-02-30', 'startDate', INVALID_DATE)).toThrow(
      expect.objectContaining({ params: { field: 'startDate', constraint: 'NOT_A_DATE' } }),
    );
  });

  it('knows the Gregorian leap years', () => {
    expect([1900, 2000, 2024, 2026, 2100].map(isLeapYear)).toEqual([false, true, true, false, false]);
  });

  it('adds days across months, years and leap days', () => {
    expect(date('2026-02-28').addDays(1).toString()).toBe('2026-03-01');
    expect(date('2028-02-28').addDays(1).toString()).toBe('2028-02-29');
    expect(date('2026-12-31').addDays(1).toString()).toBe('2027-01-01');
    expect(date('2026-03-31').addDays(-30).toString()).toBe('2026-03-01');
  });

  it('adds years, turning 29 February into 1 March in a common year', () => {
    expect(date('2026-03-02').addYears(1).toString()).toBe('2027-03-02');
    expect(date('2028-02-29').addYears(1).toString()).toBe('2029-03-01');
    expect(date('2028-02-29').addYears(4).toString()).toBe('2032-02-29');
  });

  it.each([
    ['1995-08-14', '2026-03-16', 30],
    ['2010-03-16', '2026-03-16', 16],
    ['2010-03-17', '2026-03-16', 15],
    ['2008-02-29', '2024-02-29', 16],
    ['2008-02-29', '2025-02-28', 16],
    ['2009-02-28', '2025-02-28', 16],
    ['2008-02-29', '2026-02-28', 17],
    ['2008-02-29', '2026-03-01', 18],
    ['2010-02-28', '2026-02-27', 15],
  ])('completes whole years: born %s, on %s is %i', (born, on, years) => {
    expect(date(born).wholeYearsUntil(date(on))).toBe(years);
  });

  it('reads the calendar day of an instant at a UTC offset, and the instant a day starts', () => {
    const instant = new Date('2026-03-03T04:30:00Z');
    expect(CalendarDate.fromInstant(instant).toString()).toBe('2026-03-03');
    expect(CalendarDate.fromInstant(instant, 0).toString()).toBe('2026-03-03');
    expect(CalendarDate.fromInstant(instant, -360).toString()).toBe('2026-03-02');
    expect(date('2027-03-02').startInstant().toISOString()).toBe('2027-03-02T00:00:00.000Z');
    expect(date('2027-03-02').startInstant(-360).toISOString()).toBe('2027-03-02T06:00:00.000Z');
    expect(date('2027-03-02').startInstant(-300).toISOString()).toBe('2027-03-02T05:00:00.000Z');
  });

  it('swaps day and month when that is another real date', () => {
    expect(date('1990-05-07').transposedDayMonth()?.toString()).toBe('1990-07-05');
    expect(date('1990-07-07').transposedDayMonth()).toBeNull();
    expect(date('1990-05-20').transposedDayMonth()).toBeNull();
  });

  it('compares and orders', () => {
    expect(date('2026-03-02').isBefore(date('2026-03-03'))).toBe(true);
    expect(date('2026-03-02').isAfter(date('2026-03-03'))).toBe(false);
    expect(date('2026-03-02').equals(date('2026-03-02'))).toBe(true);
    expect(date('2026-03-02').compare(date('2026-03-03'))).toBe(-1);
    expect(date('2026-03-03').compare(date('2026-03-02'))).toBe(1);
    expect(date('2026-03-02').compare(date('2026-03-02'))).toBe(0);
    expect(CalendarDate.max(date('2026-03-02'), date('2026-01-02')).toString()).toBe('2026-03-02');
    expect(CalendarDate.min(date('2026-03-02'), date('2026-01-02')).toString()).toBe('2026-01-02');
    expect(date('2026-03-02').daysUntil(date('2027-03-02'))).toBe(365);
    expect(date('2026-03-02').daysUntil(date('2026-04-01'))).toBe(30);
    expect(JSON.stringify({ d: date('2026-03-02') })).toBe('{"d":"2026-03-02"}');
  });
});
