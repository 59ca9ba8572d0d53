import { LIMITS } from '@frontera/shared-kernel';
import { PermitErrors } from '../errors/permit-errors';
import { optionalText, requireText } from '../shared/validation';

export interface SurnamesProps {
  /** Paternal surname (primer apellido). */
  readonly first: string;
  /** Maternal surname (segundo apellido), when the person has one. */
  readonly second?: string | null;
}

export interface PersonNameProps {
  /** One to three given names separated by spaces, e.g. "José Luis" (particles such as "de los" not counted). */
  readonly givenNames: string;
  readonly surnames: SurnamesProps;
}

const INVALID = PermitErrors.WORKER_INVALID_NAME;
/** A word of a name: letters (any script, with their accents), inner apostrophes, hyphens and periods. */
const WORD = /^[\p{L}\p{M}](?:[\p{L}\p{M}'’.-]*[\p{L}\p{M}.])?$/u;
export const MAX_GIVEN_NAMES = 3;
/** Compound surnames ("de la Cruz", "del Valle y Arévalo") have several words. */
const MAX_SURNAME_WORDS = 3;
/** Words that are not initials of their own ("María de los Ángeles" → M. A.). */
const NAME_PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'y']);

/**
 * Words of a name part: at most `maxWords` names, not counting the particles ("María de los
 * Ángeles" is two given names), and twice as many words in all.
 */
function words(text: string, field: string, maxWords: number): string {
  const parts = text.split(' ');
  const names = parts.filter((part) => !NAME_PARTICLES.has(part.toLowerCase()));
  if (
    names.length === 0 ||
    names.length > maxWords ||
    parts.length > 2 * maxWords ||
    !parts.every((part) => WORD.test(part))
  ) {
    throw INVALID.create({
      field,
      constraint: 'INVALID_FORMAT',
      format: `1 to ${maxWords} names of letters, apostrophes or hyphens`,
    });
  }
  return text;
}

/**
 * A worker's name as written on the identity document: given names (1–3 words) and one or two
 * surnames. PERSONAL DATA: encrypted at rest, never in events, logs or history values; `toString()`
 * is redacted. Duplicate detection compares normalised forms (duplicates/name-normalisation.ts),
 * never these values directly.
 */
export class PersonName {
  private constructor(
    readonly givenNames: string,
    readonly firstSurname: string,
    readonly secondSurname: string | null,
  ) {}

  static create(props: PersonNameProps): PersonName {
    if (!props || typeof props !== 'object')
      throw INVALID.create({ field: 'givenNames', constraint: 'REQUIRED' });
    const givenNames = words(
      requireText(props.givenNames, 'givenNames', LIMITS.NAME, INVALID),
      'givenNames',
      MAX_GIVEN_NAMES,
    );
    const surnames = props.surnames;
    if (!surnames || typeof surnames !== 'object') {
      throw INVALID.create({ field: 'surnames.first', constraint: 'REQUIRED' });
    }
    const first = words(
      requireText(surnames.first, 'surnames.first', LIMITS.NAME, INVALID),
      'surnames.first',
      MAX_SURNAME_WORDS,
    );
    const secondText = optionalText(surnames.second, 'surnames.second', LIMITS.NAME, INVALID);
    const second = secondText === null ? null : words(secondText, 'surnames.second', MAX_SURNAME_WORDS);
    return new PersonName(givenNames, first, second);
  }

  /** Initials as public verification shows them: "J. L. P. L." for José Luis Pérez López. */
  initials(): string {
    return [this.givenNames, this.firstSurname, this.secondSurname ?? '']
      .join(' ')
      .split(' ')
      .filter((word) => word !== '' && !NAME_PARTICLES.has(word.toLowerCase()))
      .map((word) => `${word.normalize('NFD').charAt(0).toUpperCase()}.`)
      .join(' ');
  }

  equals(other: PersonName): boolean {
    return (
      this.givenNames === other.givenNames &&
      this.firstSurname === other.firstSurname &&
      this.secondSurname === other.secondSurname
    );
  }

  toProps(): { givenNames: string; surnames: { first: string; second: string | null } } {
    return {
      givenNames: this.givenNames,
      surnames: { first: this.firstSurname, second: this.secondSurname },
    };
  }

  toString(): string {
    return '[PersonName: personal data]';
  }
}
