import {
  isRosterColumn,
  RosterErrors,
  rosterRecordOf,
  type BiographicalData,
  type IdentityDocumentType,
  type RosterRow,
  type RosterRowError,
  type Sex,
} from '@frontera/permits-domain';
import { AppError, type FieldError } from '@frontera/shared-kernel';

/** What one roster row applies for (the worksite is the import's, the kind NEW). */
export interface RosterSubmission {
  readonly worker: BiographicalData;
  readonly occupation: string;
  readonly dailyWage: number;
  readonly startDate: string;
  readonly noRecruitmentFeeDeclared: boolean;
}

export type RosterRowMapping =
  | { readonly submission: RosterSubmission; readonly errors?: undefined }
  | { readonly errors: readonly RosterRowError[]; readonly submission?: undefined };

const WAGE = /^\d{1,6}(\.\d{1,2})?$/;
const TRUE = new Set(['true', 'sí', 'si', 'yes', '1', 'verdadero']);
const FALSE = new Set(['false', 'no', '0', 'falso']);

const code = (value: string): string => value.trim().toUpperCase();
const optional = (value: string): string | null => (value.trim() === '' ? null : value);

function invalid(row: number, field: string, constraint: 'REQUIRED' | 'NOT_A_NUMBER' | 'NOT_A_BOOLEAN') {
  const error = RosterErrors.INVALID_VALUE.create({ field, constraint });
  return { row, field, code: error.code, message: error.detail };
}

/**
 * A stored row as the submission of a NEW application. Cells are text: the daily wage must read as
 * an amount (`320.50`, a point for decimals), the declaration as true/false (also sí/no, yes/no,
 * 1/0); codes (sex, nationality, document type, countries) are taken in any case; an empty optional
 * cell is "none". Everything else is the domain's to judge when the application is submitted, with
 * the same rules and errors as `POST /applications`.
 */
export function rosterSubmissionOf(cells: RosterRow, row: number): RosterRowMapping {
  const r = rosterRecordOf(cells);
  const errors: RosterRowError[] = [];
  const wage = r.dailyWage.trim();
  if (wage === '') errors.push(invalid(row, 'dailyWage', 'REQUIRED'));
  else if (!WAGE.test(wage)) errors.push(invalid(row, 'dailyWage', 'NOT_A_NUMBER'));
  const declared = r.noRecruitmentFeeDeclared.trim().toLowerCase();
  if (declared === '') errors.push(invalid(row, 'noRecruitmentFeeDeclared', 'REQUIRED'));
  else if (!TRUE.has(declared) && !FALSE.has(declared)) {
    errors.push(invalid(row, 'noRecruitmentFeeDeclared', 'NOT_A_BOOLEAN'));
  }
  if (errors.length > 0) return { errors };
  return {
    submission: {
      worker: {
        givenNames: r.givenNames,
        surnames: { first: r['surnames.first'], second: optional(r['surnames.second']) },
        dateOfBirth: r.dateOfBirth.trim(),
        sex: code(r.sex) as Sex,
        nationality: code(r.nationality),
        identityDocument: {
          type: code(r['identityDocument.type']) as IdentityDocumentType,
          number: r['identityDocument.number'],
          issuingCountry: code(r['identityDocument.issuingCountry']),
        },
        placeOfBirth: {
          country: code(r['placeOfBirth.country']),
          locality: optional(r['placeOfBirth.locality']),
        },
        homeAddress: {
          line: r['homeAddress.line'],
          locality: r['homeAddress.locality'],
          country: code(r['homeAddress.country']),
        },
        phone: optional(r.phone),
        photoReference: optional(r.photoReference)?.trim() ?? null,
      },
      occupation: r.occupation,
      dailyWage: Number(wage),
      startDate: r.startDate.trim(),
      noRecruitmentFeeDeclared: TRUE.has(declared),
    },
  };
}

/** The roster column a domain field names ('' when the problem is the row's as a whole). */
export function rosterColumnOf(field: string): string {
  const bare = field.startsWith('worker.') ? field.slice('worker.'.length) : field;
  if (isRosterColumn(bare)) return bare;
  // The worker is the one registered with the row's document (e.g. it holds an active permit).
  if (bare === 'workerId') return 'identityDocument.number';
  return '';
}

/**
 * Whether a refusal is the row's (its data breaks a rule: report it and go on) rather than the
 * job's (a lock, a store, a concurrent change: retry).
 */
export function isRowRefusal(error: unknown): error is AppError {
  return error instanceof AppError && !error.retriable && error.status >= 400 && error.status < 500;
}

/** A refusal as report lines: one per field error (every failed eligibility rule), never a value. */
export function rowErrorsOf(error: AppError, row: number): RosterRowError[] {
  const fieldErrors: readonly FieldError[] =
    error.fieldErrors.length > 0
      ? error.fieldErrors
      : [{ field: '', code: error.code, message: error.detail }];
  return fieldErrors.map((f) => ({
    row,
    field: rosterColumnOf(f.field),
    code: f.code,
    message: { es: f.message.es, en: f.message.en },
  }));
}
