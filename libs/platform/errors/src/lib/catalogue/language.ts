/** Languages of problem details. Spanish first: most users are Mexican officials and employers. */
export const LANGUAGES = ['es', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * Spanish, used when Accept-Language is absent or names neither language (the
 * service's users are Mexican officials and employers); English on request.
 */
export const DEFAULT_LANGUAGE: Language = 'es';

/** A text in every supported language. */
export type Localized = Readonly<Record<Language, string>>;

/**
 * Picks es or en from an Accept-Language header (RFC 9110 §12.5.4): highest
 * q-value first, ties in header order, by primary subtag (es-MX → es); `*`
 * means the default; q=0 excludes.
 */
export function negotiateLanguage(header: string | readonly string[] | undefined): Language {
  const value = typeof header === 'string' ? header : (header?.join(',') ?? '');
  const ranges = value
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const qParam = params.map((p) => p.trim()).find((p) => /^q=/i.test(p));
      const q = qParam === undefined ? 1 : Number(qParam.slice(2));
      return { tag: tag.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((range) => range.tag.length > 0 && range.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const range of ranges) {
    if (range.tag === '*') return DEFAULT_LANGUAGE;
    const primary = range.tag.split('-')[0];
    const match = LANGUAGES.find((language) => language === primary);
    if (match) return match;
  }
  return DEFAULT_LANGUAGE;
}
