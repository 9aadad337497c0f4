import type { ComponentType } from 'react';
import { App } from './App';
import { meQuery } from './auth';
import { datesReady } from './dates';
import { i18nReady, loadAppMessages } from './i18n';
import { queryClient } from './query-client';
import { preloadRoute } from './router';
import { session } from './session';

/** The app's strings beyond the sign-in pages' (on their way already unless the visit began on one). */
function loadAppLanguage(): Promise<void> {
  return i18nReady.then(loadAppMessages);
}

/** Called on the first interaction with the sign-in page (on its own): what signing in will need. */
export function prefetchApp(): void {
  loadAppLanguage().catch(() => undefined);
}

/**
 * Gets the app ready to render at the current address. The signed-in user is asked for at once
 * (RequireAuth waits for it), and the code of the pages the address shows is fetched side by side (the
 * signed-in frame and the page in it), not each after the one around it has rendered; the language's
 * strings are on their way already (main.tsx), so these do not hold them up. Resolves once the strings,
 * the date pickers' locale and those pages' code are in.
 */
export async function startApp(): Promise<ComponentType> {
  const hasSession = session.hasSession();
  if (hasSession) void queryClient.prefetchQuery(meQuery);
  const pagesReady = preloadRoute(window.location.pathname, hasSession);
  await Promise.all([
    pagesReady,
    // a failed language is reported by root.tsx; the app renders all the same
    loadAppLanguage().catch(() => undefined),
    datesReady.catch((error: unknown) =>
      console.error('the date pickers’ language could not be loaded', error),
    ),
  ]);
  return App;
}
