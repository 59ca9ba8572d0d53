// Development tokens for each role of the demo (8 hours), as shell lines, with a curl example:
//   eval "$(FRONTERA_DEV_TOKENS=enabled node tools/scripts/run-ts.cjs tools/demo/tokens.ts)"
// Refused unless FRONTERA_DEV_TOKENS=enabled and NODE_ENV is not production.
import { DEMO, demoTokens } from './demo';

async function main(): Promise<void> {
  const t = await demoTokens();
  const base = (process.env['FRONTERA_GATEWAY_URL'] ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
  const lines: [string, string, string][] = [
    ['TOKEN_EMPLOYER_CHIAPAS', await t.employer(DEMO.finca), `staff of ${DEMO.finca} (Tapachula, Chiapas)`],
    [
      'TOKEN_EMPLOYER_TABASCO',
      await t.employer(DEMO.tabasco),
      `staff of ${DEMO.tabasco} (Balancán, Tabasco)`,
    ],
    ['TOKEN_OFFICER', t.officer, `INM officer of ${DEMO.officerStates.join(', ')}`],
    ['TOKEN_SUPERVISOR', t.supervisor, `audit supervisor of ${DEMO.officerStates.join(', ')}`],
    ['TOKEN_INSPECTOR', await t.inspector(DEMO.inspectors[0]), `inspector ${DEMO.inspectors[0]}`],
  ];
  for (const [name, token, who] of lines) process.stdout.write(`# ${who}\nexport ${name}=${token}\n`);
  process.stdout.write(
    `# for example:\n#   curl -s -H "Authorization: Bearer $TOKEN_OFFICER" ${base}/employers?state=CHP\n` +
      `#   curl -s -H "Authorization: Bearer $TOKEN_EMPLOYER_CHIAPAS" ${base}/permits\n` +
      `#   curl -s -H "Authorization: Bearer $TOKEN_SUPERVISOR" ${base}/ops/queues/permits/api/queues   (the queue board; a browser logs in at ${base}/ops/queues/permits/session)\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`tokens: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
