import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readmeEnvironmentTables } from '@frontera/platform-config';
import { PermitsConfig } from './permits.config';

describe('README environment table', () => {
  it('is the one configMarkdownTable(PermitsConfig) generates', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const { documented, declared } = readmeEnvironmentTables(readme, PermitsConfig);
    expect(documented.length).toBeGreaterThan(2);
    expect(documented).toEqual(declared);
  });
});
