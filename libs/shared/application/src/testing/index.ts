/** @frontera/shared-application/testing — in-memory ports for application tests (never in production code). */
export { InMemoryAggregateLock } from './in-memory-aggregate-lock';
export { FixedClock, SequentialIds } from './simple-ports';
