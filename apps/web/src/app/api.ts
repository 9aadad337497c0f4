import type { TokenResponse } from '@bancada/shared';
import { currentLocale, i18n } from './i18n';
import { session } from './session';

const API_BASE = '/api';

/** An error answered by the API (seed 004 body) or a failure to reach it (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly error: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, error: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.error = error;
    this.details = details;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** A message fit to show to a person, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return i18n.t('errors.unexpected');
}

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** false for the public routes (login, refresh, password reset) */
  auth?: boolean;
  signal?: AbortSignal;
  /** a body sent as it is (CSV text, say) with its content type, instead of JSON */
  raw?: { contentType: string; data: string | Blob };
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  etag: string | null;
}

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON (a proxy error page, an empty body)
  }
  if (body && typeof body === 'object') {
    const { error, message, details } = body as { error?: unknown; message?: unknown; details?: unknown };
    if (typeof message === 'string') {
      return new ApiError(
        response.status,
        typeof error === 'string' ? error : response.statusText,
        message,
        details && typeof details === 'object' ? (details as Record<string, unknown>) : undefined,
      );
    }
  }
  return new ApiError(
    response.status,
    response.statusText,
    i18n.t('errors.http', { status: response.status }),
  );
}

async function send(path: string, options: RequestOptions, accessToken: string | null): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLocale(),
    ...options.headers,
  };
  let body: string | Blob | undefined;
  if (options.raw) {
    headers['Content-Type'] = options.raw.contentType;
    body = options.raw.data;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  try {
    return await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body,
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'Network Error', i18n.t('errors.network'));
  }
}

// Single flight: every request that meets a 401 while a refresh is running waits for that refresh.
let refreshing: Promise<boolean> | null = null;

/** Exchanges the stored refresh token for a new pair; false (and the session cleared) when refused. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= withCrossTabLock(runRefresh).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/**
 * Refresh tokens rotate and a reused one revokes the whole session, so two tabs sharing a remembered
 * token must not refresh at the same time: the Web Locks API serialises them across tabs.
 */
async function withCrossTabLock<T>(fn: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && 'locks' in navigator && navigator.locks) {
    return navigator.locks.request('bancada.refresh', fn);
  }
  return fn();
}

async function runRefresh(): Promise<boolean> {
  // read inside the lock: another tab may have just rotated it
  const refreshToken = session.getRefreshToken();
  if (!refreshToken) {
    session.clear();
    return false;
  }
  const remember = session.isRemembered();
  const response = await send('/auth/refresh', { method: 'POST', body: { refreshToken } }, null);
  if (response.ok) {
    const tokens = (await response.json()) as TokenResponse;
    session.store(tokens, remember);
    return true;
  }
  if (response.status >= 400 && response.status < 500 && response.status !== 429) {
    session.clear();
    return false;
  }
  // the server is down or busy: keep the session and report the failure
  throw await toApiError(response);
}

/** Sends a request with the session's token, refreshing it once on a 401; throws ApiError unless 2xx. */
async function sendAuthorized(path: string, options: RequestOptions): Promise<Response> {
  const authenticated = options.auth !== false;
  if (authenticated && session.isAccessStale() && session.getRefreshToken()) {
    await refreshSession();
  }
  let response = await send(path, options, authenticated ? session.getAccessToken() : null);

  if (response.status === 401 && authenticated && session.hasSession()) {
    const refreshed = await refreshSession();
    if (refreshed) response = await send(path, options, session.getAccessToken());
    else throw await toApiError(response);
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

/** Calls the API and returns the parsed body with the status and ETag. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const response = await sendAuthorized(path, options);
  let data: unknown;
  if (response.status !== 204) {
    const text = await response.text();
    data = text ? JSON.parse(text) : undefined;
  }
  return { data: data as T, status: response.status, etag: response.headers.get('ETag') };
}

export interface ApiFile {
  blob: Blob;
  /** from Content-Disposition, when the server names the file */
  filename: string | null;
}

function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1]);
    } catch {
      // fall back to the plain parameter
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
}

/**
 * Downloads a binary answer (a CSV export, a PNG label). Plain links cannot carry the Bearer token,
 * so files are fetched like any other call and handed to the page as a Blob.
 */
export async function apiFile(path: string, options: RequestOptions = {}): Promise<ApiFile> {
  const response = await sendAuthorized(path, {
    ...options,
    headers: { Accept: '*/*', ...options.headers },
  });
  return {
    blob: await response.blob(),
    filename: filenameOf(response.headers.get('Content-Disposition')),
  };
}

/** Calls the API and returns the parsed body. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await apiRequest<T>(path, options)).data;
}

/** Data of a resource read with its ETag, to send back as If-Match. */
export interface Versioned<T> {
  data: T;
  etag: string;
}

/** Reads a versioned resource; falls back to the body's `version` when the ETag header is absent. */
export async function getVersioned<T extends { version: number }>(path: string): Promise<Versioned<T>> {
  const { data, etag } = await apiRequest<T>(path);
  return { data, etag: etag ?? `"${data.version}"` };
}

/** Writes a versioned resource with If-Match and returns it with its new ETag. */
export async function patchVersioned<T extends { version: number }>(
  path: string,
  etag: string,
  body: unknown,
): Promise<Versioned<T>> {
  const response = await apiRequest<T>(path, { method: 'PATCH', body, headers: { 'If-Match': etag } });
  return { data: response.data, etag: response.etag ?? `"${response.data.version}"` };
}
