import { isMexicanState, type MexicanState } from '@frontera/shared-kernel';
import { PermitErrors } from '../errors/permit-errors';

/** The 32 characters of the random part: digits and capital letters without the confusable I, O, 0, 1. */
export const PERMIT_NUMBER_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const PERMIT_NUMBER_RANDOM_LENGTH = 8;

/**
 * ISO/IEC 7064 MOD 37-2 character values: `0`–`9` are 0–9, `A`–`Z` 10–35, and the check character
 * may also be `*` (36).
 */
export const MOD_37_2_CHARACTERS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*';

/**
 * The check character of `data` (digits and capital letters) by ISO/IEC 7064 MOD 37-2, the pure
 * system with modulus 37 and radix 2: `Σ vᵢ·2^(n−i+1) + c ≡ 1 (mod 37)`.
 *
 * Why it detects every single substitution and every adjacent transposition: 37 is prime and 2 is
 * a primitive root modulo 37 (its powers 2¹…2³⁶ are all different and never 0), so
 * - a substitution at position i changes the sum by wᵢ·(a − b), with wᵢ ≢ 0 and 0 < |a − b| < 37:
 *   never ≡ 0;
 * - swapping the different characters a, b at adjacent positions (weights w and 2w, the check
 *   character's weight being 1 and its neighbour's 2) changes it by (2w − w)·(a − b) = w·(a − b):
 *   never ≡ 0.
 * permit-number.value-object.spec.ts checks both exhaustively over the weights and values used, and
 * by brute force on sample numbers.
 */
export function mod37_2CheckCharacter(data: string): string {
  let p = 0;
  for (const character of data) {
    const value = MOD_37_2_CHARACTERS.indexOf(character);
    if (value < 0 || value > 35) throw new TypeError(`not an ISO 7064 data character: ${character}`);
    p = ((p + value) * 2) % 37;
  }
  return MOD_37_2_CHARACTERS[(38 - p) % 37];
}

/** Whether the last character of `text` is the MOD 37-2 check character of the others. */
export function isValidMod37_2(text: string): boolean {
  if (text.length < 2) return false;
  const data = text.slice(0, -1);
  if (![...data].every((c) => MOD_37_2_CHARACTERS.indexOf(c) >= 0 && c !== '*')) return false;
  return mod37_2CheckCharacter(data) === text.slice(-1);
}

/** A source of randomness the caller provides: an integer in [0, size) (e.g. `crypto.randomInt`). */
export type RandomSource = (size: number) => number;

export interface IssuePermitNumber {
  /** The worksite's state. */
  readonly state: MexicanState;
  /** The issue year, four digits (2000–2099); the number shows its last two. */
  readonly year: number;
  /** Eight characters of {@link PERMIT_NUMBER_ALPHABET}, or a source to draw them from. */
  readonly random: string | RandomSource;
}

const PREFIX = 'TVTF';
const COMPACT = new RegExp(`^${PREFIX}([A-Z]{3})(\\d{2})([${PERMIT_NUMBER_ALPHABET}]{8})([0-9A-Z*])$`);

export type PermitNumberProblem = 'FORMAT' | 'STATE' | 'CHECK_CHARACTER' | 'RANDOM_PART' | 'YEAR';

function invalid(problem: PermitNumberProblem) {
  return PermitErrors.NUMBER_INVALID.create({ problem });
}

/**
 * A permit's human-readable number, `TVTF-CHP-26-K7Q9-M2XW-C`: the program, the worksite's state,
 * the two-digit issue year, eight random characters from a 32-character alphabet without
 * confusables (32⁸ ≈ 1.1·10¹²) and an ISO/IEC 7064 MOD 37-2 check character over state, year and
 * random part, so every mistyped character and every swap of two adjacent characters is refused.
 * The domain draws no randomness: the caller passes the random part or a source of it; uniqueness is
 * the repository's (a unique index; on the rare collision, issue again with new randomness).
 */
export class PermitNumber {
  private constructor(
    readonly state: MexicanState,
    /** Two digits. */
    readonly year: string,
    readonly random: string,
    readonly checkCharacter: string,
  ) {}

  static issue(command: IssuePermitNumber): PermitNumber {
    if (!isMexicanState(command?.state)) throw invalid('STATE');
    if (!Number.isInteger(command.year) || command.year < 2000 || command.year > 2099) throw invalid('YEAR');
    const year = String(command.year % 100).padStart(2, '0');
    const random = typeof command.random === 'function' ? draw(command.random) : command.random;
    if (
      typeof random !== 'string' ||
      random.length !== PERMIT_NUMBER_RANDOM_LENGTH ||
      ![...random].every((c) => PERMIT_NUMBER_ALPHABET.includes(c))
    ) {
      throw invalid('RANDOM_PART');
    }
    return new PermitNumber(
      command.state,
      year,
      random,
      mod37_2CheckCharacter(`${command.state}${year}${random}`),
    );
  }

  /**
   * Reads a number as a person types it: case, spaces and dashes do not matter
   * (`tvtfchp26k7q9m2xwc`); a wrong check character, an unknown state or a character outside the
   * alphabet are refused with PERMIT.NUMBER_INVALID (`problem`: FORMAT, STATE, CHECK_CHARACTER).
   */
  static parse(text: unknown): PermitNumber {
    if (typeof text !== 'string' || text.length > 64) throw invalid('FORMAT');
    const compact = text.replace(/[\s-]+/g, '').toUpperCase();
    const match = COMPACT.exec(compact);
    if (!match) throw invalid('FORMAT');
    const [, state, year, random, check] = match;
    if (!isMexicanState(state)) throw invalid('STATE');
    if (mod37_2CheckCharacter(`${state}${year}${random}`) !== check) throw invalid('CHECK_CHARACTER');
    return new PermitNumber(state, year, random, check);
  }

  /** As {@link parse}, null instead of an error. */
  static tryParse(text: unknown): PermitNumber | null {
    try {
      return PermitNumber.parse(text);
    } catch {
      return null;
    }
  }

  /** `TVTF-CHP-26-K7Q9-M2XW-C`, as printed. */
  get value(): string {
    const r = this.random;
    return `${PREFIX}-${this.state}-${this.year}-${r.slice(0, 4)}-${r.slice(4)}-${this.checkCharacter}`;
  }

  /** Without dashes, `TVTFCHP26K7Q9M2XWC`: a lookup key that does not depend on how it was typed. */
  get compact(): string {
    return `${PREFIX}${this.state}${this.year}${this.random}${this.checkCharacter}`;
  }

  equals(other: PermitNumber): boolean {
    return this.compact === other.compact;
  }

  toString(): string {
    return this.value;
  }

  toJSON(): string {
    return this.value;
  }
}

function draw(source: RandomSource): string {
  let random = '';
  for (let i = 0; i < PERMIT_NUMBER_RANDOM_LENGTH; i++) {
    const index = source(PERMIT_NUMBER_ALPHABET.length);
    if (!Number.isInteger(index) || index < 0 || index >= PERMIT_NUMBER_ALPHABET.length) {
      throw new TypeError(`a RandomSource must return an integer in [0, ${PERMIT_NUMBER_ALPHABET.length})`);
    }
    random += PERMIT_NUMBER_ALPHABET[index];
  }
  return random;
}
