import {
  referralCountDeltas,
  referralTotals,
  REFERRAL_OUTCOMES,
  type ReferralCountFact,
  type ReferralCounts,
  type ReferralOutcome,
  type ReferralTotals,
} from '@frontera/audits-domain';
import type { EventEnvelope, EventData } from '@frontera/contracts';
import type { AggregateLock } from '@frontera/shared-application';
import { isMexicanState, type Caller, type MexicanState } from '@frontera/shared-kernel';
import { mayAttempt } from '../../authorization/audits-access.policy';
import type { ReferralStatisticsRepository } from '../../ports/repositories.port';
import { AuditsCommandErrors } from '../../shared/audits-command.runners';

export interface ReferralStatisticsDeps {
  readonly statistics: ReferralStatisticsRepository;
  readonly lock: AggregateLock;
}

/** The referral events the statistics count (this service's own, on frontera.audits.referral.v1). */
export const REFERRAL_STATISTICS_EVENT_TYPES = [
  'frontera.audit.referral.created',
  'frontera.audit.referral.acknowledged',
  'frontera.audit.referral.closed',
  'frontera.audit.referral.overdue',
] as const;
export type ReferralStatisticsEventType = (typeof REFERRAL_STATISTICS_EVENT_TYPES)[number];
export type ReferralStatisticsEvent = {
  [T in ReferralStatisticsEventType]: EventEnvelope<T, EventData<T>>;
}[ReferralStatisticsEventType];

/** Lock key of one counter document (the guard's read-modify-write must not interleave). */
export const counterLockKey = (counterId: string) => `referral-counter:${counterId}`;

const isOutcome = (value: unknown): value is ReferralOutcome =>
  typeof value === 'string' && (REFERRAL_OUTCOMES as readonly string[]).includes(value);

/**
 * What a referral contract event says for the counts, or null when it cannot be counted: a state is
 * optional in v1 (events published before it was added), and a closure without a known outcome.
 */
export function referralCountFactFrom(event: ReferralStatisticsEvent): ReferralCountFact | null {
  const data = event.data;
  if (!isMexicanState(data.state)) return null;
  const base = {
    agency: data.agency,
    state: data.state,
    indicators: 'indicators' in data ? [...(data.indicators ?? [])] : [],
  };
  switch (event.type) {
    case 'frontera.audit.referral.created':
      return { type: 'ReferralCreated', ...base };
    case 'frontera.audit.referral.acknowledged':
      return { type: 'ReferralAcknowledged', ...base, late: event.data.late === true };
    case 'frontera.audit.referral.closed':
      if (!isOutcome(event.data.outcome)) return null;
      return {
        type: 'ReferralClosed',
        ...base,
        outcome: event.data.outcome,
        acknowledgedOnClose: event.data.acknowledgedOnClose === true,
      };
    case 'frontera.audit.referral.overdue':
      return { type: 'ReferralOverdue', ...base };
  }
}

/**
 * The statistics consumer's use case: the deltas of one referral event (`referralCountDeltas`), each
 * applied to its counter once per event id under that counter's lock — a redelivered event changes
 * nothing, and a redelivery after a crash applies only what was left. Returns how many were applied.
 */
export class RecordReferralStatisticsHandler {
  constructor(private readonly deps: ReferralStatisticsDeps) {}

  async execute(event: ReferralStatisticsEvent): Promise<number> {
    const fact = referralCountFactFrom(event);
    if (fact === null) return 0;
    let applied = 0;
    for (const delta of referralCountDeltas(fact)) {
      const outcome = await this.deps.lock.withLock(counterLockKey(delta.id), () =>
        this.deps.statistics.apply(delta, event.id),
      );
      if (outcome === 'APPLIED') applied += 1;
    }
    return applied;
  }
}

export interface ReferralStatisticsView {
  /** The states counted: the caller's (or the one asked for, when it is one of them). */
  readonly states: readonly MexicanState[];
  readonly totals: ReferralTotals;
  /** Every non-zero cell: counter id → count. */
  readonly counts: ReferralCounts;
}

/**
 * Referral statistics for supervisors and officers: the counters of their states (or of one of them),
 * one equality query per state, summed into the marginals by agency, state, outcome, indicator and
 * milestone. Codes and counts only. A state outside the caller's is not counted (an empty result).
 */
export class ReferralStatisticsHandler {
  constructor(private readonly deps: ReferralStatisticsDeps) {}

  async execute(caller: Caller, filter: { readonly state?: MexicanState }): Promise<ReferralStatisticsView> {
    const role = mayAttempt(caller, 'VIEW_REFERRAL_STATISTICS');
    if (!role.allowed) throw AuditsCommandErrors.ACCESS_DENIED.create({ reason: role.reason });
    const states = [...new Set(caller.states.filter(isMexicanState))]
      .filter((s) => filter.state === undefined || s === filter.state)
      .sort();
    let counts: ReferralCounts = {};
    // Every cell names its state: the states' counters never overlap.
    for (const state of states) counts = { ...counts, ...(await this.deps.statistics.ofState(state)) };
    return { states, totals: referralTotals(counts), counts };
  }
}
