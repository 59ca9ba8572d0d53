import path from 'node:path';
import { ROOT } from '@frontera/system-launcher';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the chaos command is a file of tools/ops, not a library
import { formatReport, runChaos } from '../../../tools/ops/chaos';

/**
 * The chaos command, short (issue 14, decision 0049): 40 approvals through the entry point while each
 * service is killed with SIGKILL once and the PRIVATE Kafka and Redis of the run (tools/ops/chaos.ts
 * starts them under tmp/chaos/e2e-servers, ports 23100–23999) are restarted once; then every count must
 * agree. Measured: 175 s (jest) on the shared 2-core machine under a CI run (tools/ops/README.md).
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
      build: true,
      serversDir: path.join(ROOT, 'tmp/chaos/e2e-servers'),
      portBase: 23_100,
      log: (line) => lines.push(line),
    });
    const table = formatReport(report);
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
  }, 600_000);
});
