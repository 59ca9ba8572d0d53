import { applyKafkajsIdleFix, KAFKAJS_IDLE_FIX_VERSION } from './request-queue-idle-fix';

// The very class kafkajs's broker connections use.
const RequestQueue = require('kafkajs/src/network/requestQueue') as new (options: object) => Queue;

interface Queue {
  pending: unknown[];
  inflight: Map<number, unknown>;
  throttleCheckTimeoutId: unknown;
  push(request: object): void;
  fulfillRequest(response: { correlationId: number; payload: Buffer | null; size: number }): void;
  maybeThrottle(ms: number): void;
  scheduleCheckPendingRequests(): void;
  destroy(): void;
}

const logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

function queue(maxInFlightRequests: number | null = null): Queue {
  return new RequestQueue({
    maxInFlightRequests,
    requestTimeout: 30_000,
    enforceRequestTimeout: false,
    clientId: 'spec',
    broker: 'localhost:9092',
    logger,
  });
}

/** A request as a broker connection pushes it; `sent` lists the correlation ids sent, in order. */
function request(correlationId: number, sent: number[]) {
  return {
    entry: {
      correlationId,
      apiKey: 1,
      apiName: 'Fetch',
      apiVersion: 11,
      resolve: () => undefined,
      reject: () => undefined,
    },
    expectResponse: true,
    sendRequest: () => sent.push(correlationId),
  };
}

describe('kafkajs RequestQueue idle-timer fix', () => {
  beforeAll(() => {
    expect(applyKafkajsIdleFix()).toMatch(/^(applied|already-applied)$/);
  });

  afterEach(() => jest.useRealTimers());

  it('is written for the installed kafkajs, and a second application changes nothing', () => {
    expect((require('kafkajs/package.json') as { version: string }).version).toBe(KAFKAJS_IDLE_FIX_VERSION);
    expect(applyKafkajsIdleFix()).toBe('already-applied');
  });

  it('arms no timer when nothing is pending and no throttle is in force', () => {
    jest.useFakeTimers();
    const q = queue();
    const sent: number[] = [];
    q.push(request(1, sent));
    q.fulfillRequest({ correlationId: 1, payload: null, size: 0 });
    q.scheduleCheckPendingRequests();
    expect(sent).toEqual([1]);
    expect(q.throttleCheckTimeoutId).toBeNull();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('still sends a request queued behind the in-flight limit when the one in flight is answered', () => {
    const q = queue(1);
    const sent: number[] = [];
    q.push(request(1, sent));
    q.push(request(2, sent));
    expect(sent).toEqual([1]);
    expect(q.pending).toHaveLength(1);
    q.fulfillRequest({ correlationId: 1, payload: null, size: 0 });
    expect(sent).toEqual([1, 2]);
    q.destroy();
  });

  it('still sends a request queued under a client-side throttle when the throttle ends', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const q = queue();
    const sent: number[] = [];
    q.maybeThrottle(200);
    q.push(request(1, sent));
    expect(sent).toEqual([]);
    expect(jest.getTimerCount()).toBe(1);
    jest.advanceTimersByTime(199);
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(2);
    expect(sent).toEqual([1]);
    // nothing pending any more: the timer is not re-armed
    q.fulfillRequest({ correlationId: 1, payload: null, size: 0 });
    expect(jest.getTimerCount()).toBe(0);
  });
});
