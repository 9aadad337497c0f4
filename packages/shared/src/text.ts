import { z } from 'zod';

/**
 * C0 control characters that no text field of ours carries: NUL (PostgreSQL text cannot store it)
 * and the rest, except tab, line feed and carriage return, which free text (notes) keeps.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** A one-line value (a query parameter, a name) carries no control character at all. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
export const LINE_CONTROL_CHARACTERS = /[\u0000-\u001F\u007F]/;

// as a pattern, so the API document says it too
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const ONE_LINE_TEXT = /^[^\u0000-\u001F\u007F]*$/;

export const CONTROL_CHARS_MESSAGE = 'validation.control_chars';

/**
 * Half of a UTF-16 surrogate pair without its other half: JSON can spell it (`"\ud800"`), but it is
 * no character; PostgreSQL's jsonb refuses it and text would store U+FFFD in its place.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const unfit = (text: string) => CONTROL_CHARACTERS.test(text) || LONE_SURROGATE.test(text);

export function hasControlCharacters(value: string, multiline = true): boolean {
  return (multiline ? CONTROL_CHARACTERS : LINE_CONTROL_CHARACTERS).test(value);
}

/**
 * A text query parameter (a search box, a filter): trimmed, at most `max` characters, one line,
 * no control characters. Every text parameter of the API is declared with this, so a NUL byte
 * is a 400 before it reaches the database.
 */
export function textParam(max: number) {
  return z.string().trim().max(max).regex(ONE_LINE_TEXT, { message: CONTROL_CHARS_MESSAGE });
}

/**
 * The path of the first string (or key) in a parsed request part (JSON body, query, params) that holds
 * a control character no field carries (NUL, ESC, ...; tab and line breaks are fine) or half of a
 * surrogate pair, or null. The
 * server's validator runs it on every request, whatever the route's schema says: PostgreSQL text
 * cannot store U+0000, and the others only ever arrive from a probe.
 */
type Visit = { value: unknown; key: string | number | null; parent: Visit | null };

function pathOf(visit: Visit, key?: string): (string | number)[] {
  const path: (string | number)[] = key === undefined ? [] : [key];
  for (let at: Visit | null = visit; at && at.key !== null; at = at.parent) path.push(at.key);
  return path.reverse();
}

export function findControlCharacter(value: unknown): (string | number)[] | null {
  // iterative, with parent links, so a deeply nested body costs neither stack nor quadratic time
  const pending: Visit[] = [{ value, key: null, parent: null }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const current = next.value;
    if (typeof current === 'string') {
      if (unfit(current)) return pathOf(next);
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) pending.push({ value: current[i], key: i, parent: next });
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        if (unfit(key)) return pathOf(next, key);
        pending.push({ value: child, key, parent: next });
      }
    }
  }
  return null;
}
