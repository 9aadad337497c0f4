import { AppError } from './errors.js';

export function etagOf(version: number): string {
  return `"${version}"`;
}

/** Reads If-Match: `undefined` when absent, the version when it is `"N"` or `W/"N"`. */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '*') return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(value.trim());
  if (!match) throw new AppError('BAD_REQUEST', 'etag.malformed');
  return Number(match[1]);
}

export function assertVersion(expected: number | undefined, actual: number): void {
  if (expected !== undefined && expected !== actual) {
    throw new AppError('PRECONDITION_FAILED', 'etag.stale', {}, { currentVersion: actual });
  }
}
