/**
 * The moment test scenarios start: Monday 2 March 2026, 09:00 in Chiapas (UTC−6). Builders set
 * things up in the minutes after T0; use `day(n)` for the When step.
 */
export const T0 = new Date('2026-03-02T15:00:00.000Z');

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export function minutesAfter(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * MINUTE);
}

export function daysAfter(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY);
}

/** T0 plus a number of days. */
export function day(n: number): Date {
  return daysAfter(T0, n);
}

/** An instant from its ISO-8601 text. */
export function at(text: string): Date {
  return new Date(text);
}
