import { DEFAULT_LOCALE, LOCALES, type Locale, pickLocale } from '@bancada/shared';
import dayjs from 'dayjs';
import localizedFormat from 'dayjs/plugin/localizedFormat';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

type Messages = Record<string, unknown>;
type Part = 'core' | 'repairs';

// A language is fetched when it is first used, in two parts: the core every page needs (with dayjs's
// locale; en is built in) and the service-order screens' strings, which only the signed-in area and the
// public estimate read. One namespace: each file's top-level keys are its own, so the merge is shallow.
const LOADERS: Record<Locale, Record<Part, () => Promise<Messages[]>>> = {
  'pt-BR': {
    core: () =>
      Promise.all([import('../locales/pt-BR/translation.json'), import('dayjs/locale/pt-br')]).then(
        ([core]) => [core.default],
      ),
    repairs: () =>
      Promise.all([
        import('../locales/pt-BR/repairs.json'),
        import('../locales/pt-BR/repair-page.json'),
      ]).then(([repairs, repairPage]) => [repairs.default, repairPage.default]),
  },
  es: {
    core: () =>
      Promise.all([import('../locales/es/translation.json'), import('dayjs/locale/es')]).then(([core]) => [
        core.default,
      ]),
    repairs: () =>
      Promise.all([import('../locales/es/repairs.json'), import('../locales/es/repair-page.json')]).then(
        ([repairs, repairPage]) => [repairs.default, repairPage.default],
      ),
  },
  en: {
    core: () => import('../locales/en/translation.json').then((core) => [core.default]),
    repairs: () =>
      Promise.all([import('../locales/en/repairs.json'), import('../locales/en/repair-page.json')]).then(
        ([repairs, repairPage]) => [repairs.default, repairPage.default],
      ),
  },
};

/** The parts every language switch loads: the core, and the repairs part once a page asked for it. */
const wantedParts = new Set<Part>(['core']);
const fetched = new Map<string, Promise<Messages>>();

function fetchPart(locale: Locale, part: Part): Promise<Messages> {
  const key = `${locale}/${part}`;
  let messages = fetched.get(key);
  if (!messages) {
    messages = LOADERS[locale][part]().then((files) => Object.assign({}, ...files) as Messages);
    // a failed fetch is tried again the next time the part is wanted
    messages.catch(() => fetched.delete(key));
    fetched.set(key, messages);
  }
  return messages;
}

async function fetchLanguage(locale: Locale): Promise<Messages> {
  const parts = await Promise.all([...wantedParts].map((part) => fetchPart(locale, part)));
  return Object.assign({}, ...parts);
}

async function loadLanguage(locale: Locale): Promise<void> {
  // deep and overwriting: adding a part that is already there changes nothing
  i18n.addResourceBundle(locale, 'translation', await fetchLanguage(locale), true, true);
}

/** The service-order screens' strings in the current language; their pages wait for this before rendering. */
export function loadRepairMessages(): Promise<void> {
  wantedParts.add('repairs');
  return loadLanguage(currentLocale());
}

// date inputs use localized patterns such as "L" (DD/MM/YYYY in pt-BR)
dayjs.extend(localizedFormat);

const LOCALE_STORAGE_KEY = 'bancada.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The language the user chose explicitly on this device, if any. */
export function storedLocale(): Locale | null {
  try {
    const value = localStorage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

function initialLocale(): Locale {
  return storedLocale() ?? pickLocale(navigator.languages?.join(',') || navigator.language);
}

/** dayjs and @mantine/dates name the Brazilian locale in lower case. */
export function dayjsLocale(locale: Locale): string {
  return locale === 'pt-BR' ? 'pt-br' : locale;
}

export function currentLocale(): Locale {
  const lang = i18n.resolvedLanguage ?? i18n.language;
  return isLocale(lang) ? lang : DEFAULT_LOCALE;
}

function applyLocale(locale: Locale): void {
  dayjs.locale(dayjsLocale(locale));
  document.documentElement.lang = locale;
}

/** Switches the UI language and remembers the choice on this device. */
export async function changeLocale(locale: Locale, { persist = true } = {}): Promise<void> {
  if (persist) {
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, locale);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }
  await loadLanguage(locale);
  await i18n.changeLanguage(locale);
}

i18n.on('languageChanged', () => applyLocale(currentLocale()));

/**
 * Fetches the starting language, then initialises i18next with it; main.tsx renders once this settles,
 * so no key shows untranslated. Only that language is loaded: the three carry the same keys, so the
 * fallback language is never reached for a missing string and is not fetched.
 */
async function initI18n(): Promise<void> {
  const locale = initialLocale();
  await i18n.use(initReactI18next).init({
    resources: { [locale]: { translation: await fetchLanguage(locale) } },
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    // permission keys such as "users:read" are used as translation keys
    nsSeparator: false,
    interpolation: { escapeValue: false },
  });
  applyLocale(currentLocale());
}

export const i18nReady: Promise<void> = initI18n();

export { i18n };
