import { LOCALES, type Locale, pickLocale } from '@bancada/shared';

/**
 * The interface's strings as files, without i18next: main.tsx starts fetching the first language
 * here, beside the code of the first screen, and i18n.ts takes them from here.
 */

export type Messages = Record<string, unknown>;

/**
 * A language is fetched when it is first used, in parts: the sign-in pages' strings (with the error
 * messages every page may show), the rest of the app's core, and the service-order screens' strings,
 * which only the signed-in area and the public estimate read. One namespace: each file's top-level keys
 * are its own, so the merge is shallow.
 */
export type MessagePart = 'public' | 'core' | 'repairs';

const LOADERS: Record<Locale, Record<MessagePart, () => Promise<Messages[]>>> = {
  'pt-BR': {
    public: () => import('../locales/pt-BR/public.json').then((file) => [file.default]),
    core: () => import('../locales/pt-BR/translation.json').then((file) => [file.default]),
    repairs: () =>
      Promise.all([
        import('../locales/pt-BR/repairs.json'),
        import('../locales/pt-BR/repair-page.json'),
        import('../locales/pt-BR/communication.json'),
        import('../locales/pt-BR/maintenance.json'),
        import('../locales/pt-BR/engagement.json'),
        import('../locales/pt-BR/support.json'),
        import('../locales/pt-BR/portal.json'),
        import('../locales/pt-BR/calendar-feed.json'),
        import('../locales/pt-BR/scheduling.json'),
      ]).then((files) => files.map((file) => file.default)),
  },
  es: {
    public: () => import('../locales/es/public.json').then((file) => [file.default]),
    core: () => import('../locales/es/translation.json').then((file) => [file.default]),
    repairs: () =>
      Promise.all([
        import('../locales/es/repairs.json'),
        import('../locales/es/repair-page.json'),
        import('../locales/es/communication.json'),
        import('../locales/es/maintenance.json'),
        import('../locales/es/engagement.json'),
        import('../locales/es/support.json'),
        import('../locales/es/portal.json'),
        import('../locales/es/calendar-feed.json'),
        import('../locales/es/scheduling.json'),
      ]).then((files) => files.map((file) => file.default)),
  },
  en: {
    public: () => import('../locales/en/public.json').then((file) => [file.default]),
    core: () => import('../locales/en/translation.json').then((file) => [file.default]),
    repairs: () =>
      Promise.all([
        import('../locales/en/repairs.json'),
        import('../locales/en/repair-page.json'),
        import('../locales/en/communication.json'),
        import('../locales/en/maintenance.json'),
        import('../locales/en/engagement.json'),
        import('../locales/en/support.json'),
        import('../locales/en/portal.json'),
        import('../locales/en/calendar-feed.json'),
        import('../locales/en/scheduling.json'),
      ]).then((files) => files.map((file) => file.default)),
  },
};

/** The parts every language switch loads: the sign-in pages' always, the others once something asked for them. */
const wantedParts = new Set<MessagePart>(['public']);
const fetched = new Map<string, Promise<Messages>>();

function fetchPart(locale: Locale, part: MessagePart): Promise<Messages> {
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

/** Adds parts to what every language switch loads from now on. */
export function wantParts(parts: readonly MessagePart[]): void {
  for (const part of parts) wantedParts.add(part);
}

/** The wanted parts of a language, merged (each fetched once). */
export async function fetchLanguage(locale: Locale): Promise<Messages> {
  const parts = await Promise.all([...wantedParts].map((part) => fetchPart(locale, part)));
  return Object.assign({}, ...parts);
}

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

/** Remembers the user's explicit choice on this device. */
export function storeLocale(locale: Locale): void {
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

/** The language the page starts in: the device's choice, else the browser's best match. */
export const startingLocale: Locale =
  storedLocale() ?? pickLocale(navigator.languages?.join(',') || navigator.language);
