import type { ErrorDefinition } from '../errors/app-error';

const FORMAT = /^(\d{4})-(\d{2})-(\d{2})$/;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The inverse of {@link daysFromCivil}. */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * A calendar date without time or time zone (`YYYY-MM-DD`): dates of birth, start and expiry dates,
 * due days, corrective-action deadlines, the days of the sweep buckets. Arithmetic is on whole days
 * of the proleptic Gregorian calendar, never on `Date` (whose local time zone and two-digit-year
 * quirks have no place in the domain). Where an instant becomes a day, the caller names the fixed
 * UTC offset the program reads days at (the permits program's, `AuditProgram.utcOffsetMinutes`).
 */
export class CalendarDate {
  private constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
    /** Days since 1970-01-01. */
    readonly epochDay: number,
  ) {}

  /** A real date from its parts, or null (31 April, 29 February of a common year…). */
  static tryOf(year: number, month: number, day: number): CalendarDate | null {
    if (![year, month, day].every(Number.isInteger)) return null;
    if (year < 1 || year > 9999 || month < 1 || month > 12) return null;
    if (day < 1 || day > daysInMonth(year, month)) return null;
    return new CalendarDate(year, month, day, daysFromCivil(year, month, day));
  }

  /** Parses `YYYY-MM-DD` (a CalendarDate is returned as it is), refusing anything that is not a real date. */
  static tryParse(value: unknown): CalendarDate | null {
    if (value instanceof CalendarDate) return value;
    if (typeof value !== 'string') return null;
    const match = FORMAT.exec(value.trim());
    if (!match) return null;
    return CalendarDate.tryOf(Number(match[1]), Number(match[2]), Number(match[3]));
  }

  /** As {@link tryParse}, raising `error` with `{ field, constraint: 'REQUIRED' | 'NOT_A_DATE' }`. */
  static parse(value: unknown, field: string, error: ErrorDefinition): CalendarDate {
    if (value === undefined || value === null || value === '') {
      throw error.create({ field, constraint: 'REQUIRED' });
    }
    const date = CalendarDate.tryParse(value);
    if (!date) throw error.create({ field, constraint: 'NOT_A_DATE' });
    return date;
  }

  static fromEpochDay(epochDay: number): CalendarDate {
    const [year, month, day] = civilFromDays(epochDay);
    return new CalendarDate(year, month, day, epochDay);
  }

  /** The calendar day an instant falls on at a fixed UTC offset (minutes; −360 is UTC−6). */
  static fromInstant(instant: Date, utcOffsetMinutes = 0): CalendarDate {
    return CalendarDate.fromEpochDay(Math.floor((instant.getTime() + utcOffsetMinutes * MINUTE) / DAY));
  }

  /** The instant this day starts at a fixed UTC offset (local midnight). */
  startInstant(utcOffsetMinutes = 0): Date {
    return new Date(this.epochDay * DAY - utcOffsetMinutes * MINUTE);
  }

  addDays(days: number): CalendarDate {
    return CalendarDate.fromEpochDay(this.epochDay + days);
  }

  /**
   * The same day `years` later. 29 February in a common year becomes 1 March: a year after
   * 2028-02-29 is 2029-03-01, so one year of validity is never a day short.
   */
  addYears(years: number): CalendarDate {
    const year = this.year + years;
    return (
      CalendarDate.tryOf(year, this.month, this.day) ??
      CalendarDate.fromEpochDay(daysFromCivil(year, this.month, 28) + 1)
    );
  }

  /** Whole days from this date to `other` (negative when `other` is earlier). */
  daysUntil(other: CalendarDate): number {
    return other.epochDay - this.epochDay;
  }

  /**
   * Whole years from this date to `on` — an age: the years completed by `on`. Someone born on
   * 29 February completes a year on 1 March in common years (28 February is still the day before
   * the birthday).
   */
  wholeYearsUntil(on: CalendarDate): number {
    let years = on.year - this.year;
    if (on.month < this.month || (on.month === this.month && on.day < this.day)) years -= 1;
    return years;
  }

  /** The same month and day with day and month swapped (7 May ↔ 5 July), when that is another real date. */
  transposedDayMonth(): CalendarDate | null {
    if (this.day === this.month) return null;
    return CalendarDate.tryOf(this.year, this.day, this.month);
  }

  compare(other: CalendarDate): number {
    return Math.sign(this.epochDay - other.epochDay);
  }

  isBefore(other: CalendarDate): boolean {
    return this.epochDay < other.epochDay;
  }

  isAfter(other: CalendarDate): boolean {
    return this.epochDay > other.epochDay;
  }

  equals(other: CalendarDate): boolean {
    return this.epochDay === other.epochDay;
  }

  static max(a: CalendarDate, b: CalendarDate): CalendarDate {
    return a.epochDay >= b.epochDay ? a : b;
  }

  static min(a: CalendarDate, b: CalendarDate): CalendarDate {
    return a.epochDay <= b.epochDay ? a : b;
  }

  toString(): string {
    return `${pad(this.year, 4)}-${pad(this.month, 2)}-${pad(this.day, 2)}`;
  }

  toJSON(): string {
    return this.toString();
  }
}
