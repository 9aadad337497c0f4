import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { currentLocale, dayjsLocale } from './i18n';
import { queryClient } from './query-client';
import { router } from './router';
import { theme } from './theme';

export function App() {
  // re-render on language change so the date pickers follow it
  useTranslation();
  const locale = currentLocale();
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <DatesProvider settings={{ locale: dayjsLocale(locale), firstDayOfWeek: locale === 'es' ? 1 : 0 }}>
        <Notifications position="top-right" limit={4} />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}
