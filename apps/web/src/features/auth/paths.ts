/** The public pages of signing in; main.tsx shows them without the rest of the app to a signed-out visitor. */
export const AUTH_PATHS = ['/login', '/forgot-password', '/reset-password'] as const;

export type AuthPath = (typeof AUTH_PATHS)[number];

export function isAuthPath(pathname: string): pathname is AuthPath {
  return (AUTH_PATHS as readonly string[]).includes(pathname);
}
