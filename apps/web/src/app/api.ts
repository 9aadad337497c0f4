import { ErrorBodySchema, TokenResponseSchema } from '@bancada/shared';
import { currentLocale, i18n } from './i18n';
import { session } from './session';

const API_BASE = '/api';

export interface SchemaIssue {
  path: readonly PropertyKey[];
  message: string;
}

/** The part of a zod schema the app uses (kept structural so the web app does not import zod itself). */
export interface ParseableSchema<Output> {
  safeParse(
    value: unknown,
  ): { success: true; data: Output } | { success: false; error: { issues: SchemaIssue[] } };
}

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

  /** The body's `details` read with a shared schema; null when there are none or they have another shape. */
  detailsAs<T>(schema: ParseableSchema<T>): T | null {
    if (!this.details) return null;
    const result = schema.safeParse(this.details);
    return result.success ? result.data : null;
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

/** How a request travels; what its answer is comes with RequestOptions. */
export interface SendOptions {
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

export interface RequestOptions<T> extends SendOptions {
  /** the shared schema of the success body; development builds check every answer against it */
  schema: ParseableSchema<T>;
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

/**
 * In development every answer is checked against its shared schema, so a contract drift between the
 * server and the app fails loudly where it happens; production trusts the server and skips the work.
 * The body is returned as it came either way, so both builds behave alike.
 */
function checkBody<T>(path: string, schema: ParseableSchema<T>, body: unknown): T {
  if (import.meta.env.DEV) {
    const result = schema.safeParse(body);
    if (!result.success) {
      console.error(`API answer of ${path} does not match its shared schema`, result.error.issues, body);
      throw new Error(`API answer of ${path} does not match its shared schema`);
    }
  }
  return body as T;
}

/** The one reader of error bodies: seed 004's `{ error, message, details? }` (ErrorBodySchema). */
async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON (a proxy error page, an empty body)
  }
  const parsed = ErrorBodySchema.safeParse(body);
  if (parsed.success) {
    const { error, message, details } = parsed.data;
    return new ApiError(response.status, error, message, details);
  }
  if (import.meta.env.DEV && body !== null) {
    console.error(
      `API error body of ${response.url} does not match ErrorBodySchema`,
      parsed.error.issues,
      body,
    );
  }
  return new ApiError(
    response.status,
    response.statusText,
    i18n.t('errors.http', { status: response.status }),
  );
}

async function send(path: string, options: SendOptions, accessToken: string | null): Promise<Response> {
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
    const tokens = checkBody('/auth/refresh', TokenResponseSchema, await response.json());
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
async function sendAuthorized(path: string, options: SendOptions): Promise<Response> {
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

/** Calls the API and returns the body (null when there is none) with the status and ETag. */
export async function apiRequest<T>(path: string, options: RequestOptions<T>): Promise<ApiResponse<T>> {
  const response = await sendAuthorized(path, options);
  let body: unknown = null;
  if (response.status !== 204) {
    const text = await response.text();
    body = text ? JSON.parse(text) : null;
  }
  const data = checkBody(path, options.schema, body);
  return { data, status: response.status, etag: response.headers.get('ETag') };
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
export async function apiFile(path: string, options: SendOptions = {}): Promise<ApiFile> {
  const response = await sendAuthorized(path, {
    ...options,
    headers: { Accept: '*/*', ...options.headers },
  });
  return {
    blob: await response.blob(),
    filename: filenameOf(response.headers.get('Content-Disposition')),
  };
}

/** Calls the API and returns the body, e.g. `api('/repairs/1', { schema: RepairSchema })`. */
export async function api<T>(path: string, options: RequestOptions<T>): Promise<T> {
  return (await apiRequest(path, options)).data;
}

/** Data of a resource read with its ETag, to send back as If-Match. */
export interface Versioned<T> {
  data: T;
  etag: string;
}

/** Reads a versioned resource; falls back to the body's `version` when the ETag header is absent. */
export async function getVersioned<T extends { version: number }>(
  path: string,
  schema: ParseableSchema<T>,
): Promise<Versioned<T>> {
  const { data, etag } = await apiRequest(path, { schema });
  return { data, etag: etag ?? `"${data.version}"` };
}

/** Writes a versioned resource with If-Match and returns it with its new ETag. */
export async function patchVersioned<T extends { version: number }>(
  path: string,
  etag: string,
  body: unknown,
  schema: ParseableSchema<T>,
): Promise<Versioned<T>> {
  const response = await apiRequest(path, { schema, method: 'PATCH', body, headers: { 'If-Match': etag } });
  return { data: response.data, etag: response.etag ?? `"${response.data.version}"` };
}
