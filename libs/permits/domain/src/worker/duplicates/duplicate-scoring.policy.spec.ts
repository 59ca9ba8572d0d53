import { PermitErrors } from '../../errors/permit-errors';
import {
  classifyDuplicate,
  compareWorkers,
  DEFAULT_DUPLICATE_THRESHOLD,
  duplicateBlockingKeys,
  duplicateThreshold,
  scoreDuplicate,
  type DuplicateClassification,
  type DuplicateProfile,
} from './duplicate-scoring.policy';

/** A profile from "Given names / First surname / Second surname", a date of birth and a nationality. */
function person(name: string, dateOfBirth = '1990-05-07', nationality = 'GTM'): DuplicateProfile {
  const [givenNames, firstSurname, secondSurname] = name.split('/').map((part) => part.trim());
  return { givenNames, firstSurname, secondSurname: secondSurname || null, dateOfBirth, nationality };
}

type Row = [
  string,
  DuplicateProfile,
  DuplicateProfile,
  Exclude<DuplicateClassification, 'SAME_DOCUMENT'>,
  number,
  number,
];

/**
 * The examples table: pair, expected classification at the default threshold (0.88), and the range
 * the score must fall in. Names are "given / first surname / second surname".
 */
const EXAMPLES: Row[] = [
  // prettier-ignore
  ['accents and case', person('José Luis / Pérez / López'), person('JOSE LUIS / PEREZ / LOPEZ'), 'POSSIBLE_DUPLICATE', 1, 1],
  [
    'given names and surnames entered in swapped fields',
    person('José Luis / Pérez / López'),
    person('Pérez López / José / Luis'),
    'POSSIBLE_DUPLICATE',
    1,
    1,
  ],
  [
    'given names in another order',
    person('José Luis / Pérez / López'),
    person('Luis José / Pérez / López'),
    'POSSIBLE_DUPLICATE',
    1,
    1,
  ],
  [
    'surnames in another order',
    person('José Luis / Pérez / López'),
    person('José Luis / López / Pérez'),
    'POSSIBLE_DUPLICATE',
    1,
    1,
  ],
  [
    'z / s spelling variant (Vásquez, Vázquez)',
    person('Ana / Vásquez'),
    person('Ana / Vázquez'),
    'POSSIBLE_DUPLICATE',
    1,
    1,
  ],
  [
    'a missing second given name, at a lower score',
    person('Juan Carlos / Xol'),
    person('Juan / Xol'),
    'POSSIBLE_DUPLICATE',
    0.95,
    0.97,
  ],
  [
    'a missing second surname',
    person('María / García / Hernández'),
    person('María / García'),
    'POSSIBLE_DUPLICATE',
    0.95,
    0.97,
  ],
  [
    'g/j and v/b and final y/i (Geovany, Jeovany)',
    person('Geovany / Choc / Caal'),
    person('Jeovany / Choc / Cal'),
    'POSSIBLE_DUPLICATE',
    1,
    1,
  ],
  [
    'gu / w and qu / k (Gualter Quej, Walter Kej)',
    person('Gualter / Quej'),
    person('Walter / Kej'),
    'POSSIBLE_DUPLICATE',
    1,
    1,
  ],
  [
    'Mayan sh / x and a silent h (Martha Shol, Marta Xol)',
    person('Martha / Shol'),
    person('Marta / Xol'),
    'POSSIBLE_DUPLICATE',
    1,
    1,
  ],
  [
    'll / y (Guillermo, Guiyermo)',
    person('Guillermo / Yat'),
    person('Guiyermo / Yat'),
    'POSSIBLE_DUPLICATE',
    1,
    1,
  ],
  [
    'ph / f, initial es-, z / s (Stephany Ruiz, Estefani Ruis)',
    person('Stephany / Ruiz'),
    person('Estefani / Ruis'),
    'POSSIBLE_DUPLICATE',
    1,
    1,
  ],
  [
    'particles and accents (María de los Ángeles de la Cruz)',
    person('María de los Ángeles / de la Cruz'),
    person('Maria Angeles / Cruz'),
    'POSSIBLE_DUPLICATE',
    1,
    1,
  ],
  [
    'an initial for a given name',
    person('J. Luis / Pérez / López'),
    person('José Luis / Pérez / López'),
    'POSSIBLE_DUPLICATE',
    0.95,
    0.97,
  ],
  [
    'day and month of birth transposed',
    person('José Luis / Pérez / López', '1990-05-07'),
    person('José Luis / Pérez / López', '1990-07-05'),
    'POSSIBLE_DUPLICATE',
    0.95,
    0.95,
  ],
  [
    'a missing given name and a transposed date',
    person('Juan Carlos / Xol', '1990-05-07'),
    person('Juan / Xol', '1990-07-05'),
    'POSSIBLE_DUPLICATE',
    0.9,
    0.92,
  ],
  [
    'similar spelling not equated (Ximena, Jimena): left to Jaro–Winkler',
    person('Ximena / Pop'),
    person('Jimena / Pop'),
    'POSSIBLE_DUPLICATE',
    0.93,
    0.95,
  ],
  [
    'one letter apart in a surname (Hernández, Fernández): an officer decides',
    person('José / Hernández / López'),
    person('José / Fernández / López'),
    'POSSIBLE_DUPLICATE',
    0.98,
    1,
  ],
  [
    'the same name, another date of birth: a different person',
    person('José Luis / Pérez / López', '1990-05-07'),
    person('José Luis / Pérez / López', '1991-05-07'),
    'DISTINCT',
    0.7,
    0.7,
  ],
  [
    'the same name and date, another nationality',
    person('José Luis / Pérez / López', '1990-05-07', 'GTM'),
    person('José Luis / Pérez / López', '1990-05-07', 'BLZ'),
    'DISTINCT',
    0.85,
    0.85,
  ],
  [
    'twins: same surnames and date, other given name',
    person('María / Pérez / López'),
    person('Ana / Pérez / López'),
    'DISTINCT',
    0.6,
    0.7,
  ],
  [
    'brothers: Juan and José, same surnames and date',
    person('Juan / Pérez / López'),
    person('José / Pérez / López'),
    'DISTINCT',
    0.6,
    0.87,
  ],
  [
    'nothing in common but the date and nationality',
    person('Carlos / Tzul / Caal'),
    person('Ana / Pérez / López'),
    'DISTINCT',
    0,
    0.1,
  ],
  ['a shared surname only', person('Rosa / Pop / Ich'), person('Marvin / Pop / Coc'), 'DISTINCT', 0.2, 0.5],
];

describe('duplicate scoring: the examples table', () => {
  it('has at least 15 pairs, flagged and distinct ones', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(15);
    expect(EXAMPLES.some((row) => row[3] === 'DISTINCT')).toBe(true);
  });

  it.each(EXAMPLES)('%s → %s (score in [%p, %p])', (_name, a, b, expected, min, max) => {
    const { score } = scoreDuplicate(a, b);
    expect(classifyDuplicate(score)).toBe(expected);
    expect(score).toBeGreaterThanOrEqual(min);
    expect(score).toBeLessThanOrEqual(max);
  });

  it.each(EXAMPLES)('%s: the score is symmetric', (_name, a, b) => {
    expect(scoreDuplicate(a, b).score).toBe(scoreDuplicate(b, a).score);
  });

  it.each(EXAMPLES.filter((row) => row[3] === 'POSSIBLE_DUPLICATE'))(
    '%s: the pair shares a blocking key, so an equality lookup finds the candidate',
    (_name, a, b) => {
      const keysOfB = new Set(duplicateBlockingKeys(b));
      expect(duplicateBlockingKeys(a).some((key) => keysOfB.has(key))).toBe(true);
    },
  );
});

describe('scoreDuplicate', () => {
  it('explains the score: name similarity, date of birth match, nationality', () => {
    expect(scoreDuplicate(person('Juan / Xol'), person('Juan / Xol', '1990-07-05'))).toEqual({
      score: 0.95,
      nameSimilarity: 1,
      dateOfBirth: 'TRANSPOSED',
      sameNationality: true,
    });
    expect(scoreDuplicate(person('Juan / Xol'), person('Juan / Xol', '1990-05-08')).dateOfBirth).toBe(
      'DIFFERENT',
    );
  });
});

describe('classifyDuplicate and the threshold', () => {
  it('flags at or above the threshold (default 0.88), configurable', () => {
    expect(DEFAULT_DUPLICATE_THRESHOLD).toBe(0.88);
    expect(classifyDuplicate(0.88)).toBe('POSSIBLE_DUPLICATE');
    expect(classifyDuplicate(0.8799)).toBe('DISTINCT');
    expect(classifyDuplicate(0.9, 0.95)).toBe('DISTINCT');
    expect(classifyDuplicate(0.96, 0.95)).toBe('POSSIBLE_DUPLICATE');
  });

  it.each([0.85, 0.5, 1.01, Number.NaN])(
    'refuses a threshold of %p (the blocking keys would miss candidates)',
    (value) => {
      expect(() => duplicateThreshold(value)).toThrow(
        expect.objectContaining({
          code: PermitErrors.INVALID_OPTIONS.code,
          params: expect.objectContaining({ field: 'duplicateThreshold' }),
        }),
      );
    },
  );
});

describe('compareWorkers', () => {
  const a = { ...person('José Luis / Pérez / López'), documentKey: 'NATIONAL_ID|2345678900101|GTM' };

  it('answers SAME_DOCUMENT for the same document whatever the names', () => {
    const b = { ...person('Pedro / Tzul'), documentKey: 'NATIONAL_ID|2345678900101|GTM' };
    expect(compareWorkers(a, b)).toEqual({ classification: 'SAME_DOCUMENT', score: 1 });
  });

  it('scores other documents', () => {
    const b = { ...person('JOSE LUIS / PEREZ / LOPEZ'), documentKey: 'PASSPORT|A1234567|GTM' };
    expect(compareWorkers(a, b)).toEqual({ classification: 'POSSIBLE_DUPLICATE', score: 1 });
    const c = { ...person('Ana / Cux'), documentKey: 'PASSPORT|A7654321|GTM' };
    expect(compareWorkers(a, c).classification).toBe('DISTINCT');
  });
});

describe('duplicateBlockingKeys', () => {
  it('are phonetic first words of each name part × the date of birth (and its transposition) × nationality', () => {
    expect(duplicateBlockingKeys(person('José Luis / Pérez / López'))).toEqual([
      'jose|1990-05-07|GTM',
      'jose|1990-07-05|GTM',
      'lopes|1990-05-07|GTM',
      'lopes|1990-07-05|GTM',
      'peres|1990-05-07|GTM',
      'peres|1990-07-05|GTM',
    ]);
  });

  it('hold no accents or case, so spelling variants meet', () => {
    expect(duplicateBlockingKeys(person('Ana / Vásquez', '1988-12-25'))).toEqual(
      duplicateBlockingKeys(person('ANA / VAZQUEZ', '1988-12-25')),
    );
  });

  it('are not shared by the same name with another date of birth', () => {
    const keys = new Set(duplicateBlockingKeys(person('Ana / Cux', '1990-05-07')));
    expect(duplicateBlockingKeys(person('Ana / Cux', '1991-05-07')).some((k) => keys.has(k))).toBe(false);
  });
});
