import type { RosterRowError } from '@frontera/permits-domain';
import type { Language } from '@frontera/shared-kernel';

/** The columns of the per-row error report, in order. */
export const ROSTER_ERROR_REPORT_COLUMNS = ['row', 'field', 'code', 'message'] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or leading or
 * trailing spaces, quotes doubled; a text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
 * a tab or a carriage return first) is prefixed with `'` (OWASP "CSV injection").
 */
function field(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The per-row error report as CSV text (UTF-8 with a BOM, so spreadsheets read the accents; CRLF
 * line ends): a header `row,field,code,message` and one line per problem — the data row (1 = the first
 * row after the header), the column ('' for a problem of the row as a whole), the stable code and
 * the message in `language`. Never a value of the file.
 *
 * Written here because csv-stringify (csv-parse's sibling) is not a dependency of the repository;
 * the format is four fields and RFC 4180's quoting.
 */
export function rosterErrorReport(errors: readonly RosterRowError[], language: Language): string {
  const lines = [ROSTER_ERROR_REPORT_COLUMNS.join(',')];
  for (const error of errors) {
    lines.push([error.row, error.field, error.code, error.message[language]].map(field).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
