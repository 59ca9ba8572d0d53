import { CalendarDate } from '../../shared/calendar-date.value-object';
import { PermitErrors } from '../../errors/permit-errors';
import { jaroWinkler } from './jaro-winkler';
import { nameTokens, phoneticKey } from './name-normalisation';

/**
 * What duplicate scoring compares of a worker (worker.duplicateProfile()): names as registered,
 * date of birth (`YYYY-MM-DD`) and nationality. Personal data: computed in memory, never stored.
 */
export interface DuplicateProfile {
  readonly givenNames: string;
  readonly firstSurname: string;
  readonly secondSurname?: string | null;
  readonly dateOfBirth: string;
  readonly nationality: string;
}

export type DateOfBirthMatch = 'SAME' | 'TRANSPOSED' | 'DIFFERENT';

export interface DuplicateScore {
  /** 0..1: the name similarity, discounted when the date of birth or the nationality differ. */
  readonly score: number;
  /** 0..1, the best of: fields as registered, given names and surnames swapped, all words pooled. */
  readonly nameSimilarity: number;
  readonly dateOfBirth: DateOfBirthMatch;
  readonly sameNationality: boolean;
}

/**
 * SAME_DOCUMENT: the same identity document — the same worker, never a second record (found by the
 * document's blind index, before any scoring). POSSIBLE_DUPLICATE: flagged for an officer to merge
 * or mark distinct. DISTINCT: nothing to do.
 */
export const DUPLICATE_CLASSIFICATIONS = ['SAME_DOCUMENT', 'POSSIBLE_DUPLICATE', 'DISTINCT'] as const;
export type DuplicateClassification = (typeof DUPLICATE_CLASSIFICATIONS)[number];

/**
 * The constants of the score, in one place:
 *
 * - a word pair scores its Jaro–Winkler similarity (the better of the phonetic keys and the plain
 *   normalised words); below `TOKEN_FLOOR` it counts as no match; a one-letter word (an initial)
 *   matching the first letter of the other scores `INITIAL_MATCH`;
 * - two lists of words (given names, surnames) score the mean of their best one-to-one word
 *   matches over the shorter list, times `MISSING_WORD_FACTOR` per word the longer list has more
 *   (a missing second given name or second surname lowers the score, it does not rule out);
 * - the name similarity is the best of: given names with given names and surnames with surnames
 *   (half each); the same with the two fields swapped; all words pooled, times `POOLED_FACTOR`;
 * - the score is the name similarity × `TRANSPOSED_DATE_FACTOR` when day and month of the date of
 *   birth are swapped, × `DIFFERENT_DATE_FACTOR` when it differs otherwise, × `DIFFERENT_NATIONALITY_FACTOR`
 *   when the nationality differs.
 */
export const DUPLICATE_SCORING = Object.freeze({
  TOKEN_FLOOR: 0.8,
  INITIAL_MATCH: 0.85,
  MISSING_WORD_FACTOR: 0.92,
  POOLED_FACTOR: 0.97,
  TRANSPOSED_DATE_FACTOR: 0.95,
  DIFFERENT_DATE_FACTOR: 0.7,
  DIFFERENT_NATIONALITY_FACTOR: 0.85,
});

/** At or above this score a pair is a possible duplicate (configurable, see {@link duplicateThreshold}). */
export const DEFAULT_DUPLICATE_THRESHOLD = 0.88;

/**
 * The lowest threshold the blocking keys stay complete for: a pair whose date of birth differs
 * (other than a day/month swap) scores at most 0.7, one whose nationality differs at most 0.85, and
 * {@link duplicateBlockingKeys} contain both; a threshold at or below 0.85 would need candidates the
 * keys do not find.
 */
export const MIN_DUPLICATE_THRESHOLD_EXCLUSIVE = Math.max(
  DUPLICATE_SCORING.DIFFERENT_DATE_FACTOR,
  DUPLICATE_SCORING.DIFFERENT_NATIONALITY_FACTOR,
);

/** A configured threshold, checked: in (0.85, 1]. */
export function duplicateThreshold(value: number = DEFAULT_DUPLICATE_THRESHOLD): number {
  if (typeof value !== 'number' || !(value > MIN_DUPLICATE_THRESHOLD_EXCLUSIVE) || value > 1) {
    throw PermitErrors.INVALID_OPTIONS.create({
      field: 'duplicateThreshold',
      constraint: 'OUT_OF_RANGE',
      min: MIN_DUPLICATE_THRESHOLD_EXCLUSIVE,
      max: 1,
    });
  }
  return value;
}

interface Word {
  readonly plain: string;
  readonly key: string;
}

const words = (text: string | null | undefined): Word[] =>
  nameTokens(text).map((plain) => ({ plain, key: phoneticKey(plain) }));

function wordSimilarity(a: Word, b: Word): number {
  if (a.key === b.key || a.plain === b.plain) return 1;
  if (a.plain.length === 1 || b.plain.length === 1) {
    return a.plain[0] === b.plain[0] ? DUPLICATE_SCORING.INITIAL_MATCH : 0;
  }
  const similarity = Math.max(jaroWinkler(a.key, b.key), jaroWinkler(a.plain, b.plain));
  return similarity >= DUPLICATE_SCORING.TOKEN_FLOOR ? similarity : 0;
}

/** Best one-to-one matching of two word lists (greedy on the highest pairs), order-insensitive. */
function listSimilarity(a: readonly Word[], b: readonly Word[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const pairs: { i: number; j: number; s: number }[] = [];
  a.forEach((wa, i) => b.forEach((wb, j) => pairs.push({ i, j, s: wordSimilarity(wa, wb) })));
  pairs.sort((x, y) => y.s - x.s || x.i - y.i || x.j - y.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  let sum = 0;
  for (const { i, j, s } of pairs) {
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
    sum += s;
  }
  const shorter = Math.min(a.length, b.length);
  const extra = Math.max(a.length, b.length) - shorter;
  return (sum / shorter) * DUPLICATE_SCORING.MISSING_WORD_FACTOR ** extra;
}

/** How alike two names are, 0..1, whatever the order of words or of the given-name and surname fields. */
export function nameSimilarity(a: DuplicateProfile, b: DuplicateProfile): number {
  const givenA = words(a.givenNames);
  const givenB = words(b.givenNames);
  const surnamesA = [...words(a.firstSurname), ...words(a.secondSurname)];
  const surnamesB = [...words(b.firstSurname), ...words(b.secondSurname)];
  const direct = (listSimilarity(givenA, givenB) + listSimilarity(surnamesA, surnamesB)) / 2;
  const swapped = (listSimilarity(givenA, surnamesB) + listSimilarity(surnamesA, givenB)) / 2;
  const pooled =
    listSimilarity([...givenA, ...surnamesA], [...givenB, ...surnamesB]) * DUPLICATE_SCORING.POOLED_FACTOR;
  return Math.max(direct, swapped, pooled);
}

export function compareDatesOfBirth(a: string, b: string): DateOfBirthMatch {
  const da = CalendarDate.tryParse(a);
  const db = CalendarDate.tryParse(b);
  if (!da || !db) return 'DIFFERENT';
  if (da.equals(db)) return 'SAME';
  const transposed = da.transposedDayMonth();
  return transposed !== null && transposed.equals(db) ? 'TRANSPOSED' : 'DIFFERENT';
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;

/** Scores a pair of workers (see {@link DUPLICATE_SCORING}); symmetric, pure, 4 decimals. */
export function scoreDuplicate(a: DuplicateProfile, b: DuplicateProfile): DuplicateScore {
  const names = nameSimilarity(a, b);
  const dateOfBirth = compareDatesOfBirth(a.dateOfBirth, b.dateOfBirth);
  const sameNationality = a.nationality.trim().toUpperCase() === b.nationality.trim().toUpperCase();
  const dateFactor =
    dateOfBirth === 'SAME'
      ? 1
      : dateOfBirth === 'TRANSPOSED'
        ? DUPLICATE_SCORING.TRANSPOSED_DATE_FACTOR
        : DUPLICATE_SCORING.DIFFERENT_DATE_FACTOR;
  const nationalityFactor = sameNationality ? 1 : DUPLICATE_SCORING.DIFFERENT_NATIONALITY_FACTOR;
  return {
    score: round(names * dateFactor * nationalityFactor),
    nameSimilarity: round(names),
    dateOfBirth,
    sameNationality,
  };
}

/** POSSIBLE_DUPLICATE at or above the threshold, DISTINCT below (SAME_DOCUMENT is decided by the document key). */
export function classifyDuplicate(
  score: number,
  threshold: number = DEFAULT_DUPLICATE_THRESHOLD,
): Exclude<DuplicateClassification, 'SAME_DOCUMENT'> {
  return score >= duplicateThreshold(threshold) ? 'POSSIBLE_DUPLICATE' : 'DISTINCT';
}

export interface DuplicateCandidate extends DuplicateProfile {
  /** `type|number|issuingCountry` (worker.documentKey()). */
  readonly documentKey: string;
}

/** The whole decision for a pair: the same document first, then the score. */
export function compareWorkers(
  a: DuplicateCandidate,
  b: DuplicateCandidate,
  threshold: number = DEFAULT_DUPLICATE_THRESHOLD,
): { classification: DuplicateClassification; score: number } {
  if (a.documentKey === b.documentKey) return { classification: 'SAME_DOCUMENT', score: 1 };
  const { score } = scoreDuplicate(a, b);
  return { classification: classifyDuplicate(score, threshold), score };
}

/**
 * The normalised strings candidates are found by, with equality lookups only (the repository
 * stores their keyed blind indexes): `<phonetic word>|<date of birth>|<nationality>` for the first
 * given name, the first word of each surname, and the date of birth with day and month swapped
 * too. Field-agnostic, so swapped given names and surnames still meet. Complete for every
 * threshold above {@link MIN_DUPLICATE_THRESHOLD_EXCLUSIVE} as long as one of those words keeps
 * its phonetic key; the scoring decides.
 */
export function duplicateBlockingKeys(profile: DuplicateProfile): string[] {
  const dob = CalendarDate.tryParse(profile.dateOfBirth);
  if (!dob) return [];
  const dates = [dob, dob.transposedDayMonth()].filter((d): d is CalendarDate => d !== null);
  const firstWords = [profile.givenNames, profile.firstSurname, profile.secondSurname]
    .map((text) => words(text)[0]?.key)
    .filter((key): key is string => key !== undefined);
  const nationality = profile.nationality.trim().toUpperCase();
  const keys = new Set<string>();
  for (const word of firstWords)
    for (const date of dates) keys.add(`${word}|${date.toString()}|${nationality}`);
  return [...keys].sort();
}
