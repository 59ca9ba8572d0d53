import type { AggregateLock } from '../ports/aggregate-lock.port';

/** The lock port for one process: callers of the same key run one after the other. */
export class InMemoryAggregateLock implements AggregateLock {
  private readonly tails = new Map<string, Promise<void>>();
  /** Keys in the order they were acquired, for assertions. */
  readonly acquired: string[] = [];

  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const current = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => current);
    this.tails.set(key, tail);
    await previous;
    this.acquired.push(key);
    try {
      return await fn();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
