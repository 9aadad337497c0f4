import { MantineProvider } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { DeferredNotifications } from './components/DeferredNotifications';
import { cssVariablesResolver, theme } from './theme';

/** What every screen sits in, the sign-in page on its own (AuthApp) as much as the app: theme and toasts. */
export function Frame({ children }: { children: ReactNode }) {
  const isPhone = useMediaQuery('(max-width: 36em)');
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      {/* a bottom corner, short-lived: a toast must not cover the header, the filters or a phone's top bar */}
      <DeferredNotifications
        position={isPhone ? 'bottom-center' : 'bottom-right'}
        limit={3}
        autoClose={4000}
      />
      {children}
    </MantineProvider>
  );
}
