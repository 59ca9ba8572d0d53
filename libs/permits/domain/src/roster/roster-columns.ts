import { RosterErrors } from './roster-errors';

/**
 * The columns of a harvest roster file: the fields of an application for a NEW worker (the JSON of
 * `POST /applications` with the worker's nested objects flattened into dotted names), one worker a
 * row. The worksite is the upload's, the kind always NEW. Optional columns may be left out of the
 * header; an empty cell of an optional column is "none".
 */
export const ROSTER_COLUMNS = [
  { name: 'givenNames', required: true, example: 'José Luis' },
  { name: 'surnames.first', required: true, example: 'Pérez' },
  { name: 'surnames.second', required: false, example: 'López' },
  { name: 'dateOfBirth', required: true, example: '1996-03-18' },
  { name: 'sex', required: true, example: 'M' },
  { name: 'nationality', required: true, example: 'GTM' },
  { name: 'identityDocument.type', required: true, example: 'NATIONAL_ID' },
  { name: 'identityDocument.number', required: true, example: '2547 89012 0101' },
  { name: 'identityDocument.issuingCountry', required: true, example: 'GTM' },
  { name: 'placeOfBirth.country', required: true, example: 'GTM' },
  { name: 'placeOfBirth.locality', required: false, example: 'Malacatán' },
  { name: 'homeAddress.line', required: true, example: 'Aldea El Carmen, casa 12' },
  { name: 'homeAddress.locality', required: true, example: 'Malacatán' },
  { name: 'homeAddress.country', required: true, example: 'GTM' },
  { name: 'phone', required: false, example: '+502 5555 1234' },
  { name: 'photoReference', required: false, example: 'photo_5f2c81' },
  { name: 'occupation', required: true, example: 'Cortador de café' },
  { name: 'dailyWage', required: true, example: '320.50' },
  { name: 'startDate', required: true, example: '2027-01-15' },
  { name: 'noRecruitmentFeeDeclared', required: true, example: 'true' },
] as const;

export type RosterColumnName = (typeof ROSTER_COLUMNS)[number]['name'];

export const ROSTER_COLUMN_NAMES: readonly RosterColumnName[] = ROSTER_COLUMNS.map((c) => c.name);

/** A stored row: one cell per ROSTER_COLUMNS entry, in that order ('' when absent). */
export type RosterRow = readonly string[];

/** What an unknown header cell may be echoed as: it reads as a column name, not as data. */
const COLUMN_LIKE = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/;

const byKey = new Map(ROSTER_COLUMNS.map((column, index) => [column.name.toLowerCase(), index]));

/**
 * Where each roster column is in a file, from its header (names compared trimmed and
 * case-insensitively, in any order). Refuses, with every problem at once:
 *
 * - ROSTER.HEADER_MISSING when no cell of the first line is a known column (a file without a
 *   header: its first row would be data, so nothing of it is echoed);
 * - ROSTER.INVALID_COLUMNS naming the unknown columns (by name when it reads as one, else as
 *   `#<position>`), the required columns missing and those given twice.
 */
export class RosterLayout {
  private constructor(
    /** For each ROSTER_COLUMNS entry, its index in the file's rows, or -1 (an optional column left out). */
    private readonly positions: readonly number[],
    readonly width: number,
  ) {}

  static fromHeader(header: readonly string[]): RosterLayout {
    const positions = ROSTER_COLUMNS.map(() => -1);
    const unknown: string[] = [];
    const duplicate: string[] = [];
    header.forEach((cell, position) => {
      const name = String(cell ?? '').trim();
      const index = byKey.get(name.toLowerCase());
      if (index === undefined) {
        unknown.push(COLUMN_LIKE.test(name) ? name : `#${position + 1}`);
      } else if (positions[index] !== -1) {
        duplicate.push(ROSTER_COLUMNS[index].name);
      } else {
        positions[index] = position;
      }
    });
    if (positions.every((p) => p === -1)) {
      throw RosterErrors.HEADER_MISSING.create({ expectedColumns: [...ROSTER_COLUMN_NAMES] });
    }
    const missing = ROSTER_COLUMNS.filter((c, i) => c.required && positions[i] === -1).map((c) => c.name);
    if (unknown.length > 0 || missing.length > 0 || duplicate.length > 0) {
      throw RosterErrors.INVALID_COLUMNS.create({
        unknownColumns: unknown,
        missingColumns: missing,
        duplicateColumns: [...new Set(duplicate)],
      });
    }
    return new RosterLayout(positions, header.length);
  }

  /** A file's row as a stored row: the cells in ROSTER_COLUMNS order, '' for a column left out. */
  rowOf(cells: readonly string[]): RosterRow {
    return this.positions.map((p) => (p === -1 ? '' : String(cells[p] ?? '')));
  }
}

/** A stored row as a record by column name. */
export function rosterRecordOf(row: RosterRow): Readonly<Record<RosterColumnName, string>> {
  return Object.fromEntries(ROSTER_COLUMN_NAMES.map((name, i) => [name, row[i] ?? ''])) as Record<
    RosterColumnName,
    string
  >;
}

/** Whether a field path names a roster column. */
export function isRosterColumn(field: string): field is RosterColumnName {
  return ROSTER_COLUMN_NAMES.includes(field as RosterColumnName);
}
