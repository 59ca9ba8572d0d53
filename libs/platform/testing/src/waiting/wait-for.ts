/** Defaults of {@link waitFor}. */
export const WAIT_FOR_DEFAULTS = { timeoutMs: 15_000, intervalMs: 50 } as const;

/**
 * Polls `probe` until it returns something other than undefined or false, and returns that; fails
 * after `timeoutMs` with a message naming `what` (and the probe's last error, if it threw).
 * A probe that throws is retried like one that returned false.
 *
 *   const saved = await waitFor(() => model.findById(id).lean() ?? undefined, `employer ${id}`);
 *   await waitFor(() => handled.length === 3, 'three handled events', 20_000);
 */
export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs: number = WAIT_FOR_DEFAULTS.timeoutMs,
  intervalMs: number = WAIT_FOR_DEFAULTS.intervalMs,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
