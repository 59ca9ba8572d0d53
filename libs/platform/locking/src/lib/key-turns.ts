/**
 * First come, first served turns per key inside one process: the waiters of a process for one
 * aggregate line up here, and only the one whose turn it is contends for the shared (Redis) lock.
 *
 * Without it every waiter polls Redis on its own backoff: the lock sits free for up to the longest
 * backoff pause after each release, and a waiter that arrived first can keep losing to later ones
 * whose pauses happen to be shorter — the tail latency of a burst of commands on one employer.
 * With it the next waiter of the same process starts the moment the previous one ends (one Redis
 * round trip later), in arrival order. Waiters in other processes still meet at the Redis lock.
 *
 * Pure in-process bookkeeping: no I/O, no timers of its own beyond each waiter's deadline.
 */
export class KeyTurns {
  private readonly lines = new Map<string, Waiter[]>();

  /**
   * Waits for `key`'s turn: at once when nobody of this process holds or waits for it, else after
   * every earlier waiter has ended. Resolves with the function that ends the turn (call it exactly
   * once, also on failure); rejects with `onTimeout()` when the turn has not come by `deadline`
   * (epoch ms), leaving the line as if it had never joined.
   */
  take(key: string, deadline: number, onTimeout: () => Error): Promise<() => void> {
    let line = this.lines.get(key);
    if (!line) {
      line = [];
      this.lines.set(key, line);
    }
    const waiter: Waiter = { start: () => undefined, timer: undefined };
    line.push(waiter);
    const end = () => this.end(key, waiter);
    if (line.length === 1) return Promise.resolve(end);
    return new Promise<() => void>((resolve, reject) => {
      waiter.start = () => {
        if (waiter.timer) clearTimeout(waiter.timer);
        resolve(end);
      };
      waiter.timer = setTimeout(
        () => {
          this.leave(key, waiter);
          reject(onTimeout());
        },
        Math.max(0, deadline - Date.now()),
      );
      waiter.timer.unref?.();
    });
  }

  /** Keys with a holder or waiters (for tests and metrics). */
  get size(): number {
    return this.lines.size;
  }

  /** Waiters of `key`, the holder included. */
  lengthOf(key: string): number {
    return this.lines.get(key)?.length ?? 0;
  }

  private end(key: string, waiter: Waiter): void {
    const line = this.lines.get(key);
    if (!line || line[0] !== waiter) return;
    line.shift();
    if (line.length === 0) {
      this.lines.delete(key);
      return;
    }
    (line[0] as Waiter).start();
  }

  private leave(key: string, waiter: Waiter): void {
    const line = this.lines.get(key);
    if (!line) return;
    const at = line.indexOf(waiter);
    // The holder (at 0) never times out: only waiters behind it have deadlines pending.
    if (at > 0) line.splice(at, 1);
  }
}

interface Waiter {
  start: () => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}
