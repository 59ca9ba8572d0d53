import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '@frontera/shared-kernel';

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
