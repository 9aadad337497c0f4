import { DatesProvider } from '@mantine/dates';
import { QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { dayjsLocale } from './dates';
import { currentLocale } from './i18n';
import { queryClient } from './query-client';
import { appRouter } from './router';

/** The app inside the Frame: server state, the date pickers' settings and the routes. */
export function App() {
  // re-render on language change so the date pickers follow it
  useTranslation();
  const locale = currentLocale();
  return (
    <DatesProvider settings={{ locale: dayjsLocale(locale), firstDayOfWeek: locale === 'es' ? 1 : 0 }}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={appRouter()} />
      </QueryClientProvider>
    </DatesProvider>
  );
}
