import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readmeEnvironmentTables } from '@frontera/platform-config';
import { AuditsConfig } from './audits.config';

describe('README environment table', () => {
  it('is the one configMarkdownTable(AuditsConfig) generates', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const { documented, declared } = readmeEnvironmentTables(readme, AuditsConfig);
    expect(documented.length).toBeGreaterThan(2);
    expect(documented).toEqual(declared);
  });
});
