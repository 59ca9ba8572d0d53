import { AuditErrors } from '../errors/audit-errors';
import { DAY_MS, instantOf, requireInteger } from '../shared/validation';

/**
 * One day of an employer's headcount history: how many permits started being held by the employer
 * (issued to it, or transferred to it) and how many stopped (ended, expired, revoked, transferred
 * away) that day. `day` is the UTC day number (days since 1970-01-01): the history is counters, not
 * permits, so it stays small whatever the headcount.
 */
export interface HeadcountDay {
  readonly day: number;
  readonly gained: number;
  readonly lost: number;
}

/**
 * An employer's headcount as the audits service counts it from permit events: the permits it holds
 * now (ACTIVE or SUSPENDED) and the daily gains and losses of the last `HEADCOUNT_HISTORY_DAYS` —
 * enough to tell how many it held at the start of the growth window (decision 0034).
 */
export interface HeadcountHistory {
  readonly held: number;
  /** Ascending by day; days with no change are absent. */
  readonly days: readonly HeadcountDay[];
}

/** Days of gains and losses a history keeps (longer than any growth window: `growthWindowDays` ≤ 3650 is checked against it). */
export const HEADCOUNT_HISTORY_DAYS = 400;

export const EMPTY_HEADCOUNT: HeadcountHistory = Object.freeze({ held: 0, days: Object.freeze([]) });

const INVALID = AuditErrors.RISK_INVALID_PROFILE;

function dayOf(at: Date): number {
  return Math.floor(at.getTime() / DAY_MS);
}

/**
 * The history after one permit was gained or lost at `at`, the days older than `keepDays` before
 * `at` dropped. A loss never takes `held` below 0 (a permit issued before the service counted it).
 * Pure: the caller decides, once per event, that the change applies.
 */
export function recordHeadcountChange(
  history: HeadcountHistory,
  change: 'GAINED' | 'LOST',
  at: Date | string,
  keepDays: number = HEADCOUNT_HISTORY_DAYS,
): HeadcountHistory {
  const when = instantOf(at, 'at', INVALID);
  const keep = requireInteger(keepDays, 'keepDays', 1, 3650, INVALID);
  const day = dayOf(when);
  const days = history.days.filter((d) => d.day > day - keep && d.day !== day);
  const today = history.days.find((d) => d.day === day) ?? { day, gained: 0, lost: 0 };
  const updated =
    change === 'GAINED' ? { ...today, gained: today.gained + 1 } : { ...today, lost: today.lost + 1 };
  return {
    held: change === 'GAINED' ? history.held + 1 : Math.max(0, history.held - 1),
    days: [...days, updated].sort((a, b) => a.day - b.day),
  };
}

/** What the growth factor reads from a history: held now, held at the window's start, gained and lost within it. */
export interface HeadcountWindow {
  readonly held: number;
  readonly heldAtWindowStart: number;
  readonly gained: number;
  readonly lost: number;
}

/**
 * The headcount over the `windowDays` up to `now` (today included): held at the window's start is
 * held now minus the net change of the days within it (never below 0).
 */
export function headcountWindow(history: HeadcountHistory, now: Date, windowDays: number): HeadcountWindow {
  const today = dayOf(instantOf(now, 'now', INVALID));
  const window = requireInteger(windowDays, 'windowDays', 1, 3650, INVALID);
  const held = requireInteger(history?.held, 'headcount.held', 0, 10_000_000, INVALID);
  const within = (history.days ?? []).filter((d) => d.day > today - window && d.day <= today);
  const gained = within.reduce((sum, d) => sum + d.gained, 0);
  const lost = within.reduce((sum, d) => sum + d.lost, 0);
  return { held, heldAtWindowStart: Math.max(0, held - gained + lost), gained, lost };
}
