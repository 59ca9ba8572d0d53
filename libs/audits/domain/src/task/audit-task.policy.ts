import { CalendarDate } from '@frontera/shared-kernel';
import type { AuditKind, RiskTier } from '@frontera/shared-kernel';
import type { AuditProgram } from '../config/audit-program.config';
import { isForcedLabourIndicator } from '../findings/finding-catalogue';
import type { AuditPriority, TaskOriginType } from './audit-task.types';

/** What decides a new task's priority and due date. */
export interface TaskTermsInput {
  readonly kind: AuditKind;
  readonly originType: TaskOriginType;
  /** Catalogue codes the task is known to concern (a complaint's indicators). */
  readonly indicators?: readonly string[];
  /** The employer's risk tier, for PERIODIC tasks. */
  readonly tier?: RiskTier | null;
  /** The due day the plan computed (PERIODIC, RANDOM, FOLLOW_UP); ignored when CRITICAL or RETALIATION. */
  readonly dueOn?: CalendarDate | null;
}

export interface TaskTerms {
  readonly priority: AuditPriority;
  /** The instant the task becomes overdue. */
  readonly dueAt: Date;
  /** The calendar day the task is due (`YYYY-MM-DD` of the program's offset). */
  readonly dueOn: CalendarDate;
  /** Why this priority (for the supervisors' list and the history). */
  readonly because:
    | 'FORCED_LABOUR_INDICATOR'
    | 'RETALIATION'
    | 'COMPLAINT'
    | 'RISK_TIER'
    | 'FOLLOW_UP'
    | 'RANDOM_SAMPLE';
}

const PERIODIC_PRIORITY: Readonly<Record<RiskTier, AuditPriority>> = Object.freeze({
  HIGH: 'HIGH',
  MEDIUM: 'NORMAL',
  LOW: 'LOW',
});

/**
 * A new task's priority and due date (docs/domain/audits.md#audit-tasks):
 *
 * | when                                           | priority                     | due                                   |
 * | ---------------------------------------------- | ---------------------------- | ------------------------------------- |
 * | any forced-labour indicator (a complaint's)    | CRITICAL                     | within 48 hours (`criticalDueHours`)  |
 * | a retaliation pattern                          | HIGH                         | within 7 days (`retaliationDueDays`)  |
 * | a complaint without indicators                 | HIGH                         | within 14 days (`complaintDueDays`)   |
 * | PERIODIC                                       | by tier: HIGH, NORMAL, LOW   | the plan's due day                    |
 * | FOLLOW_UP                                      | NORMAL                       | the plan's day (deadline + 14 days)   |
 * | RANDOM                                         | NORMAL                       | the plan's day (drawn + 30 days)      |
 *
 * A task due "within N days" or on a day is due by the end of that day (`dueAt` = the next day's local
 * midnight, `dueOn` = the day); a CRITICAL task is due 48 hours after `now` to the minute (`dueOn` is
 * the day that instant falls on).
 */
export function taskTerms(input: TaskTermsInput, now: Date, program: AuditProgram): TaskTerms {
  const offset = program.utcOffsetMinutes;
  const today = CalendarDate.fromInstant(now, offset);
  const byEndOf = (dueOn: CalendarDate) => ({ dueOn, dueAt: dueOn.addDays(1).startInstant(offset) });
  if ((input.indicators ?? []).some(isForcedLabourIndicator)) {
    const dueAt = new Date(now.getTime() + program.criticalDueHours * 3_600_000);
    return {
      priority: 'CRITICAL',
      dueAt,
      dueOn: CalendarDate.fromInstant(dueAt, offset),
      because: 'FORCED_LABOUR_INDICATOR',
    };
  }
  if (input.originType === 'RETALIATION') {
    return {
      priority: 'HIGH',
      ...byEndOf(today.addDays(program.retaliationDueDays)),
      because: 'RETALIATION',
    };
  }
  if (input.kind === 'COMPLAINT') {
    return { priority: 'HIGH', ...byEndOf(today.addDays(program.complaintDueDays)), because: 'COMPLAINT' };
  }
  const planned = CalendarDate.max(input.dueOn ?? today, today);
  if (input.kind === 'PERIODIC') {
    return { priority: PERIODIC_PRIORITY[input.tier ?? 'MEDIUM'], ...byEndOf(planned), because: 'RISK_TIER' };
  }
  if (input.kind === 'FOLLOW_UP') return { priority: 'NORMAL', ...byEndOf(planned), because: 'FOLLOW_UP' };
  return { priority: 'NORMAL', ...byEndOf(planned), because: 'RANDOM_SAMPLE' };
}
