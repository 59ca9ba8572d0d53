// Two instances of each service on the three-broker cluster (issue 14, decision 0053): the chaos run
// (tools/ops/chaos.ts) twice on a private cluster — first with one instance of each service, then with
// two behind the gateway's round-robin — each time with a P1-style load (N applications, then N
// approvals through the entry point, unpaced) while one broker is killed with SIGKILL in the middle of
// the work and restarted. Each run must pass every check of the chaos table (one permit per approval,
// the same counts in the three services, nothing applied twice, nothing left in the outboxes, no dead
// letters) and, with two instances, every consumer group must have a member per instance with
// partitions of its own. It prints both tables, the throughput of each (first approval → every permit
// visible in audits and employers) and their ratio; exit 1 on any difference.
//
//   node tools/scripts/run-ts.cjs tools/ops/scale-out.ts [--approvals 300] [--concurrency 8]
//       [--broker-down-seconds 8] [--json <file>]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '@frontera/system-launcher';
import { formatReport, runChaos, type ChaosOptions, type ChaosReport } from './chaos';

export interface ScaleOutOptions {
  readonly approvals: number;
  readonly concurrency: number;
  readonly brokerDownSeconds: number;
  /** Private servers and cluster (chaos.ts' PrivateServers and PrivateCluster): data directory, port base. */
  readonly serversDir: string;
  readonly portBase: number;
  readonly build: boolean;
  readonly log: (line: string) => void;
}

export interface ScaleOutReport {
  readonly runs: readonly ChaosReport[];
  /** Throughput with two instances ÷ with one. */
  readonly ratio: number;
  readonly ok: boolean;
}

export async function runScaleOut(options: ScaleOutOptions): Promise<ScaleOutReport> {
  const runs: ChaosReport[] = [];
  for (const instances of [1, 2]) {
    options.log(`==> ${instances} instance(s) of each service, one broker killed under the load`);
    const chaos: ChaosOptions = {
      approvals: options.approvals,
      killsPerService: 0,
      concurrency: options.concurrency,
      settleSeconds: 300,
      secondsPerFault: 0, // unpaced: the throughput is the system's, the broker dies mid-work
      keepServers: false,
      build: options.build && instances === 1,
      serversDir: options.serversDir,
      portBase: options.portBase,
      log: options.log,
      instances,
      cluster: true,
      brokerKills: 1,
      brokerDownSeconds: options.brokerDownSeconds,
    };
    const report = await runChaos(chaos);
    options.log(formatReport(report));
    runs.push(report);
  }
  const [one, two] = runs as [ChaosReport, ChaosReport];
  const ratio = two.approvalsPerSecond / Math.max(0.001, one.approvalsPerSecond);
  return { runs, ratio, ok: one.ok && two.ok };
}

export function formatScaleOut(report: ScaleOutReport): string {
  const lines = report.runs.map(
    (r) =>
      `${r.instances} instance(s): ${r.approvalsPerSecond.toFixed(1)} permits/s, ${r.ok ? 'every check held' : 'COUNTS DIFFER'}, ` +
      `${r.groups.length} consumer groups (members ${[...new Set(r.groups.map((g) => g.members))].join('/')})`,
  );
  return [...lines, `two instances ÷ one: ${report.ratio.toFixed(2)}×`, report.ok ? 'OK' : 'FAILED'].join(
    '\n',
  );
}

function parse(argv: readonly string[]): ScaleOutOptions & { json?: string } {
  const options = {
    approvals: 300,
    concurrency: 8,
    brokerDownSeconds: 8,
    serversDir: path.join(ROOT, 'tmp/chaos/scale-out-servers'),
    portBase: 27_000, // the cluster tier's test uses 26000–26999
    build: false,
    log: (line: string) => process.stdout.write(`${line}\n`),
    json: undefined as string | undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${arg}: a whole number ≥ 1`);
      return n;
    };
    if (arg === '--approvals') options.approvals = next();
    else if (arg === '--concurrency') options.concurrency = next();
    else if (arg === '--broker-down-seconds') options.brokerDownSeconds = next();
    else if (arg === '--build') options.build = true;
    else if (arg === '--json') options.json = argv[++i];
    else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

if (process.argv[1] === __filename) {
  let options: ReturnType<typeof parse>;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(
      `${(error as Error).message}\nusage: scale-out [--approvals N] [--concurrency C] [--broker-down-seconds S] [--build] [--json <file>]\n`,
    );
    process.exit(2);
  }
  runScaleOut(options).then(
    (report) => {
      process.stdout.write(`${formatScaleOut(report)}\n`);
      if (options.json) writeFileSync(options.json, JSON.stringify(report, null, 2));
      process.exit(report.ok ? 0 : 1);
    },
    (error: unknown) => {
      process.stderr.write(
        `scale-out failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
