import { AuditErrors } from '../errors/audit-errors';
import { CODE_ALPHABET, drawCode, mod37_2CheckCharacter, type RandomSource } from '../shared/check-character';

export const RECEIPT_CODE_RANDOM_LENGTH = 8;
const PREFIX = 'Q';
const COMPACT = new RegExp(`^${PREFIX}(\\d{2})([${CODE_ALPHABET}]{8})([0-9A-Z*])$`);

export type ReceiptCodeProblem = 'FORMAT' | 'CHECK_CHARACTER' | 'RANDOM_PART' | 'YEAR';

export interface IssueReceiptCode {
  /** The filing year, four digits (2000–2099); the code shows its last two. */
  readonly year: number;
  /** Eight characters of CODE_ALPHABET, or a source to draw them from (e.g. `crypto.randomInt`). */
  readonly random: string | RandomSource;
}

function invalid(problem: ReceiptCodeProblem) {
  return AuditErrors.COMPLAINT_RECEIPT_CODE_INVALID.create({ problem });
}

/**
 * A complaint's receipt code (folio), `Q-26-K7Q9-M2XW-C`: Q for queja, the two-digit filing year,
 * eight random characters of a 32-character alphabet without confusables (32⁸ ≈ 1.1·10¹²: not
 * guessable in bulk, and the secret is still required) and an ISO/IEC 7064 MOD 37-2 check character over
 * year and random part, so every mistyped character and every swap of two adjacent characters is
 * caught before a lookup. It says nothing about the complaint (no state, employer or sequence).
 *
 * The same construction as the permits context's permit number (`TVTF-CHP-26-XXXX-XXXX-C`), built here
 * on a copy of the check-character code: a shared "random code with a check character" belongs in the
 * shared kernel. The domain draws no randomness (the caller passes the random part or a source);
 * uniqueness is the repository's (a unique index on `compact`; on a collision, issue again).
 */
export class ReceiptCode {
  private constructor(
    /** Two digits. */
    readonly year: string,
    readonly random: string,
    readonly checkCharacter: string,
  ) {}

  static issue(command: IssueReceiptCode): ReceiptCode {
    if (!Number.isInteger(command?.year) || command.year < 2000 || command.year > 2099) throw invalid('YEAR');
    const year = String(command.year % 100).padStart(2, '0');
    const random =
      typeof command.random === 'function'
        ? drawCode(command.random, RECEIPT_CODE_RANDOM_LENGTH)
        : command.random;
    if (
      typeof random !== 'string' ||
      random.length !== RECEIPT_CODE_RANDOM_LENGTH ||
      ![...random].every((c) => CODE_ALPHABET.includes(c))
    ) {
      throw invalid('RANDOM_PART');
    }
    return new ReceiptCode(year, random, mod37_2CheckCharacter(`${year}${random}`));
  }

  /**
   * Reads a code as a person types it: case, spaces and dashes do not matter (`q26k7q9m2xwc`); a wrong
   * check character or a character outside the alphabet is refused (COMPLAINT.RECEIPT_CODE_INVALID,
   * `problem` FORMAT or CHECK_CHARACTER), before any lookup.
   */
  static parse(text: unknown): ReceiptCode {
    if (typeof text !== 'string' || text.length > 40) throw invalid('FORMAT');
    const match = COMPACT.exec(text.replace(/[\s-]+/g, '').toUpperCase());
    if (!match) throw invalid('FORMAT');
    const [, year, random, check] = match;
    if (mod37_2CheckCharacter(`${year}${random}`) !== check) throw invalid('CHECK_CHARACTER');
    return new ReceiptCode(year, random, check);
  }

  static tryParse(text: unknown): ReceiptCode | null {
    try {
      return ReceiptCode.parse(text);
    } catch {
      return null;
    }
  }

  /** `Q-26-K7Q9-M2XW-C`, as shown to the complainant. */
  get value(): string {
    const r = this.random;
    return `${PREFIX}-${this.year}-${r.slice(0, 4)}-${r.slice(4)}-${this.checkCharacter}`;
  }

  /** `Q26K7Q9M2XWC`: the lookup key, whatever way it was typed. */
  get compact(): string {
    return `${PREFIX}${this.year}${this.random}${this.checkCharacter}`;
  }

  equals(other: ReceiptCode): boolean {
    return this.compact === other.compact;
  }

  toString(): string {
    return this.value;
  }

  toJSON(): string {
    return this.value;
  }
}
