import { stringify } from 'csv-stringify/sync';
import type { RosterRowError } from '@frontera/permits-domain';
import type { Language } from '@frontera/shared-kernel';

/** The columns of the per-row error report, in order. */
export const ROSTER_ERROR_REPORT_COLUMNS = ['row', 'field', 'code', 'message'] as const;

/**
 * A text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or a carriage return
 * first) gets a leading `'` (OWASP "CSV injection"). The report holds only codes and the
 * catalogue's messages, never a value of the file, but a column name is the uploader's text.
 */
function defused(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * The per-row error report as CSV text (RFC 4180 by csv-stringify; UTF-8 with a BOM, so
 * spreadsheets read the accents; CRLF line ends): a header `row,field,code,message` and one line
 * per problem — the data row (1 = the first row after the header), the column ('' for a problem of
 * the row as a whole), the stable code and the message in `language`. Never a value of the file.
 */
export function rosterErrorReport(errors: readonly RosterRowError[], language: Language): string {
  return stringify(
    errors.map((error) => [error.row, defused(error.field), error.code, defused(error.message[language])]),
    {
      bom: true,
      header: true,
      columns: [...ROSTER_ERROR_REPORT_COLUMNS],
      record_delimiter: 'windows',
      quoted_match: /^\s|\s$/,
    },
  );
}
