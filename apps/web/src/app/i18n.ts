import { DEFAULT_LOCALE, LOCALES, type Locale } from '@bancada/shared';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import {
  fetchLanguage,
  isLocale,
  type MessagePart,
  startingLocale,
  storedLocale,
  storeLocale,
  wantParts,
} from './languages';

export { isLocale, storedLocale };

type Companion = (locale: Locale) => Promise<unknown>;

/** What a language switch waits for besides its strings (the date pickers' locale, once the app is loaded). */
const companions = new Set<Companion>();

async function loadLanguage(locale: Locale): Promise<void> {
  const [messages] = await Promise.all([
    fetchLanguage(locale),
    ...[...companions].map((companion) => companion(locale)),
  ]);
  // deep and overwriting: adding a part that is already there changes nothing
  i18n.addResourceBundle(locale, 'translation', messages, true, true);
}

/**
 * Loads `load`'s part of the current language now and of every language switched to from now on,
 * before the switch shows: for code that is not on every page (the date pickers' dayjs locale).
 */
export function loadWithLanguage(load: Companion): Promise<void> {
  companions.add(load);
  return load(currentLocale()).then(() => undefined);
}

/** The app's strings beyond the sign-in pages', in the current language; the app renders once they are in. */
export function loadAppMessages(): Promise<void> {
  wantParts(['core']);
  return loadLanguage(currentLocale());
}

/** The service-order screens' strings in the current language; their pages wait for this before rendering. */
export function loadRepairMessages(): Promise<void> {
  wantParts(['repairs']);
  return loadLanguage(currentLocale());
}

/** The interface language (while the first one loads, the one being loaded). */
export function currentLocale(): Locale {
  const lang = i18n.resolvedLanguage ?? i18n.language;
  return isLocale(lang) ? lang : startingLocale;
}

function applyLocale(locale: Locale): void {
  document.documentElement.lang = locale;
}

/** Switches the UI language and remembers the choice on this device. */
export async function changeLocale(locale: Locale, { persist = true } = {}): Promise<void> {
  if (persist) storeLocale(locale);
  await loadLanguage(locale);
  await i18n.changeLanguage(locale);
}

i18n.on('languageChanged', () => applyLocale(currentLocale()));

/**
 * Fetches the starting language, then initialises i18next with it; the first screen renders once this
 * settles, so no key shows untranslated. Only that language is loaded: the three carry the same keys, so
 * the fallback language is never reached for a missing string and is not fetched.
 */
async function initI18n(): Promise<void> {
  const locale = startingLocale;
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

let settleReady: (started: Promise<void>) => void = () => undefined;

/** Settles once i18n has started (startI18n) and the starting language is in; rejects if it could not load. */
export const i18nReady = new Promise<void>((resolve) => {
  settleReady = resolve;
});

let isStarted = false;

/** Starts i18n with the parts of the starting language that main.tsx asked for (root.tsx, once). */
export function startI18n(parts: readonly MessagePart[]): Promise<void> {
  if (!isStarted) {
    isStarted = true;
    wantParts(parts);
    settleReady(initI18n());
  }
  return i18nReady;
}

export { i18n };
