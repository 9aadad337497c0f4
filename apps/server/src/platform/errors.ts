import { ERROR_CODES, type ErrorCode } from '@bancada/shared';
import type { MessageKey } from './i18n.js';

/**
 * A failure with a stable code. Services throw these; the error handler turns them into
 * seed 004's body. `message` is a message key, translated per request.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: MessageKey,
    readonly params: Record<string, string | number> = {},
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(messageKey);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export const notFound = (key: MessageKey, params?: Record<string, string | number>) =>
  new AppError('NOT_FOUND', key, params);
export const conflict = (key: MessageKey, details?: Record<string, unknown>) =>
  new AppError('CONFLICT', key, {}, details);
export const forbidden = (key: MessageKey = 'auth.forbidden') => new AppError('FORBIDDEN', key);
export const unauthorized = (key: MessageKey = 'auth.unauthorized') => new AppError('UNAUTHORIZED', key);

/** PostgreSQL unique_violation, so services can map it to a 409. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = findPgError(error);
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

export function findPgError(error: unknown): { code?: string; constraint?: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current === 'object' && current !== null && 'code' in current && 'severity' in current) {
      return current as { code?: string; constraint?: string };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

// what a database error must not carry into a log: the query's bound values (a searched CPF, an
// e-mail) and the row values PostgreSQL quotes in `detail` ("Failing row contains (...)") or `where`
const UNLOGGED_FIELDS = new Set(['params', 'parameters', 'detail', 'where', 'values']);

/** A message without the bound values drizzle appends to it (`Failed query: …\nparams: …`). */
function withoutParams(message: string): string {
  const at = message.indexOf('\nparams:');
  return at === -1 ? message : `${message.slice(0, at)}\nparams: [redacted]`;
}

/**
 * The logger's `err` serializer: like pino's (type, message, stack, own fields, causes), but with
 * database errors' bound values left out, wherever in the cause chain they sit.
 */
export function serializeError(
  error: unknown,
  depth = 0,
): { type: string; message: string; stack: string; [key: string]: unknown } {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error), stack: '' };
  const message = withoutParams(error.message);
  const out: { type: string; message: string; stack: string; [key: string]: unknown } = {
    type: error.constructor?.name ?? error.name,
    message,
    stack: error.stack?.replace(error.message, message) ?? '',
  };
  for (const [key, value] of Object.entries(error)) {
    if (UNLOGGED_FIELDS.has(key) || key === 'cause' || value === undefined) continue;
    out[key] = typeof value === 'string' ? withoutParams(value) : value;
  }
  if (error.cause !== undefined && depth < 5) out.cause = serializeError(error.cause, depth + 1);
  return out;
}
