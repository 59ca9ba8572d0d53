// The options of node itself, and the process environment, every service runs with, wherever it is
// started: the system launcher (tools/system/launcher.ts), the benchmarks' ServiceProcess
// (bench/employers/service-process.ts), the local run (scripts/dev.sh, through
// tools/system/print-service-runtime.ts) and the container image (infra/docker/service.Dockerfile,
// whose CMD lists the same flags and whose ENV the same variables; a unit test in infra/tests checks
// that they agree). Decisions 0052 and 0056.
//
// --max-semi-space-size=4: V8's young generation grows to 16 MiB per semi-space by default (64-bit),
// and a service that has handled some traffic keeps those pages resident; capped at 4 MiB, the idle
// resident memory of each service fell by 24–32 MiB (150 → 118, 160 → 135, 152 → 126 MiB) for more
// frequent, smaller scavenges (bench/system measures the throughput with and without it).
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];

/**
 * The flags to start a service with: FRONTERA_SERVICE_NODE_FLAGS (space-separated; empty = none) when
 * set — for an operator's experiment or a benchmark's comparison — else SERVICE_NODE_FLAGS.
 */
export function serviceNodeFlags(env: NodeJS.ProcessEnv = process.env): string[] {
  const override = env['FRONTERA_SERVICE_NODE_FLAGS'];
  if (override === undefined) return [...SERVICE_NODE_FLAGS];
  return override.split(/\s+/).filter((flag) => flag.length > 0);
}

/**
 * glibc malloc settings every service process starts with (read by glibc when the process starts, so
 * they cannot be set from inside it).
 *
 * MALLOC_ARENA_MAX=2: glibc gives threads their own malloc arenas, up to 8 per core, and keeps what
 * is freed in each of them; node's threads (libuv's pool, V8's GC and compiler workers) each grow
 * one. Capped at two, the permits service idle 20 s after its warm-up held 118–121 MiB instead of
 * 144–146 MiB (decision 0056).
 */
export const SERVICE_PROCESS_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };

/** SERVICE_PROCESS_ENV, each variable the environment already sets (an operator's choice) kept as it is. */
export function serviceProcessEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(SERVICE_PROCESS_ENV).map(([name, value]) => [name, env[name] ?? value]),
  );
}
