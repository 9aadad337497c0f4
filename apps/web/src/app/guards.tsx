import type { Permission } from '@bancada/shared';
import { Center, Loader, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { AuthProvider, useAuth, useMeQuery } from './auth';
import { ErrorAlert } from './components/QueryStates';
import { NoAccessPage } from './components/StatusPages';
import { useHasSession } from './use-has-session';

export interface FromState {
  from?: string;
}

function FullPageLoader() {
  const { t } = useTranslation();
  return (
    <Center h="100dvh">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

/** Signed-in area: loads `me` (refreshing the session first if needed) or sends the visitor to /login. */
export function RequireAuth() {
  const hasSession = useHasSession();
  const location = useLocation();
  const meQuery = useMeQuery();

  if (!hasSession) {
    const from = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to="/login" replace state={{ from } satisfies FromState} />;
  }
  if (meQuery.data) {
    return (
      <AuthProvider me={meQuery.data}>
        <Outlet />
      </AuthProvider>
    );
  }
  if (meQuery.isError) return <MeError error={meQuery.error} onRetry={() => void meQuery.refetch()} />;
  return <FullPageLoader />;
}

function MeError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <Center h="100dvh" p="md">
      <Stack maw={420} w="100%">
        <ErrorAlert error={error} onRetry={onRetry} />
      </Stack>
    </Center>
  );
}

/** Public pages (login, password reset): a signed-in visitor goes to the app instead. */
export function RedirectIfSignedIn({ children }: { children: ReactNode }) {
  const hasSession = useHasSession();
  const location = useLocation();
  if (hasSession) {
    const from = (location.state as FromState | null)?.from;
    return <Navigate to={from && from !== '/login' ? from : '/'} replace />;
  }
  return children;
}

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useAuth();
  return can(permission) ? children : <NoAccessPage />;
}
