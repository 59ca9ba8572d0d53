import {
  isMexicanState,
  REFERRAL_AGENCIES,
  type MexicanState,
  type ReferralAgency,
} from '@frontera/shared-kernel';
import type { ReferralSnapshot } from './referral.aggregate';
import type { ReferralOutcome } from './referral.types';

/** Where a referral stands in the counts: still open, or closed with its outcome. */
export type ReferralCountStatus = 'OPEN' | ReferralOutcome;
/** Milestones counted apart from the status. */
export type ReferralMilestone = 'ACKNOWLEDGED' | 'ACKNOWLEDGED_LATE' | 'ESCALATED';

/**
 * One counter the statistics read model keeps, as an equality key for the repository (`$inc` of one
 * document per key, no aggregation): by agency × state × status, by agency × state × indicator ×
 * status, and milestones by agency × state. Every cell names its state, so one state's counters are
 * one equality query and a supervisor reads only its states. Every marginal (by agency, by indicator,
 * by state, by outcome) is a sum of these small sets of cells. No personal data: codes and counts only.
 */
export type ReferralCounterKey =
  | {
      readonly family: 'STATE';
      readonly agency: ReferralAgency;
      readonly state: MexicanState;
      readonly status: ReferralCountStatus;
    }
  | {
      readonly family: 'INDICATOR';
      readonly agency: ReferralAgency;
      readonly state: MexicanState;
      readonly indicator: string;
      readonly status: ReferralCountStatus;
    }
  | {
      readonly family: 'MILESTONE';
      readonly agency: ReferralAgency;
      readonly state: MexicanState;
      readonly milestone: ReferralMilestone;
    };

export interface ReferralCountDelta {
  readonly key: ReferralCounterKey;
  /** `STATE|FEDERAL_PROSECUTOR|CHP|OPEN`: the counter document's id. */
  readonly id: string;
  readonly delta: 1 | -1;
}

export function counterId(key: ReferralCounterKey): string {
  switch (key.family) {
    case 'STATE':
      return `STATE|${key.agency}|${key.state}|${key.status}`;
    case 'INDICATOR':
      return `INDICATOR|${key.agency}|${key.state}|${key.indicator}|${key.status}`;
    case 'MILESTONE':
      return `MILESTONE|${key.agency}|${key.state}|${key.milestone}`;
  }
}

/** The key a counter id names (the inverse of `counterId`), or null for an id it never made. */
export function counterKeyOf(id: string): ReferralCounterKey | null {
  const parts = id.split('|');
  const [family, agency, state] = parts;
  if (!(REFERRAL_AGENCIES as readonly string[]).includes(agency ?? '') || !isMexicanState(state)) return null;
  const a = agency as ReferralAgency;
  if (family === 'STATE' && parts.length === 4)
    return { family, agency: a, state, status: parts[3] as ReferralCountStatus };
  if (family === 'INDICATOR' && parts.length === 5)
    return {
      family,
      agency: a,
      state,
      indicator: parts[3] as string,
      status: parts[4] as ReferralCountStatus,
    };
  if (family === 'MILESTONE' && parts.length === 4)
    return { family, agency: a, state, milestone: parts[3] as ReferralMilestone };
  return null;
}

function cells(
  event: { agency: ReferralAgency; state: MexicanState; indicators: readonly string[] },
  status: ReferralCountStatus,
  delta: 1 | -1,
): ReferralCountDelta[] {
  const keys: ReferralCounterKey[] = [
    { family: 'STATE', agency: event.agency, state: event.state, status },
    ...event.indicators.map((indicator) => ({
      family: 'INDICATOR' as const,
      agency: event.agency,
      state: event.state,
      indicator,
      status,
    })),
  ];
  return keys.map((key) => ({ key, id: counterId(key), delta }));
}

function milestone(
  event: { agency: ReferralAgency; state: MexicanState },
  name: ReferralMilestone,
): ReferralCountDelta {
  const key: ReferralCounterKey = {
    family: 'MILESTONE',
    agency: event.agency,
    state: event.state,
    milestone: name,
  };
  return { key, id: counterId(key), delta: 1 };
}

interface CountedBase {
  readonly agency: ReferralAgency;
  readonly state: MexicanState;
  readonly indicators: readonly string[];
}

/**
 * What the counts need of a referral event — the domain event itself, or its contract event as the
 * statistics consumer reads it (agency, state, indicator codes, outcome, flags: no person, no id).
 */
export type ReferralCountFact =
  | (CountedBase & { readonly type: 'ReferralCreated' })
  | (CountedBase & { readonly type: 'ReferralAcknowledged'; readonly late: boolean })
  | (CountedBase & {
      readonly type: 'ReferralClosed';
      readonly outcome: ReferralOutcome;
      readonly acknowledgedOnClose: boolean;
    })
  | (CountedBase & { readonly type: 'ReferralOverdue' });

/**
 * What one referral event changes in the counts — computed from the event alone (events carry agency,
 * state and indicators), so the read model needs nothing else. The consumer applies each event once
 * (idempotent by event id, like every consumer).
 */
export function referralCountDeltas(event: ReferralCountFact): ReferralCountDelta[] {
  switch (event.type) {
    case 'ReferralCreated':
      return cells(event, 'OPEN', 1);
    case 'ReferralAcknowledged':
      return [milestone(event, event.late ? 'ACKNOWLEDGED_LATE' : 'ACKNOWLEDGED')];
    case 'ReferralClosed':
      return [
        ...cells(event, 'OPEN', -1),
        ...cells(event, event.outcome, 1),
        ...(event.acknowledgedOnClose ? [milestone(event, 'ACKNOWLEDGED')] : []),
      ];
    case 'ReferralOverdue':
      return [milestone(event, 'ESCALATED')];
  }
}

/** Counter id → count. */
export type ReferralCounts = Readonly<Record<string, number>>;

export function applyReferralCountDeltas(
  counts: ReferralCounts,
  deltas: readonly ReferralCountDelta[],
): ReferralCounts {
  const next: Record<string, number> = { ...counts };
  for (const d of deltas) {
    next[d.id] = (next[d.id] ?? 0) + d.delta;
    if (next[d.id] === 0) delete next[d.id];
  }
  return next;
}

/** The counts of referrals as they stand (what replaying their events gives, except milestones). */
export function countReferrals(referrals: readonly ReferralSnapshot[]): ReferralCounts {
  let counts: ReferralCounts = {};
  for (const r of referrals) {
    counts = applyReferralCountDeltas(counts, cells(r, r.closure?.outcome ?? 'OPEN', 1));
  }
  return counts;
}

export interface ReferralTotals {
  readonly total: number;
  readonly byAgency: Readonly<Partial<Record<ReferralAgency, number>>>;
  readonly byState: Readonly<Partial<Record<MexicanState, number>>>;
  readonly byOutcome: Readonly<Partial<Record<ReferralCountStatus, number>>>;
  /** Referrals mentioning each forced-labour indicator (a referral with two counts in both). */
  readonly byIndicator: Readonly<Record<string, number>>;
  /** Acknowledged (in time, late, with the closure), escalated: counted apart from the status. */
  readonly byMilestone: Readonly<Partial<Record<ReferralMilestone, number>>>;
}

/** The marginals of the counts, for reports. */
export function referralTotals(counts: ReferralCounts): ReferralTotals {
  const add = <K extends string>(map: Partial<Record<K, number>>, key: K, n: number) => {
    map[key] = (map[key] ?? 0) + n;
  };
  const byAgency: Partial<Record<ReferralAgency, number>> = {};
  const byState: Partial<Record<MexicanState, number>> = {};
  const byOutcome: Partial<Record<ReferralCountStatus, number>> = {};
  const byIndicator: Record<string, number> = {};
  const byMilestone: Partial<Record<ReferralMilestone, number>> = {};
  let total = 0;
  for (const [id, n] of Object.entries(counts)) {
    const [family, agency, where, status, indicatorStatus] = id.split('|');
    if (family === 'STATE') {
      total += n;
      add(byAgency, agency as ReferralAgency, n);
      add(byState, where as MexicanState, n);
      add(byOutcome, status as ReferralCountStatus, n);
    } else if (family === 'INDICATOR' && indicatorStatus !== undefined) {
      add(byIndicator, status, n);
    } else if (family === 'MILESTONE') {
      add(byMilestone, status as ReferralMilestone, n);
    }
  }
  return { total, byAgency, byState, byOutcome, byIndicator, byMilestone };
}
