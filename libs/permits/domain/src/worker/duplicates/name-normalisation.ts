/**
 * Name normalisation for duplicate detection (pure). Two steps:
 *
 * 1. {@link normaliseName}: lower case; accents and other diacritics removed (NFD, combining marks
 *    dropped, so ñ → n, ü → u); apostrophes removed ("D'Leon" → "dleon"); any other character that
 *    is not a letter (hyphens, periods, commas, digits) becomes a space; spaces collapsed.
 *    {@link nameTokens} splits that into words and drops the particles "de", "del", "la", "las",
 *    "los", "y", "e" (unless nothing else is left).
 * 2. {@link phoneticKey}: the transliterations that make common spelling variants of the region
 *    (Spanish and the Mayan orthographies of Guatemala and Belize) compare equal. Applied in this
 *    order, on one normalised word:
 *
 * | #  | rule                                   | examples                                   |
 * | -- | -------------------------------------- | ------------------------------------------ |
 * | 1  | `ph` → `f`                             | Stephany ~ Stefany                         |
 * | 2  | `sh` → `x` (the Mayan x)               | Shol ~ Xol                                 |
 * | 3  | `ch` kept as one sound                 | Choc (not "coc")                           |
 * | 4  | `ll` → `y`                             | Guillermo ~ Guiyermo, Yanet ~ Llanet       |
 * | 5  | `y` not before a vowel → `i`           | Deysi ~ Deisi, Nancy ~ Nanci               |
 * | 6  | initial `hu`+vowel, `gu`+a/o → `w`     | Hualter ~ Gualter ~ Walter                 |
 * | 7  | `gu`+e/i → `g` (silent u)              | Guevara ~ Gevara                           |
 * | 8  | `qu`+e/i → `k`, `q` → `k`              | Quej ~ Kej, Vásquez ~ Vaskes               |
 * | 9  | `c`+e/i → `s`, other `c` → `k`         | Cecilia ~ Sesilia, Caal ~ Kaal             |
 * | 10 | `g`+e/i → `j`                          | Geovany ~ Jeovany                          |
 * | 11 | `z` → `s`                              | Vázquez ~ Vásquez, Ruiz ~ Ruis             |
 * | 12 | `v` → `b`                              | Vásquez ~ Básquez, Eva ~ Eba               |
 * | 13 | `n` before `b`/`p` → `m`               | Anbrosio ~ Ambrosio                        |
 * | 14 | `h` silent (dropped, except in `ch`)   | Hernández ~ Ernández, Thelma ~ Telma       |
 * | 15 | initial `s`+consonant → `es`           | Stefany ~ Estefany                         |
 * | 16 | doubled letters collapse               | Carrillo ~ Carillo, Caal ~ Cal             |
 *
 * Deliberately not equated: `x`/`j` (Ximena ~ Jimena would also make the Mayan Xol equal Jol),
 * `b`/`p`, `d`/`t`. Similar-but-not-equal words are left to Jaro–Winkler.
 */

const PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'y', 'e']);

export function normaliseName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’`´]/g, '')
    .replace(/[^a-z]+/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** The normalised words of a name, particles dropped (unless the name is only particles). */
export function nameTokens(text: string | null | undefined): string[] {
  if (!text) return [];
  const words = normaliseName(text)
    .split(' ')
    .filter((w) => w !== '');
  const kept = words.filter((w) => !PARTICLES.has(w));
  return kept.length > 0 ? kept : words;
}

/** The regional transliterations of one normalised word (see the table above). */
export function phoneticKey(word: string): string {
  return word
    .replace(/ph/g, 'f')
    .replace(/sh/g, 'x')
    .replace(/ch/g, 'C') // one sound, protected from rules 9 and 14
    .replace(/ll/g, 'y')
    .replace(/y(?![aeiou])/g, 'i')
    .replace(/^hu(?=[aeio])/, 'w')
    .replace(/^gu(?=[ao])/, 'w')
    .replace(/gu(?=[ei])/g, 'g')
    .replace(/qu(?=[ei])/g, 'k')
    .replace(/q/g, 'k')
    .replace(/c(?=[ei])/g, 's')
    .replace(/c/g, 'k')
    .replace(/g(?=[ei])/g, 'j')
    .replace(/z/g, 's')
    .replace(/v/g, 'b')
    .replace(/n(?=[bp])/g, 'm')
    .replace(/h/g, '')
    .replace(/^s(?=[^aeiouy])/, 'es')
    .replace(/([a-zC])\1+/g, '$1')
    .replace(/C/g, 'ch');
}

/** The phonetic keys of a name's words. */
export function phoneticTokens(text: string | null | undefined): string[] {
  return nameTokens(text).map(phoneticKey);
}
