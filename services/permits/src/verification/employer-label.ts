import type { Language, Localized } from '@frontera/shared-kernel';

/** What public verification and the card show for an employer without a public name (e.g. an individual). */
export const UNNAMED_EMPLOYER: Localized = Object.freeze({
  es: 'Empleador registrado',
  en: 'Registered employer',
});

/** The employer's public name, or the generic label in `language`. */
export function employerNameFor(publicName: string | null, language: Language): string {
  return publicName ?? UNNAMED_EMPLOYER[language];
}
