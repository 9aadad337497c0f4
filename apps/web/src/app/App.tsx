import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { useMediaQuery } from '@mantine/hooks';
import { QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { DeferredNotifications } from './components/DeferredNotifications';
import { currentLocale, dayjsLocale } from './i18n';
import { queryClient } from './query-client';
import { router } from './router';
import { cssVariablesResolver, theme } from './theme';

export function App() {
  // re-render on language change so the date pickers follow it
  useTranslation();
  const locale = currentLocale();
  const isPhone = useMediaQuery('(max-width: 36em)');
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <DatesProvider settings={{ locale: dayjsLocale(locale), firstDayOfWeek: locale === 'es' ? 1 : 0 }}>
        {/* a bottom corner, short-lived: a toast must not cover the header, the filters or a phone's top bar */}
        <DeferredNotifications
          position={isPhone ? 'bottom-center' : 'bottom-right'}
          limit={3}
          autoClose={4000}
        />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}
