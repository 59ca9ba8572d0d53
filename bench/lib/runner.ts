/** One measured case of a suite: an optional warm-up and a run that returns that run's figures. */
export interface BenchCase<T> {
  key: string;
  /** Not recorded: primes connections, JIT, server caches. Defaults to one unrecorded run(-1). */
  warmup?: () => Promise<unknown>;
  run: (run: number) => Promise<T>;
}

export type Logger = (message: string) => void;

/**
 * Warms every case up once, then runs the cases `runs` times, interleaved (run 0 of every case,
 * then run 1 ...) and with the starting case rotated each round, so that a noisy moment of the
 * shared machine hits different cases instead of all runs of one case.
 * Returns the per-run results of each case, in run order.
 */
export async function runInterleaved<T>(
  cases: readonly BenchCase<T>[],
  runs: number,
  log: Logger = () => undefined,
): Promise<Map<string, T[]>> {
  const results = new Map<string, T[]>(cases.map((c) => [c.key, []]));
  for (const c of cases) {
    log(`warm-up ${c.key}`);
    await (c.warmup ? c.warmup() : c.run(-1));
  }
  for (let run = 0; run < runs; run++) {
    for (let i = 0; i < cases.length; i++) {
      const c = cases[(i + run) % cases.length];
      log(`run ${run + 1}/${runs} ${c.key}`);
      results.get(c.key)?.push(await c.run(run));
    }
  }
  return results;
}

/** Per-run results of `key` (empty when the case did not run). */
export function runsOf<T>(results: Map<string, T[]>, key: string): T[] {
  return results.get(key) ?? [];
}

/**
 * Runs a benchmark's `main` as a command: exit code from its result, 2 with the usage on error,
 * and no hang if a library leaves a handle open (the timer is unref'd: it never keeps a clean
 * process alive).
 */
export function runBenchCommand(name: string, main: () => Promise<number>, usage: string): void {
  main().then(
    (code) => {
      process.exitCode = code;
      setTimeout(() => {
        process.stderr.write(`${name}: open handles kept the process alive after the run; exiting\n`);
        process.exit(code);
      }, 10_000).unref();
    },
    (err: unknown) => {
      process.stderr.write(`${name}: ${err instanceof Error ? err.message : String(err)}\n${usage}\n`);
      process.exit(2);
    },
  );
}
