/** Languages of every text a client reads. Spanish first: most users are Mexican officials and employers. */
export const LANGUAGES = ['es', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Spanish, used when a client asks for neither language. */
export const DEFAULT_LANGUAGE: Language = 'es';

/** A text in every supported language. */
export type Localized = Readonly<Record<Language, string>>;
