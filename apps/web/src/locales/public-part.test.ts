import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LOCALES } from '@bancada/shared';
import { describe, expect, it } from 'vitest';
import enPublic from './en/public.json';
import enCore from './en/translation.json';
import esPublic from './es/public.json';
import esCore from './es/translation.json';
import ptBRPublic from './pt-BR/public.json';
import ptBRCore from './pt-BR/translation.json';

const PARTS = {
  public: { 'pt-BR': ptBRPublic, es: esPublic, en: enPublic },
  core: { 'pt-BR': ptBRCore, es: esCore, en: enCore },
} as const;

/**
 * What a visit that starts at /login shows before the app loads (main.tsx → AuthApp): only the
 * `public` part of the language is fetched for it, so every string these files show must be there.
 */
const SIGN_IN_SOURCES = [
  'features/auth/AuthApp.tsx',
  'features/auth/AuthLayout.tsx',
  'features/auth/LoginPage.tsx',
  'features/auth/ForgotPasswordPage.tsx',
  'features/auth/ResetPasswordPage.tsx',
  'features/auth/TwoFactorSteps.tsx',
  'features/auth/TotpSecret.tsx',
  'features/auth/RecoveryCodes.tsx',
  'app/components/Brand.tsx',
  'app/components/LanguageSwitcher.tsx',
  'app/components/LanguageMenu.tsx',
  'app/components/PasswordField.tsx',
  'app/api.ts',
  'app/notify.ts',
];

function keysOf(tree: unknown, prefix = ''): string[] {
  if (!tree || typeof tree !== 'object') return [prefix];
  return Object.entries(tree).flatMap(([key, value]) => keysOf(value, prefix ? `${prefix}.${key}` : key));
}

function usedKeys(file: string): string[] {
  const source = readFileSync(path.resolve(import.meta.dirname, '..', file), 'utf8');
  const keys = [...source.matchAll(/\bt\('([^']+)'/g)].map((match) => match[1] as string);
  // t(`language.names.${locale}`)
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal
  if (source.includes('t(`language.names.${locale}`)'))
    keys.push(...LOCALES.map((l) => `language.names.${l}`));
  return keys;
}

describe('the sign-in pages’ strings (locales/*/public.json)', () => {
  it.each(SIGN_IN_SOURCES)('%s shows only strings of the public part', (file) => {
    const keys = usedKeys(file);
    for (const locale of LOCALES) {
      const available = new Set(keysOf(PARTS.public[locale]));
      expect(keys.filter((key) => !available.has(key))).toEqual([]);
    }
  });

  it('finds the strings of the sign-in page', () => {
    expect(usedKeys('features/auth/LoginPage.tsx')).toContain('auth.login.submit');
  });

  it.each(
    Object.keys(PARTS) as (keyof typeof PARTS)[],
  )('the %s part has the same keys in every language', (part) => {
    const [first, ...others] = LOCALES.map((locale) => keysOf(PARTS[part][locale]).sort());
    for (const keys of others) expect(keys).toEqual(first);
  });

  it('no top-level key is in both parts (the merge is shallow)', () => {
    const core = new Set(Object.keys(enCore));
    expect(Object.keys(enPublic).filter((key) => core.has(key))).toEqual([]);
  });
});
