import path from 'node:path';
import { ROOT } from '@frontera/system-launcher';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the scale-out command is a file of tools/ops, not a library
import { formatScaleOut, runScaleOut } from '../../../tools/ops/scale-out';

/**
 * Two instances of each service on the three-broker cluster (issue 14, tools/ops/scale-out.ts): the
 * whole system behind the entry point, once with one instance of each service and once with two, each
 * time on a private cluster (ports 26192–26197) with one broker killed with SIGKILL in the middle of
 * the approvals and restarted. Every count of the chaos table must agree in both runs, and with two
 * instances every consumer group must have two members with partitions of their own. The throughput
 * ratio is printed, not asserted: on two shared cores a second process of each service competes for
 * the same cores and the same FerretDB (tools/ops/README.md).
 */
describe('two instances of each service on the three-broker cluster, one broker killed', () => {
  it('loses nothing, applies nothing twice and shares every consumer group out among the instances', async () => {
    const lines: string[] = [];
    const report = await runScaleOut({
      approvals: 60,
      concurrency: 6,
      brokerDownSeconds: 8,
      serversDir: path.join(ROOT, 'tmp/chaos/scale-out-test-servers'),
      portBase: 26_000,
      build: true,
      log: (line) => lines.push(line),
    });
    process.stdout.write(`${formatScaleOut(report)}\n`);
    if (!report.ok) process.stdout.write(`${lines.join('\n')}\n`);
    const [one, two] = report.runs;
    expect(one?.faults.map((f) => f.fault)).toEqual(['kill broker']);
    expect(two?.faults.map((f) => f.fault)).toEqual(['kill broker']);
    for (const run of report.runs) expect(run.rows.filter((r) => r.expected !== r.actual)).toEqual([]);
    expect(two?.rows.find((r) => r.check === 'permits (permits)')?.actual).toBe(60);
    expect(two?.groups.length).toBeGreaterThan(10);
    expect(two?.groups.filter((g) => g.members !== 2)).toEqual([]);
    expect(one?.groups.filter((g) => g.members !== 1)).toEqual([]);
    expect(report.ok).toBe(true);
  }, 1_200_000);
});
