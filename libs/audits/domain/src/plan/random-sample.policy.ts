import { CalendarDate } from '@frontera/shared-kernel';
import type { RiskTier } from '@frontera/shared-kernel';
import { AuditErrors } from '../errors/audit-errors';
import type { AuditProgram } from '../config/audit-program.config';

function assertDraw(draw: unknown, field: string): number {
  if (typeof draw !== 'number' || !Number.isFinite(draw) || draw < 0 || draw >= 1) {
    throw AuditErrors.PLAN_INVALID_DATA.create({
      field,
      constraint: 'OUT_OF_RANGE',
      min: 0,
      max: '1 (exclusive)',
    });
  }
  return draw;
}

/**
 * The random sample of LOW-tier employers (docs/domain/audits.md#audit-plans), a pure selection: a
 * LOW-tier employer is selected when the caller's uniform draw in [0, 1) (e.g. `crypto.randomInt(2**32)
 * / 2**32`) is below the configured rate. Any other tier is never selected: it is already visited more
 * often. So low risk is never a guarantee of no visit.
 */
export function isSelectedForRandomAudit(tier: RiskTier, draw: number, rate: number): boolean {
  assertDraw(draw, 'draw');
  return tier === 'LOW' && draw < rate;
}

/** Which of `count` items a uniform draw in [0, 1) picks (the worksite of a random audit). */
export function pickIndex(draw: number, count: number): number {
  assertDraw(draw, 'worksiteDraw');
  return Math.min(count - 1, Math.floor(draw * count));
}

/**
 * The random-audit cycle a day belongs to (`R<n>`: the n-th period of `randomCycleDays` since
 * 1970-01-01): each employer is drawn at most once per cycle, however often the sweep runs.
 */
export function randomAuditCycle(today: CalendarDate, program: AuditProgram): string {
  return `R${Math.floor(today.epochDay / program.randomCycleDays)}`;
}

/**
 * The day of an employer's draw in the cycle after `today`'s: the cycle's first day plus a uniform
 * offset within it (`dayDraw` in [0, 1), the caller's), so draws — and the RANDOM audits they make —
 * spread over the cycle instead of falling on its first day, and nobody can tell the day from the
 * calendar. Internal: the plan's sweep bucket, never shown to employers.
 */
export function nextRandomDrawDay(today: CalendarDate, dayDraw: number, program: AuditProgram): CalendarDate {
  assertDraw(dayDraw, 'dayDraw');
  const nextCycle = Math.floor(today.epochDay / program.randomCycleDays) + 1;
  const offset = Math.min(program.randomCycleDays - 1, Math.floor(dayDraw * program.randomCycleDays));
  return CalendarDate.fromEpochDay(nextCycle * program.randomCycleDays + offset);
}
