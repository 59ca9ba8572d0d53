/**
 * The moment test scenarios start: Monday 2 March 2026, 09:00 in Chiapas (UTC−6), the program's
 * default offset — so `T0`'s calendar day is 2026-03-02. Builders set things up in the minutes after
 * T0; use `day(n)` for the When step.
 */
export const T0 = new Date('2026-03-02T15:00:00.000Z');

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function minutesAfter(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * MINUTE);
}

export function hoursAfter(date: Date, hours: number): Date {
  return new Date(date.getTime() + hours * HOUR);
}

export function daysAfter(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY);
}

/** T0 plus a number of days. */
export function day(n: number): Date {
  return daysAfter(T0, n);
}

/** T0 minus a number of days, as ISO-8601 (the instants of a profile's history). */
export function daysAgo(n: number, from: Date = T0): string {
  return daysAfter(from, -n).toISOString();
}

/** An instant from its ISO-8601 text. */
export function at(text: string): Date {
  return new Date(text);
}
