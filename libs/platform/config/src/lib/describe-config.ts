import { envVarsOf } from './env-var.decorators';
import type { ConfigClass } from './load-config';

/** One variable as a service README lists it. */
export interface ConfigVariableDoc {
  readonly name: string;
  readonly description: string;
  /** Must be set in production (no default there, not optional). */
  readonly requiredInProduction: boolean;
  readonly defaultValue?: string;
  /** Applied only when NODE_ENV is development or test (`computed at boot` for a function). */
  readonly devDefault?: string;
  readonly secret: boolean;
  readonly example?: string;
}

/** The variables of a configuration class, base class first, for documentation. */
export function describeConfig(configClass: ConfigClass<object>): ConfigVariableDoc[] {
  return envVarsOf(configClass).map((v) => ({
    name: v.name,
    description: v.description,
    requiredInProduction: !v.optional && v.defaultValue === undefined,
    defaultValue: v.defaultValue,
    devDefault: typeof v.devDefault === 'function' ? 'computed at boot' : v.devDefault,
    secret: v.secret === true,
    example: v.example,
  }));
}

function cell(text: string | undefined): string {
  if (text === undefined) return '';
  const oneLine = text.length > 48 ? `${text.slice(0, 45)}…` : text;
  return `\`${oneLine.replace(/\|/g, '\\|')}\``;
}

/** The same as a Markdown table for a README. */
export function configMarkdownTable(configClass: ConfigClass<object>): string {
  const rows = describeConfig(configClass).map((v) =>
    [
      `\`${v.name}\``,
      v.requiredInProduction ? 'yes' : 'no',
      cell(v.defaultValue),
      cell(v.devDefault),
      `${v.description}${v.secret ? ' **Secret.**' : ''}`,
    ].join(' | '),
  );
  return [
    '| variable | required in production | default | development/test default | description |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n');
}

/**
 * The rows of a Markdown table as trimmed cells, separator rows left out (a README's table is
 * aligned by prettier, which also escapes `*` and `_`; the escapes are undone).
 */
export function markdownTableRows(table: string): string[][] {
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

/**
 * The environment table of a service README (the first table after its `## Environment` heading
 * that starts with `| variable`) and the one {@link configMarkdownTable} generates, as rows: a
 * README spec compares them, so the README cannot drift from the declarations.
 */
export function readmeEnvironmentTables(
  readme: string,
  configClass: ConfigClass<object>,
): { readonly documented: string[][]; readonly declared: string[][] } {
  const section = readme.slice(readme.indexOf('## Environment'));
  const table = section.slice(section.indexOf('| variable')).split('\n\n')[0];
  return {
    documented: markdownTableRows(table),
    declared: markdownTableRows(configMarkdownTable(configClass)),
  };
}
