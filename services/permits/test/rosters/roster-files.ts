import { randomInt } from 'node:crypto';
import { ROSTER_COLUMN_NAMES, type RosterColumnName } from '@frontera/permits-domain';

export type RosterCells = Partial<Record<RosterColumnName, string>>;

/** A file-wide prefix keeps each run's document numbers and phones its own. */
const RUN = String(randomInt(10_000, 99_999));
let counter = 0;

/** Names of a crew of the southern border (generated rows; no real person). */
export const GIVEN = [
  'José Luis',
  'María',
  'Juan Carlos',
  'Ana Lucía',
  'Pedro',
  'Rosa',
  'Marvin',
  'Lesbia',
  'Byron',
  'Iris',
];
export const FIRST = [
  'Pérez',
  'Xol',
  'Coc',
  'Tzul',
  'Chen',
  'Caal',
  'Pop',
  'Ical',
  'Choc',
  'Maquin',
  'Tut',
  'Bol',
];
export const SECOND = ['López', 'Ramírez', 'Cú', 'Sis', 'Yat', 'Ba', 'Tiul', 'Pacay', 'Cucul', 'Tec', 'Cuz'];
const DAY_MS = 24 * 3600 * 1000;
const BORN_FROM = Date.UTC(1970, 0, 1);

/**
 * One valid roster row: a Guatemalan worker of 20 to 55 starting in ten days, with a document and a
 * phone of their own, and names and a date of birth spread out as a real crew's are (so the
 * duplicate detection a registration triggers finds few candidates).
 */
export function aRosterRow(overrides: RosterCells = {}): Record<RosterColumnName, string> {
  counter += 1;
  const serial = String(counter).padStart(7, '0');
  const start = new Date(Date.now() + 10 * DAY_MS).toISOString().slice(0, 10);
  const born = new Date(BORN_FROM + randomInt(0, 35 * 365) * DAY_MS).toISOString().slice(0, 10);
  return {
    givenNames: GIVEN[randomInt(GIVEN.length)],
    'surnames.first': FIRST[randomInt(FIRST.length)],
    'surnames.second': SECOND[randomInt(SECOND.length)],
    dateOfBirth: born,
    sex: 'M',
    nationality: 'GTM',
    'identityDocument.type': 'NATIONAL_ID',
    'identityDocument.number': `3${RUN}${serial}`,
    'identityDocument.issuingCountry': 'GTM',
    'placeOfBirth.country': 'GTM',
    'placeOfBirth.locality': 'Malacatán',
    'homeAddress.line': 'Aldea El Carmen, casa 12',
    'homeAddress.locality': 'Malacatán',
    'homeAddress.country': 'GTM',
    phone: `+502 4${RUN.slice(0, 2)}${serial}`,
    photoReference: '',
    occupation: 'Cortador de café',
    dailyWage: '320.50',
    startDate: start,
    noRecruitmentFeeDeclared: 'sí',
    ...overrides,
  };
}

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A roster CSV (UTF-8, CRLF): the header with `columns` (every column by default), then the rows. */
export function rosterCsv(
  rows: readonly Partial<Record<string, string>>[],
  columns: readonly string[] = ROSTER_COLUMN_NAMES,
): string {
  const lines = [columns.map(cell).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(row[c] ?? '')).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** `n` valid rows. */
export function validRows(n: number): Record<RosterColumnName, string>[] {
  return Array.from({ length: n }, () => aRosterRow());
}
