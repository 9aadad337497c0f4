import { type ComponentType, lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useHasSession } from '../../app/use-has-session';
import { LoginPage } from './LoginPage';
import { type AuthNavigation, AuthNavigationProvider } from './navigation';
import { type AuthPath, isAuthPath } from './paths';

const ForgotPasswordPage = lazy(async () => ({
  default: (await import('./ForgotPasswordPage')).ForgotPasswordPage,
}));
const ResetPasswordPage = lazy(async () => ({
  default: (await import('./ResetPasswordPage')).ResetPasswordPage,
}));

const PAGES: Record<AuthPath, ComponentType> = {
  '/login': LoginPage,
  '/forgot-password': ForgotPasswordPage,
  '/reset-password': ResetPasswordPage,
};

// what the user does first on the page; a field focused by autoFocus is not the user's doing
const FIRST_INTERACTION = ['pointerdown', 'keydown', 'input'] as const;

interface AuthAppProps {
  /** starts fetching the app (router, server state) that the page hands over to */
  prefetchApp: () => void;
  /** the visitor signed in, or went (back) to an address these pages do not show: the app takes over */
  onHandOver: () => void;
}

function currentAddress() {
  return { pathname: window.location.pathname, search: window.location.search };
}

/**
 * The public pages on their own, for a visit that starts at one of them signed out: the sign-in page
 * draws without the router, TanStack Query or the signed-in frame, which load on the visitor's first
 * interaction and take over once the session exists. Moves between the three pages with the History API.
 */
export function AuthApp({ prefetchApp, onHandOver }: AuthAppProps) {
  const [address, setAddress] = useState(currentAddress);
  const hasSession = useHasSession();
  const pathname = address.pathname;
  const isShown = isAuthPath(pathname);

  useEffect(() => {
    const follow = () => setAddress(currentAddress());
    window.addEventListener('popstate', follow);
    return () => window.removeEventListener('popstate', follow);
  }, []);

  useEffect(() => {
    const prefetch = () => {
      for (const type of FIRST_INTERACTION) document.removeEventListener(type, prefetch, true);
      prefetchApp();
    };
    for (const type of FIRST_INTERACTION) document.addEventListener(type, prefetch, true);
    return () => {
      for (const type of FIRST_INTERACTION) document.removeEventListener(type, prefetch, true);
    };
  }, [prefetchApp]);

  useEffect(() => {
    if (hasSession || !isShown) onHandOver();
  }, [hasSession, isShown, onHandOver]);

  const navigation = useMemo<AuthNavigation>(
    () => ({
      search: address.search,
      navigate: (to, { replace = false } = {}) => {
        if (replace) window.history.replaceState(null, '', to);
        else window.history.pushState(null, '', to);
        setAddress(currentAddress());
        window.scrollTo(0, 0);
      },
    }),
    [address.search],
  );

  if (!isAuthPath(pathname)) return null;
  const Page = PAGES[pathname];
  return (
    <AuthNavigationProvider value={navigation}>
      <Suspense fallback={null}>
        <Page />
      </Suspense>
    </AuthNavigationProvider>
  );
}
