import type { AppError } from '@frontera/shared-kernel';
import { EmployerErrors } from '../errors/employer-errors';
import { err, ok, type Result } from '../shared/result';

/**
 * RFC — Registro Federal de Contribuyentes, the Mexican tax id issued by the SAT.
 *
 *   persona moral (company), 12 characters:    AAA   YYMMDD  HH  D
 *   persona física (individual), 13 characters: AAAA  YYMMDD  HH  D
 *
 * letters from the name (A–Z, Ñ, &), date of incorporation or of birth, a two-character
 * homonymy key (together with D the "homoclave") and D, the check digit.
 *
 * Check digit — the SAT mod-11 algorithm. Source: the SAT's description of how the RFC
 * homoclave and check digit are generated, released under Mexico's transparency law (INFOMEX
 * request 0610100162005, file 0610100162005_065.doc, cited by python-stdnum), implemented the
 * same way by python-stdnum (`stdnum/mx/rfc.py`, `calc_check_digit`, LGPL; not copied here):
 *   1. left-pad the 11 (company) or 12 (individual) characters before the check digit with
 *      spaces to 12 characters;
 *   2. map each character to its index in "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ"
 *      (0–9 → 0–9, A–N → 10–23, & → 24, O–Z → 25–36, space → 37, Ñ → 38);
 *   3. sum value × weight with weights 13, 12, … 2 from left to right;
 *   4. digit = 11 − (sum mod 11); 11 → "0", 10 → "A".
 * Verified against public RFCs: SAT's own SAT970701NN3, the SAT test RFCs EKU9003173C9,
 * XIA190128J61, CACX7605101P8, H&E951128469, and GODE561231GR8 / MAB9307148T4 from the
 * python-stdnum examples (see rfc.spec.ts).
 *
 * Caveat (noted by python-stdnum): a small share of RFCs in real use carry check digits that
 * do not validate. This domain refuses them by policy; such an employer must register with
 * the RFC exactly as it appears on its Constancia de Situación Fiscal, and an officer would
 * need an explicit exception path if the SAT ever confirms one.
 */

export const RFC_CHARACTER_TABLE = '0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ';

/** Generic RFCs for the general public (XAXX…) and foreign taxpayers (XEXX…): never an employer's own. */
export const GENERIC_RFCS = ['XAXX010101000', 'XEXX010101000'] as const;

export type RfcKind = 'COMPANY' | 'INDIVIDUAL';

const RFC_SHAPE = /^([A-ZÑ&]{3,4})(\d{2})(\d{2})(\d{2})([A-Z\d]{2})([A-Z\d])$/u;
const WITHOUT_CHECK_DIGIT_SHAPE = /^[A-ZÑ&]{3,4}\d{6}[A-Z\d]{2}$/u;

/**
 * The SAT check digit for the first 11 (company) or 12 (individual) characters of an RFC.
 * Input is normalised like {@link Rfc.parse} (case, spaces, hyphens). Exported so tests and
 * builders compute valid RFCs instead of copying them.
 */
export function computeRfcCheckDigit(withoutCheckDigit: string): string {
  const body = normalise(withoutCheckDigit);
  if (!WITHOUT_CHECK_DIGIT_SHAPE.test(body)) {
    throw EmployerErrors.RFC_INVALID_FORMAT.create({ part: 'body' });
  }
  const padded = body.padStart(12, ' ');
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    sum += RFC_CHARACTER_TABLE.indexOf(padded.charAt(i)) * (13 - i);
  }
  const digit = 11 - (sum % 11);
  if (digit === 11) return '0';
  if (digit === 10) return 'A';
  return String(digit);
}

function normalise(input: string): string {
  return input
    .normalize('NFC')
    .toUpperCase()
    .replace(/[\s\-_]/g, '');
}

/** A real calendar date for YYMMDD; the century is not part of the RFC, so accept either. */
function isRealDate(yy: number, mm: number, dd: number): boolean {
  if (mm < 1 || mm > 12 || dd < 1) return false;
  // 19YY and 20YY agree on leap years except 1900/2000; 2000 is the one that exists for "00"
  // in practice, and Date.UTC resolves it that way.
  const year = 2000 + yy;
  const daysInMonth = new Date(Date.UTC(year, mm, 0)).getUTCDate();
  return dd <= daysInMonth;
}

export class Rfc {
  private constructor(
    /** Normalised: upper case, no spaces or hyphens. */
    readonly value: string,
    readonly kind: RfcKind,
  ) {}

  /** Parses and validates; throws a {@link AppError} with an EMPLOYER.RFC_* code. */
  static parse(input: string): Rfc {
    const result = Rfc.tryParse(input);
    if (!result.ok) throw result.error;
    return result.value;
  }

  /** Parses and validates without throwing. */
  static tryParse(input: unknown): Result<Rfc, AppError> {
    if (typeof input !== 'string') {
      return err(EmployerErrors.RFC_INVALID_FORMAT.create({ part: 'length' }));
    }
    const value = normalise(input);
    if ((GENERIC_RFCS as readonly string[]).includes(value)) {
      return err(EmployerErrors.RFC_GENERIC_NOT_ALLOWED.create());
    }
    const match = RFC_SHAPE.exec(value);
    if (!match) {
      const part = value.length === 12 || value.length === 13 ? 'characters' : 'length';
      return err(EmployerErrors.RFC_INVALID_FORMAT.create({ part }));
    }
    const [, , yy, mm, dd] = match;
    if (!isRealDate(Number(yy), Number(mm), Number(dd))) {
      return err(EmployerErrors.RFC_INVALID_DATE.create({ part: 'date' }));
    }
    if (computeRfcCheckDigit(value.slice(0, -1)) !== value.slice(-1)) {
      return err(EmployerErrors.RFC_INVALID_CHECK_DIGIT.create({ part: 'checkDigit' }));
    }
    return ok(new Rfc(value, value.length === 12 ? 'COMPANY' : 'INDIVIDUAL'));
  }

  static isValid(input: unknown): boolean {
    return Rfc.tryParse(input).ok;
  }

  /** The letters derived from the name (3 for a company, 4 for an individual). */
  get namePart(): string {
    return this.value.slice(0, this.value.length - 9);
  }

  /** YYMMDD: date of incorporation (company) or birth (individual). */
  get datePart(): string {
    return this.value.slice(-9, -3);
  }

  /** The last three characters: homonymy key and check digit. */
  get homoclave(): string {
    return this.value.slice(-3);
  }

  get checkDigit(): string {
    return this.value.slice(-1);
  }

  equals(other: Rfc): boolean {
    return this.value === other.value;
  }

  toString(): string {
    return this.value;
  }

  toJSON(): string {
    return this.value;
  }
}
