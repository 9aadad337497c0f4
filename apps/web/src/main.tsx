import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import './app/theme.css';
import './app/print.css';
import { fetchLanguage, type MessagePart, startingLocale, wantParts } from './app/languages';
import { session } from './app/session';
import { isAuthPath } from './features/auth/paths';

// The page's entry, small on purpose: it picks the first screen and starts fetching that screen's code
// and the language's strings side by side, instead of each after a large entry has run. Signed out on a
// sign-in page, that page is shown on its own (AuthApp) with its few strings; anything else is the app.
const isSignInPage = !session.hasSession() && isAuthPath(window.location.pathname);
const parts: MessagePart[] = isSignInPage ? [] : ['core'];

wantParts(parts);
// a failure is reported when i18n starts (root.tsx), which asks again
fetchLanguage(startingLocale).catch(() => undefined);

function report(error: unknown): void {
  console.error('the page could not be loaded', error);
}

if (isSignInPage) {
  Promise.all([import('./root'), import('./features/auth/AuthApp')])
    .then(([root, auth]) => root.showSignIn(auth.AuthApp))
    .catch(report);
} else {
  Promise.all([import('./root'), import('./app/start')])
    .then(([root]) => root.showApp(parts))
    .catch(report);
}
