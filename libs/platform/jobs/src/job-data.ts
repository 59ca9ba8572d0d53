/**
 * What a job stores in Redis: the validated payload (ids only) and where the
 * work came from. Jobs created by a scheduler have no correlation id of their
 * own; the worker starts a new one for each run.
 */
export interface JobData<P extends object = object> {
  readonly payload: P;
  readonly correlationId?: string;
  /** Id of the request, event or job whose handling added this job. */
  readonly causationId?: string;
  /**
   * W3C traceparent of the enqueue span (tracing on only), continued by the worker's span. Only
   * this string: no tracestate, no baggage, nothing personal (docs/decisions/0043).
   */
  readonly traceparent?: string;
}

export function isJobData(value: unknown): value is JobData<object> {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate['payload'] === 'object' &&
    candidate['payload'] !== null &&
    (candidate['correlationId'] === undefined || typeof candidate['correlationId'] === 'string') &&
    (candidate['causationId'] === undefined || typeof candidate['causationId'] === 'string') &&
    (candidate['traceparent'] === undefined || typeof candidate['traceparent'] === 'string')
  );
}
