import { DEFAULT_LOCALE, LOCALES, type Locale, pickLocale } from '@bancada/shared';
import dayjs from 'dayjs';
import localizedFormat from 'dayjs/plugin/localizedFormat';
import 'dayjs/locale/es';
import 'dayjs/locale/pt-br';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import enRepairPage from '../locales/en/repair-page.json';
import enRepairs from '../locales/en/repairs.json';
import enCore from '../locales/en/translation.json';
import esRepairPage from '../locales/es/repair-page.json';
import esRepairs from '../locales/es/repairs.json';
import esCore from '../locales/es/translation.json';
import ptBRRepairPage from '../locales/pt-BR/repair-page.json';
import ptBRRepairs from '../locales/pt-BR/repairs.json';
import ptBRCore from '../locales/pt-BR/translation.json';

// one namespace; the service-order screens keep their strings in files of their own, each with top-level
// keys no other file uses (the merge is shallow)
const ptBR = { ...ptBRCore, ...ptBRRepairs, ...ptBRRepairPage };
const es = { ...esCore, ...esRepairs, ...esRepairPage };
const en = { ...enCore, ...enRepairs, ...enRepairPage };

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
  await i18n.changeLanguage(locale);
}

i18n.on('languageChanged', () => applyLocale(currentLocale()));

void i18n.use(initReactI18next).init({
  resources: {
    'pt-BR': { translation: ptBR },
    es: { translation: es },
    en: { translation: en },
  },
  lng: initialLocale(),
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  // permission keys such as "users:read" are used as translation keys
  nsSeparator: false,
  interpolation: { escapeValue: false },
});

applyLocale(currentLocale());

export { i18n };
