import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configMarkdownTable } from '@frontera/platform-config';
import { EmployersConfig } from './employers.config';

/**
 * The rows of a Markdown table as trimmed cells (the README's table is aligned by prettier, which
 * also escapes `*` and `_`).
 */
function rows(table: string): string[][] {
  return table
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[\s|:-]+\|$/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim().replace(/\\([*_])/g, '$1')),
    );
}

describe('README environment table', () => {
  it('is the one configMarkdownTable(EmployersConfig) generates', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Environment'));
    const table = section.slice(section.indexOf('| variable')).split('\n\n')[0];
    expect(rows(table)).toEqual(rows(configMarkdownTable(EmployersConfig)));
  });
});
