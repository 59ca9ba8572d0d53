import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readmeEnvironmentTables } from '@frontera/platform-config';
import { EmployersConfig } from './employers.config';

describe('README environment table', () => {
  it('is the one configMarkdownTable(EmployersConfig) generates', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const { documented, declared } = readmeEnvironmentTables(readme, EmployersConfig);
    expect(documented.length).toBeGreaterThan(2);
    expect(documented).toEqual(declared);
  });
});
