/**
 * One dependency checked by GET /health/ready. `check` resolves when the
 * dependency answers and rejects (with a message saying what is wrong) when it
 * does not. Indicators must not throw synchronously and must not hang forever:
 * the readiness service also bounds each check by `timeoutMs`.
 */
export interface HealthIndicator {
  /** Key in the readiness report: `mongodb`, `kafka`, `redis`… */
  readonly name: string;
  check(): Promise<void>;
  /** Upper bound of one check; default: the module's `health.defaultTimeoutMs`. */
  readonly timeoutMs?: number;
  /** How long a result is reused, so probes do not hammer the dependency (default 0). */
  readonly cacheTtlMs?: number;
  /** Releases what the indicator itself opened (not connections it was given). */
  close?(): Promise<void>;
}

export interface DependencyStatus {
  status: 'up' | 'down';
  /** Duration of the check that produced this result. */
  latencyMs: number;
  /** Why the dependency is down (never set when up). */
  error?: string;
  /** When the check that produced this result finished (ISO 8601). */
  checkedAt: string;
}

export interface ReadinessReport {
  status: 'ready' | 'not_ready' | 'shutting_down';
  checks: Record<string, DependencyStatus>;
}
