/**
 * An audit entry's `before` and `after` as lines of "field: old → new". Entries written since
 * issue 11 already hold only what changed; older ones hold the record as it was and as it became,
 * so the same comparison is made here: fields that differ, nested objects field by field (their
 * paths joined with dots), lists and other values whole.
 */
export type AuditChange = {
  field: string;
  /** undefined: the field was not there (a create, or a field that appeared) */
  before: unknown;
  /** undefined: the field is gone (a delete, or a field that was removed) */
  after: unknown;
};

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Structural equality; an absent field counts as null. */
function same(a: unknown, b: unknown): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x) || Array.isArray(y)) {
    return Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => same(v, y[i]));
  }
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  return [...keys].every((k) => same((x as Obj)[k], (y as Obj)[k]));
}

function collect(before: Obj | undefined, after: Obj | undefined, prefix: string, out: AuditChange[]) {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  for (const key of keys) {
    const b = before?.[key];
    const a = after?.[key];
    const field = prefix ? `${prefix}.${key}` : key;
    // both sides present and equal: unchanged (on a create or delete every field is listed)
    if (before && after && same(b, a)) continue;
    if ((isObject(b) || b === undefined) && (isObject(a) || a === undefined) && (b || a)) {
      collect(b as Obj | undefined, a as Obj | undefined, field, out);
      continue;
    }
    out.push({ field, before: b, after: a });
  }
}

/** The changed fields, in the order the entry lists them. */
export function auditChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): AuditChange[] {
  const out: AuditChange[] = [];
  collect(before ?? undefined, after ?? undefined, '', out);
  return out;
}

/** A value on one line: text as it is, nothing as a dash, lists and objects as compact JSON. */
export function auditValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
