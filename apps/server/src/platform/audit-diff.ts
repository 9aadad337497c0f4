/**
 * What an audit row keeps of a change (decision 0006): the fields that changed, not two snapshots,
 * with personal data masked and secrets left out. `recordAudit` runs every row through `auditDiff`,
 * so the services keep passing the record as it was and as it became.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
export type AuditSides = { before: JsonObject | null; after: JsonObject | null };

const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A value as JSON would store it: undefined gone, dates as ISO strings, key order kept. */
export function toJson(value: unknown): Json | undefined {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as Json);
}

/** Structural equality of JSON values; an absent key counts as null. */
export function sameJson(a: Json | undefined, b: Json | undefined): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x === y) return true;
  if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') return false;
  if (Array.isArray(x) || Array.isArray(y)) {
    return (
      Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => sameJson(v, y[i]))
    );
  }
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  for (const key of keys) if (!sameJson(x[key], y[key])) return false;
  return true;
}

/**
 * The keys whose values differ, on each side where the key is present. Nested objects are compared
 * field by field (only their changed fields are kept); arrays and other values are kept whole.
 */
export function diffObjects(
  before: JsonObject,
  after: JsonObject,
): { before: JsonObject; after: JsonObject } {
  const out = { before: {} as JsonObject, after: {} as JsonObject };
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  for (const key of keys) {
    const b = before[key];
    const a = after[key];
    if (sameJson(b, a)) continue;
    if (isObject(b) && isObject(a)) {
      const inner = diffObjects(b, a);
      out.before[key] = inner.before;
      out.after[key] = inner.after;
      continue;
    }
    if (b !== undefined) out.before[key] = b;
    if (a !== undefined) out.after[key] = a;
  }
  return out;
}

/** Fields that change with every update and say nothing the row's own time does not. */
const UPDATE_NOISE = new Set(['updatedAt']);

/** An object to store: records stay as they are, a list or a plain value is wrapped. */
function asObject(value: Json | undefined): JsonObject | null {
  if (value === undefined || value === null) return null;
  if (isObject(value)) return value;
  return Array.isArray(value) ? { items: value } : { value };
}

/**
 * A create (nothing before) keeps the created fields that hold something; a delete (nothing after)
 * keeps what was removed; otherwise only what changed. Then personal data is masked.
 */
export function auditDiff(before: unknown, after: unknown): AuditSides {
  const b = asObject(toJson(before));
  const a = asObject(toJson(after));
  let sides: AuditSides;
  if (!b || !a) {
    const drop = (o: JsonObject | null) =>
      o && Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
    sides = { before: drop(b), after: drop(a) };
  } else {
    const changed = diffObjects(b, a);
    for (const key of UPDATE_NOISE) {
      delete changed.before[key];
      delete changed.after[key];
    }
    sides = changed;
  }
  return { before: sides.before && maskObject(sides.before), after: sides.after && maskObject(sides.after) };
}

// ------------------------------------------------------------------ masking

/** Never stored, not even masked: password hashes, tokens, keys, ciphertexts. */
const SECRET = /password|secret|token|apikey|api_key|ciphertext|credential|privatekey/i;
/**
 * Keyed lookup hashes of personal data (a CNPJ root's, a phone's, an e-mail's). `documentHash` is left
 * alone: on an estimate it is the document's integrity hash, which the audit row is there to keep;
 * the customers' lookup hash of the same name lives in their table and is never given to the audit.
 */
const LOOKUP_HASH = /^(documentRoot|phone|email|cpf|cnpj)Hash$/i;
const DOCUMENT = /^(document|documentFormatted|cpf|cnpj|taxId|rg|nationalId)$/i;
const PHONE = /phone|mobile|whatsapp|celular|telefone/i;
const EMAIL = /e-?mail/i;
const ADDRESS = /address|endereco/i;
/** An address's lines that locate a person; city, state and country stay readable */
const ADDRESS_LINES = new Set([
  'street',
  'number',
  'complement',
  'neighborhood',
  'line1',
  'line2',
  'district',
]);

export const REDACTED = '[redacted]';

const alreadyMasked = (value: string) => value.includes('*');

/** Every letter and digit but the last few: ***.***.247-25 (as customers' `maskDocument`). */
export function maskDocumentValue(value: string): string {
  if (alreadyMasked(value)) return value;
  const chars = [...value];
  const total = chars.filter((c) => /[0-9a-z]/i.test(c)).length;
  const keep = Math.min(5, Math.floor(total / 2));
  let seen = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    if (/[0-9a-z]/i.test(chars[i]!) && ++seen > keep) chars[i] = '*';
  }
  return chars.join('');
}

/** The last four digits: +55 (11) 9****-4321. */
export function maskPhoneValue(value: string): string {
  if (alreadyMasked(value)) return value;
  const chars = [...value];
  let seen = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    if (/[0-9]/.test(chars[i]!) && ++seen > 4) chars[i] = '*';
  }
  return chars.join('');
}

/** The first letter and the domain: m***@exemplo.com.br. */
export function maskEmailValue(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 0 || alreadyMasked(value.slice(0, at))) return value;
  return `${value.slice(0, 1)}***${value.slice(at)}`;
}

/** Postal code: the first five digits (the region), the rest hidden: 01310-***. */
function maskPostalCode(value: string): string {
  let seen = 0;
  return [...value].map((c) => (/[0-9]/.test(c) && ++seen > 5 ? '*' : c)).join('');
}

function maskAddress(value: Json): Json {
  if (typeof value === 'string') return value ? '***' : value;
  if (Array.isArray(value)) return value.map(maskAddress);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string' && v && ADDRESS_LINES.has(key)) out[key] = '***';
    else if (typeof v === 'string' && /^(postalCode|cep|zip|zipCode)$/i.test(key))
      out[key] = maskPostalCode(v);
    else out[key] = maskValue(key, v);
  }
  return out;
}

function maskStrings(value: Json, mask: (s: string) => string): Json {
  if (typeof value === 'string') return mask(value);
  if (Array.isArray(value)) return value.map((v) => maskStrings(v, mask));
  if (isObject(value)) {
    // a list of phones is [{ label, number }]: the number is the phone
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === 'number' ? maskStrings(v, mask) : maskValue(k, v)]),
    );
  }
  return value;
}

/** One field, by its name: secrets redacted, documents, phones, e-mails and addresses masked. */
function maskValue(key: string, value: Json): Json {
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value === 'string' && (SECRET.test(key) || LOOKUP_HASH.test(key))) return REDACTED;
  if (DOCUMENT.test(key)) return maskStrings(value, maskDocumentValue);
  if (PHONE.test(key)) return maskStrings(value, maskPhoneValue);
  if (EMAIL.test(key)) return maskStrings(value, maskEmailValue);
  if (ADDRESS.test(key)) return maskAddress(value);
  if (Array.isArray(value)) return value.map((v) => (isObject(v) ? maskObject(v) : v));
  if (isObject(value)) return maskObject(value);
  return value;
}

export function maskObject(value: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) out[key] = maskValue(key, v);
  return out;
}
