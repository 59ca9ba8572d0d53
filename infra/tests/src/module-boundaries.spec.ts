import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The module-boundary rules in eslint.config.mjs really restrict: code that
 * breaks them fails lint. Each case lints a snippet as if it were a file of a
 * real project of the workspace. ESLint runs in a child process, as `nx lint`
 * runs it (its flat config is an ES module, which Jest's VM cannot load).
 */
const root = join(__dirname, '../../..');

interface LintMessage {
  ruleId: string | null;
  message: string;
}

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const eslint = spawnSync(
    join(root, 'node_modules/.bin/eslint'),
    ['--stdin', '--stdin-filename', join(root, filePath), '--format', 'json'],
    { cwd: root, input: code, encoding: 'utf8', timeout: 60_000 },
  );
  if (!eslint.stdout) throw new Error(`eslint printed nothing: ${eslint.stderr}`);
  const [result] = JSON.parse(eslint.stdout) as [{ messages: LintMessage[] }];
  return result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('module boundaries', () => {
  jest.setTimeout(60_000);

  const DOMAIN_FILE = 'libs/employers/domain/src/forbidden.ts';
  const KERNEL_FILE = 'libs/shared/kernel/src/forbidden.ts';

  /** [layer, a file of a project of that layer, what it may not import] → one case per import */
  const cases = (table: [string, string, string[]][]) =>
    table.flatMap(([type, file, imports]) => imports.map((imported) => [type, imported, file]));

  it.each(
    cases([
      ['domain', DOMAIN_FILE, ['mongoose', 'kafkajs', 'bullmq', 'ioredis', '@nestjs/common']],
      ['kernel', KERNEL_FILE, ['@nestjs/common', 'class-validator', 'class-transformer', 'mongoose']],
    ]),
  )('a %s library may not import %s', async (type, pkg, filePath) => {
    const errors = await boundaryErrors(filePath, `import * as x from '${pkg}';\nexport const y = x;\n`);
    expect(errors).toContain(`A project tagged with "type:${type}" is not allowed to import "${pkg}"`);
  });

  it.each(cases([['domain', DOMAIN_FILE, ['@frontera/platform-messaging']]]))(
    'a %s library may not import the library %s',
    async (type, lib, filePath) => {
      const errors = await boundaryErrors(filePath, `import * as l from '${lib}';\nexport const y = l;\n`);
      expect(errors.join('\n')).toContain(
        `"type:${type}" can only depend on libs tagged with "type:${type}"`,
      );
    },
  );

  // Libraries that import the kernel are refused twice over; Nx reports the cycle first.
  it.each([
    '@frontera/contracts',
    '@frontera/employers-domain',
    '@frontera/platform-errors',
    '@frontera/platform-config',
  ])('a kernel library may not import the library %s', async (lib) => {
    const errors = await boundaryErrors(KERNEL_FILE, `import * as l from '${lib}';\nexport const y = l;\n`);
    expect(errors.join('\n')).toMatch(
      /"type:kernel" can only depend on libs tagged with "type:kernel"|Circular dependency between "shared-kernel"/,
    );
  });

  it('a domain library may import another domain file', async () => {
    const errors = await boundaryErrors('libs/employers/domain/src/allowed.ts', `export const ok = 1;\n`);
    expect(errors).toEqual([]);
  });

  it('shared code may not import a bounded context', async () => {
    const errors = await boundaryErrors(
      'libs/contracts/src/forbidden.ts',
      `import * as d from '@frontera/employers-domain';\nexport const y = d;\n`,
    );
    expect(errors.join('\n')).toMatch(
      /tagged with "scope:shared" can only depend on libs tagged with "scope:shared"/,
    );
  });

  it.each([
    ['a domain library', 'libs/employers/domain/src/allowed.ts'],
    ['the contracts', 'libs/contracts/src/allowed.ts'],
    ['an application library', 'libs/employers/application/src/allowed.ts'],
  ])('the shared kernel may be imported by %s', async (_who, filePath) => {
    const errors = await boundaryErrors(
      filePath,
      `import { MEXICAN_STATES } from '@frontera/shared-kernel';\nexport const y = MEXICAN_STATES;\n`,
    );
    expect(errors).toEqual([]);
  });
});
