import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import './app/theme.css';
import './app/print.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { meQuery } from './app/auth';
import { i18nReady } from './app/i18n';
import { queryClient } from './app/query-client';
import { preloadRoute } from './app/router';
import { session } from './app/session';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

// While the language loads, the signed-in user is already asked for (RequireAuth waits for it; an
// error is asked again when it renders).
if (session.hasSession()) void queryClient.prefetchQuery(meQuery);

// the first render waits for the language, so no untranslated key flashes; a failed fetch still renders
void i18nReady
  .catch((error: unknown) => console.error('the interface language could not be loaded', error))
  .then(() => {
    // the code of the pages the address shows (the signed-in frame and the page in it, or the sign-in
    // page) side by side, not each after the one around it has rendered; only now, so that the
    // language's own chunk does not wait behind them for a connection
    preloadRoute(window.location.pathname, session.hasSession());
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
