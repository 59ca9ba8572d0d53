/** The moment test scenarios start: builders register employers at T0 and set them up within its first minutes. */
export const T0 = new Date('2025-03-03T15:00:00.000Z');

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export function minutesAfter(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * MINUTE);
}

export function daysAfter(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY);
}

/** T0 plus a number of days: `day(1)` is a day after builders finished setting up. */
export function day(n: number): Date {
  return daysAfter(T0, n);
}
