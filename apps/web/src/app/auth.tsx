import { type Me, MeSchema, NoContentSchema, type Permission, type ProfileUpdate } from '@bancada/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import { api } from './api';
import { changeLocale, isLocale, storedLocale } from './i18n';
import { session } from './session';
import { useHasSession } from './use-has-session';

export const ME_QUERY_KEY = ['auth', 'me'] as const;

/** GET /api/auth/me; start.tsx asks for it at start-up already when there is a session. */
export const meQuery = queryOptions({
  queryKey: ME_QUERY_KEY,
  queryFn: ({ signal }) => api('/auth/me', { schema: MeSchema, signal }),
  staleTime: 5 * 60_000,
});

export function useMeQuery() {
  const hasSession = useHasSession();
  return useQuery({ ...meQuery, enabled: hasSession });
}

interface AuthContextValue {
  me: Me;
  can: (permission: Permission) => boolean;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/** Provides the signed-in user to the shell and pages; rendered only once `me` has loaded. */
export function AuthProvider({ me, children }: { me: Me; children: ReactNode }) {
  const value = useMemo<AuthContextValue>(() => {
    const granted = new Set<string>(me.permissions);
    return { me, can: (permission) => granted.has(permission) };
  }, [me]);

  // The account's language applies unless this device has an explicit choice.
  useEffect(() => {
    if (!storedLocale() && isLocale(me.locale)) void changeLocale(me.locale, { persist: false });
  }, [me.locale]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The shop's IANA time zone once signed in (undefined on public pages: the browser's zone). */
export function useShopTimeZone(): string | undefined {
  return useContext(AuthContext)?.me.organization.timeZone;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    const refreshToken = session.getRefreshToken();
    try {
      await api('/auth/logout', {
        schema: NoContentSchema,
        method: 'POST',
        body: refreshToken ? { refreshToken } : {},
      });
    } catch {
      // signing out locally is what matters; the session expires on its own
    }
    session.clear();
    queryClient.clear();
  }, [queryClient]);
}

/** PATCH /api/auth/me: the signed-in user's own name, phone and language. */
export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProfileUpdate) => api('/auth/me', { schema: MeSchema, method: 'PATCH', body }),
    onSuccess: (me) => queryClient.setQueryData(ME_QUERY_KEY, me),
  });
}
