import type { Locale } from '@bancada/shared';
import dayjs from 'dayjs';
import localizedFormat from 'dayjs/plugin/localizedFormat';
import { currentLocale, i18n, loadWithLanguage } from './i18n';

// The date pickers' language (dayjs, under @mantine/dates): part of the app, not of the sign-in page,
// which has no dates. Fetched with each language the app switches to (en is built into dayjs).
const DAYJS_LOCALES: Record<Locale, () => Promise<unknown>> = {
  'pt-BR': () => import('dayjs/locale/pt-br'),
  es: () => import('dayjs/locale/es'),
  en: () => Promise.resolve(),
};

// date inputs use localized patterns such as "L" (DD/MM/YYYY in pt-BR)
dayjs.extend(localizedFormat);

/** dayjs and @mantine/dates name the Brazilian locale in lower case. */
export function dayjsLocale(locale: Locale): string {
  return locale === 'pt-BR' ? 'pt-br' : locale;
}

function applyDayjsLocale(): void {
  dayjs.locale(dayjsLocale(currentLocale()));
}

/** Settles once the current language's dayjs locale is in; start.tsx renders after it. */
export const datesReady: Promise<void> = loadWithLanguage((locale) => DAYJS_LOCALES[locale]()).then(
  applyDayjsLocale,
);

i18n.on('languageChanged', applyDayjsLocale);
