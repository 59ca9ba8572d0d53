/** How a failing message is retried in-process before it goes to the dead-letter topic. */
export interface RetryPolicy {
  /** Handler runs in total, the first included (default 5). */
  readonly maxAttempts: number;
  /** Wait after the first failure (default 200 ms). */
  readonly initialDelayMs: number;
  /** Upper bound of any wait (default 5 000 ms). */
  readonly maxDelayMs: number;
  /** Growth per failure (default 2: 200, 400, 800…). */
  readonly multiplier: number;
  /** Up to this fraction is taken off each wait at random, so instances do not retry in step (default 0.2). */
  readonly jitter: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  initialDelayMs: 200,
  maxDelayMs: 5_000,
  multiplier: 2,
  jitter: 0.2,
};

/** The default policy with overrides, checked: a bad setting fails at startup, not on the first failure. */
export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  const problems: string[] = [];
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1)
    problems.push('maxAttempts must be an integer ≥ 1');
  if (!(policy.initialDelayMs >= 0)) problems.push('initialDelayMs must be ≥ 0');
  if (!(policy.maxDelayMs >= policy.initialDelayMs)) problems.push('maxDelayMs must be ≥ initialDelayMs');
  if (!(policy.multiplier >= 1)) problems.push('multiplier must be ≥ 1');
  if (!(policy.jitter >= 0 && policy.jitter <= 1)) problems.push('jitter must be between 0 and 1');
  if (problems.length > 0) throw new Error(`invalid retry policy: ${problems.join('; ')}`);
  return policy;
}

/**
 * Wait before the next attempt after attempt `failedAttempt` (1-based) failed:
 * exponential, capped at maxDelayMs, minus up to `jitter` of it at random.
 */
export function backoffDelay(
  failedAttempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  if (!Number.isInteger(failedAttempt) || failedAttempt < 1) {
    throw new Error(`failedAttempt must be an integer ≥ 1, got ${failedAttempt}`);
  }
  const exponential = policy.initialDelayMs * policy.multiplier ** (failedAttempt - 1);
  const capped = Math.min(policy.maxDelayMs, exponential);
  return Math.round(capped * (1 - policy.jitter * random()));
}
