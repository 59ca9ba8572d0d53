// An experiment, not a fix: kafkajs 2.2.4's RequestQueue re-arms a timer without end when nothing
// is pending — scheduleCheckPendingRequests computes `throttledUntil - Date.now()` with
// throttledUntil = -1, and setTimeout with a negative delay fires after 1 ms — so every broker
// connection of a client wakes the event loop about 1,000 times a second while idle
// (tulios/kafkajs#1556, #1604, #1704; the fix proposed upstream is PR #1667).
//
// Preloaded into the service by the employers benchmark
//   --service-node-options=--require=./bench/employers/experiments/kafkajs-idle-timer.cjs
// it skips the timer when no request is pending and no throttle is in force, to measure what
// the loop costs. Pending requests are still checked: push() schedules a check when it queues
// one, and every answered request checks the queue.
'use strict';
const RequestQueue = require(require.resolve('kafkajs/src/network/requestQueue', { paths: [process.cwd()] }));

const original = RequestQueue.prototype.scheduleCheckPendingRequests;
RequestQueue.prototype.scheduleCheckPendingRequests = function scheduleCheckPendingRequests() {
  if (this.pending.length === 0 && this.throttledUntil - Date.now() <= 0) return undefined;
  return original.call(this);
};
