import { DEFAULT_LANGUAGE } from '@frontera/shared-kernel';
import { negotiateLanguage } from './language';

describe('negotiateLanguage', () => {
  it.each([
    [undefined, 'es'],
    ['', 'es'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['es-MX', 'es'],
    ['fr-FR, en;q=0.5, es;q=0.8', 'es'],
    ['fr, en;q=0.1', 'en'],
    ['es;q=0, en', 'en'],
    ['en;q=0.7, es;q=0.7', 'en'],
    ['de, *;q=0.5', 'es'],
    ['fr', 'es'],
    ['en;q=abc, es;q=0.2', 'es'],
  ] as const)('%p → %p', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });

  it('reads repeated headers in order', () => {
    expect(negotiateLanguage(['fr', 'en-GB'])).toBe('en');
  });

  it('defaults to Spanish', () => {
    expect(DEFAULT_LANGUAGE).toBe('es');
  });
});
