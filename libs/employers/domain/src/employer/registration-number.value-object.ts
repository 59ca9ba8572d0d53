import { EmployerErrors } from '../errors/employer-errors';
import { isMexicanState, MEXICAN_STATES, type MexicanState } from '@frontera/shared-kernel';

const INVALID = EmployerErrors.INVALID_REGISTRATION_NUMBER;
const FORMAT = /^TVTF-EMP-([A-Z]{3})-(\d{4})-(\d{6})$/;
export const REGISTRATION_NUMBER_FORMAT = 'TVTF-EMP-<STATE>-<YYYY>-<6 digits>';
export const MAX_REGISTRATION_SEQUENCE = 999_999;

/**
 * The number an officer's verification gives an employer in the TVTF program:
 * `TVTF-EMP-<STATE>-<YYYY>-<6-digit sequence>`, e.g. TVTF-EMP-CHP-2025-000042.
 *
 * The domain does not count: the application takes the next sequence number from a per
 * state-and-year counter (an atomic increment in the store) and passes it in, which keeps
 * this code pure and the numbers gap-tolerant but unique.
 */
export class RegistrationNumber {
  private constructor(
    readonly state: MexicanState,
    readonly year: number,
    readonly sequence: number,
  ) {}

  static issue(params: { state: MexicanState; year: number; sequence: number }): RegistrationNumber {
    if (!isMexicanState(params.state)) {
      throw INVALID.create({
        field: 'state',
        constraint: 'UNKNOWN_VALUE',
        allowed: MEXICAN_STATES,
      });
    }
    if (!Number.isInteger(params.year) || params.year < 2000 || params.year > 9999) {
      throw INVALID.create({ field: 'year', constraint: 'OUT_OF_RANGE', min: 2000, max: 9999 });
    }
    if (
      !Number.isInteger(params.sequence) ||
      params.sequence < 1 ||
      params.sequence > MAX_REGISTRATION_SEQUENCE
    ) {
      throw INVALID.create({
        field: 'sequence',
        constraint: 'OUT_OF_RANGE',
        min: 1,
        max: MAX_REGISTRATION_SEQUENCE,
      });
    }
    return new RegistrationNumber(params.state, params.year, params.sequence);
  }

  static parse(value: string): RegistrationNumber {
    const match = FORMAT.exec(typeof value === 'string' ? value.trim().toUpperCase() : '');
    if (!match) {
      throw INVALID.create({
        field: 'registrationNumber',
        constraint: 'INVALID_FORMAT',
        format: REGISTRATION_NUMBER_FORMAT,
      });
    }
    return RegistrationNumber.issue({
      state: match[1] as MexicanState,
      year: Number(match[2]),
      sequence: Number(match[3]),
    });
  }

  get value(): string {
    return `TVTF-EMP-${this.state}-${this.year}-${String(this.sequence).padStart(6, '0')}`;
  }

  equals(other: RegistrationNumber): boolean {
    return this.value === other.value;
  }

  toString(): string {
    return this.value;
  }

  toJSON(): string {
    return this.value;
  }
}
