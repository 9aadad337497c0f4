import { describe, expect, it } from 'vitest';
import { pickLocale } from './locales.js';

describe('pickLocale', () => {
  it.each([
    [undefined, 'pt-BR'],
    ['', 'pt-BR'],
    ['es-CL,es;q=0.9', 'es'],
    ['en-US,en;q=0.9,pt;q=0.8', 'en'],
    ['fr-FR, en;q=0.5, es;q=0.7', 'es'],
    ['de', 'pt-BR'],
    ['pt-PT', 'pt-BR'],
  ])('picks %s → %s', (header, locale) => {
    expect(pickLocale(header)).toBe(locale);
  });
});
