// The options of node itself every service runs with, wherever it is started: the system launcher
// (tools/system/launcher.ts), the benchmarks' ServiceProcess (bench/employers/service-process.ts) and
// the container image (infra/docker/service.Dockerfile, whose CMD lists the same flags; a unit test in
// infra/tests checks that they agree). Decision 0052.
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
