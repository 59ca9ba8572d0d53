import path from 'node:path';
import { ROOT } from '@frontera/system-launcher';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the chaos command is a file of tools/ops, not a library
import { formatReport, runChaos } from '../../../tools/ops/chaos';

/**
 * The chaos command, short (issue 14, decision 0049): 40 approvals through the entry point while each
 * service is killed with SIGKILL once and the run's PRIVATE Kafka and Redis (tools/ops/chaos.ts starts
 * them under tmp/chaos/e2e-servers, ports 25000–25999, apart from the command's default 24xxx) are
 * restarted once; then every count must agree. The work is paced so that it lasts at least 20 s per
 * fault, so every fault meets traffic. Measured: 175 s (jest) on the shared 2-core machine.
 */
describe('the chaos command, short: 40 approvals, every service killed once, Kafka and Redis restarted', () => {
  it('ends with one permit per approval and the same counts in every service', async () => {
    const lines: string[] = [];
    const report = await runChaos({
      approvals: 40,
      killsPerService: 1,
      concurrency: 4,
      secondsPerFault: 20,
      settleSeconds: 180,
      keepServers: false,
      build: true, // nx build: a no-op from its cache when the services did not change
      serversDir: path.join(ROOT, 'tmp/chaos/e2e-servers'),
      portBase: 25_000,
      log: (line) => lines.push(line),
    });
    const table = formatReport(report);
    // What a CI keeps of a long output is its end: the run's log and the table on any difference.
    if (!report.ok) process.stdout.write(`${lines.join('\n')}\n${table}\n`);
    expect(report.faults.map((f) => f.fault).sort()).toEqual([
      'kill audits',
      'kill employers',
      'kill permits',
      'restart kafka',
      'restart redis',
    ]);
    expect(report.rows.filter((r) => r.expected !== r.actual)).toEqual([]);
    expect(report.rows.find((r) => r.check === 'permits (permits)')?.actual).toBe(40);
    expect(report.ok).toBe(true);
  }, 600_000);
});
