import { ApiError } from '../../app/api';

/** A stale edit (412): someone saved a newer version; the form offers to load it. */
export function isStale(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 412;
}

/** A 409 that names its field (the document already taken) is shown on that field, not on top. */
export function isShownOnField(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && Boolean(error.details);
}
