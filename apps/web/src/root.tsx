import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Frame } from './app/Frame';
import { startI18n } from './app/i18n';
import type { MessagePart } from './app/languages';
import type { AuthApp } from './features/auth/AuthApp';

// The page's React root and its first screen, which main.tsx picks: the app, or the sign-in pages on
// their own handing over to the app.

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
const root = createRoot(container);

function render(screen: ReactNode): void {
  root.render(
    <StrictMode>
      <Frame>{screen}</Frame>
    </StrictMode>,
  );
}

// the first render waits for the language, so no untranslated key flashes; a failed fetch still renders
function languageReady(parts: readonly MessagePart[]): Promise<void> {
  return startI18n(parts).catch((error: unknown) =>
    console.error('the interface language could not be loaded', error),
  );
}

// The app (router, server state, the signed-in frame) is a chunk of its own, fetched once.
let appModule: Promise<typeof import('./app/start')> | undefined;
function loadApp() {
  if (!appModule) {
    appModule = import('./app/start');
    // a failed fetch is tried again the next time the app is wanted
    appModule.catch(() => {
      appModule = undefined;
    });
  }
  return appModule;
}

let isAppShown = false;

/** The app at the current address; `parts` are the strings main.tsx asked for the first screen. */
export function showApp(parts: readonly MessagePart[]): Promise<void> {
  isAppShown = true;
  return Promise.all([loadApp().then((module) => module.startApp()), languageReady(parts)]).then(([App]) =>
    render(<App />),
  );
}

/**
 * The sign-in pages on their own: the app is fetched on the visitor's first interaction and shown once
 * they have signed in.
 */
export function showSignIn(SignIn: typeof AuthApp): Promise<void> {
  const prefetchApp = () => {
    loadApp()
      .then((module) => module.prefetchApp())
      .catch(() => undefined);
  };
  const handOver = () => {
    if (isAppShown) return;
    // the page could not fetch the app: a new load of the address (signed in now) tries again
    showApp([]).catch(() => window.location.reload());
  };
  return languageReady([]).then(() => render(<SignIn prefetchApp={prefetchApp} onHandOver={handOver} />));
}
