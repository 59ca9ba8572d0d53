import type { ErrorDefinition } from '@frontera/shared-kernel';

const FORMAT = /^(\d{4})-(\d{2})-(\d{2})$/;
const MINUTE = 60_000;
const DAY_MS = 24 * 60 * MINUTE;

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

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * A calendar day (`YYYY-MM-DD`) without time: due days, corrective-action deadlines, the sweep
 * buckets. Arithmetic is on whole days of the proleptic Gregorian calendar, never on `Date`'s local
 * time zone. The audits program reads days at one fixed UTC offset (`AuditProgram.utcOffsetMinutes`).
 *
 * Generic: the permits domain has the same value (its `CalendarDate`); both could move to the shared
 * kernel.
 */
export class CalendarDay {
  private constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
    /** Days since 1970-01-01. */
    readonly epochDay: number,
  ) {}

  static tryOf(year: number, month: number, day: number): CalendarDay | null {
    if (![year, month, day].every(Number.isInteger)) return null;
    if (year < 1 || year > 9999 || month < 1 || month > 12) return null;
    if (day < 1 || day > daysInMonth(year, month)) return null;
    return new CalendarDay(year, month, day, daysFromCivil(year, month, day));
  }

  /** Parses `YYYY-MM-DD`, refusing anything that is not a real calendar date. */
  static tryParse(value: unknown): CalendarDay | null {
    if (value instanceof CalendarDay) return value;
    if (typeof value !== 'string') return null;
    const match = FORMAT.exec(value.trim());
    if (!match) return null;
    return CalendarDay.tryOf(Number(match[1]), Number(match[2]), Number(match[3]));
  }

  /** As {@link tryParse}, raising `error` with `{ field, constraint: 'REQUIRED' | 'NOT_A_DATE' }`. */
  static parse(value: unknown, field: string, error: ErrorDefinition): CalendarDay {
    if (value === undefined || value === null || value === '') {
      throw error.create({ field, constraint: 'REQUIRED' });
    }
    const day = CalendarDay.tryParse(value);
    if (!day) throw error.create({ field, constraint: 'NOT_A_DATE' });
    return day;
  }

  static fromEpochDay(epochDay: number): CalendarDay {
    const [year, month, day] = civilFromDays(epochDay);
    return new CalendarDay(year, month, day, epochDay);
  }

  /** The calendar day an instant falls on at a fixed UTC offset (minutes; −360 is UTC−6). */
  static of(instant: Date, utcOffsetMinutes: number): CalendarDay {
    return CalendarDay.fromEpochDay(Math.floor((instant.getTime() + utcOffsetMinutes * MINUTE) / DAY_MS));
  }

  /** The instant this day starts at a fixed UTC offset (local midnight). */
  startInstant(utcOffsetMinutes: number): Date {
    return new Date(this.epochDay * DAY_MS - utcOffsetMinutes * MINUTE);
  }

  addDays(days: number): CalendarDay {
    return CalendarDay.fromEpochDay(this.epochDay + days);
  }

  /** Whole days from this day to `other` (negative when `other` is earlier). */
  daysUntil(other: CalendarDay): number {
    return other.epochDay - this.epochDay;
  }

  isBefore(other: CalendarDay): boolean {
    return this.epochDay < other.epochDay;
  }

  isAfter(other: CalendarDay): boolean {
    return this.epochDay > other.epochDay;
  }

  equals(other: CalendarDay): boolean {
    return this.epochDay === other.epochDay;
  }

  static max(a: CalendarDay, b: CalendarDay): CalendarDay {
    return a.epochDay >= b.epochDay ? a : b;
  }

  static min(a: CalendarDay, b: CalendarDay): CalendarDay {
    return a.epochDay <= b.epochDay ? a : b;
  }

  toString(): string {
    return `${pad(this.year, 4)}-${pad(this.month, 2)}-${pad(this.day, 2)}`;
  }

  toJSON(): string {
    return this.toString();
  }
}
