import { AuditErrors } from '../errors/audit-errors';
import { assessRisk } from '../risk/risk-scoring.policy';
import { aRiskProfile, daysAgo, T0 } from '../testing';
import {
  EMPTY_HEADCOUNT,
  headcountWindow,
  recordHeadcountChange,
  type HeadcountHistory,
} from './headcount-history';

/** A history with `n` permits gained `ago` days before T0. */
function gained(history: HeadcountHistory, n: number, ago: number): HeadcountHistory {
  let h = history;
  for (let i = 0; i < n; i++) h = recordHeadcountChange(h, 'GAINED', daysAgo(ago));
  return h;
}

function lost(history: HeadcountHistory, n: number, ago: number): HeadcountHistory {
  let h = history;
  for (let i = 0; i < n; i++) h = recordHeadcountChange(h, 'LOST', daysAgo(ago));
  return h;
}

const growthOf = (headcount: HeadcountHistory) => {
  const assessment = assessRisk({ ...aRiskProfile().build(), headcount }, T0);
  return {
    headcount: assessment.factors.find((f) => f.code === 'HEADCOUNT'),
    growth: assessment.factors.find((f) => f.code === 'HEADCOUNT_GROWTH'),
  };
};

describe('headcount history (counters of permit events)', () => {
  it('Given gains and losses on several days, Then held counts them and each day is one counter', () => {
    const history = lost(gained(gained(EMPTY_HEADCOUNT, 3, 100), 2, 5), 1, 5);
    expect(history.held).toBe(4);
    expect(history.days).toHaveLength(2);
    expect(history.days[1]).toEqual(expect.objectContaining({ gained: 2, lost: 1 }));
  });

  it('never counts below zero (a permit issued before the service counted it ends)', () => {
    expect(lost(EMPTY_HEADCOUNT, 2, 1).held).toBe(0);
  });

  it('drops the days older than what it keeps, but not the headcount', () => {
    const history = recordHeadcountChange(gained(EMPTY_HEADCOUNT, 10, 50), 'GAINED', daysAgo(0), 30);
    expect(history.held).toBe(11);
    expect(history.days).toHaveLength(1);
  });

  it('tells the headcount at the start of a window: held minus the net change within it', () => {
    const history = lost(gained(gained(EMPTY_HEADCOUNT, 10, 200), 8, 10), 3, 2);
    expect(headcountWindow(history, T0, 30)).toEqual({ held: 15, heldAtWindowStart: 10, gained: 8, lost: 3 });
    expect(headcountWindow(history, T0, 5)).toEqual({ held: 15, heldAtWindowStart: 18, gained: 0, lost: 3 });
  });

  it('refuses a malformed history', () => {
    expect(() => headcountWindow({ held: -1, days: [] }, T0, 30)).toThrow(
      expect.objectContaining({ code: AuditErrors.RISK_INVALID_PROFILE.code }),
    );
  });
});

describe('sudden headcount growth, from the counters', () => {
  it('Given 10 permits held for months, When 10 more arrive within 30 days, Then growth is at full intensity with its evidence', () => {
    const { headcount, growth } = growthOf(gained(gained(EMPTY_HEADCOUNT, 10, 200), 10, 3));
    expect(headcount?.evidence).toEqual({ heldPermits: 20, bandFrom: 10 });
    expect(growth?.evidence).toEqual({ windowDays: 30, newPermits: 10, earlierPermits: 10, growthRatio: 1 });
    expect(growth?.intensity).toBe(1);
    expect(growth?.points).toBe(10);
  });

  it('does not count churn as growth: as many ended as arrived within the window', () => {
    const { headcount, growth } = growthOf(lost(gained(gained(EMPTY_HEADCOUNT, 10, 200), 8, 10), 8, 5));
    expect(headcount?.evidence).toEqual({ heldPermits: 10, bandFrom: 10 });
    expect(growth?.evidence).toEqual(expect.objectContaining({ newPermits: 0, earlierPermits: 10 }));
    expect(growth?.points).toBe(0);
  });

  it('needs the minimum of new permits (5): four new ones are no growth', () => {
    const { growth } = growthOf(gained(EMPTY_HEADCOUNT, 4, 1));
    expect(growth?.evidence).toEqual(expect.objectContaining({ newPermits: 4, earlierPermits: 0 }));
    expect(growth?.points).toBe(0);
  });

  it('reads a first crew against the baseline minimum, not as infinite growth', () => {
    const { growth } = growthOf(gained(EMPTY_HEADCOUNT, 6, 1));
    expect(growth?.evidence).toEqual(expect.objectContaining({ newPermits: 6, growthRatio: 1.2 }));
    expect(growth?.intensity).toBe(1);
  });

  it('forgets growth older than the window', () => {
    const { growth } = growthOf(gained(EMPTY_HEADCOUNT, 20, 40));
    expect(growth?.evidence).toEqual(expect.objectContaining({ newPermits: 0, earlierPermits: 20 }));
  });
});
