import { backoffDelay, DEFAULT_RETRY_POLICY, retryPolicy } from './backoff';

describe('backoffDelay', () => {
  const noJitter = retryPolicy({ jitter: 0 });

  it('doubles from the initial delay: 200, 400, 800, 1600 ms', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, noJitter))).toEqual([200, 400, 800, 1600]);
  });

  it('never exceeds maxDelayMs', () => {
    expect(backoffDelay(6, noJitter)).toBe(5_000);
    expect(backoffDelay(40, noJitter)).toBe(5_000);
  });

  it('takes at most `jitter` of the delay off, never adds', () => {
    const policy = retryPolicy({ jitter: 0.5 });
    expect(backoffDelay(3, policy, () => 0)).toBe(800);
    expect(backoffDelay(3, policy, () => 0.999999)).toBe(400);
    expect(backoffDelay(10, policy, () => 0)).toBe(5_000);
  });

  it('refuses an attempt number below 1', () => {
    expect(() => backoffDelay(0, noJitter)).toThrow(/failedAttempt must be an integer ≥ 1/);
  });
});

describe('retryPolicy', () => {
  it('defaults to 5 attempts from 200 ms up to 5 s', () => {
    expect(retryPolicy()).toEqual(DEFAULT_RETRY_POLICY);
    expect(DEFAULT_RETRY_POLICY).toMatchObject({ maxAttempts: 5, initialDelayMs: 200, maxDelayMs: 5_000 });
  });

  it('names every bad setting', () => {
    expect(() => retryPolicy({ maxAttempts: 0, initialDelayMs: 10, maxDelayMs: 5, jitter: 2 })).toThrow(
      'invalid retry policy: maxAttempts must be an integer ≥ 1; maxDelayMs must be ≥ initialDelayMs; jitter must be between 0 and 1',
    );
  });
});
