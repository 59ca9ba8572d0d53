import { appliedEventGuard } from './applied-event-guard';
import { NonRetriableError, isNonRetriable } from './errors';
import { ContractViolationError } from '@frontera/contracts';

describe('appliedEventGuard', () => {
  it('builds the filter and the bounded $push for one atomic update', () => {
    expect(appliedEventGuard('ev-1')).toEqual({
      filter: { appliedEvents: { $ne: 'ev-1' } },
      push: { appliedEvents: { $each: ['ev-1'], $slice: -200 } },
    });
    expect(appliedEventGuard('ev-1', 10).push.appliedEvents.$slice).toBe(-10);
  });

  it('refuses an empty event id', () => {
    expect(() => appliedEventGuard('')).toThrow(/needs an event id/);
  });
});

describe('isNonRetriable', () => {
  it('is true for NonRetriableError and contract violations only', () => {
    expect(isNonRetriable(new NonRetriableError('no such employer', 'EMPLOYER.NOT_FOUND'))).toBe(true);
    expect(isNonRetriable(new ContractViolationError('t', []))).toBe(true);
    expect(isNonRetriable(new Error('timeout'))).toBe(false);
  });
});
