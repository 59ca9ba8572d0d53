import { MESSAGING_STOP_BUDGET_MS, pruneBudgetAfter, SHUTDOWN_PRUNE_BUDGET_MS } from './messaging.runtime';

describe('the prunes’ share of a shutdown (pruneBudgetAfter)', () => {
  it('Given consumers and relay stopped quickly, When the prunes start, Then they get the whole prune budget', () => {
    expect(pruneBudgetAfter(0)).toBe(SHUTDOWN_PRUNE_BUDGET_MS);
    expect(pruneBudgetAfter(MESSAGING_STOP_BUDGET_MS - SHUTDOWN_PRUNE_BUDGET_MS)).toBe(
      SHUTDOWN_PRUNE_BUDGET_MS,
    );
  });

  it('Given they took long, When the prunes start, Then they get what is left of the messaging budget', () => {
    expect(pruneBudgetAfter(MESSAGING_STOP_BUDGET_MS - 1_500)).toBe(1_500);
  });

  it('Given the messaging budget is spent, When the prunes start, Then they get none (left to the relay)', () => {
    expect(pruneBudgetAfter(MESSAGING_STOP_BUDGET_MS)).toBe(0);
    expect(pruneBudgetAfter(MESSAGING_STOP_BUDGET_MS + 4_000)).toBe(0);
  });

  it('leaves the rest of the service’s 15 s shutdown to the database, Redis and the queues', () => {
    expect(MESSAGING_STOP_BUDGET_MS).toBeLessThan(15_000);
    expect(SHUTDOWN_PRUNE_BUDGET_MS).toBeLessThanOrEqual(MESSAGING_STOP_BUDGET_MS);
  });
});
