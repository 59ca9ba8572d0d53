/**
 * Serialises the writes to one aggregate: `withLock(key, fn)` runs `fn` while no other holder of
 * the same key (in this process or any other instance) runs, and releases the key afterwards,
 * whether `fn` succeeds or throws.
 *
 * Why every service needs one: FerretDB 1.x applies an update as an unlocked read-modify-write,
 * so two concurrent updates of one document can lose one even with a version condition in the
 * filter (docs/decisions/0001). Command runners take the lock around load → decide → save; the
 * version condition stays as the second line of defence (and is sufficient on MongoDB).
 *
 * Implementations throw `LockErrors.BUSY` (kernel; 503, retriable) when the key stays taken
 * longer than their bounded wait; command runners turn it into their context's BUSY.
 */
export interface AggregateLock {
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
}
