import { Anchor, type AnchorProps } from '@mantine/core';
import { createContext, type MouseEvent, type ReactNode, useContext } from 'react';

/**
 * How the public pages move between each other. They run inside the app's router (a visitor signed
 * out by the app) or on their own before the router has loaded (a visit that starts at /login, see
 * AuthApp); each host provides this.
 */
export interface AuthNavigation {
  /** the address's query string ("?token=…") */
  search: string;
  navigate: (to: string, options?: { replace?: boolean }) => void;
}

const AuthNavigationContext = createContext<AuthNavigation | null>(null);

export const AuthNavigationProvider = AuthNavigationContext.Provider;

export function useAuthNavigation(): AuthNavigation {
  const value = useContext(AuthNavigationContext);
  if (!value) throw new Error('useAuthNavigation must be used inside <AuthNavigationProvider>');
  return value;
}

interface AuthLinkProps extends AnchorProps {
  to: string;
  children: ReactNode;
}

/** A link between the public pages: a real address (a new tab works too), followed in place on a plain click. */
export function AuthLink({ to, children, ...props }: AuthLinkProps) {
  const { navigate } = useAuthNavigation();
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <Anchor href={to} onClick={follow} {...props}>
      {children}
    </Anchor>
  );
}
