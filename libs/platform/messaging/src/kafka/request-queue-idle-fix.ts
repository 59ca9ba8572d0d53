/**
 * kafkajs 2.2.4's RequestQueue (one per broker connection) re-arms a timer without end when nothing
 * is pending: `scheduleCheckPendingRequests` computes `throttledUntil - Date.now()` with
 * `throttledUntil = -1` when no throttle is in force, and a negative `setTimeout` delay fires after
 * 1 ms — so every broker connection of every client (producer, admin, each consumer's coordinator
 * and fetch connections) wakes the event loop about 1,000 times a second while idle, for nothing
 * (tulios/kafkajs#1556, #1604, #1704; the fix proposed upstream is PR #1667). Measured on the
 * employers service idle: 4.4–6.4 % of a core with the loop, 0.8–2 % without it
 * (docs/decisions/0037-idle-service-cost.md).
 *
 * The fix skips scheduling the check when no request is pending and no throttle is in force; the
 * check it skips would find nothing to send. Pending requests are still checked exactly as before:
 * `push()` schedules a check when it queues a request (pending is then non-empty), every answered or
 * timed-out request checks the queue, and a throttle still schedules its check for when it ends.
 *
 * Applied to the prototype, once per process, when this library creates a Kafka client (every
 * client of the process shares the class, so the health check's and the tests' clients benefit
 * too). Refuses to patch any kafkajs other than the version it was written for: a later version
 * may have fixed or changed the method, and then the original runs unchanged.
 */
interface RequestQueueLike {
  pending: unknown[];
  throttledUntil: number;
  scheduleCheckPendingRequests(): unknown;
}

interface RequestQueueClass {
  prototype: RequestQueueLike;
}

/** The kafkajs version whose RequestQueue this fix was written for. */
export const KAFKAJS_IDLE_FIX_VERSION = '2.2.4';

const PATCHED = Symbol.for('frontera.kafkajs.requestQueueIdleFix');

export type KafkajsIdleFixOutcome = 'applied' | 'already-applied' | 'other-version' | 'not-found';

let outcome: KafkajsIdleFixOutcome | undefined;

/** Patches `RequestQueue.prototype.scheduleCheckPendingRequests` of the given class (tests pass their own). */
export function patchRequestQueue(RequestQueue: RequestQueueClass): 'applied' | 'already-applied' {
  const prototype = RequestQueue.prototype as RequestQueueLike & { [PATCHED]?: true };
  if (prototype[PATCHED]) return 'already-applied';
  const original = prototype.scheduleCheckPendingRequests;
  prototype.scheduleCheckPendingRequests = function scheduleCheckPendingRequests(this: RequestQueueLike) {
    if (this.pending.length === 0 && this.throttledUntil - Date.now() <= 0) return undefined;
    return original.call(this);
  };
  prototype[PATCHED] = true;
  return 'applied';
}

/** Applies the fix to the kafkajs this process loads (idempotent); says what it did. */
export function applyKafkajsIdleFix(): KafkajsIdleFixOutcome {
  if (outcome) return outcome === 'applied' ? 'already-applied' : outcome;
  try {
    // Literal requests: the services' bundles leave them to node (kafkajs is external), which
    // resolves them next to kafkajs itself — the very module kafkajs's connections use.
    const { version } = require('kafkajs/package.json') as { version?: string };
    outcome =
      version === KAFKAJS_IDLE_FIX_VERSION
        ? patchRequestQueue(require('kafkajs/src/network/requestQueue') as RequestQueueClass)
        : 'other-version';
  } catch {
    outcome = 'not-found';
  }
  return outcome;
}
