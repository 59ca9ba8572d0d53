/**
 * Serialises the writes to one aggregate: `withLock(key, fn)` runs `fn` while no other holder of
 * the same key (in this process or any other instance) runs, and releases the key afterwards,
 * whether `fn` succeeds or throws.
 *
 * Why: FerretDB 1.x applies an update as an unlocked read-modify-write, so two concurrent
 * updates of one document can lose one even with a version condition in the filter. Every
 * command handler takes the lock around load → decide → save; the version condition stays as
 * the second line of defence (and is sufficient on MongoDB).
 *
 * Implementations throw `DomainError(ApplicationErrors.BUSY)` when the key stays taken longer
 * than their bounded wait.
 */
export interface AggregateLock {
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/** The lock key of one employer aggregate. */
export function employerLockKey(employerId: string): string {
  return `employer:${employerId}`;
}
