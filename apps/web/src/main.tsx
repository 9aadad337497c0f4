import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import './app/theme.css';
import './app/print.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { i18nReady } from './app/i18n';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

// the first render waits for the language, so no untranslated key flashes; a failed fetch still renders
void i18nReady
  .catch((error: unknown) => console.error('the interface language could not be loaded', error))
  .then(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
