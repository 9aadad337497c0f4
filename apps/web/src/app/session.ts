import type { TokenResponse } from '@bancada/shared';

/**
 * Where the tokens live. The refresh token goes to localStorage when "remember me" was ticked
 * (it survives closing the browser) and to sessionStorage otherwise; the access token is kept in
 * memory and mirrored in sessionStorage so a reload of the tab does not need a refresh.
 */
const REFRESH_KEY = 'bancada.refreshToken';
const ACCESS_KEY = 'bancada.accessToken';

interface StoredAccess {
  token: string;
  expiresAt: number;
}

type Listener = () => void;

const listeners = new Set<Listener>();
let access: StoredAccess | null = readAccess();

function safeGet(storage: Storage, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

function safeSet(storage: Storage, key: string, value: string | null): void {
  try {
    if (value === null) storage.removeItem(key);
    else storage.setItem(key, value);
  } catch {
    // storage unavailable (private mode, quota): the session lasts for this page only
  }
}

function readAccess(): StoredAccess | null {
  const raw = safeGet(sessionStorage, ACCESS_KEY);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<StoredAccess>;
    return typeof parsed.token === 'string' && typeof parsed.expiresAt === 'number'
      ? { token: parsed.token, expiresAt: parsed.expiresAt }
      : null;
  } catch {
    return null;
  }
}

function emit(): void {
  for (const listener of listeners) listener();
}

export const session = {
  getAccessToken(): string | null {
    return access?.token ?? null;
  },

  /** True when the access token is missing or about to expire (30 s of clock skew allowed). */
  isAccessStale(): boolean {
    return !access || access.expiresAt - 30_000 < Date.now();
  },

  getRefreshToken(): string | null {
    return safeGet(localStorage, REFRESH_KEY) ?? safeGet(sessionStorage, REFRESH_KEY);
  },

  isRemembered(): boolean {
    return safeGet(localStorage, REFRESH_KEY) !== null;
  },

  hasSession(): boolean {
    return access !== null || session.getRefreshToken() !== null;
  },

  store(tokens: Pick<TokenResponse, 'accessToken' | 'refreshToken' | 'expiresIn'>, remember: boolean): void {
    const wasSignedIn = session.hasSession();
    access = { token: tokens.accessToken, expiresAt: Date.now() + tokens.expiresIn * 1000 };
    safeSet(sessionStorage, ACCESS_KEY, JSON.stringify(access));
    safeSet(remember ? localStorage : sessionStorage, REFRESH_KEY, tokens.refreshToken);
    safeSet(remember ? sessionStorage : localStorage, REFRESH_KEY, null);
    if (!wasSignedIn) emit();
  },

  clear(): void {
    const wasSignedIn = session.hasSession();
    access = null;
    safeSet(sessionStorage, ACCESS_KEY, null);
    safeSet(sessionStorage, REFRESH_KEY, null);
    safeSet(localStorage, REFRESH_KEY, null);
    if (wasSignedIn) emit();
  },

  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

// Another tab signed out (the shared, remembered refresh token disappeared): sign out here too.
window.addEventListener('storage', (event) => {
  if (event.key === REFRESH_KEY && event.storageArea === localStorage && event.newValue === null) {
    if (safeGet(sessionStorage, REFRESH_KEY) === null) session.clear();
  }
});
