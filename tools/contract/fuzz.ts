// The long contract run: each service's contract target (services/<name>/test/contract/contract-target.ts,
// the same one its integration test uses) with a bigger schemathesis budget, then the whole system
// through the entry point against the combined document (entry-point-target.ts, the same one the
// end-to-end tier uses), and the counts.
//
//   node tools/scripts/run-ts.cjs tools/contract/fuzz.ts [--cases 200] [--service employers|entry-point] [--seed N]
//
// Run through tools/contract/fuzz.sh (`npm run fuzz -- --cases 1000`), which starts the servers and
// the Python tools first. --cases is schemathesis' --max-examples: test cases per operation and phase,
// per token; the examples and coverage phases add theirs. Exit 1 when anything was found.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { contractCheck, findWorkspaceRoot, type ContractTarget } from '@frontera/platform-testing';

const USAGE =
  'usage: fuzz.ts [--cases N (per operation and phase, default 200)] [--service NAME]... [--seed N]';

function options(): { cases: number; services: string[]; seed?: number } {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '200' },
      service: { type: 'string', multiple: true },
      seed: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const cases = Number(values.cases);
  if (!Number.isInteger(cases) || cases < 1) throw new Error(`--cases must be a positive integer\n${USAGE}`);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isSafeInteger(seed))
    throw new Error(`--seed must be an integer\n${USAGE}`);
  return { cases, services: values.service ?? [], seed };
}

/** The whole system behind the entry point, with the combined document (entry-point-target.ts). */
const ENTRY_POINT = 'entry-point';

interface Target {
  readonly name: string;
  readonly file: string;
  readonly start: () => Promise<ContractTarget & { docsPath?: string }>;
}

/**
 * Services with a contract target (services/<name>/test/contract/contract-target.ts), then the
 * entry point: every route again through the gateway, checked against the combined document.
 */
function targets(root: string, only: readonly string[]): Target[] {
  const all: Target[] = readdirSync(join(root, 'services'))
    .map((name) => ({ name, file: join(root, 'services', name, 'test', 'contract', 'contract-target.ts') }))
    .filter(({ file }) => existsSync(file))
    .map(({ name, file }) => ({
      name,
      file,
      start: async () =>
        (
          (await import(file)) as { startContractTarget: () => Promise<ContractTarget> }
        ).startContractTarget(),
    }));
  const entryPoint = join(root, 'tools', 'contract', 'entry-point-target.ts');
  all.push({
    name: ENTRY_POINT,
    file: entryPoint,
    start: async () =>
      ((await import(entryPoint)) as typeof import('./entry-point-target')).startEntryPointTarget({
        log: (line) => process.stdout.write(`    ${ENTRY_POINT} ${line}\n`),
      }),
  });
  const unknown = only.filter((name) => !all.some((t) => t.name === name));
  if (unknown.length > 0) throw new Error(`no contract target for ${unknown.join(', ')}`);
  return only.length === 0 ? all : all.filter((t) => only.includes(t.name));
}

async function main(): Promise<void> {
  const { cases, services, seed } = options();
  const root = findWorkspaceRoot();
  let findings = false;
  const lines: string[] = [];
  for (const { name, file, start } of targets(root, services)) {
    const started = Date.now();
    process.stdout.write(`==> ${name}: starting the service (${file.slice(root.length + 1)})\n`);
    const target = await start();
    try {
      const result = await contractCheck({
        ...target,
        maxExamples: cases,
        seed,
        continueOnFailure: true,
        runTimeoutMs: 60 * 60_000,
        progress: (line) => process.stdout.write(`    ${name} ${line}\n`),
      });
      process.stdout.write(`${result.report()}\n`);
      const t = result.totals;
      findings ||= !result.ok;
      lines.push(
        `${name}: ${t.cases} cases (${t.responses} responses) in ${Math.round((Date.now() - started) / 1000)} s; ` +
          `${t.serverErrors} 5xx, ${t.schemaViolations} schema violations, ${t.undocumentedStatuses} undocumented statuses, ` +
          `${t.undocumentedContentTypes} undocumented content types, ${t.headerViolations} header violations, ` +
          `${t.methodViolations} method violations; ` +
          `document ${result.validation.ok ? 'valid' : 'INVALID'}`,
      );
    } finally {
      await target.close();
    }
  }
  process.stdout.write(
    `\n${lines.join('\n')}\n${findings ? 'contract: FINDINGS' : 'contract: no findings'}\n`,
  );
  // Clients of the services' test apps (Kafka, Redis) may keep the loop alive a while.
  process.exit(findings ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`fuzz: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
});
