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
