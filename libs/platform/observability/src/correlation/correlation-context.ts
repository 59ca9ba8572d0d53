import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The correlation id of the work in progress, carried from an HTTP request
 * through the events it causes (envelope `correlationid`) into the jobs they
 * start (job data `correlationId`), so one id finds every log line of a flow.
 */
export interface CorrelationScope {
  readonly correlationId: string;
  /** Id of the request, event or job being handled (becomes `causationid` downstream). */
  readonly causationId?: string;
}

const storage = new AsyncLocalStorage<CorrelationScope>();

export const CORRELATION_HEADER = 'x-correlation-id';

/** Accepts a client-supplied id only if it is short and plain; otherwise makes a new one. */
export function sanitizeCorrelationId(value: unknown): string {
  return typeof value === 'string' && /^[A-Za-z0-9._:-]{8,128}$/.test(value) ? value : randomUUID();
}

export const CorrelationContext = {
  run<T>(scope: CorrelationScope, fn: () => T): T {
    return storage.run(scope, fn);
  },
  current(): CorrelationScope | undefined {
    return storage.getStore();
  },
  /** The current correlation id, or a new one when called outside any scope. */
  correlationId(): string {
    return storage.getStore()?.correlationId ?? randomUUID();
  },
};
