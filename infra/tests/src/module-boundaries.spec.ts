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

  it.each(['mongoose', 'kafkajs', 'bullmq', 'ioredis', '@nestjs/common'])(
    'a domain library may not import %s',
    async (pkg) => {
      const errors = await boundaryErrors(
        'libs/employers/domain/src/forbidden.ts',
        `import * as x from '${pkg}';\nexport const y = x;\n`,
      );
      expect(errors).toContain(`A project tagged with "type:domain" is not allowed to import "${pkg}"`);
    },
  );

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

  it('a domain library may not import platform infrastructure', async () => {
    const errors = await boundaryErrors(
      'libs/employers/domain/src/forbidden.ts',
      `import * as m from '@frontera/platform-messaging';\nexport const y = m;\n`,
    );
    expect(errors.join('\n')).toMatch(/"type:domain" can only depend on libs tagged with "type:domain"/);
  });
});
